"""Tests for documents.importing.cleaning: page furniture out, the document's own text in."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.importing.cleaning import clean, furniture_reason
from documents.importing.reading import read_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return read_text(data=path.read_bytes(), name=path.name)


def fixture_text(name: str) -> str:
    return read_text(data=(FIXTURES / name).read_bytes(), name=name)


ARTICLE = (
    "China pursues an independent foreign policy of peace, and its fundamental goals are to preserve "
    "independence and sovereignty and to promote world peace and common development."
)
ARTICLE_2 = (
    "China is ready to establish and develop friendly relations with all countries on the basis of the "
    "Five Principles of Peaceful Coexistence."
)
ZH_ARTICLE = "中方一贯坚持独立自主的和平外交政策，坚持在和平共处五项原则基础上同世界各国发展友好合作关系。"


# --- one row per shape of page furniture seen on news and government sites -------------------

FURNITURE_PAGES = [
    # (page, lines or fragments that must go, lines that must stay)
    pytest.param(
        f"Tools: Save | Print | E-mail | Most Read\nHeadline\n\n{ARTICLE}",
        ["Tools: Save | Print | E-mail | Most Read"],
        ["Headline"],
        id="tool bar",
    ),
    pytest.param(
        f"外交部发言人答记者问\n【打印】 【关闭】  字号：大 中 小\n\n{ZH_ARTICLE}",
        ["【打印】 【关闭】  字号：大 中 小"],
        ["外交部发言人答记者问"],
        id="打印 关闭 字号",
    ),
    pytest.param(f"Headline\nPrint | Close\n\n{ARTICLE}", ["Print | Close"], [], id="print close"),
    pytest.param(f"Headline\nAdjust font size:\n\n{ARTICLE}", ["Adjust font size:"], [], id="adjust font size"),
    pytest.param(f"Headline\nFont size: A A A\n\n{ARTICLE}", ["Font size: A A A"], [], id="font size A A A"),
    pytest.param(f"Headline\nShare to:\n\n{ARTICLE}", ["Share to:"], [], id="share to"),
    pytest.param(f"Headline\nShare - WeChat\n\n{ARTICLE}", ["Share - WeChat"], [], id="share wechat"),
    pytest.param(f"标题\n分享到：\n\n{ZH_ARTICLE}", ["分享到："], [], id="分享到"),
    pytest.param(f"見出し\n\n{ZH_ARTICLE}\n\nページのトップへ戻る\n印刷 | シェア",
                 ["ページのトップへ戻る", "印刷 | シェア"], [], id="ページのトップへ戻る 印刷 シェア"),
    pytest.param(
        f"Headline\nHome | China | World | Business | Opinion\n\n{ARTICLE}",
        ["Home | China | World | Business | Opinion"],
        ["Headline"],
        id="navigation bar",
    ),
    pytest.param(
        f"You are here: Home > News > China\nHeadline\n\n{ARTICLE}",
        ["You are here: Home > News > China"],
        ["Headline"],
        id="breadcrumb",
    ),
    pytest.param(
        f"中华人民共和国外交部\n首页 > 外交部发言人表态 > 例行记者会\n标题\n\n{ZH_ARTICLE}",
        ["中华人民共和国外交部", "首页 > 外交部发言人表态 > 例行记者会"],
        ["标题"],
        id="masthead above the breadcrumb",
    ),
    pytest.param(
        f"Welcome to China South South Cooperation Network\n\nHeadline\n\n{ARTICLE}",
        ["Welcome to China South South Cooperation Network"],
        ["Headline"],
        id="welcome banner",
    ),
    pytest.param(f"欢迎访问中华人民共和国外交部网站！\n标题\n\n{ZH_ARTICLE}", ["欢迎访问中华人民共和国外交部网站！"], ["标题"], id="欢迎访问"),
    pytest.param(
        f"Headline\n\n{ARTICLE}\n\nRelated Stories\n\nXi meets Japanese PM in Beijing\nChinese, Japanese FMs hold phone talks",
        ["Related Stories", "Xi meets Japanese PM in Beijing", "Chinese, Japanese FMs hold phone talks"],
        [ARTICLE],
        id="related stories list",
    ),
    pytest.param(
        f"标题\n\n{ZH_ARTICLE}\n\n相关新闻\n· 王毅会见日本外相 2020-01-13\n· 中方坚决反对霸权主义 2020-01-12",
        ["相关新闻", "· 王毅会见日本外相 2020-01-13", "· 中方坚决反对霸权主义 2020-01-12"],
        [ZH_ARTICLE],
        id="相关新闻 list with dates",
    ),
    pytest.param(
        f"Headline\n\n{ARTICLE}\n\nMost Read\n1. China, Japan agree on maritime cooperation\n2. Xi speaks at summit",
        ["Most Read", "1. China, Japan agree on maritime cooperation", "2. Xi speaks at summit"],
        [],
        id="most read list",
    ),
    pytest.param(
        f"Headline\n\n{ARTICLE}\n\nCopyright © 2000 - 2020 XINHUANET.com All rights reserved.",
        ["Copyright © 2000 - 2020 XINHUANET.com All rights reserved."],
        [ARTICLE],
        id="copyright footer",
    ),
    pytest.param(
        f"标题\n\n{ZH_ARTICLE}\n\n版权所有 中华人民共和国外交部  京ICP备05010463号",
        ["版权所有 中华人民共和国外交部  京ICP备05010463号"],
        [ZH_ARTICLE],
        id="ICP licence footer",
    ),
    pytest.param(
        f"Headline\n\n{ARTICLE}\n\nTel: 86-10-88828000\nE-mail: webmaster@example.cn",
        ["Tel: 86-10-88828000", "E-mail: webmaster@example.cn"],
        [],
        id="phone and email",
    ),
    pytest.param(
        f"Headline\n\n{ARTICLE}\n\nSiteMap | About Us | RSS | Newsletter | Feedback",
        ["SiteMap | About Us | RSS | Newsletter | Feedback"],
        [],
        id="site map",
    ),
    pytest.param(
        f"Headline\n\n{ARTICLE}\n\nComments (0)\nPost a comment\nPlease abide by the agreement of news comment service",
        ["Comments (0)", "Post a comment", "Please abide by the agreement of news comment service"],
        [],
        id="comment box",
    ),
    pytest.param(f"标题\n\n{ZH_ARTICLE}\n\n发表评论\n网友评论", ["发表评论", "网友评论"], [], id="发表评论"),
    pytest.param(f"Headline\nViews: 12\n\n{ARTICLE}", ["Views: 12"], [], id="view counter"),
    pytest.param(f"标题\n阅读次数：1369\n\n{ZH_ARTICLE}", ["阅读次数：1369"], [], id="阅读次数"),
    pytest.param(
        f"Headline\n2019-11-29 16:31:41 Click Num:1369\n\n{ARTICLE}",
        ["Click Num:1369"],
        ["2019-11-29 16:31:41"],
        id="counter next to the date: only the counter goes",
    ),
    pytest.param(
        f"Headline\nSource: Xinhua | 2020-01-13 21:47:59 | Editor: huaxia\n\n{ARTICLE}",
        ["Editor: huaxia"],
        ["Source: Xinhua | 2020-01-13 21:47:59"],
        id="editor next to source and date",
    ),
    pytest.param(f"Headline\n\n{ARTICLE}\n\n<  1  2  3  …  >", ["<  1  2  3  …  >"], [ARTICLE], id="pager arrows"),
    pytest.param(f"Headline\n\n{ARTICLE}\n\nPrevious 1 2 Next", ["Previous 1 2 Next"], [], id="pager previous next"),
    pytest.param(f"Headline\n\n{ARTICLE}\n\n[1] [2] [3]", ["[1] [2] [3]"], [], id="pager brackets"),
    pytest.param(f"标题\n\n{ZH_ARTICLE}\n\n上一页 1 2 3 下一页", ["上一页 1 2 3 下一页"], [], id="上一页 下一页"),
    pytest.param(f"Headline\n\n{ARTICLE}\n\nEditor: Li Yan", ["Editor: Li Yan"], [ARTICLE], id="editor byline"),
    pytest.param(f"标题\n\n{ZH_ARTICLE}\n\n（责任编辑：张三）", ["（责任编辑：张三）"], [], id="责任编辑"),
    pytest.param(f"标题\n\n{ZH_ARTICLE}\n\n【纠错】 【责任编辑：王頔】", ["【纠错】 【责任编辑：王頔】"], [], id="纠错 and 责任编辑 together"),
    pytest.param(f"Headline\n\n{ARTICLE}\n\nBack to top", ["Back to top"], [], id="back to top"),
    pytest.param(f"Headline\n\n{ARTICLE}\n\n返回顶部", ["返回顶部"], [], id="返回顶部"),
    pytest.param(f"Headline\n[Photo/Xinhua]\n\n{ARTICLE}", ["[Photo/Xinhua]"], [], id="photo credit"),
    pytest.param(f"Headline\n\n{ARTICLE}\n\nFollow us on WeChat", ["Follow us on WeChat"], [], id="follow us"),
    pytest.param(
        f"Headline\n\n{ARTICLE}\n\nPartager : Facebook Twitter E-mail\n© Nations Unies",
        ["Partager : Facebook Twitter E-mail", "© Nations Unies"],
        [],
        id="french share bar and footer",
    ),
    pytest.param(
        f"Headline\n\n{ARTICLE}\n\nNext: China hosts forum on South-South cooperation",
        ["Next: China hosts forum on South-South cooperation"],
        [],
        id="next article link",
    ),
    pytest.param(
        f"Headline\n\n{ARTICLE}\n\nTools: Save | Print\n\nProduct Directory\nChina Search\nHot Buys",
        ["Tools: Save | Print", "Product Directory", "China Search", "Hot Buys"],
        [ARTICLE],
        id="links after the last paragraph and a tool bar",
    ),
]


@pytest.mark.parametrize(("page", "gone", "kept"), FURNITURE_PAGES)
def test_clean_removes_page_furniture(page: str, gone: list[str], kept: list[str]) -> None:
    cleaned = clean(page)
    for fragment in gone:
        assert fragment not in cleaned.text
        assert fragment in cleaned.removed
    for line in kept:
        assert line in cleaned.text.split("\n")
    assert cleaned.text.endswith(ARTICLE) or ARTICLE not in page or ARTICLE in kept


# --- what must survive --------------------------------------------------------------------

CONTENT_LINES = [
    pytest.param(
        "China has strengthened copyright protection in recent years, the spokesperson said at the press conference.",
        id="a sentence that mentions copyright",
    ),
    pytest.param("Share of renewables rises", id="headline starting with Share"),
    pytest.param("Foreign Ministry Spokesperson's Comments on the Visit", id="headline with Comments"),
    pytest.param("Save the Children", id="headline starting with Save"),
    pytest.param("1949–1978", id="era heading"),
    pytest.param("Q:", id="question label"),
    pytest.param("Phoenix TV:", id="speaker label"),
    pytest.param("2019-11-29", id="date line"),
    pytest.param("Thank you!", id="closing words"),
    pytest.param("Editors' note: This is the fourth article in a series on China's diplomacy.", id="editors' note"),
    pytest.param("SG/SM/21742", id="UN document symbol"),
    pytest.param("The Paper: Does China have any comment on the report?", id="inline question"),
]


@pytest.mark.parametrize("line", CONTENT_LINES)
def test_content_lines_are_not_furniture(line: str) -> None:
    assert furniture_reason(line) == ""
    page = f"Headline\n\n{ARTICLE}\n\n{line}\n\n{ARTICLE_2}"
    assert line in clean(page).text.split("\n")


def test_signature_lines_after_the_last_paragraph_survive_until_the_furniture() -> None:
    page = f"Joint Communiqué\n\n{ARTICLE}\n\nMinistry of Foreign Affairs\nBeijing, 17 August 1982\n\n[Print] [Close]"
    cleaned = clean(page)
    assert cleaned.text.endswith("Ministry of Foreign Affairs\nBeijing, 17 August 1982")
    assert cleaned.removed == ["[Print] [Close]"]


def test_a_drawn_rule_goes_but_does_not_start_the_footer() -> None:
    page = f"Headline\n\n{ARTICLE}\n\n* * *\n\nBeijing, 17 August 1982\n\n-----"
    cleaned = clean(page)
    assert cleaned.text == f"Headline\n\n{ARTICLE}\n\nBeijing, 17 August 1982"
    assert cleaned.removed == ["* * *", "-----"]


def test_a_related_list_stops_at_the_next_real_paragraph() -> None:
    page = f"Related Articles\nXi meets Japanese PM\nChina in the world\n\n{ARTICLE}\n\n{ARTICLE_2}"
    cleaned = clean(page)
    assert cleaned.removed == ["Related Articles", "Xi meets Japanese PM"]
    assert cleaned.text.startswith("China in the world\n\n" + ARTICLE)


def test_a_menu_repeated_at_the_top_and_the_bottom_goes() -> None:
    page = f"World | Video\nHeadline\n\n{ARTICLE}\n\nWorld | Video"
    cleaned = clean(page)
    assert cleaned.removed == ["World | Video", "World | Video"]


def test_clean_keeps_paragraph_structure() -> None:
    page = f"Headline\nPrint | Close\n\n{ARTICLE}\n\n\n{ARTICLE_2}\n\nBack to top\n\nCopyright © 2020"
    assert clean(page).text == f"Headline\n\n{ARTICLE}\n\n\n{ARTICLE_2}"


def test_clean_leaves_front_matter_alone() -> None:
    page = f"---\ntitle: Tools\nsource: Xinhua\n---\nTools: Save | Print\nHeadline\n\n{ARTICLE}"
    cleaned = clean(page)
    assert cleaned.text == f"---\ntitle: Tools\nsource: Xinhua\n---\nHeadline\n\n{ARTICLE}"


def test_banner_names_the_source() -> None:
    assert clean(seed_text("003")).meta == {"source": "China South South Cooperation Network"}


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


def test_html_page_is_reduced_to_its_article() -> None:
    cleaned = clean(fixture_text("chinadaily_page.html"))
    assert cleaned.meta == {
        "title": "China reaffirms independent foreign policy of peace",
        "date": "2019-11-29",
        "source": "China Daily",
    }
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0] == "China reaffirms independent foreign policy of peace"
    assert paragraphs[1] == "Source: China Daily | 2019-11-29"
    assert paragraphs[2].startswith("China will continue to pursue an independent foreign policy")
    assert paragraphs[-1].startswith("He added that the Five Principles")
    for visible in ("Home | China | World | Business | Opinion", "Share - WeChat", "Related Stories",
                    "Xi stresses peaceful development", "Copyright 1995 - 2019. All rights reserved."):
        assert visible in cleaned.removed
        assert visible not in cleaned.text
    assert not any("tracker" in line or "color: red" in line for line in cleaned.removed)


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
