"""Tests for documents.importing.cleaning.clean: whole pages (the seeds, other sites) and its properties."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.importing.cleaning import clean
from tests.importing.cleaning.samples import ARTICLE, ARTICLE_2, ZH_ARTICLE, fixture_text, seed_text


def test_clean_leaves_front_matter_alone() -> None:
    page = f"---\ntitle: Tools\nsource: Xinhua\n---\nTools: Save | Print\nHeadline\n\n{ARTICLE}"
    cleaned = clean(page)
    assert cleaned.text == f"---\ntitle: Tools\nsource: Xinhua\n---\nHeadline\n\n{ARTICLE}"


def test_banner_names_the_source() -> None:
    assert clean(seed_text("003")).meta == {"source": "China South South Cooperation Network",
                                            "posted": "2019-11-29 16:31:41"}  # the line, its counter gone


# --- the seeds ------------------------------------------------------------------------------

SEED_FURNITURE = {
    "000": [
        "Tools: Save | Print | E-mail | Most Read",
        "Adjust font size:",
        "Tools: Save | Print | E-mail | Most Read",
        "Related Stories",
        "Product Directory",
        "China Search",
        "Country Search",
        "Hot Buys",
        "SiteMap | About Us | RSS | Newsletter | Feedback",
        "Copyright © All Rights Reserved \xa0\xa0\xa0\xa0E-mail: Tel: 86-10-88828000 京ICP证 040089号",
    ],
    "001": [],
    "002": [],
    "003": [
        "Welcome to China South South Cooperation Network",
        "Click Num:1369",
        "Netizens commentaryPlease abide by the agreement of news comment service",
        "All Comments/My Comments",
        "More Comments",
        "About NEWs",
        "• International Forum on Biomass Energy Utilization Technology Ushers in a New Era of Industry",
        "• Seminar on Electrification Mode Based on Clean Energy for BRI Countries Held in Hangzhou",
        "• Seminar on Water Resources Management and Ecological Small Hydropower Development for BRI "
        "Countries Held Successfully in Hangzhou",
    ],
    "004": ["<\xa0\xa01\xa0\xa02\xa0\xa03\xa0\xa04\xa0\xa05\xa0\xa06\xa0\xa07\xa0\xa08\xa0\xa09\xa0\xa010\xa0\xa011\xa0\xa012\xa0\xa0>"],
}


@pytest.mark.parametrize("seed", sorted(SEED_FURNITURE))
def test_seed_furniture_is_removed_in_order_and_nothing_else(seed: str) -> None:
    original = seed_text(seed)
    cleaned = clean(original)
    assert cleaned.removed == SEED_FURNITURE[seed]
    furniture = {line.strip() for line in SEED_FURNITURE[seed]}
    paragraphs = [p.strip() for p in original.split("\n\n") if len(p.strip()) > 200]
    content = [p for p in paragraphs if not any(line.strip() in furniture for line in p.split("\n"))]
    assert len(content) >= 5
    for paragraph in content:
        assert paragraph in cleaned.text


def test_seed_003_keeps_its_date_for_the_parser() -> None:
    assert "\n2019-11-29 16:31:41\n" in clean(seed_text("003")).text


# --- other sites ------------------------------------------------------------------------------

FIXTURE_FURNITURE = [
    pytest.param(
        "xinhua_article_en.txt",
        ["Home | China | World", "Editor: huaxia", "Font size", "Related News", "Xi meets Japanese PM",
         "Back to Top", "Copyright"],
        ["Source: Xinhua | 2020-01-13 21:47:59", "BEIJING, Jan. 13 (Xinhua)"],
        id="xinhua",
    ),
    pytest.param(
        "chinadaily_article_en.txt",
        ["Lifestyle | Culture", "Share - WeChat", "[Photo/Xinhua]", "Previous 1 2 Next", "Most Viewed",
         "Experts hail", "Copyright"],
        ["By Wang Qingyun | chinadaily.com.cn | Updated: 2014-06-28 07:26", "Analysts said"],
        id="chinadaily",
    ),
    pytest.param(
        "fmprc_press_conference_zh.gb18030.txt",
        ["首页 >", "【打印】", "字号", "责任编辑", "相关新闻", "王毅会见日本外相", "版权所有", "京ICP备", "邮编"],
        ["2020/01/13", "问：据报道", "耿爽：中日双方"],
        id="fmprc",
    ),
    pytest.param("statement_zh_hant.big5.txt", ["【列印】【關閉】"], ["來源：外交部"], id="big5 statement"),
    pytest.param("declaration_fr.utf16le-bom.txt", ["Partager", "© Nations Unies"], ["New York, le 12 septembre 2019"], id="un french"),
]


@pytest.mark.parametrize(("filename", "gone", "kept"), FIXTURE_FURNITURE)
def test_fixture_pages_are_cleaned(filename: str, gone: list[str], kept: list[str]) -> None:
    cleaned = clean(fixture_text(filename))
    for fragment in gone:
        assert fragment not in cleaned.text
    for fragment in kept:
        assert fragment in cleaned.text


# --- properties -------------------------------------------------------------------------------

_LINES = st.lists(
    st.one_of(
        st.sampled_from([ARTICLE, ARTICLE_2, ZH_ARTICLE, "", "Print | Close", "Related Stories", "Headline",
                         "2019-11-29 16:31:41 Click Num:1369", "Q:", "Copyright © 2020", "<  1  2  >"]),
        st.text(max_size=80).map(lambda s: s.replace("\n", " ")),
    ),
    max_size=30,
)


@given(_LINES)
def test_clean_never_invents_text(lines: list[str]) -> None:
    page = "\n".join(lines)
    cleaned = clean(page)
    assert not Counter(cleaned.text.replace("\n", "").replace(" ", "")) - Counter(page.replace("\n", "").replace(" ", ""))
    for line in cleaned.text.split("\n"):
        assert line == line.rstrip()


@given(_LINES)
def test_clean_keeps_every_real_paragraph(lines: list[str]) -> None:
    cleaned = clean("\n".join(lines))
    for paragraph in (ARTICLE, ARTICLE_2, ZH_ARTICLE):
        if paragraph in lines:
            assert paragraph in cleaned.text


MENU_PAGE = """Ministry of Foreign Affairs of the Republic of Utopia
Français
Home
About Us
News
Press and Media Service
Countries & Regions

Statement by the Foreign Minister at the General Assembly

We stand for peace and for the equality of every nation, large or small, and we say so here again today.
"""


def test_a_site_menu_and_a_language_switch_before_the_text_are_furniture():
    cleaned = clean(MENU_PAGE)

    assert cleaned.text.splitlines()[0] == "Statement by the Foreign Minister at the General Assembly"
    assert {"Français", "Home", "About Us", "News", "Press and Media Service", "Countries & Regions"} <= set(cleaned.removed)
    # The line a menu follows at the top of the page names the site: the outlet.
    assert cleaned.meta["source"] == "Ministry of Foreign Affairs of the Republic of Utopia"


def test_short_lines_after_the_first_paragraph_are_not_taken_for_a_menu():
    page = MENU_PAGE + "\nFirst\nSecond\nThird\n\nAnd a last sentence of the statement, long enough to be prose.\n"
    cleaned = clean(page)

    assert "First\nSecond\nThird" in cleaned.text


def test_two_short_lines_are_not_a_menu():
    cleaned = clean("Press release\nNo. 12\n\nThe two governments agreed today to open a consulate in each other's capital.\n")

    assert cleaned.text.startswith("Press release\nNo. 12")
