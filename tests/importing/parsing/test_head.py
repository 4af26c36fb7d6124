"""Tests for documents.importing.parsing.head: the title, the issuing office, the source URL and the type."""

from __future__ import annotations

import pytest

from tests.importing.parsing.samples import P1, P2, ZH1, D, parse_text

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


def test_title_with_a_date_in_its_wording_keeps_it() -> None:
    assert parse_text(f"Xi's speech on October 1, 2019\n\n{P1}").title == "Xi's speech on October 1, 2019"


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


@pytest.mark.parametrize("label", ["Title", "TITLE", "标题", "Titre"])
def test_a_labelled_title_is_the_title(label: str) -> None:
    doc = parse_text(f"{label}: Joint Statement on Strategic Partnership\nDate: 2014-06-28\n\n{P1}")
    assert (doc.title, doc.date) == ("Joint Statement on Strategic Partnership", D(2014, 6, 28))
    assert [s.text for s in doc.sections] == [P1]


def test_the_issuing_office_under_a_headline_is_the_source() -> None:
    doc = parse_text(f"新时代的中国国际发展合作\n\n（2021年1月）\n\n国务院新闻办公室\n\n{ZH1}")
    assert (doc.title, doc.source, doc.date) == ("新时代的中国国际发展合作", "国务院新闻办公室", D(2021, 1, 1))
    assert [s.text for s in doc.sections] == [ZH1]


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
