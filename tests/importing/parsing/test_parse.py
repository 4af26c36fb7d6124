"""Tests for documents.importing.parsing.parse: whole documents (the seeds, pages from other sites), end to end."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents.importing.cleaning import clean, furniture_reason
from documents.importing.parsing import parse
from documents.importing.reading import read_text
from tests.importing.parsing.samples import FIXTURES, P1, P2, ZH1, D, import_file, seed_path

# --- the seeds ------------------------------------------------------------------------------

SEED_EXPECTATIONS = [
    pytest.param("000", "Foreign Policy", None, "unknown", "article", "", id="000"),
    pytest.param("001", "China's Independent Foreign Policy of Peace", None, "unknown", "article", "", id="001"),
    pytest.param("002", "Independent Foreign Policy of Peace", None, "unknown", "article", "", id="002"),
    pytest.param(
        "003", "China Contributes to a Better World(四)", D(2019, 11, 29), "day", "article",
        "China South South Cooperation Network", id="003",
    ),
    pytest.param(
        "004", "Press Center for 20th CPC National Congress: 4th press conference", D(2022, 10, 31), "day",
        "press_conference", "", id="004",
    ),
]


@pytest.mark.parametrize(("seed", "title", "date", "precision", "doc_type", "source"), SEED_EXPECTATIONS)
def test_seed_metadata(seed, title, date, precision, doc_type, source) -> None:
    doc = import_file(seed_path(seed))
    assert doc.title == title
    assert (doc.date, doc.date_precision) == (date, precision)
    assert doc.doc_type == doc_type
    assert doc.source == source
    assert doc.languages == ["en"]


SEED_FURNITURE_WORDS = (
    "Tools:", "Adjust font size", "Related Stories", "Product Directory", "Hot Buys", "SiteMap", "Copyright",
    "ICP", "Welcome to", "Click Num", "Netizens", "Comments", "About NEWs", "Biomass", "Hydropower", "< ",
)


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_no_furniture_title_or_dateline_in_seed_sections(seed: str) -> None:
    doc = import_file(seed_path(seed))
    assert doc.sections
    for section in doc.sections:
        assert section.text and section.text == section.text.strip()
        assert "  " not in section.text and "\xa0" not in section.text
        assert not furniture_reason(section.text), section.text
        assert not any(word in section.text for word in SEED_FURNITURE_WORDS), section.text
        assert section.text != doc.title
        assert not section.text.startswith("2019-11-29")


def test_seed_000_is_an_introduction_and_eight_list_items() -> None:
    doc = import_file(seed_path("000"))
    assert [s.kind for s in doc.sections] == ["paragraph"] + ["list_item"] * 8
    assert doc.sections[1].text.startswith("Conforming to the trend of history")
    assert doc.sections[8].text.startswith("Actively participating in multilateral diplomatic activities")


def test_seed_003_broken_paragraphs_are_joined() -> None:
    doc = import_file(seed_path("003"))
    texts = [s.text for s in doc.sections]
    assert doc.sections[0].kind == "heading"
    assert doc.sections[0].text == "4. Developing global partnerships"
    assert any("follow the same path can be partners, and so can those" in t for t in texts)
    assert any("closely coordinate with each other on major issues of mutual concern" in t for t in texts)
    assert not any(t.startswith(("can be partners", "issues of mutual concern")) for t in texts)
    assert len(doc.sections) == 7


def test_seed_004_is_one_question_and_its_answer() -> None:
    doc = import_file(seed_path("004"))
    assert {(s.speaker, s.kind) for s in doc.sections} == {("Phoenix TV", "question"), ("Ma Zhaoxu", "answer")}
    assert [s.kind for s in doc.sections] == ["question"] + ["answer"] * 5
    assert doc.sections[0].text.startswith("What is China's goal in the world?")
    assert doc.sections[-1].text.endswith("Thank you!")


def test_seed_002_narrative_years_do_not_date_it() -> None:
    doc = import_file(seed_path("002"))
    assert "1949" in doc.sections[0].text
    assert doc.date is None


# --- documents from other sites, years and languages -----------------------------------------

FIXTURE_EXPECTATIONS = [
    pytest.param(
        "xinhua_article_en.txt", "Chinese FM meets Japanese counterpart on bilateral ties", D(2020, 1, 13), "day",
        "Xinhua", "article", ["en"], id="xinhua english article",
    ),
    pytest.param(
        "chinadaily_article_en.txt", "Independent foreign policy serves peace", D(2014, 6, 28), "day",
        "chinadaily.com.cn", "article", ["en"], id="chinadaily article under a section label",
    ),
    pytest.param(
        "chinadaily_page.html", "China reaffirms independent foreign policy of peace", D(2019, 11, 29), "day",
        "China Daily", "article", ["en"], id="html page",
    ),
    pytest.param(
        "fmprc_press_conference_zh.gb18030.txt", "2020年1月13日外交部发言人耿爽主持例行记者会", D(2020, 1, 13), "day",
        "中华人民共和国外交部", "press_conference", ["zh"], id="fmprc press conference gb18030",
    ),
    pytest.param(
        "statement_zh_hant.big5.txt", "中華人民共和國外交部發言人聲明", D(2019, 11, 29), "day",
        "外交部駐香港特別行政區特派員公署", "statement", ["zh"], id="big5 statement",
    ),
    pytest.param(
        "declaration_fr.utf16le-bom.txt",
        "Déclaration du Secrétaire général à l'occasion de la Journée des Nations Unies pour la coopération Sud-Sud",
        D(2019, 9, 12), "day", "", "statement", ["fr"], id="utf-16 french declaration",
    ),
    pytest.param(
        "discurso_es.cp1252.txt", "Discurso del Embajador de China en la Universidad Nacional", D(2022, 10, 31), "day",
        "", "speech", ["es"], id="cp1252 spanish speech",
    ),
    pytest.param(
        "bilingual_joint_statement_zh_en.txt", "中华人民共和国和东南亚国家联盟联合声明", D(2003, 10, 8), "day",
        "", "statement", ["zh", "en"], id="bilingual joint statement",
    ),
    pytest.param(
        "white_paper_zh.utf8-bom.crlf.txt", "新时代的中国与世界", D(2019, 9, 1), "month", "中华人民共和国国务院新闻办公室",
        "article", ["zh"],
        id="white paper with a month date",
    ),
    pytest.param(
        "interview_en.txt", "Interview: Chinese ambassador says multilateralism is the way forward",
        D(2021, 6, 18), "day", "", "interview", ["en"], id="interview",
    ),
]


@pytest.mark.parametrize(
    ("filename", "title", "date", "precision", "source", "doc_type", "languages"), FIXTURE_EXPECTATIONS
)
def test_fixture_metadata(filename, title, date, precision, source, doc_type, languages) -> None:
    doc = import_file(FIXTURES / filename)
    assert doc.title == title
    assert (doc.date, doc.date_precision) == (date, precision)
    assert doc.source == source
    assert doc.doc_type == doc_type
    assert doc.languages == languages
    for section in doc.sections:
        assert not furniture_reason(section.text), section.text
        assert section.text != title


def test_fmprc_turns_and_speakers() -> None:
    doc = import_file(FIXTURES / "fmprc_press_conference_zh.gb18030.txt")
    assert [(s.kind, s.speaker) for s in doc.sections] == [
        ("question", "问"), ("answer", "答"), ("answer", "答"), ("question", "法新社记者"), ("answer", "耿爽"),
    ]
    assert doc.sections[0].text.startswith("据报道")


def test_white_paper_headings_and_list() -> None:
    doc = import_file(FIXTURES / "white_paper_zh.utf8-bom.crlf.txt")
    kinds = {s.text: s.kind for s in doc.sections}
    assert kinds["前言"] == "heading"
    assert kinds["一、中国坚定不移走和平发展道路"] == "heading"
    assert kinds["（一）坚持独立自主的和平外交政策"] == "heading"
    assert [s.kind for s in doc.sections[-2:]] == ["list_item", "list_item"]


def test_xinhua_quotation_and_dateline_paragraph() -> None:
    doc = import_file(FIXTURES / "xinhua_article_en.txt")
    assert [s.kind for s in doc.sections] == ["paragraph", "paragraph", "quotation", "paragraph"]
    assert doc.sections[0].text.startswith("BEIJING, Jan. 13 (Xinhua) --")


def test_running_headers_of_a_paginated_text_are_furniture() -> None:
    running = "China's National Defense in the New Era"
    text = (f"{running}\n\n{P1}\n\n{running}                                    2\n\n{P2}\n\n"
            f"{running}                                    3\n\nChina opposes hegemonism.")
    cleaned = clean(text)
    doc = parse(cleaned.text, name="defense.txt", meta=cleaned.meta)
    assert doc.title == running
    assert [s.text for s in doc.sections] == [P1, P2, "China opposes hegemonism."]
    assert [line.strip() for line in cleaned.removed] == [f"{running}                                    2",
                                                          f"{running}                                    3"]


# --- robustness and speed -------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([P1, P2, ZH1, "", "Q:", "A:", "Phoenix TV:", "-- item", "2019-11-29",
                                           "Headline", "“Quoted.”", "4.Heading"]),
                          st.text(max_size=60).map(lambda s: s.replace("\r", ""))), max_size=25))
def test_parse_never_fails_and_sections_are_clean(lines: list[str]) -> None:
    doc = parse("\n".join(lines), name="random.txt")
    assert doc.title.strip()
    assert doc.date_precision in ("day", "month", "year", "unknown")
    assert doc.doc_type in ("speech", "press_conference", "statement", "article", "white_paper", "communique",
                            "interview", "other")
    for section in doc.sections:
        assert section.text.strip() == section.text and section.text
        assert section.kind in ("heading", "paragraph", "list_item", "question", "answer", "quotation")


def _synthetic_document(rng: random.Random, words: list[str], number: int) -> str:
    paragraphs = []
    for _ in range(40):
        start = rng.randrange(len(words) - 120)
        paragraphs.append(" ".join(words[start:start + rng.randint(30, 110)]).rstrip(".,;") + ".")
    return (f"Title number {number} on foreign policy\n\n2019-11-29 16:31:41 Click Num:{number}\n\n"
            + "\n\n".join(paragraphs) + "\n\nTools: Save | Print | E-mail\nCopyright © All Rights Reserved")


def test_forty_paragraphs_between_a_dateline_and_a_tool_bar_are_forty_passages() -> None:
    """Documents shaped like the import benchmark's: the whole text comes through, furniture
    excepted, one passage per paragraph. (Speed is measured by bench/import_bench.py, not here.)"""
    prose = (seed_path("001"), seed_path("002"))  # seeds without page furniture
    words = " ".join(read_text(data=p.read_bytes(), name=p.name) for p in prose).split()
    rng = random.Random(1)
    for number in range(20):
        text = _synthetic_document(rng, words, number)
        doc = parse(clean(text).text, name="doc.txt")
        assert doc.title == f"Title number {number} on foreign policy"
        assert (doc.date, doc.date_precision) == (D(2019, 11, 29), "day")
        assert len(doc.sections) == 40
        assert [s.text for s in doc.sections] == text.split("\n\n")[2:42]
