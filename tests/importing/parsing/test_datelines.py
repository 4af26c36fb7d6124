"""Tests for documents.importing.parsing.datelines: the date and the source that datelines give a document."""

from __future__ import annotations

import pytest

from tests.importing.parsing.samples import P1, P2, ZH1, D, parse_text

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
