"""Tests for documents.importing.cleaning.furniture: which lines of a page are furniture, and which stay."""

from __future__ import annotations

import pytest

from documents.importing.cleaning import clean, furniture_reason
from tests.importing.cleaning.samples import ARTICLE, ARTICLE_2, ZH_ARTICLE


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
