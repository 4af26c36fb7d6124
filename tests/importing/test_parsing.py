"""Tests for documents.importing.parsing: title, date, source, type, languages and sections."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents.importing.cleaning import clean, furniture_reason
from documents.importing.parsing import find_date, parse, split_front_matter
from documents.importing.reading import read_text
from documents.importing.types import ImportRejected, ParsedDocument

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"
D = datetime.date


def seed_path(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def import_file(path: Path) -> ParsedDocument:
    """The pipeline in front of parse: read, front matter, clean; then parse."""
    text = read_text(data=path.read_bytes(), name=path.name)
    front, body = split_front_matter(text, name=path.name)
    cleaned = clean(body)
    return parse(cleaned.text, name=path.name, meta={**cleaned.meta, **front})


def parse_text(text: str, name: str = "doc.txt") -> ParsedDocument:
    cleaned = clean(text)
    return parse(cleaned.text, name=name, meta=cleaned.meta)


P1 = (
    "China pursues an independent foreign policy of peace, and its fundamental goals are to preserve "
    "independence and sovereignty and to promote world peace and common development."
)
P2 = (
    "China is ready to establish and develop friendly relations with all countries on the basis of the "
    "Five Principles of Peaceful Coexistence."
)
ZH1 = "中方一贯坚持独立自主的和平外交政策，坚持在和平共处五项原则基础上同世界各国发展友好合作关系。"
ZH2 = "中国从来不干涉别国内政，也绝不允许任何外部势力干涉中国内政，这是我们的一贯立场。"

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


# --- titles ---------------------------------------------------------------------------------

TITLES = [
    pytest.param(f"Welcome to the Ministry of Foreign Affairs\n\nWang Yi Meets Envoys\n\n{P1}", "Wang Yi Meets Envoys", id="after a banner"),
    pytest.param(f"Wang Yi Meets Envoys | October 31, 2022\n\n{P1}", "Wang Yi Meets Envoys", id="date after a bar"),
    pytest.param(f"Wang Yi Meets Envoys (2020-01-13)\n\n{P1}", "Wang Yi Meets Envoys", id="date in brackets"),
    pytest.param(f"2020-01-13 | Wang Yi Meets Envoys\n\n{P1}", "Wang Yi Meets Envoys", id="date before a bar"),
    pytest.param(
        f"Foreign Ministry Spokesperson's Regular Press Conference on January 13, 2020\n\n{P1}",
        "Foreign Ministry Spokesperson's Regular Press Conference on January 13, 2020",
        id="date that is part of the wording stays",
    ),
    pytest.param(f"China, Japan hold talks - Xinhua | English.news.cn\n\n{P1}", "China, Japan hold talks", id="site name suffix"),
    pytest.param(f"王毅会见日本外相_新华网\n\n{ZH1}", "王毅会见日本外相", id="chinese site suffix"),
    pytest.param(f"China's Diplomacy in 2019 (Page 2)\n\n{P1}", "China's Diplomacy in 2019", id="pagination"),
    pytest.param(f"Opinion\nChina's diplomacy in a changing world\n\n{P1}", "China's diplomacy in a changing world", id="section label above the headline"),
    pytest.param(f"Joint Communiqué\nof the People's Republic of China and Japan\n\n{P1}", "Joint Communiqué of the People's Republic of China and Japan", id="headline on two lines"),
    pytest.param(f"2019-11-29\n\nChina in the World\n\n{P1}", "China in the World", id="date line first"),
    pytest.param(f"China in the World\nA Speech at the Forum\n\n{P1}", "China in the World", id="headline and deck"),
    pytest.param(
        f"Meetings Coverage and Press Releases\nSG/SM/21742\n14 March 2023\n\nSecretary-General's Remarks\n\n{P1}",
        "Secretary-General's Remarks",
        id="site section name above",
    ),
    pytest.param(f"SG/SM/21742\n14 March 2023\nSecretary-General's Remarks to the Assembly\n\n{P1}", "Secretary-General's Remarks to the Assembly", id="un document symbol"),
    pytest.param(f"{P1}\n\n{P2}", "China pursues peace", id="no headline: from the file name"),
]


@pytest.mark.parametrize(("text", "title"), TITLES)
def test_title(text: str, title: str) -> None:
    assert parse_text(text, name="2019-11-29_china-pursues-peace.txt").title == title


def test_title_from_a_file_name_that_is_only_an_id() -> None:
    assert parse_text(P1, name="003_a63e61e3e170d77f.txt").title == "003 a63e61e3e170d77f"


# --- dates ----------------------------------------------------------------------------------

DATES = [
    pytest.param("2019-11-29 16:31:41", D(2019, 11, 29), "day", id="iso with time"),
    pytest.param("2019/11/29", D(2019, 11, 29), "day", id="slashes"),
    pytest.param("29.11.2019", D(2019, 11, 29), "day", id="european dots"),
    pytest.param("外務大臣会見記録（令和5年4月7日（金曜日））", D(2023, 4, 7), "day", id="japanese era reiwa"),
    pytest.param("平成元年1月8日", D(1989, 1, 8), "day", id="japanese era, first year"),
    pytest.param("昭和47年9月29日", D(1972, 9, 29), "day", id="japanese era showa"),
    pytest.param("13/04/2020", D(2020, 4, 13), "day", id="day first when unambiguous"),
    pytest.param("October 31, 2022", D(2022, 10, 31), "day", id="month day year"),
    pytest.param("Monday, October 31, 2022", D(2022, 10, 31), "day", id="with weekday"),
    pytest.param("28 June 2014", D(2014, 6, 28), "day", id="day month year"),
    pytest.param("Jan 13, 2020", D(2020, 1, 13), "day", id="abbreviated month"),
    pytest.param("Sept. 3, 2015", D(2015, 9, 3), "day", id="sept."),
    pytest.param("Mon, 31 Oct 2022 10:00:00 GMT", D(2022, 10, 31), "day", id="http date"),
    pytest.param("June 1949", D(1949, 6, 1), "month", id="month and year"),
    pytest.param("2019年11月29日", D(2019, 11, 29), "day", id="chinese"),
    pytest.param("2019年11月", D(2019, 11, 1), "month", id="chinese month"),
    pytest.param("二〇一九年十一月二十九日", D(2019, 11, 29), "day", id="chinese numerals"),
    pytest.param("New York, le 12 septembre 2019", D(2019, 9, 12), "day", id="french"),
    pytest.param("1er mars 2020", D(2020, 3, 1), "day", id="french first"),
    pytest.param("31 de octubre de 2022", D(2022, 10, 31), "day", id="spanish"),
    pytest.param("31 октября 2022 г.", D(2022, 10, 31), "day", id="russian"),
    pytest.param("Updated: Sep 27, 2019 10:11 AM", D(2019, 9, 27), "day", id="updated label"),
]


@pytest.mark.parametrize(("line", "date", "precision"), DATES)
def test_find_date(line: str, date: datetime.date, precision: str) -> None:
    found = find_date(line)
    assert found is not None
    assert (found.date, found.precision) == (date, precision)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("03/04/2020", id="ambiguous day and month"),
        pytest.param("2019-02-30", id="no such day"),
        pytest.param("The policy may 2020 change", id="may the verb"),
        pytest.param("1949–1978", id="a range of years"),
        pytest.param("4.5 percent growth in 2019", id="a year alone"),
    ],
)
def test_find_date_does_not_guess(line: str) -> None:
    assert find_date(line) is None


DOCUMENT_DATES = [
    pytest.param(f"Headline\nSource: Xinhua | 2020-01-13\nEditor: Li Yan\n\n{P1}", D(2020, 1, 13), "day", id="xinhua dateline"),
    pytest.param(f"Headline\nBy Li Yan | China Daily | Updated: 2020-01-13 07:26\n\n{P1}", D(2020, 1, 13), "day", id="chinadaily dateline"),
    pytest.param(f"标题\n2023年03月20日08:25 | 来源：人民网－人民日报\n\n{ZH1}", D(2023, 3, 20), "day", id="people.cn dateline"),
    pytest.param(f"Headline\n\nBEIJING, Jan. 13, 2020 (Xinhua) -- {P1}", D(2020, 1, 13), "day", id="news dateline with a year"),
    pytest.param(f"Headline\n\nBEIJING, Jan. 13 (Xinhua) -- {P1}", None, "unknown", id="news dateline without a year"),
    pytest.param(f"Speech at the Bandung Conference (1955)\n\n{P1}", D(1955, 1, 1), "year", id="year in the title"),
    pytest.param(f"Joint Communiqué\n\n{P1}\n\nBeijing, 17 August 1982", D(1982, 8, 17), "day", id="closing dateline"),
    pytest.param(f"Headline\n\nIn June 1949, Mao Zedong declared independence. {P1}\n\n{P2}", None, "unknown", id="narrative date"),
    pytest.param(f"China's Foreign Policy in 2019\n\n{P1}", None, "unknown", id="year in a title's wording"),
    pytest.param(f"Xi's speech on October 1, 2019\n\n{P1}", D(2019, 10, 1), "day", id="date in a title's wording"),
]


@pytest.mark.parametrize(("text", "date", "precision"), DOCUMENT_DATES)
def test_document_date(text: str, date, precision: str) -> None:
    doc = parse_text(text)
    assert (doc.date, doc.date_precision) == (date, precision)


def test_title_with_a_date_in_its_wording_keeps_it() -> None:
    assert parse_text(f"Xi's speech on October 1, 2019\n\n{P1}").title == "Xi's speech on October 1, 2019"


# --- source ---------------------------------------------------------------------------------

SOURCES = [
    pytest.param(f"Headline\nSource: Xinhua | 2020-01-13\n\n{P1}", "Xinhua", id="source label"),
    pytest.param(f"标题\n2019-09-27 10:00   来源： 新华社\n\n{ZH1}", "新华社", id="来源"),
    pytest.param(f"Welcome to the website of the Ministry of Foreign Affairs\n\nHeadline\n\n{P1}", "Ministry of Foreign Affairs", id="banner"),
    pytest.param(f"Headline\n\nBEIJING, Jan. 13 (Xinhua) -- {P1}", "Xinhua", id="agency in the news dateline"),
    pytest.param(f"Headline\n(People's Daily Online) 09:45, March 20, 2023\n\n{P1}", "People's Daily Online", id="outlet in brackets"),
    pytest.param(f"Headline\n\n{P1}", "", id="none"),
]


@pytest.mark.parametrize(("text", "source"), SOURCES)
def test_source(text: str, source: str) -> None:
    assert parse_text(text).source == source


def test_source_url_from_a_head_line() -> None:
    doc = parse_text(f"Headline\nhttp://www.fmprc.gov.cn/eng/xwfw/s2510/t1731021.shtml\n\n{P1}")
    assert doc.source_url == "http://www.fmprc.gov.cn/eng/xwfw/s2510/t1731021.shtml"
    assert [s.text for s in doc.sections] == [P1]


# --- document type --------------------------------------------------------------------------

TYPES = [
    pytest.param("Foreign Ministry Spokesperson's Regular Press Conference on January 13, 2020", "press_conference", id="press conference"),
    pytest.param("外交部发言人就美方涉华言论答记者问", "press_conference", id="答记者问"),
    pytest.param("China's National Defense in the New Era (White Paper)", "white_paper", id="white paper"),
    pytest.param("《新时代的中国与世界》白皮书", "white_paper", id="白皮书"),
    pytest.param("Joint Communiqué of the People's Republic of China and the United States of America", "communique", id="communique"),
    pytest.param("中华人民共和国和美利坚合众国联合公报", "communique", id="公报"),
    pytest.param("Statement by the Ministry of Foreign Affairs", "statement", id="statement"),
    pytest.param("中华人民共和国政府声明", "statement", id="声明"),
    pytest.param("Speech by H.E. Xi Jinping at the General Debate", "speech", id="speech"),
    pytest.param("Remarks by Wang Yi at the Munich Security Conference", "speech", id="remarks"),
    pytest.param("Address by Premier Zhou Enlai at the Asian-African Conference", "speech", id="address by"),
    pytest.param("习近平在亚非领导人会议上的讲话", "speech", id="讲话"),
    pytest.param("Interview with Foreign Minister Wang Yi", "interview", id="interview"),
    pytest.param("王毅接受新华社专访", "interview", id="专访"),
    pytest.param("China to address climate change", "article", id="address the verb"),
    pytest.param("China's Independent Foreign Policy of Peace", "article", id="plain title"),
]


@pytest.mark.parametrize(("title", "doc_type"), TYPES)
def test_doc_type_from_the_title(title: str, doc_type: str) -> None:
    body = ZH1 if any("\u4e00" <= c <= "\u9fff" for c in title) else P1
    assert parse_text(f"{title}\n\n{body}").doc_type == doc_type


# --- speakers -------------------------------------------------------------------------------

DIALOGUES = [
    pytest.param(
        f"Briefing\n\nQ: {P1}?\n\nA: {P2}\n\nQ: And then?\n\nA: {P1}",
        [("question", "Q"), ("answer", "A"), ("question", "Q"), ("answer", "A")],
        id="inline Q and A",
    ),
    pytest.param(
        f"Regular Press Conference\n\nWang Wenbin: Good afternoon. {P1}\n\nCCTV: Does China have any comment?\n\n"
        f"Wang Wenbin: {P2}\n\nThe Paper: Will the talks continue?\n\nWang Wenbin: {P1}\n\n{P2}",
        [("answer", "Wang Wenbin"), ("question", "CCTV"), ("answer", "Wang Wenbin"), ("question", "The Paper"),
         ("answer", "Wang Wenbin"), ("answer", "Wang Wenbin")],
        id="fmprc english: the spokesperson opens, outlets ask",
    ),
    pytest.param(
        f"Press conference\n\nReporter:\n\n{P1}?\n\nShen Beili:\n\n{P2}\n\nReporter:\n\nOne more question?\n\nMa Zhaoxu:\n\n{P1}",
        [("question", "Reporter"), ("answer", "Shen Beili"), ("question", "Reporter"), ("answer", "Ma Zhaoxu")],
        id="two officials answer",
    ),
    pytest.param(
        f"对话\n\n记者：{ZH1}？\n\n汪文斌：{ZH2}\n\n彭博社记者：还有问题吗？\n\n汪文斌：{ZH1}",
        [("question", "记者"), ("answer", "汪文斌"), ("question", "彭博社记者"), ("answer", "汪文斌")],
        id="chinese names",
    ),
    pytest.param(
        f"Conversation\n\nYang Rui: How do you see the world?\n\nWang Yi: {P1} {P2}\n\nYang Rui: Thank you.\n\nWang Yi: {P2}",
        [("question", "Yang Rui"), ("answer", "Wang Yi"), ("question", "Yang Rui"), ("answer", "Wang Yi")],
        id="two persons: the one who speaks most answers",
    ),
]


@pytest.mark.parametrize(("text", "turns"), DIALOGUES)
def test_dialogue_turns(text: str, turns: list[tuple[str, str]]) -> None:
    doc = parse_text(text)
    assert [(s.kind, s.speaker) for s in doc.sections] == turns
    assert doc.doc_type == "press_conference"
    assert all(":" not in s.text[:12] for s in doc.sections)


NOT_DIALOGUES = [
    pytest.param(f"Plan\n\nGoal: {P1}\n\nPrinciple: {P2}\n\nTask: {P1}", id="labels, each once"),
    pytest.param(f"计划\n\n一是：{ZH1}\n\n二是：{ZH2}\n\n三是：{ZH1}", id="一是 二是 三是"),
    pytest.param(f"Headline\n\nSource: Xinhua\n\nNote: {P1}\n\nBackground: {P2}", id="source and note labels"),
    pytest.param(f"Headline\n\n{P1} Its main elements are as follows:\n\n-- {P2}", id="a colon ending a sentence"),
]


@pytest.mark.parametrize("text", NOT_DIALOGUES)
def test_labels_are_not_speakers(text: str) -> None:
    doc = parse_text(text)
    assert doc.doc_type != "press_conference"
    assert all(not s.speaker for s in doc.sections)
    assert {s.kind for s in doc.sections} <= {"paragraph", "list_item", "heading"}


# --- sections -------------------------------------------------------------------------------

SECTION_KINDS = [
    pytest.param("-- Conforming to the trend of history.", "list_item", "Conforming to the trend of history.", id="double dash"),
    pytest.param("- Safeguarding world diversity.", "list_item", "Safeguarding world diversity.", id="dash"),
    pytest.param("• Opposing all forms of terrorism.", "list_item", "Opposing all forms of terrorism.", id="bullet"),
    pytest.param("* Strengthening good-neighborly relations.", "list_item", "Strengthening good-neighborly relations.", id="asterisk"),
    pytest.param("1) China opposes hegemonism.", "list_item", "1) China opposes hegemonism.", id="1)"),
    pytest.param("(1) China opposes hegemonism.", "list_item", "(1) China opposes hegemonism.", id="(1)"),
    pytest.param("1. China opposes hegemonism in all its forms.", "list_item", "1. China opposes hegemonism in all its forms.", id="1. sentence"),
    pytest.param("一、坚持独立自主，坚持和平共处五项原则，反对一切形式的霸权主义。", "list_item", "一、坚持独立自主，坚持和平共处五项原则，反对一切形式的霸权主义。", id="一、sentence"),
    pytest.param("4.Developing global partnerships", "heading", "4. Developing global partnerships", id="4.Heading"),
    pytest.param("4. Developing global partnerships", "heading", "4. Developing global partnerships", id="4. Heading"),
    pytest.param("IV. Building a Community with a Shared Future", "heading", "IV. Building a Community with a Shared Future", id="roman"),
    pytest.param("Chapter 2 The Five Principles", "heading", "Chapter 2 The Five Principles", id="chapter"),
    pytest.param("第二章 和平共处五项原则", "heading", "第二章 和平共处五项原则", id="第二章"),
    pytest.param("一、坚持独立自主", "heading", "一、坚持独立自主", id="一、heading"),
    pytest.param("Developing Global Partnerships", "heading", "Developing Global Partnerships", id="short title case line"),
    pytest.param("“China will never seek hegemony.”", "quotation", "“China will never seek hegemony.”", id="quotation"),
    pytest.param("「中国永远不称霸。」", "quotation", "「中国永远不称霸。」", id="chinese quotation"),
    pytest.param("“Peace,” he said, “is our goal.”", "paragraph", "“Peace,” he said, “is our goal.”", id="quote with narration"),
    pytest.param("China   opposes\thegemonism  and power politics.", "paragraph", "China opposes hegemonism and power politics.", id="whitespace collapsed"),
]


@pytest.mark.parametrize(("line", "kind", "text"), SECTION_KINDS)
def test_section_kind(line: str, kind: str, text: str) -> None:
    doc = parse(f"Headline\n\n{P1}\n\n{line}\n\n{P2}", name="doc.txt")
    assert (doc.sections[1].kind, doc.sections[1].text) == (kind, text)
    assert [s.text for s in doc.sections[::2]] == [P1, P2]


JOINS = [
    pytest.param(
        "China will build partnerships with those who follow the same path\n\ncan be partners, and so can others.",
        "China will build partnerships with those who follow the same path can be partners, and so can others.",
        id="broken across a blank line",
    ),
    pytest.param(
        "China works with all countries on the basis of equality,\n\nMutual Benefit and peaceful coexistence.",
        "China works with all countries on the basis of equality, Mutual Benefit and peaceful coexistence.",
        id="comma at the break",
    ),
    pytest.param(
        "China will build a framework for major-\n\ncountry relations featuring overall stability and balance.",
        "China will build a framework for major-country relations featuring overall stability and balance.",
        id="hyphen at the break",
    ),
    pytest.param(
        "中方坚持在和平共处五项原则基础上同世界各国发展友好合作关系并推动构建\n\n人类命运共同体，这是我们的一贯立场。",
        "中方坚持在和平共处五项原则基础上同世界各国发展友好合作关系并推动构建人类命运共同体，这是我们的一贯立场。",
        id="chinese broken mid-sentence",
    ),
    pytest.param(
        "China pursues an independent foreign policy of peace and its fundamental\n"
        "goals are to preserve independence and sovereignty and to create a favorable\n"
        "international environment for reform, opening up and modernization.",
        "China pursues an independent foreign policy of peace and its fundamental goals are to preserve "
        "independence and sovereignty and to create a favorable international environment for reform, "
        "opening up and modernization.",
        id="hard-wrapped lines",
    ),
    pytest.param(
        '"China stands ready to work with all countries on the basis of the Five Principles of Peaceful\n'
        'Coexistence," Wang said.',
        '"China stands ready to work with all countries on the basis of the Five Principles of Peaceful '
        'Coexistence," Wang said.',
        id="a long line left mid-sentence, the next capitalised",
    ),
]


@pytest.mark.parametrize(("body", "joined"), JOINS)
def test_broken_paragraphs_are_joined(body: str, joined: str) -> None:
    doc = parse(f"Headline\n\n{body}", name="doc.txt")
    assert [s.text for s in doc.sections] == [joined]


def test_speakers_in_lenticular_brackets_take_turns() -> None:
    """Japanese (and some Chinese) transcripts: "【記者】question" / "【大臣】answer"."""
    text = ("外務大臣会見記録\n\n【記者】日中関係について伺います。\n\n"
            "【大臣】対話を通じて解決していくことが重要です。\n\n平和的手段による紛争の解決を求めていきます。")
    doc = parse_text(text)
    assert doc.doc_type == "press_conference"
    assert [(s.kind, s.speaker, s.text) for s in doc.sections] == [
        ("question", "記者", "日中関係について伺います。"),
        ("answer", "大臣", "対話を通じて解決していくことが重要です。"),
        ("answer", "大臣", "平和的手段による紛争の解決を求めていきます。"),
    ]


def test_a_bracketed_label_alone_is_not_a_dialogue() -> None:
    doc = parse_text(f"标题\n\n【新华社】{ZH1}\n\n{ZH2}")
    assert doc.doc_type != "press_conference"
    assert doc.sections[0].text == f"【新华社】{ZH1}" and not doc.sections[0].speaker


@pytest.mark.parametrize(("issuer", "headline", "body"), [
    ("Ministry of Foreign Affairs of the People's Republic of China",
     "Foreign Ministry Spokesperson's Remarks on the Joint Statement", P1),
    ("Министерство иностранных дел Российской Федерации",
     "Заявление МИД России о внешнеполитической концепции",
     "Россия проводит независимую и многовекторную внешнюю политику и выступает за многополярный мир."),
    ("中华人民共和国外交部", "王毅同东盟国家外长举行会谈", ZH1),
    ("The State Council Information Office of the People's Republic of China",
     "China's National Defense in the New Era", P1),
    ("Permanent Mission of the People's Republic of China to the United Nations",
     "Remarks by Ambassador Zhang Jun at the Security Council Open Debate", P1),
])
def test_the_issuing_body_above_a_headline_is_the_source(issuer: str, headline: str, body: str) -> None:
    doc = parse_text(f"{issuer}\n\n{headline}\n\n{body}")
    assert (doc.title, doc.source) == (headline, issuer)
    assert [s.text for s in doc.sections] == [body]


@pytest.mark.parametrize("head", [
    "Ministry of Foreign Affairs Holds Briefing for Diplomatic Corps",
    "Ministry of Commerce Announces New Export Rules\nThe Rules Take Effect in May",
])
def test_a_headline_naming_a_ministry_is_still_the_headline(head: str) -> None:
    doc = parse_text(f"{head}\n\n{P1}")
    assert doc.title == head.split("\n")[0]


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


def test_markdown_markup_is_not_text() -> None:
    text = ("# Remarks at the Opening of the Forum\n\n*Beijing, 28 March 2015*\n\n## I. A New Starting Point\n\n"
            "The world is **undergoing** profound changes, as [the report](https://example.org/r) says.\n\n"
            "- We should seek common ground while reserving differences.\n")
    doc = parse_text(text, name="remarks.md")
    assert (doc.title, doc.date) == ("Remarks at the Opening of the Forum", D(2015, 3, 28))
    assert [(s.kind, s.text) for s in doc.sections] == [
        ("heading", "I. A New Starting Point"),
        ("paragraph", "The world is undergoing profound changes, as the report says."),
        ("list_item", "We should seek common ground while reserving differences."),
    ]


def test_asterisks_in_plain_text_are_kept() -> None:
    doc = parse_text(f"Headline\n\n{P1} *\n\n* Figures for 2019 are provisional.")
    assert doc.sections[0].text == f"{P1} *"


@pytest.mark.parametrize("label", ["Title", "TITLE", "标题", "Titre"])
def test_a_labelled_title_is_the_title(label: str) -> None:
    doc = parse_text(f"{label}: Joint Statement on Strategic Partnership\nDate: 2014-06-28\n\n{P1}")
    assert (doc.title, doc.date) == ("Joint Statement on Strategic Partnership", D(2014, 6, 28))
    assert [s.text for s in doc.sections] == [P1]


def test_the_issuing_office_under_a_headline_is_the_source() -> None:
    doc = parse_text(f"新时代的中国国际发展合作\n\n（2021年1月）\n\n国务院新闻办公室\n\n{ZH1}")
    assert (doc.title, doc.source, doc.date) == ("新时代的中国国际发展合作", "国务院新闻办公室", D(2021, 1, 1))
    assert [s.text for s in doc.sections] == [ZH1]


def test_a_heading_set_over_its_paragraph_stays_a_heading() -> None:
    heading = "China's Independent Foreign Policy of Peace in the New Era of Reform and Opening"
    doc = parse(f"Headline\n\n{heading}\n{P1}", name="doc.txt")
    assert [s.text for s in doc.sections] == [heading, P1]


def test_a_wire_lead_is_a_passage_not_the_title() -> None:
    """A story without a headline: its dateline lead, wrapped by the page, stays whole in the body."""
    text = ("BEIJING, Jan. 13 (Xinhua) -- Chinese Foreign Minister Wang Yi said on Monday that China\n"
            "pursues an independent foreign policy of peace and will never seek hegemony.\n\n"
            "Wang made the remarks during talks with his counterpart in Beijing.")
    doc = parse_text(text, name="xinhua-wang-yi-talks.txt")
    assert doc.title == "Xinhua wang yi talks"
    assert doc.sections[0].text == (
        "BEIJING, Jan. 13 (Xinhua) -- Chinese Foreign Minister Wang Yi said on Monday that China pursues an "
        "independent foreign policy of peace and will never seek hegemony.")
    assert len(doc.sections) == 2


def test_separate_paragraphs_are_not_joined() -> None:
    doc = parse(f"Headline\n\n{P1}\n\nThe Five Principles\n\n{P2}\nChina opposes hegemonism.", name="doc.txt")
    assert [s.text for s in doc.sections] == [P1, "The Five Principles", P2, "China opposes hegemonism."]


# --- languages ------------------------------------------------------------------------------

FR = ("La Chine poursuit une politique étrangère indépendante de paix. Elle s'oppose à l'hégémonisme et "
      "défend la coexistence pacifique entre tous les pays du monde.")
RU = ("Китай проводит независимую мирную внешнюю политику. Он выступает против гегемонизма и защищает "
      "мирное сосуществование всех стран мира.")
JA = "中国は独立自主の平和外交政策を堅持し、平和共存五原則に基づいて世界各国との友好協力関係を発展させています。"
DE = ("China verfolgt eine unabhängige Außenpolitik des Friedens. Es lehnt Hegemonismus ab und verteidigt "
      "die friedliche Koexistenz aller Länder der Welt.")

LANGUAGES = [
    pytest.param(f"China Contributes to a Better World(四)\n\n{P1}\n\n{P2}", ["en"], id="english with 四 in the title"),
    pytest.param(f"标题\n\n{ZH1}\n\n{ZH2}", ["zh"], id="chinese"),
    pytest.param(f"标题\n\n{ZH1}\n\n{P1}\n\n{ZH2}\n\n{P2}", ["zh", "en"], id="bilingual, chinese title first"),
    pytest.param(f"Headline\n\n{P1}\n\n{ZH1}\n\n{P2}\n\n{ZH2}", ["en", "zh"], id="bilingual, english title first"),
    pytest.param(f"Headline\n\n{P1} The term 和平共处 means peaceful coexistence.\n\n{P2}", ["en"], id="english quoting chinese words"),
    pytest.param(f"Titre\n\n{FR}", ["fr"], id="french"),
    pytest.param(f"Заголовок\n\n{RU}", ["ru"], id="russian"),
    pytest.param(f"見出し\n\n{JA}", ["ja"], id="japanese"),
    pytest.param(f"Titel\n\n{DE}", ["de"], id="german"),
]


@pytest.mark.parametrize(("text", "languages"), LANGUAGES)
def test_languages(text: str, languages: list[str]) -> None:
    assert parse(text, name="doc.txt").languages == languages


# --- front matter ---------------------------------------------------------------------------

FRONT_MATTER = """---
slug: independent-foreign-policy
title: The Independent Foreign Policy of Peace
date: 1982-09
source: People's Daily
url: http://example.org/doc
type: white paper
languages: [en, zh-CN]
tags: diplomacy, peace
themes: [independence]
periods: [reform-and-opening-up]
summary: A short summary.
status: published
---
Tools: Save | Print
Foreign Policy
2019-11-29

Press conference speaker text.
"""


def test_split_front_matter_normalises_values() -> None:
    values, body = split_front_matter(FRONT_MATTER, name="fm.txt")
    assert values == {
        "slug": "independent-foreign-policy",
        "title": "The Independent Foreign Policy of Peace",
        "date": D(1982, 9, 1),
        "date_precision": "month",
        "source": "People's Daily",
        "url": "http://example.org/doc",
        "type": "white_paper",
        "languages": ["en", "zh"],
        "tags": ["diplomacy", "peace"],
        "themes": ["independence"],
        "periods": ["reform-and-opening-up"],
        "summary": "A short summary.",
        "status": "published",
    }
    assert body.startswith("Tools: Save | Print\n")


def test_front_matter_overrides_every_heuristic() -> None:
    doc = parse(clean(FRONT_MATTER).text, name="fm.txt")
    assert doc.title == "The Independent Foreign Policy of Peace"
    assert (doc.date, doc.date_precision) == (D(1982, 9, 1), "month")
    assert (doc.doc_type, doc.source, doc.source_url) == ("white_paper", "People's Daily", "http://example.org/doc")
    assert doc.languages == ["en", "zh"]
    assert (doc.slug, doc.status, doc.summary) == ("independent-foreign-policy", "published", "A short summary.")
    assert (doc.tags, doc.themes, doc.periods) == (["diplomacy", "peace"], ["independence"], ["reform-and-opening-up"])
    assert [s.text for s in doc.sections] == ["Press conference speaker text."]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        pytest.param("1949", (D(1949, 1, 1), "year"), id="year"),
        pytest.param("'1949-10'", (D(1949, 10, 1), "month"), id="month"),
        pytest.param("1949-10-01", (D(1949, 10, 1), "day"), id="day"),
        pytest.param("'1949-10-01'", (D(1949, 10, 1), "day"), id="day as text"),
    ],
)
def test_front_matter_dates(date: str, expected: tuple) -> None:
    values, _ = split_front_matter(f"---\ndate: {date}\n---\nText", name="d.txt")
    assert (values["date"], values["date_precision"]) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("---\ntitle: [unclosed\n---\nText", "front matter is not valid YAML", id="malformed yaml"),
        pytest.param("---\n- a\n- b\n---\nText", "front matter must be a mapping of keys to values", id="a list"),
        pytest.param("---\njust text\n---\nText", "front matter must be a mapping of keys to values", id="a scalar"),
        pytest.param("---\ntitel: Typo\n---\nText", "unknown front matter key 'titel'", id="unknown key"),
        pytest.param("---\ndate: 29 November 2019\n---\nText", "front matter date:", id="bad date"),
        pytest.param("---\ndate: 2019-02-30\n---\nText", "front matter date:", id="impossible date"),
        pytest.param("---\ntype: blog\n---\nText", "front matter type:", id="unknown type"),
        pytest.param("---\nstatus: live\n---\nText", "front matter status:", id="unknown status"),
        pytest.param("---\nlanguages: english\n---\nText", "front matter languages:", id="language name"),
    ],
)
def test_bad_front_matter_is_rejected_with_the_file_name(text: str, reason: str) -> None:
    with pytest.raises(ImportRejected) as excinfo:
        split_front_matter(text, name="bad.txt")
    assert excinfo.value.name == "bad.txt"
    assert excinfo.value.reason.startswith(reason)
    with pytest.raises(ImportRejected):
        parse(text, name="bad.txt")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("No front matter here.\n---\nnot: yaml\n---", id="not at the top"),
        pytest.param("---\nA horizontal rule, never closed.", id="never closed"),
        pytest.param("", id="empty"),
    ],
)
def test_text_without_front_matter(text: str) -> None:
    assert split_front_matter(text, name="x.txt") == ({}, text)


def test_meta_from_html_is_used_and_front_matter_wins() -> None:
    doc = parse(f"Headline\n\n{P1}", name="x.txt", meta={"title": "Meta title", "date": "2020-01-13", "source": "Site"})
    assert (doc.title, doc.date, doc.date_precision, doc.source) == ("Meta title", D(2020, 1, 13), "day", "Site")
    front = f"---\ntitle: Front title\n---\nHeadline\n\n{P1}"
    assert parse(front, name="x.txt", meta={"title": "Meta title"}).title == "Front title"


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
