"""The words and shapes of page furniture, as patterns, in several languages.

Tool and share bars, font-size controls, pagers, "Welcome to ..." banners, editors' bylines,
click counters, comment boxes, footers with copyright and ICP licence numbers, contact lines,
breadcrumbs and menus, promotions, photo credits, "Related ..." headings and drawn rules, in
English, Chinese, French, Spanish, Russian, German and Arabic (and some Japanese and Korean).
``furniture.py`` reads a line with them.
"""

from __future__ import annotations

import re


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
TOOL_TOKEN_RE = re.compile(
    rf"(?<![A-Za-z])(?:{_TOOL_LATIN})(?![A-Za-z])|(?:{_TOOL_CJK})", re.IGNORECASE
)
# Tokens that do not make a tool bar on their own ("A", "more", "大 中 小" need company).
WEAK_TOOL_TOKENS = frozenset(
    "a|a+|a-|more|line|large|larger|medium|small|smaller|size|normal|reset|大|中|小|默认|默認"
    "|返回|简|繁|back|send|save|listen|audio|download|pdf".split("|")
)
FONT_CONTROL_RE = re.compile(r"^(?:[Aa][+\-]?\s*){2,}$|^(?:[大中小]\s*){3}$")

PAGER_TOKEN_RE = re.compile(
    r"(?<!\d)\d{1,3}(?!\d)|(?<![A-Za-z])(?:prev|previous|next|first|last|page|pages|of|go|older|newer"
    r"|précédente?|suivante?|anterior|siguiente|назад|вперед|вперёд|zurück|weiter|seite)(?![A-Za-z])"
    r"|上一页|下一页|上页|下页|首页|尾页|末页|上一頁|下一頁|首頁|尾頁|第|页|頁|共|跳转|转到|跳轉|[<>«»‹›…]",
    re.IGNORECASE,
)
PAGER_WORD_RE = re.compile(
    r"prev|next|précédent|suivant|anterior|siguiente|назад|вперед|вперёд|zurück|weiter|上一|下一|上页|下页|尾页|末页",
    re.IGNORECASE,
)

BANNER_RE = re.compile(
    r"^(?:welcome\s+to|欢迎(?:访问|来到|光临|您访问)|歡迎(?:訪問|來到|光臨)|bienvenue\s+(?:sur|à|au|dans)"
    r"|bienvenid[oa]s?\s+(?:a|al)|добро\s+пожаловать\s+(?:на|в)|willkommen\s+(?:auf|bei|im)|مرحبا\s+بكم\s+في)"
    r"\s*(?P<site>.+?)\s*[!！.。]?$",
    re.IGNORECASE,
)
SITE_PREFIX_RE = re.compile(r"^(?:the\s+)?(?:official\s+)?(?:web\s*site|homepage|home\s+page|portal)\s+of\s+(?:the\s+)?|^the\s+", re.IGNORECASE)

SHARE_RE = re.compile(
    r"^(?:share(?:\s+(?:this|it|to|on|via|with))*(?:\s+(?:article|story|page|post))?\s*[:：\-–—]"
    r"|分享(?:到|至)?\s*[:：]|partager\s*[:：]|compartir\s*[:：]|поделиться\s*[:：]|teilen\s*[:：])",
    re.IGNORECASE,
)
PREV_NEXT_RE = re.compile(
    r"^(?:上一篇|下一篇|上一条|下一条|上一條|下一條|上一篇文章|下一篇文章"
    r"|previous(?:\s+(?:article|story|post|page))?|next(?:\s+(?:article|story|post|page))?|prev"
    r"|article\s+(?:précédent|suivant)|artículo\s+(?:anterior|siguiente))\s*[:：]",
    re.IGNORECASE,
)
_EDITOR_LABEL = (
    r"(?:(?:chief|web|executive|managing|responsible|online|news)\s+)?editors?(?:-in-chief)?|edited\s+by"
    r"|责任编辑|责编|编辑|編輯|責任編輯|責編|审核|審核|校对|校對|rédact(?:eur|rice)s?|redactor(?:es)?|редактор"
)
EDITOR_LINE_RE = re.compile(
    rf"^[\[(（【]?\s*(?:{_EDITOR_LABEL})\s*[:：]?\s*(?P<value>[^\])）】]*?)\s*[\])）】]?$",
    re.IGNORECASE,
)
EDITOR_NEEDS_COLON_RE = re.compile(rf"^[\[(（【]?\s*(?:{_EDITOR_LABEL})\s*(?:[:：]|$)|^[\[(（【]?\s*edited\s+by\b", re.IGNORECASE)
COUNTER_RE = re.compile(
    r"(?:(?<![A-Za-z])(?:click\s*num(?:ber)?s?|clicks?|hits|views?|page\s*views?|visits|reads?|read\s+times"
    r"|vues|visitas|lecturas|просмотр(?:ы|ов)?)\s*(?:[:：]\s*|[(（]\s*(?!(?:1[89]|20)\d\d\s*[)）]))"
    r"|阅读(?:次数|量|数)?\s*[:：]?\s*|浏览(?:次数|量)?\s*[:：]?\s*|点击(?:数|量|次数|率)?\s*[:：]?\s*"
    r"|访问(?:次数|量)\s*[:：]?\s*|閱讀(?:次數|數)?\s*[:：]?\s*|瀏覽(?:次數|量)?\s*[:：]?\s*|點擊(?:數|次數)?\s*[:：]?\s*)"
    r"\d[\d,]*\s*[)）]?\s*(?:次|times)?"
    r"|\b\d[\d,]*\s+(?:views|reads|clicks|hits)\b",
    re.IGNORECASE,
)
COMMENT_START_RE = re.compile(
    r"^(?:netizens?\s*comment\w*|(?:all|my|more|view|show|read|latest|hot|top|user|reader)\s+comments?"
    r"|post\s+(?:a\s+|your\s+)?comment|leave\s+a\s+(?:comment|reply)|add\s+(?:a\s+|your\s+)?comment"
    r"|write\s+a\s+comment|please\s+abide\s+by|comments?\s+are\s+closed|be\s+the\s+first\s+to\s+comment"
    r"|(?:发表|我要|网友|查看|全部|更多|最新|热门|精彩)评论|網友評論|發表評論|我要評論|跟帖|请遵守|請遵守"
    r"|(?:laisser|ajouter)\s+un\s+commentaire|(?:deja|escribe)\s+(?:un|tu)\s+comentario|оставить\s+комментарий)",
    re.IGNORECASE,
)
COMMENT_ONLY_RE = re.compile(
    r"^(?:comments?|commentaires?|comentarios?|комментарии|评论|評論|留言)\s*[(（\[]?\s*\d*\s*[)）\]]?\s*[:：]?$"
    r"|^\d+\s+(?:comments?|commentaires?|comentarios?|条评论)$",
    re.IGNORECASE,
)
FOOTER_STRONG_RE = re.compile(
    r"©|\(c\)\s*(?:1[89]|20)\d\d|\bcopyright\s*(?:©|\(c\)|(?:1[89]|20)\d\d)|all\s+rights\s+reserved"
    r"|ICP\s*[备證证]|[京沪粤浙苏津渝]ICP|公网安备|公網安備|版权所有|版權所有|tous\s+droits\s+réservés"
    r"|todos\s+los\s+derechos\s+reservados|все\s+права\s+защищены|alle\s+rechte\s+vorbehalten"
    r"|جميع\s+الحقوق\s+محفوظة",
    re.IGNORECASE,
)
FOOTER_WEAK_RE = re.compile(
    r"\bcopyright\b|powered\s+by|privacy\s+(?:policy|statement)|terms\s+(?:of|and)\s+(?:use|service|conditions)"
    r"|contact\s+us|about\s+us|site\s*map|disclaimer|cookie\s+(?:policy|settings)|legal\s+notice|mentions\s+légales"
    r"|联系我们|關於我們|关于我们|聯繫我們|网站地图|網站地圖|网站声明|免责声明|隐私政策|版权声明|主办单位|承办单位"
    r"|主办[:：]|承办[:：]|技术支持|网站标识码|违法和不良信息举报|举报电话|not\s+an\s+official\s+record",
    re.IGNORECASE,
)
CONTACT_RE = re.compile(
    r"^(?:tel|telephone|phone|fax|e-?mail|address|addr|add|postcode|post\s+code|zip(?:\s+code)?|hotline"
    r"|电话|联系电话|传真|邮箱|电子邮箱|电子邮件|地址|邮编|邮政编码|電話|傳真|郵箱|郵編|téléphone|teléfono|телефон)\s*[:：]",
    re.IGNORECASE,
)
EMAIL_OR_PHONE_ONLY_RE = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$|^\+?[\d\s()-]{7,20}$")
BREADCRUMB_RE = re.compile(
    r"^(?:you\s+are\s+here|current\s+location|当前位置|您的位置|你的位置|所在位置|您现在的位置|當前位置|您的位置"
    r"|vous\s+êtes\s+ici|usted\s+está\s+aquí)\s*[:：]"
    r"|^(?:home|首页|主页|首頁|accueil|inicio|главная|startseite)\s*(?:>|»|›|/|>>|＞|→)",
    re.IGNORECASE,
)
NAV_SPLIT_RE = re.compile(r"\s*[|｜•·∙»›>＞]\s*|\s+/\s+|\s{2,}|\u3000+")
NAV_MARK_RE = re.compile(r"[|｜•·∙»›>＞]|\s/\s")
NAV_WORD_RE = re.compile(
    r"^(?:home|homepage|about(?:\s+us)?|contact(?:\s+us)?|site\s*map|rss|newsletter|feedback|search|login|register"
    r"|help|faq|archives?|首页|主页|首頁|关于我们|联系我们|网站地图|English|中文|Français|Español|Русский|العربية)$",
    re.IGNORECASE,
)
PROMO_RE = re.compile(
    r"^(?:follow\s+us|subscribe\b|download\s+(?:the\s+|our\s+)?app|get\s+the\s+app|sign\s+up\s+for|scan\s+(?:the\s+)?qr"
    r"|join\s+us\s+on|扫一扫|掃一掃|扫描二维码|扫码|关注我们|關注我們|手机看|手机版|客户端下载|下载客户端|suivez-nous|síguenos)",
    re.IGNORECASE,
)
CREDIT_RE = re.compile(
    r"^[\[(（【]\s*(?:photo|photos|file\s+photo|pic|video|图|图片|圖|圖片|视频|視頻)(?![A-Za-z])[^\])）】]{0,60}[\])）】]$",
    re.IGNORECASE,
)
RELATED_RE = re.compile(
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
RULE_RE = re.compile(r"^([-_=*~#·•.─━—–])(?:\s*\1){2,}$|^[-_=~─━—–]{3,}$")
HEADING_TRIM = "[]【】:：-–—>»›|*#•· \t"

SEGMENT_SPLIT_RE = re.compile(r"(\s*[|｜]\s*|\s{2,}|\u3000+|(?<=】)\s*|\s*(?=【))")
