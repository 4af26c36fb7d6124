"""The head of a document: its title, its source and web address, its date, and its type.

``scan_head`` reads the lines above the first paragraph: the page's banner and section labels,
the headline (set on one or two lines, or in two languages), the issuing office printed above
or under it, datelines, "Source:" labels and a lone URL. It says which lines it used, so that
they do not become passages. ``title_from_name`` titles a file whose text has no headline;
``document_type`` reads the type from the title and from whether the text is a dialogue.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from documents.choices import DatePrecision, DocumentType
from documents.importing.cleaning import furniture_reason, is_prose, site_from_banner, text_size

from .blocks import CODE_RE, NUMBERED_HEADING_RE, join_lines, list_marker, wraps_into
from .dates import TIME_RE, YEAR_PATTERN, FoundDate, find_date
from .datelines import BYLINE_RE, is_dateline, source_from_dateline, source_from_line
from .dialogue import INLINE_SPEAKER_RE, SPEAKER_LINE_RE, speaker_role
from .scripts import CJK_RE, LATIN_WORD_RE, LOWER_START_RE

_URL_ONLY_RE = re.compile(r"^(?:(?:url|link|source|原文链接|原文地址|链接)\s*[:：]\s*)?(https?://\S+)$", re.IGNORECASE)
# The suffixes below are linear in the title's length: a match only begins where a run of
# whitespace begins ``(?<!\s)``, runs are taken possessively, and the site name is only looked
# for once the rest of the title is known to hold no further separator ``(?=...)``.
_SITE_SUFFIX_RE = re.compile(
    r"(?<!\s)\s*(?:\s[-–—|｜]\s|[_|｜])\s*+(?=[^-–—|｜_]*+$)"
    r"(?:[^-–—|｜_]*?(?:\.(?:com|cn|org|net|gov)|xinhua|news|daily|times|online|network|portal"
    r"|ministry of foreign affairs|网|網|新闻|新聞|外交部|政府)[^-–—|｜_]*+)$",
    re.IGNORECASE,
)
_PAGE_SUFFIX_RE = re.compile(
    r"(?<!\s)\s*+(?:[-–—|｜:]\s*+)?+(?:\(\s*+(?:page|part)?+\s*+\d{1,2}+\s*+(?:/|of)\s*+\d{1,2}+\s*+\)"
    r"|\[\s*+\d{1,2}+\s*+\]|(?:page|part|pt\.?)\s*+\d{1,2}+(?:\s*+(?:/|of)\s*+\d{1,2}+)?+"
    r"|\(\s*+(?:page|part)\s*+\d{1,2}+\s*+\)|第\s*+\d{1,2}+\s*+页|\(\s*+\d{1,2}+\s*+/\s*+\d{1,2}+\s*+\))\s*+$",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = " |｜-–—_:：,，/"
# Words of the section names printed above headlines ("Opinion", "Meetings Coverage and
# Press Releases", "要闻"): a head line made only of these is a label, not the title.
_SECTION_WORDS = frozenset(
    "news opinion opinions politics business diplomacy culture society sci-tech sports features"
    " photos photo video videos top latest headlines focus spotlight commentary commentaries analysis editorial"
    " editorials press release releases meetings coverage media newsroom centre center statements speeches"
    " documents topics special reports and & 要闻 时政 国际 外交 新闻 评论 观点 专题 專題 焦点 滚动"
    " 动态 图片 视频 发布 媒体 中心".split()
)
_SECTION_NAMES = frozenset(("china", "world", "in focus", "china news", "world news", "nation", "asia-pacific"))
_SECTION_SPLIT_RE = re.compile(r"[\s&/|·]+")
# The issuing body printed above a headline: "Ministry of Foreign Affairs of the People's Republic
# of China", "Министерство иностранных дел Российской Федерации", "中华人民共和国外交部".
_ISSUER_RE = re.compile(
    r"^(?:the\s+)?(?:(?:ministry|department|office|embassy|consulate(?:\s+general)?|(?:permanent\s+)?mission"
    r"|secretariat|state\s+council(?:\s+information\s+office)?)\s+of\s+(?:the\s+)?(?:[A-Z][\w.'’\-]*|of|the|and|for|to|in|at|on|\s)+"
    r"|(?:ministère|ministerio|ministerium|ministero|ambassade|embajada|botschaft)\b[^.:;!?|]{3,80}"
    r"|(?:министерство|посольство|правительство|постоянное\s+представительство)\s[^.:;!?|]{3,80}"
    r"|(?:中华人民共和国|中華人民共和國)?(?:国务院|國務院)?(?:新闻办公室|新聞辦公室|外交部|商务部|商務部|国防部|國防部)"
    r"|(?:中华人民共和国|中華人民共和國)?(?:国务院|國務院|驻[^\s]{1,20}(?:大使馆|總領事館|总领事馆|使团|使團))"
    r"|外務省|외교부)$",
    re.IGNORECASE,
)
_TITLE_LABEL_RE = re.compile(
    r"^(?:title|headline|标题|標題|题目|題目|titre|título|titolo|titel|заголовок|タイトル|件名)\s*[:：]\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
# "Ministry of Commerce Announces New Export Rules" is a headline about a ministry, not its name.
_HEADLINE_VERB_RE = re.compile(
    r"\b(?:holds|hosts|announces|says|meets|issues|releases|urges|welcomes|calls|condemns|rejects|responds"
    r"|signs|opens|launches|publishes|marks|celebrates|receives|briefs|warns|denies|confirms|expresses"
    r"|reiterates|clarifies|answers|comments|stresses|supports|opposes|hails|vows|pledges)\b",
    re.IGNORECASE,
)
_HEAD_LINES = 15
_DATELINE_LABEL_RE = re.compile(
    r"(?<![A-Za-z])(?:updated?|published|posted|released?|issued|date|time|sources?|from|by|author|editor)(?![A-Za-z])"
    r"|发布|更新|时间|日期|来源|來源|作者|編輯|编辑|時間",
    re.IGNORECASE,
)
# A view counter beside a date: the date is when a portal posted the page, not when it was issued.
_POSTING_COUNTER_RE = re.compile(
    r"(?<![A-Za-z])(?:click(?:s| num(?:ber)?)?|hits|views?|visits|read(?:s| count| times))\s*[:：]?\s*\d"
    r"|(?:点击|點擊|浏览|瀏覽|阅读|閱讀|访问|訪問)(?:数|數|量|次数|次數)?\s*[:：]?\s*\d",
    re.IGNORECASE,
)
_TITLE_YEAR_RE = re.compile(rf"[(（\[]({YEAR_PATTERN})[)）\]]\s*$")


@dataclass
class Head:
    """What the head of the document says, and which lines it used."""

    title: str = ""
    date: FoundDate | None = None
    source: str = ""
    source_url: str = ""
    issuer: str = ""  # the office printed above or under the headline, when there is one
    used: frozenset[tuple[int, int]] = frozenset()
    # The lines each value was read from: its evidence (``ParsedDocument.provenance``).
    lines: dict[str, str] = field(default_factory=dict)
    posted: FoundDate | None = None  # a portal's posting time (with a view counter), not the issue date


def scan_head(paras: list[list[str]], *, posted_line: str = "") -> Head:
    """Read title, dateline, source and URL from the lines before the first paragraph.

    ``posted_line``: a line the cleaner found beside a view counter (``Cleaned.meta["posted"]``):
    its date is when a portal posted the page (``Head.posted``), not the issue date."""
    head = Head()
    used: set[tuple[int, int]] = set()
    candidates: list[tuple[int, int, str]] = []
    seen = 0
    for pi, para in enumerate(paras):
        for li, line in enumerate(para):
            if seen >= _HEAD_LINES or is_prose(line):
                if li and candidates and candidates[-1][:2] == (pi, li - 1) and wraps_into(para[li - 1], line):
                    # "BEIJING, Jan. 13 (Xinhua) -- ... said that China" / "pursues ...": the first
                    # line of the first paragraph, wrapped by the page, not a headline.
                    candidates.pop()
                return _finish_head(head, used, candidates, paras)
            seen += 1
            reason = furniture_reason(line)
            if reason:
                if reason == "banner" and not head.source:
                    head.source = site_from_banner(line)
                    head.lines["outlet"] = line
                used.add((pi, li))
                continue
            url = _URL_ONLY_RE.match(line)
            if url:
                head.source_url = head.source_url or url.group(1)
                used.add((pi, li))
                continue
            source = source_from_line(line)
            found = find_date(line, allow_year=True)
            if found and (not is_dateline(line, found) or (not candidates and _is_dated_title(line, found))):
                found = None  # A title with a date in it: "Wang Yi Meets Envoys | October 31, 2022".
            if source or found:
                if source and not head.source:
                    head.source = source
                    head.lines["outlet"] = line
                if found and (_POSTING_COUNTER_RE.search(line) or (posted_line and line == posted_line)):
                    # "2019-11-29 16:31:41 Click Num:1369": when the portal posted the page.
                    head.posted = head.posted or found
                    head.lines.setdefault("posted", line)
                elif found and head.date is None:
                    head.date = found
                    head.lines["date"] = line
                if found and not head.source:
                    head.source = source_from_dateline(line)
                    if head.source:
                        head.lines["outlet"] = line
                used.add((pi, li))
                continue
            labelled = _TITLE_LABEL_RE.match(line)
            if labelled:
                # "Title: Joint Statement ...": the page says which line is the title.
                used.add((pi, li))
                candidates.insert(0, (pi, li, labelled.group("title")))
                continue
            if candidates and _is_issuer(line):
                # The issuing office printed under the headline ("国务院新闻办公室"): the issuer.
                head.issuer = head.issuer or line
                head.source = head.source or line
                used.add((pi, li))
                continue
            if _is_title_candidate(line):
                candidates.append((pi, li, line))
            elif not candidates and (SPEAKER_LINE_RE.match(line) or list_marker(line)):
                # The body (a speaker's turn, a list) begins before any headline.
                return _finish_head(head, used, candidates, paras)
    return _finish_head(head, used, candidates, paras)


def _finish_head(
    head: Head, used: set[tuple[int, int]], candidates: list[tuple[int, int, str]], paras: list[list[str]]
) -> Head:
    """Choose the title among the head's headline candidates."""
    if len(candidates) > 1 and _is_section_label(candidates[0][2]):
        # "Meetings Coverage and Press Releases", "Opinion": the page's section, not its headline.
        used.add(candidates[0][:2])
        candidates = candidates[1:]
    if len(candidates) > 1 and _is_issuer(candidates[0][2]):
        # The ministry or embassy that issues the text, printed above its headline: the source.
        used.add(candidates[0][:2])
        head.issuer = head.issuer or candidates[0][2]
        head.source = head.source or candidates[0][2]
        candidates = candidates[1:]
    if candidates:
        chosen = candidates[0]
        line = chosen[2]
        used.add((chosen[0], chosen[1]))
        if len(candidates) > 1:
            following = candidates[1]
            adjacent = _next_line(paras, chosen[0], chosen[1], used) == (following[0], following[1])
            below = following[0] == chosen[0] and following[1] == chosen[1] + 1  # same block, next line
            if below and _continues_title(line, following[2]):
                # A headline set on two lines: "Joint Communiqué" / "of the People's Republic ...".
                used.add((following[0], following[1]))
                line = join_lines(line, following[2])
            elif below and bool(CJK_RE.search(line)) != bool(CJK_RE.search(following[2])):
                # The same headline in a second language (bilingual documents).
                used.add((following[0], following[1]))
            elif adjacent and below and text_size(line) <= 3 < text_size(following[2]) <= 20 and not (
                NUMBERED_HEADING_RE.match(following[2])
            ):
                # "Opinion" / "World" printed above the real headline: a section label.
                used.add((following[0], following[1]))
                line = following[2]
        title, title_date = _clean_title(line)
        head.title = title
        head.lines["title"] = line
        if title_date is None:
            year = _TITLE_YEAR_RE.search(title)
            if year:
                # "Speech at the Bandung Conference (1955)": a year, when nothing better says more.
                title_date = FoundDate(datetime.date(int(year.group(1)), 1, 1), DatePrecision.YEAR, year.start(), year.end())
        if title_date and head.date is None:
            head.date = title_date
            head.lines["date"] = line
    head.used = frozenset(used)
    return head


def _is_issuer(line: str) -> bool:
    """The ministry, mission or office that issues the text, named on a line of its own."""
    return bool(_ISSUER_RE.match(line)) and text_size(line) <= 16 and not _HEADLINE_VERB_RE.search(line)


def _is_section_label(line: str) -> bool:
    """A line naming a section of the site ("Opinion", "Meetings Coverage and Press Releases")."""
    lowered = line.lower()
    if lowered in _SECTION_NAMES:
        return True
    words = [w for w in _SECTION_SPLIT_RE.split(lowered) if w]
    return bool(words) and len(words) <= 6 and all(w in _SECTION_WORDS for w in words)


def _is_dated_title(line: str, found: FoundDate) -> bool:
    """A headline carrying its date ("Wang Yi Meets Envoys | October 31, 2022"), not a dateline."""
    if _DATELINE_LABEL_RE.search(line) or BYLINE_RE.match(line):
        return False
    rest = (line[: found.start] + " " + line[found.end :]).strip(_TITLE_SEPARATORS + "()（）[]【】")
    rest = TIME_RE.sub(" ", rest)
    return len(LATIN_WORD_RE.findall(rest)) >= 3 or len(CJK_RE.findall(rest)) >= 6


def _continues_title(first: str, second: str) -> bool:
    return bool(
        LOWER_START_RE.match(second)
        or re.search(r"(?<![A-Za-z])(?:of|and|on|at|for|the|to|in|with|by)$", first, re.IGNORECASE)
        or re.match(r"^(?:of|and|on|at|for|to|in|with|by|—|–|-)(?![A-Za-z])", second)
    )


def _next_line(paras: list[list[str]], pi: int, li: int, used: set[tuple[int, int]]) -> tuple[int, int] | None:
    """The next line not used by the head, as (paragraph, line) indexes."""
    for p in range(pi, len(paras)):
        for index in range(li + 1 if p == pi else 0, len(paras[p])):
            if (p, index) not in used:
                return p, index
    return None


def _is_title_candidate(line: str) -> bool:
    """A line that can be a headline: short, not a label, not a sentence."""
    if len(line) > 250 or text_size(line) > 30:
        return False
    if line.endswith((":", "：")) or list_marker(line) or BYLINE_RE.match(line):
        return False
    inline = INLINE_SPEAKER_RE.match(line)
    if inline and speaker_role(inline.group("name")) in ("q", "a"):
        return False
    if line.endswith(".") and text_size(line) >= 12:
        return False
    if CODE_RE.match(line):
        return False  # A document symbol such as "SG/SM/21742" or "A/RES/75/1".
    return any(c.isalnum() for c in line)


def _clean_title(line: str) -> tuple[str, FoundDate | None]:
    """Strip site names, pagination and a set-apart issue date off a title line.

    "Title | October 31, 2022" and "Title (2020-01-13)" lose the date; "Regular
    Press Conference on January 13, 2023" and "2020年1月13日外交部发言人..." keep it
    (it belongs to the wording). The date is returned either way.
    """
    title = line
    found = find_date(title)
    if found:
        before, after = title[: found.start], title[found.end :]
        after_rest = TIME_RE.sub("", after, count=1) if re.match(r"\s*+\d", after) else after
        if before.strip() and not after_rest.strip(_TITLE_SEPARATORS + ")）]】"):
            if re.search(r"[|｜/_\-–—,，:：(（\[【]\s*$", before):
                title = before.rstrip(_TITLE_SEPARATORS + "(（[【")
        elif not before.strip(" (（[【") and re.match(r"\s*+[)）\]】]?+\s*+[|｜/_\-–—:：]", after_rest):
            title = re.sub(r"^\s*+[)）\]】]?+\s*+[|｜/_\-–—:：]\s*+", "", after_rest)
    for _ in range(2):
        for pattern in (_SITE_SUFFIX_RE, _PAGE_SUFFIX_RE):
            shorter = pattern.sub("", title)
            if shorter.strip():
                title = shorter
    return title.strip(_TITLE_SEPARATORS), found


_ISSUER_IN_TITLE_RES = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    # "Foreign Ministry Spokesperson Hua Chunying's Regular Press Conference on ...", "Wang Yi's Remarks"
    r"^(?P<who>[^|:：,，(（]{3,80}?)['’]s\s++(?:regular\s++|opening\s++|keynote\s++|signed\s++|new\s+year\s++|joint\s++)?"
    r"(?:press\s+conference|remarks|statement|speech|address|interview|article|comments?|message|toast)\b",
    # "Remarks by H.E. Wang Yi at ...", "Statement of the Ministry of Foreign Affairs on ..."
    r"^(?:full\s+text\s+of\s+|text\s+of\s+)?(?:opening\s+|closing\s+|keynote\s+)?(?:remarks|speech|statement|address|toast|interview|message|article)"
    r"\s+(?:by|of|from|with)\s+(?P<who>[^|:：,，;(（]{3,80}?)(?=\s+(?:at|on|to|in|before|during|with|for|regarding|concerning)\s|\s*[|:：,，;(（]|$)",
    # "Discours de M. Wang Yi à ...", "Declaración del Portavoz ...", "Rede von ..."
    r"^(?:discours|déclaration|allocution|intervention|entretien|message|discurso|declaración|intervención|entrevista|mensaje|rede|erklärung)"
    r"\s+(?:de\s+la\s+|de\s+l['’]\s*|del\s+|de\s+|du\s+|d['’]\s*|des\s+|von\s+|des\s+)(?P<who>[^|:：,，;(（]{3,80}?)"
    r"(?=\s+(?:à|au|aux|lors|sur|devant|pour|en|ante|durante|sobre|para|bei|zum|zur|auf)\s|\s*[|:：,，;(（]|$)",
    # "习近平在第七十五届联合国大会一般性辩论上的讲话", "外交部发言人华春莹答记者问"
    r"^(?P<who>[^\s在，,：:|]{2,16}?)在[^，,：:|]{2,60}?(?:讲话|講話|致辞|致辭|演讲|演講|发言|發言|讲演)",
    r"^(?P<who>(?:外交部)?(?:发言人|發言人)[^\s就答主]{2,4}?)(?:就|答|主持)",
))


def issuer_from_title(title: str) -> str:
    """The person or body a title names as the one who speaks ("Remarks by Wang Yi at ...",
    "Spokesperson Hua Chunying's Regular Press Conference"), or ""."""
    for pattern in _ISSUER_IN_TITLE_RES:
        found = pattern.search(title[:250])
        if found:
            return found.group("who").strip(" .,;")
    return ""


def title_from_name(name: str) -> str:
    """"2019-11-29_china-contributes.txt" -> "China contributes"; ids and hashes dropped.

    When nothing but an id is left ("doc-000086.txt"), the file name is the title.
    """
    stem = re.split(r"[\\/]", name)[-1]
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", stem)
    words = [w for w in re.split(r"[\s_\-.]+", stem) if w]
    kept = [w for w in words if not (w.isdigit() or re.fullmatch(r"[0-9a-f]{6,}", w.lower()) and re.search(r"\d", w))]
    if not kept or (len(kept) == 1 and kept[0].lower() in _GENERIC_FILE_WORDS):
        kept = words
    if not kept:
        return "Untitled document"
    title = " ".join(kept)
    return title[:1].upper() + title[1:]


_GENERIC_FILE_WORDS = frozenset("doc docs document file text txt page index article untitled item".split())

# The first rule that matches the title decides; in a dialogue only an interview does.
_TYPE_RULES: tuple[tuple[DocumentType, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (DocumentType.INTERVIEW, r"(?<![A-Za-z])interview|专访|採訪|采访|專訪|entretien|entrevista|интервью"),
        (
            DocumentType.PRESS_CONFERENCE,
            r"press\s+(?:conference|briefing)|news\s+(?:conference|briefing)|(?<![A-Za-z])briefing|记者会|記者會"
            r"|新闻发布会|新聞發布會|吹风会|吹風會|答记者问|答記者問|conférence\s+de\s+presse|point\s+de\s+presse"
            r"|rueda\s+de\s+prensa|conferencia\s+de\s+prensa|пресс-конференц|брифинг|pressekonferenz",
        ),
        (DocumentType.WHITE_PAPER, r"white\s*paper|白皮书|白皮書|livre\s+blanc|libro\s+blanco|белая\s+книга|weißbuch"),
        (DocumentType.COMMUNIQUE, r"communiqu[eé]|公报|公報|comunicado|коммюнике|kommuniqué"),
        (
            DocumentType.STATEMENT,
            r"(?<![A-Za-z])statement|(?<![A-Za-z])declaration|spokes(?:person|man|woman)'?s?\s+(?:remarks|comments?)"
            r"|声明|聲明|宣言|谈话|談話|déclaration|declaración|заявлени|erklärung",
        ),
        (
            DocumentType.SPEECH,
            r"(?<![A-Za-z])(?:speech|remarks|keynote|toast|lecture)|(?<![A-Za-z])address(?:\s+(?:by|at|to|of|on)(?![A-Za-z])|$)"
            r"|^address(?![A-Za-z])|讲话|講話|致辞|致辭|演讲|演講|发言(?!人)|發言(?!人)|讲演|discours|discurso|выступлени|(?<![A-Za-z])rede(?![A-Za-z])",
        ),
    )
)


def document_type(title: str, *, dialogue: bool) -> DocumentType:
    """The type the title names ("Remarks at ...", "白皮书", "Press Briefing"); else a press
    conference for a dialogue (an interview when the title says so) and an article for the rest."""
    for kind, pattern in _TYPE_RULES:
        if pattern.search(title):
            if kind == DocumentType.INTERVIEW or not dialogue:
                return kind
            break
    return DocumentType.PRESS_CONFERENCE if dialogue else DocumentType.ARTICLE
