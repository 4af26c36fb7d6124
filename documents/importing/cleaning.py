"""Stage 2 of the import pipeline: take the web-page furniture out of a text.

``clean`` removes what a browser shows around an article -- tool and share bars,
font-size controls, navigation and breadcrumbs, "Related stories" lists, comment
boxes, click counters, pagers, editor bylines, footers with copyright and ICP
licence numbers -- and returns the text with everything it took out, in order.

The rules look at the *shape* of a line (short, made of menu-like tokens or
separators, placed at the head or the tail of the page, repeated) together with a
vocabulary in several languages (English, Chinese, French, Spanish, Russian, German,
Arabic). A line that reads like a real sentence (a sentence ending and many words)
is kept even when it contains a furniture word such as "copyright" or "comments".

HTML input goes through trafilatura first; the page's own metadata (title, date,
site name, URL) is returned in ``Cleaned.meta`` for ``parsing.parse(meta=...)``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from documents.importing.types import Cleaned

__all__ = ["clean", "furniture_reason", "is_prose", "site_from_banner", "text_size"]

# ---------------------------------------------------------------------------
# Measuring a line
# ---------------------------------------------------------------------------

# Letters of alphabetic scripts (Latin, Greek, Cyrillic, Arabic), as words.
_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff]+")
# Han, kana and hangul: one character is roughly half a word.
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# A sentence ending, possibly followed by closing quotes or brackets.
_SENTENCE_END_RE = re.compile(r"[.!?\u2026\u3002\uff01\uff1f\uff0e][\"'\u201d\u2019\u00bb\u300d\u300f)\uff09\]\s]*$")
_DATE_HINT_RE = re.compile(
    r"\b(?:1[89]|20)\d\d[-/.\u5e74]\s*\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:1[89]|20)\d\d"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:1[89]|20)\d\d"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:1[89]|20)\d\d",
    re.IGNORECASE,
)
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def _strip(text: str) -> str:
    """Strip whitespace (Unicode included) and zero-width characters from both ends."""
    return text.strip().strip(_INVISIBLE).strip()


@lru_cache(maxsize=4096)
def text_size(line: str) -> float:
    """A word count that works across scripts: alphabetic words + CJK characters / 2."""
    # Every threshold is below 50 words: the first 400 characters tell.
    head = line[:400]
    words = len(_WORD_RE.findall(head))
    if head.isascii():
        return words
    return words + len(_CJK_RE.findall(head)) / 2


def is_prose(line: str) -> bool:
    """True when ``line`` reads like a real sentence rather than page furniture.

    A sentence ending and at least eight words (sixteen CJK characters), or a
    line too long to be a menu or a label whatever its ending.
    """
    size = text_size(line)
    if size >= 30:
        return True
    return size >= 8 and _SENTENCE_END_RE.search(line[-12:]) is not None


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------


def _alternation(words: str) -> str:
    """Join ``|``-separated phrases, longest first, with flexible inner spaces."""
    items = sorted({w.strip() for w in words.split("|") if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


# Latin-script tool-bar words: a line made only of these (and separators) is a tool bar.
_TOOL_LATIN = _alternation(
    "tools|tool|save|print|print this page|print this article|printer friendly|printer-friendly"
    "|printer friendly version|print version|e-mail|email|e-mail this|email this|mail"
    "|send to a friend|send to friend|send|share|share this|share to|share on|share via|close"
    "|close window|most read|font|font size|text size|adjust font size|size|a|a+|a-|larger"
    "|large|medium|small|smaller|bookmark|favorites|favourites|copy link|facebook|twitter"
    "|weibo|wechat|linkedin|whatsapp|telegram|reddit|line|qq|qzone|rss|download|pdf"
    "|login|log in|sign in|register|sign up|logout|log out|username|user name|password"
    "|submit|anonymous|back to top|back|top|to top|go to top|scroll to top|home|comment"
    "|comments|feedback|subscribe|more|listen|audio|zoom in|zoom out|reset|normal"
    "|imprimer|partager|fermer|envoyer|taille du texte|imprimir|compartir|cerrar|enviar"
    "|печать|распечатать|версия для печати|поделиться|закрыть|drucken|teilen|schließen"
    "|schriftgröße|طباعة|مشاركة|إغلاق|أرسل"
)
_TOOL_CJK = _alternation(
    "打印|打印本页|打印本文|打印此页|打印文章|我要纠错|关闭|关闭窗口|关闭本页|关闭页面|列印|列印本頁"
    "|關閉|關閉視窗|關閉本頁|關閉窗口|收藏|加入收藏|收藏本页|分享|分享到|分享至|转发|轉發"
    "|推荐|推薦|字号|字號|字体|字體|大|中|小|默认|默認|放大|缩小|縮小|纠错|糾錯|返回顶部"
    "|回到顶部|返回頂部|回到頂部|返回|顶部|頂部|微信|微博|邮件|郵件|复制链接|複製鏈接|评论"
    "|評論|登录|登入|注册|註冊|用户名|密码|密碼|匿名|提交|扫一扫|掃一掃|QQ空间|豆瓣|人人网"
    "|朋友圈|腾讯微博|新浪微博|发送|發送|保存|存档|在线阅读|下载|下載|听新闻|简体|繁体|繁體|简|繁"
    "|ページのトップへ戻る|ページのトップへ|ページトップへ戻る|ページトップへ|ページの先頭へ|トップへ戻る"
    "|印刷する|印刷|シェア|閉じる|文字サイズ|인쇄|공유|닫기|맨 위로|글자 크기"
)
_TOOL_TOKEN_RE = re.compile(
    rf"(?<![A-Za-z])(?:{_TOOL_LATIN})(?![A-Za-z])|(?:{_TOOL_CJK})", re.IGNORECASE
)
# Tokens that do not make a tool bar on their own ("A", "more", "大 中 小" need company).
_WEAK_TOOL_TOKENS = frozenset(
    "a|a+|a-|more|line|large|larger|medium|small|smaller|size|normal|reset|大|中|小|默认|默認"
    "|返回|简|繁|back|send|save|listen|audio|download|pdf".split("|")
)
_FONT_CONTROL_RE = re.compile(r"^(?:[Aa][+\-]?\s*){2,}$|^(?:[大中小]\s*){3}$")

_PAGER_TOKEN_RE = re.compile(
    r"(?<!\d)\d{1,3}(?!\d)|(?<![A-Za-z])(?:prev|previous|next|first|last|page|pages|of|go|older|newer"
    r"|précédente?|suivante?|anterior|siguiente|назад|вперед|вперёд|zurück|weiter|seite)(?![A-Za-z])"
    r"|上一页|下一页|上页|下页|首页|尾页|末页|上一頁|下一頁|首頁|尾頁|第|页|頁|共|跳转|转到|跳轉|[<>«»‹›…]",
    re.IGNORECASE,
)
_PAGER_WORD_RE = re.compile(
    r"prev|next|précédent|suivant|anterior|siguiente|назад|вперед|вперёд|zurück|weiter|上一|下一|上页|下页|尾页|末页",
    re.IGNORECASE,
)

# A page number set beside a running header or footer, after a wide gap or a rule of dashes.
_FOLIO_RE = re.compile(r"(?:\s{3,}|\s+[-–—|·]\s*)\d{1,4}\s*$|^\d{1,4}(?:\s{3,}|\s*[-–—|·]\s+)")

_BANNER_RE = re.compile(
    r"^(?:welcome\s+to|欢迎(?:访问|来到|光临|您访问)|歡迎(?:訪問|來到|光臨)|bienvenue\s+(?:sur|à|au|dans)"
    r"|bienvenid[oa]s?\s+(?:a|al)|добро\s+пожаловать\s+(?:на|в)|willkommen\s+(?:auf|bei|im)|مرحبا\s+بكم\s+في)"
    r"\s*(?P<site>.+?)\s*[!！.。]?$",
    re.IGNORECASE,
)
_SITE_PREFIX_RE = re.compile(r"^(?:the\s+)?(?:official\s+)?(?:web\s*site|homepage|home\s+page|portal)\s+of\s+(?:the\s+)?|^the\s+", re.IGNORECASE)

_SHARE_RE = re.compile(
    r"^(?:share(?:\s+(?:this|it|to|on|via|with))*(?:\s+(?:article|story|page|post))?\s*[:：\-–—]"
    r"|分享(?:到|至)?\s*[:：]|partager\s*[:：]|compartir\s*[:：]|поделиться\s*[:：]|teilen\s*[:：])",
    re.IGNORECASE,
)
_PREV_NEXT_RE = re.compile(
    r"^(?:上一篇|下一篇|上一条|下一条|上一條|下一條|上一篇文章|下一篇文章"
    r"|previous(?:\s+(?:article|story|post|page))?|next(?:\s+(?:article|story|post|page))?|prev"
    r"|article\s+(?:précédent|suivant)|artículo\s+(?:anterior|siguiente))\s*[:：]",
    re.IGNORECASE,
)
_EDITOR_LABEL = (
    r"(?:(?:chief|web|executive|managing|responsible|online|news)\s+)?editors?(?:-in-chief)?|edited\s+by"
    r"|责任编辑|责编|编辑|編輯|責任編輯|責編|审核|審核|校对|校對|rédact(?:eur|rice)s?|redactor(?:es)?|редактор"
)
_EDITOR_LINE_RE = re.compile(
    rf"^[\[(（【]?\s*(?:{_EDITOR_LABEL})\s*[:：]?\s*(?P<value>[^\])）】]*?)\s*[\])）】]?$",
    re.IGNORECASE,
)
_EDITOR_NEEDS_COLON_RE = re.compile(rf"^[\[(（【]?\s*(?:{_EDITOR_LABEL})\s*(?:[:：]|$)|^[\[(（【]?\s*edited\s+by\b", re.IGNORECASE)
_COUNTER_RE = re.compile(
    r"(?:(?<![A-Za-z])(?:click\s*num(?:ber)?s?|clicks?|hits|views?|page\s*views?|visits|reads?|read\s+times"
    r"|vues|visitas|lecturas|просмотр(?:ы|ов)?)\s*(?:[:：]\s*|[(（]\s*(?!(?:1[89]|20)\d\d\s*[)）]))"
    r"|阅读(?:次数|量|数)?\s*[:：]?\s*|浏览(?:次数|量)?\s*[:：]?\s*|点击(?:数|量|次数|率)?\s*[:：]?\s*"
    r"|访问(?:次数|量)\s*[:：]?\s*|閱讀(?:次數|數)?\s*[:：]?\s*|瀏覽(?:次數|量)?\s*[:：]?\s*|點擊(?:數|次數)?\s*[:：]?\s*)"
    r"\d[\d,]*\s*[)）]?\s*(?:次|times)?"
    r"|\b\d[\d,]*\s+(?:views|reads|clicks|hits)\b",
    re.IGNORECASE,
)
_COMMENT_START_RE = re.compile(
    r"^(?:netizens?\s*comment\w*|(?:all|my|more|view|show|read|latest|hot|top|user|reader)\s+comments?"
    r"|post\s+(?:a\s+|your\s+)?comment|leave\s+a\s+(?:comment|reply)|add\s+(?:a\s+|your\s+)?comment"
    r"|write\s+a\s+comment|please\s+abide\s+by|comments?\s+are\s+closed|be\s+the\s+first\s+to\s+comment"
    r"|(?:发表|我要|网友|查看|全部|更多|最新|热门|精彩)评论|網友評論|發表評論|我要評論|跟帖|请遵守|請遵守"
    r"|(?:laisser|ajouter)\s+un\s+commentaire|(?:deja|escribe)\s+(?:un|tu)\s+comentario|оставить\s+комментарий)",
    re.IGNORECASE,
)
_COMMENT_ONLY_RE = re.compile(
    r"^(?:comments?|commentaires?|comentarios?|комментарии|评论|評論|留言)\s*[(（\[]?\s*\d*\s*[)）\]]?\s*[:：]?$"
    r"|^\d+\s+(?:comments?|commentaires?|comentarios?|条评论)$",
    re.IGNORECASE,
)
_FOOTER_STRONG_RE = re.compile(
    r"©|\(c\)\s*(?:1[89]|20)\d\d|\bcopyright\s*(?:©|\(c\)|(?:1[89]|20)\d\d)|all\s+rights\s+reserved"
    r"|ICP\s*[备證证]|[京沪粤浙苏津渝]ICP|公网安备|公網安備|版权所有|版權所有|tous\s+droits\s+réservés"
    r"|todos\s+los\s+derechos\s+reservados|все\s+права\s+защищены|alle\s+rechte\s+vorbehalten"
    r"|جميع\s+الحقوق\s+محفوظة",
    re.IGNORECASE,
)
_FOOTER_WEAK_RE = re.compile(
    r"\bcopyright\b|powered\s+by|privacy\s+(?:policy|statement)|terms\s+(?:of|and)\s+(?:use|service|conditions)"
    r"|contact\s+us|about\s+us|site\s*map|disclaimer|cookie\s+(?:policy|settings)|legal\s+notice|mentions\s+légales"
    r"|联系我们|關於我們|关于我们|聯繫我們|网站地图|網站地圖|网站声明|免责声明|隐私政策|版权声明|主办单位|承办单位"
    r"|主办[:：]|承办[:：]|技术支持|网站标识码|违法和不良信息举报|举报电话|not\s+an\s+official\s+record",
    re.IGNORECASE,
)
_CONTACT_RE = re.compile(
    r"^(?:tel|telephone|phone|fax|e-?mail|address|addr|add|postcode|post\s+code|zip(?:\s+code)?|hotline"
    r"|电话|联系电话|传真|邮箱|电子邮箱|电子邮件|地址|邮编|邮政编码|電話|傳真|郵箱|郵編|téléphone|teléfono|телефон)\s*[:：]",
    re.IGNORECASE,
)
_EMAIL_OR_PHONE_ONLY_RE = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$|^\+?[\d\s()-]{7,20}$")
_BREADCRUMB_RE = re.compile(
    r"^(?:you\s+are\s+here|current\s+location|当前位置|您的位置|你的位置|所在位置|您现在的位置|當前位置|您的位置"
    r"|vous\s+êtes\s+ici|usted\s+está\s+aquí)\s*[:：]"
    r"|^(?:home|首页|主页|首頁|accueil|inicio|главная|startseite)\s*(?:>|»|›|/|>>|＞|→)",
    re.IGNORECASE,
)
_NAV_SPLIT_RE = re.compile(r"\s*[|｜•·∙»›>＞]\s*|\s+/\s+|\s{2,}|\u3000+")
_NAV_MARK_RE = re.compile(r"[|｜•·∙»›>＞]|\s/\s")
_NAV_WORD_RE = re.compile(
    r"^(?:home|homepage|about(?:\s+us)?|contact(?:\s+us)?|site\s*map|rss|newsletter|feedback|search|login|register"
    r"|help|faq|archives?|首页|主页|首頁|关于我们|联系我们|网站地图|English|中文|Français|Español|Русский|العربية)$",
    re.IGNORECASE,
)
_PROMO_RE = re.compile(
    r"^(?:follow\s+us|subscribe\b|download\s+(?:the\s+|our\s+)?app|get\s+the\s+app|sign\s+up\s+for|scan\s+(?:the\s+)?qr"
    r"|join\s+us\s+on|扫一扫|掃一掃|扫描二维码|扫码|关注我们|關注我們|手机看|手机版|客户端下载|下载客户端|suivez-nous|síguenos)",
    re.IGNORECASE,
)
_CREDIT_RE = re.compile(
    r"^[\[(（【]\s*(?:photo|photos|file\s+photo|pic|video|图|图片|圖|圖片|视频|視頻)(?![A-Za-z])[^\])）】]{0,60}[\])）】]$",
    re.IGNORECASE,
)
_RELATED_RE = re.compile(
    r"^(?:related(?:\s+(?:stories|story|news|articles?|links?|reading|content|reports?|coverage|topics?|posts?|items?|videos?|photos?))?"
    r"|more(?:\s+(?:news|stories|articles|videos|photos|headlines|coverage|on\s+this\s+(?:topic|story)|from\s+[\w .']{1,30}))?"
    r"|about\s+news|also\s+read|read\s+(?:more|also)|see\s+also|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested(?:\s+in)?)"
    r"|recommended(?:\s+(?:for\s+you|reading|stories|articles))?|editor'?s?'?\s+picks?|most\s+(?:read|popular|viewed|shared|commented|e-?mailed)"
    r"|top\s+(?:news|stories|headlines)|latest(?:\s+(?:news|stories|headlines))?|hot\s+(?:news|topics|stories|buys)"
    r"|trending(?:\s+now)?|in\s+case\s+you\s+missed\s+it|further\s+reading|special\s+(?:reports?|coverage)|photos?\s+in\s+news"
    r"|相关(?:新闻|阅读|链接|文章|报道|稿件|专题|推荐|内容|视频|图片)?|相關(?:新聞|閱讀|鏈接|連結|文章|報導|報道)?"
    r"|更多(?:新闻|精彩|阅读|内容|報導|新聞)?|推荐阅读|延伸阅读|延伸閱讀|热点(?:新闻|推荐)?|热门(?:文章|新闻|推荐)?|熱門(?:文章|新聞)?"
    r"|热读|排行榜?|点击排行|猜你喜欢|精彩推荐|今日推荐|最新(?:新闻|消息|文章)?|图片新闻|视频新闻|往期回顾"
    r"|articles?\s+(?:connexes|similaires|liés)|à\s+lire\s+aussi|lire\s+aussi|voir\s+aussi|sur\s+le\s+même\s+sujet|les\s+plus\s+lus"
    r"|noticias\s+relacionadas|artículos\s+relacionados|lea\s+también|ver\s+también|más\s+leídas?"
    r"|похожие\s+(?:новости|статьи|материалы)|читайте\s+также|см\.\s+также|самое\s+читаемое"
    r"|verwandte\s+artikel|mehr\s+zum\s+thema|lesen\s+sie\s+auch|meistgelesen|أخبار\s+ذات\s+صلة|اقرأ\s+أيضا)$",
    re.IGNORECASE,
)
# A horizontal rule drawn with characters: "-----", "* * *", "======".
_RULE_RE = re.compile(r"^([-_=*~#·•.─━—–])(?:\s*\1){2,}$|^[-_=~─━—–]{3,}$")
_HEADING_TRIM = "[]【】:：-–—>»›|*#•· \t"
_BULLET_RE = re.compile(r"^(?:[•·●○◦▪■□◆◇►▶➢>»\-–—*]+|\d{1,2}[.)、])\s*")
_SEGMENT_SPLIT_RE = re.compile(r"(\s*[|｜]\s*|\s{2,}|\u3000+|(?<=】)\s*|\s*(?=【))")
_FRONT_MATTER_RE = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HTML_START_RE = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL)
_HTML_TAG_RE = re.compile(r"<body[\s>]|</(?:p|div|li|h[1-6]|td|article)>|<br\s*/?>", re.IGNORECASE)


# ---------------------------------------------------------------------------
# Line classification
# ---------------------------------------------------------------------------


def furniture_reason(line: str) -> str:
    """Say why ``line`` (one line of a page) is furniture, or return ``""``.

    Looks at the line alone; ``clean`` adds the rules that need context (lists
    under a "Related" heading, the page footer block, repeated menus).
    """
    s = _strip(line)
    if not s:
        return ""
    if _RULE_RE.match(s):
        return "rule"
    size = text_size(s)
    if size > 40 or len(s) > 400:
        return ""
    # Strong signals: these win even over a sentence-like line.
    if _FOOTER_STRONG_RE.search(s) and size <= 35:
        return "footer"
    if _COMMENT_START_RE.match(s) and size <= 20:
        return "comments"
    if _BANNER_RE.match(s) and size <= 15:
        return "banner"
    if is_prose(s):
        return ""
    if _COMMENT_ONLY_RE.match(s):
        return "comments"
    if _FONT_CONTROL_RE.match(s):
        return "tool bar"
    tokens = _covering_tokens(s, _TOOL_TOKEN_RE)
    if tokens and any(t.lower() not in _WEAK_TOOL_TOKENS for t in tokens):
        return "tool bar"
    if _SHARE_RE.match(s) and size <= 12:
        return "share bar"
    if _is_pager(s):
        return "pager"
    if _PREV_NEXT_RE.match(s):
        return "pager"
    if _is_editor_line(s):
        return "editor"
    counter_free = _COUNTER_RE.sub("", s)
    if counter_free != s and not re.search(r"\w", counter_free):
        return "counter"
    if _RELATED_RE.match(s.strip(_HEADING_TRIM)) and size <= 10:
        return "related"
    if _CONTACT_RE.match(s) or (_EMAIL_OR_PHONE_ONLY_RE.match(s) and not _DATE_HINT_RE.search(s)):
        return "contact"
    if _FOOTER_WEAK_RE.search(s) and size <= 25:
        return "footer"
    if _BREADCRUMB_RE.match(s):
        return "navigation"
    if _PROMO_RE.match(s) and size <= 15:
        return "promotion"
    if _CREDIT_RE.match(s):
        return "photo credit"
    if _is_menu(s):
        return "navigation"
    parts = [p for p in _SEGMENT_SPLIT_RE.split(s)[::2] if _strip(p)]
    if len(parts) >= 2:
        # "【纠错】 【责任编辑：王頔】": every part of the line is furniture.
        reasons = [furniture_reason(p) for p in parts]
        if all(reasons):
            return reasons[0]
    return ""


def _covering_tokens(s: str, token_re: re.Pattern[str]) -> list[str]:
    """Tokens of ``token_re`` when they cover every letter/digit of ``s``, else []."""
    tokens: list[str] = []
    pos = 0
    for m in token_re.finditer(s):
        if m.start() > pos and not _is_separators(s[pos : m.start()]):
            return []
        tokens.append(m.group())
        pos = m.end()
    if pos < len(s) and not _is_separators(s[pos:]):
        return []
    return tokens


_SEPARATORS_RE = re.compile(r"[\W_]*")


def _is_separators(gap: str) -> bool:
    return _SEPARATORS_RE.fullmatch(gap) is not None


def _is_pager(s: str) -> bool:
    tokens = _covering_tokens(s, _PAGER_TOKEN_RE)
    if not tokens:
        return False
    numbers = sum(t.isdigit() for t in tokens)
    has_nav_word = _PAGER_WORD_RE.search(s) is not None
    return numbers >= 2 or has_nav_word or (numbers >= 1 and len(tokens) >= 3)


def _is_editor_line(s: str) -> bool:
    if not _EDITOR_NEEDS_COLON_RE.match(s):
        return False
    m = _EDITOR_LINE_RE.match(s)
    return m is not None and text_size(m.group("value")) <= 6


def _is_menu(s: str) -> bool:
    """A line of short items separated by bars, bullets, arrows or wide gaps."""
    if _DATE_HINT_RE.search(s):
        return False
    items = [i for i in _NAV_SPLIT_RE.split(s) if i]
    if len(items) < 2:
        return False
    if len(items) < 4 and not _NAV_MARK_RE.search(s):
        # Items only set apart by wide gaps: signatures and tables look like that too.
        return False
    for item in items:
        if text_size(item) > 4 or len(item) > 30 or _SENTENCE_END_RE.search(item):
            return False
        if item.endswith((":", "：")):
            return False
    if len(items) >= 3:
        return True
    return any(_NAV_WORD_RE.match(i) for i in items)


def _strip_fragments(s: str) -> tuple[str, list[str]]:
    """Remove furniture *parts* of a line that also carries something worth keeping.

    "2019-11-29 16:31:41 Click Num:1369" keeps the date and loses the counter;
    "Source: Xinhua | 2020-01-13 | Editor: Li Yan" keeps source and date. Returns the
    new line and the removed fragments.
    """
    removed: list[str] = []
    parts = _SEGMENT_SPLIT_RE.split(s)
    # parts alternates: text, separator, text, separator, ...
    if len(parts) > 1:
        kept: list[str] = []
        pending_sep = ""
        for index, part in enumerate(parts):
            if index % 2:
                pending_sep = part
                continue
            if part and furniture_reason(part) and not _DATE_HINT_RE.search(part):
                removed.append(_strip(part))
                continue
            if kept:
                kept.append(pending_sep)
            kept.append(part)
        if removed:
            s = "".join(kept)
    counters = [m.group().strip() for m in _COUNTER_RE.finditer(s)]
    if counters:
        s = _COUNTER_RE.sub("", s)
        s = re.sub(r"\s*[|｜]\s*$|^\s*[|｜]\s*", "", s)
        s = _strip(re.sub(r"[ \t\u00a0\u3000]{2,}", " ", s))
        removed.extend(counters)
    return s, removed


# ---------------------------------------------------------------------------
# Whole-text cleaning
# ---------------------------------------------------------------------------


def clean(text: str) -> Cleaned:
    """Take the web-page furniture out of ``text``; keep paragraphs and their blank lines.

    HTML goes through trafilatura first. A leading YAML front matter block is
    left untouched for ``parsing.split_front_matter``. ``Cleaned.removed`` lists
    the removed lines (or line fragments) in page order; ``Cleaned.meta`` carries
    what the page says about itself (``source`` from a "Welcome to ..." banner;
    ``title``, ``date``, ``source``, ``url`` from HTML metadata).
    """
    if _looks_like_html(text):
        return _clean_html(text)
    front = ""
    m = _FRONT_MATTER_RE.match(text)
    if m:
        front, text = m.group(), text[m.end() :]
    body, removed, meta = _clean_lines(text.split("\n"))
    if front:
        body = front + body
    return Cleaned(text=body, removed=removed, meta=meta)


def _clean_lines(lines: list[str]) -> tuple[str, list[str], dict]:
    """Apply the line rules and the context rules; return text, removed, meta."""
    n = len(lines)
    stripped = [_strip(line) for line in lines]
    reasons = [furniture_reason(s) if s else "" for s in stripped]
    prose = [bool(s) and not reasons[i] and is_prose(s) for i, s in enumerate(stripped)]
    drop = [bool(r) for r in reasons]
    fragments: dict[int, list[str]] = {}
    new_text: dict[int, str] = {}
    meta: dict = {}

    for i, reason in enumerate(reasons):
        if reason == "banner" and "source" not in meta:
            site = site_from_banner(stripped[i])
            if site:
                meta["source"] = site
        elif reason == "related":
            _drop_related_list(i, stripped, prose, drop, reasons)

    _drop_masthead(stripped, prose, drop, reasons, meta)

    # The page footer: after the last real paragraph, everything from the first
    # furniture line on is furniture too ("Product Directory", "Hot Buys", ...).
    last_prose = max((i for i in range(n) if prose[i] and not drop[i]), default=-1)
    if last_prose >= 0:
        first_tail = next((i for i in range(last_prose + 1, n) if drop[i] and reasons[i] != "rule"), n)
        for i in range(first_tail, n):
            if stripped[i] and not drop[i]:
                drop[i] = True
                reasons[i] = "page footer"

    # Menus repeated at the top and the bottom of the page.
    repeated = Counter(s for s in stripped if s and ("|" in s or "｜" in s))
    for i, s in enumerate(stripped):
        if not drop[i] and repeated.get(s, 0) >= 2 and not prose[i] and not _DATE_HINT_RE.search(s):
            drop[i] = True
            reasons[i] = "repeated menu"

    # Running headers and footers of a paginated text (a PDF's): the same short line over and
    # over with the page number beside it ("China's National Defense in the New Era    2").
    folio_free = [_FOLIO_RE.sub("", s) if s else "" for s in stripped]
    running = Counter(f for f, s in zip(folio_free, stripped) if f and f != s)
    for i, s in enumerate(stripped):
        f = folio_free[i]
        if (not drop[i] and f and f != s and running.get(f, 0) >= 2 and not prose[i]
                and text_size(f) <= 15 and re.search(r"\w", f)):
            drop[i] = True
            reasons[i] = "running header"

    # Fragments inside lines that are kept.
    for i, s in enumerate(stripped):
        if s and not drop[i] and not prose[i]:
            new, parts = _strip_fragments(s)
            if parts:
                fragments[i] = parts
                if _strip(new):
                    new_text[i] = new
                else:
                    drop[i] = True

    out: list[str] = []
    removed: list[str] = []
    gap_has_removal = False
    for i, line in enumerate(lines):
        if drop[i]:
            if i in fragments and not stripped[i]:
                removed.extend(fragments[i])
            else:
                removed.append(stripped[i])
            gap_has_removal = True
            continue
        if i in fragments:
            removed.extend(fragments[i])
            line = new_text[i]
        line = line.rstrip().rstrip(_INVISIBLE).rstrip()
        if not _strip(line):
            # Collapse blank runs left around a removed line into one blank line.
            if gap_has_removal and out and out[-1] == "":
                continue
            out.append("")
            continue
        gap_has_removal = False
        out.append(line)
    while out and out[0] == "":
        out.pop(0)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out), removed, meta


def _drop_related_list(
    heading: int, stripped: list[str], prose: list[bool], drop: list[bool], reasons: list[str]
) -> None:
    """Drop the short link-like lines listed under a "Related ..." heading."""
    n = len(stripped)
    j = heading + 1
    while j < n:
        s = stripped[j]
        if not s or drop[j]:
            j += 1
            continue
        if prose[j] or text_size(s) > 30 or len(s) > 250:
            return
        nxt = next((k for k in range(j + 1, n) if stripped[k] and not drop[k]), None)
        listed = _BULLET_RE.match(s) is not None or _DATE_HINT_RE.search(s) is not None
        if nxt is not None and prose[nxt] and not listed:
            # A short line right before a real paragraph is that paragraph's
            # headline or title, not one more link.
            return
        drop[j] = True
        reasons[j] = "related list"
        j += 1


def _drop_masthead(
    stripped: list[str], prose: list[bool], drop: list[bool], reasons: list[str], meta: dict
) -> None:
    """Drop the site name printed above the page's navigation bar or breadcrumb.

    Only at the head of the page, only a few short lines, and only when a line
    (the headline) is left between the navigation and the first paragraph.
    """
    first_prose = next((i for i, p in enumerate(prose) if p), len(stripped))
    nav = next(
        (i for i in range(first_prose) if reasons[i] == "navigation"),
        None,
    )
    if nav is None:
        return
    if not any(stripped[i] and not drop[i] for i in range(nav + 1, first_prose)):
        return
    above = [i for i in range(nav) if stripped[i] and not drop[i]]
    if not above or len(above) > 3 or any(text_size(stripped[i]) > 12 for i in above):
        return
    for i in above:
        drop[i] = True
        reasons[i] = "masthead"
    if "source" not in meta and not _DATE_HINT_RE.search(stripped[above[0]]):
        meta["source"] = stripped[above[0]]


def site_from_banner(s: str) -> str:
    """"Welcome to China South South Cooperation Network" -> the site's name ("" if no banner)."""
    m = _BANNER_RE.match(_strip(s))
    if not m:
        return ""
    site = _SITE_PREFIX_RE.sub("", m.group("site")).strip(" ,.!！。")
    return site


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre",
    "dd", "dt", "dl", "form", "figure", "figcaption", "main", "address", "hr", "option",
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "select")
_XML_DECL_RE = re.compile(r"\A\s*<\?xml[^>]*>")
_XML_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_WHITESPACE_RE = re.compile(r"\s+")


def _looks_like_html(text: str) -> bool:
    head = text[:5000]
    if _HTML_START_RE.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAG_RE.findall(text[:50000])) >= 3


def _clean_html(text: str) -> Cleaned:
    """Main text of an HTML page with trafilatura; removed = visible lines not kept.

    The text starts with the page's headline and a dateline built from its
    metadata ("Source: China Daily | 2019-11-29"), which ``meta`` also holds.
    """
    import trafilatura  # Imported here: most imports are plain text and never need it.

    source = _XML_UNSAFE_RE.sub("", _XML_DECL_RE.sub("", text))
    doc = trafilatura.bare_extraction(
        source,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    meta: dict = {}
    extracted = ""
    if doc is not None:
        extracted = doc.text or ""
        for key, value in (
            ("title", doc.title),
            ("date", doc.date),
            ("source", doc.sitename),
            ("url", doc.url),
        ):
            if value:
                meta[key] = str(value).strip()
    paragraphs = [line.strip() for line in extracted.split("\n") if line.strip()]
    body, _, line_meta = _clean_lines("\n\n".join(paragraphs).split("\n"))
    for key, value in line_meta.items():
        meta.setdefault(key, value)
    kept = _WHITESPACE_RE.sub(" ", body)
    removed = [line for line in _visible_lines(source) if line not in kept]
    # The headline and the dateline are usually outside the extracted article:
    # write them at the top, so the parser finds them even without ``meta``.
    head: list[str] = []
    title = meta.get("title", "")
    if title and not body.startswith(title):
        head.append(title)
    dateline = " | ".join(
        part for part in (f"Source: {meta['source']}" if meta.get("source") else "", meta.get("date", "")) if part
    )
    if dateline:
        head.append(dateline)
    if head:
        if title and body.startswith(title):
            first, _, rest = body.partition("\n\n")
            body = "\n\n".join([first, *head, rest]) if rest else "\n\n".join([first, *head])
        else:
            body = "\n\n".join([*head, body]) if body else "\n\n".join(head)
    return Cleaned(text=body, removed=removed, meta=meta)


def _visible_lines(html: str) -> list[str]:
    """The lines of text a browser would show, one per block element."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    etree.strip_elements(root, *_INVISIBLE_TAGS, with_tail=False)
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    lines = (_WHITESPACE_RE.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return [line for line in lines if line]
