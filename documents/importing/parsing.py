"""Stage 3 of the import pipeline: cleaned text -> ``ParsedDocument``.

``parse`` finds the title, the issue date and its precision, the source, the
document type and the languages, and splits the text into sections (headings,
paragraphs, list items, quotations, and the questions and answers of a press
conference with their speakers).

Front matter (a YAML block between ``---`` lines at the top of the file) and the
``meta`` argument (for instance ``Cleaned.meta`` from an HTML page) override every
heuristic. The heuristics only look for a date in the head of the document (title
and dateline area) and in a short closing dateline, never in the narrative: a
history of 1949-2012 is not dated 1949.
"""

from __future__ import annotations

import datetime
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from documents.importing.cleaning import furniture_reason, is_prose, site_from_banner, text_size
from documents.importing.types import ImportRejected, ParsedDocument, ParsedSection

__all__ = ["DOC_TYPES", "FRONT_MATTER_KEYS", "detect_languages", "find_date", "parse", "split_front_matter"]

DOC_TYPES = (
    "speech",
    "press_conference",
    "statement",
    "article",
    "white_paper",
    "communique",
    "interview",
    "other",
)
FRONT_MATTER_KEYS = (
    "slug",
    "title",
    "date",
    "source",
    "url",
    "type",
    "languages",
    "tags",
    "themes",
    "periods",
    "summary",
    "status",
)
_STATUSES = ("draft", "published")

# ---------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------

_FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\n(?:(?P<yaml>.*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FM_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_SLUG_RE = re.compile(r"^[-\w]+$")
_LANG_CODE_RE = re.compile(r"^[a-z]{2}$")


class _FrontMatterLoader(yaml.SafeLoader):
    """``yaml.safe_load`` without timestamps: dates stay text, so this module checks them
    and can say "front matter date: '2019-02-30' is not a real date"."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text: str, *, name: str = "") -> tuple[dict, str]:
    """Split a leading YAML front matter block off ``text``.

    Returns ``(values, body)``; ``values`` is ``{}`` when there is no front matter.
    Values are normalised: ``date`` becomes a ``datetime.date`` with
    ``date_precision`` ("year", "month" or "day") beside it, ``type`` one of
    ``DOC_TYPES``, ``languages``/``tags``/``themes``/``periods`` lists of strings.
    Raises ``ImportRejected`` (named ``name``) for malformed YAML, a block that is
    not a mapping, an unknown key or a value of the wrong shape.
    """
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, text
    try:
        raw = yaml.load(m.group("yaml") or "", Loader=_FrontMatterLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" (line {mark.line + 2})"
        problem = getattr(exc, "problem", None) or "syntax error"
        raise ImportRejected(name, f"front matter is not valid YAML: {problem}{where}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ImportRejected(name, "front matter must be a mapping of keys to values")
    return _normalise_meta(raw, name=name, strict=True), text[m.end() :]


def _normalise_meta(raw: dict, *, name: str, strict: bool) -> dict:
    """Check and normalise front-matter style values.

    ``strict`` (front matter written by a person) rejects unknown keys and bad
    values; otherwise (metadata from code, e.g. HTML) they are skipped.
    """
    out: dict[str, Any] = {}
    for key, value in raw.items():
        key = str(key).strip().lower()
        if key == "date_precision":
            continue  # Comes with "date".
        if key not in FRONT_MATTER_KEYS:
            if strict:
                known = ", ".join(FRONT_MATTER_KEYS)
                raise ImportRejected(name, f"unknown front matter key {key!r} (known: {known})")
            continue
        if value is None or value == "" or value == []:
            continue
        try:
            _normalise_value(out, key, value, raw)
        except ValueError as exc:
            if strict:
                raise ImportRejected(name, f"front matter {key}: {exc}") from None
    return out


def _normalise_value(out: dict, key: str, value: Any, raw: dict) -> None:
    """Store the normalised ``value`` of ``key`` in ``out``; ``ValueError`` if invalid."""
    if key == "date":
        date, precision = _front_matter_date(value)
        given = raw.get("date_precision")
        out["date"] = date
        out["date_precision"] = given if given in ("day", "month", "year") else precision
    elif key == "type":
        kind = re.sub(r"[\s-]+", "_", _fold(str(value)).strip().lower())
        if kind not in DOC_TYPES:
            raise ValueError(f"{value!r} is not one of {', '.join(DOC_TYPES)}")
        out["type"] = kind
    elif key == "status":
        status = str(value).strip().lower()
        if status not in _STATUSES:
            raise ValueError(f"{value!r} is not draft or published")
        out["status"] = status
    elif key == "slug":
        slug = str(value).strip()
        if not _SLUG_RE.match(slug):
            raise ValueError(f"{value!r} is not a slug (letters, digits, - and _)")
        out["slug"] = slug
    elif key == "languages":
        codes = []
        for item in _as_list(value):
            code = item.lower().replace("_", "-").split("-")[0]
            if not _LANG_CODE_RE.match(code):
                raise ValueError(f"{item!r} is not an ISO 639-1 code such as en or zh")
            if code not in codes:
                codes.append(code)
        out["languages"] = codes
    elif key in ("tags", "themes", "periods"):
        out[key] = _as_list(value)
    else:  # title, source, url, summary
        if isinstance(value, (dict, list)):
            raise ValueError("must be text")
        text = re.sub(r"\s+", " ", str(value)).strip() if key != "summary" else str(value).strip()
        if text:
            out[key] = text


def _front_matter_date(value: Any) -> tuple[datetime.date, str]:
    if isinstance(value, datetime.datetime):
        return value.date(), "day"
    if isinstance(value, datetime.date):
        return value, "day"
    m = _FM_DATE_RE.match(str(value).strip())
    if not m:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return datetime.date(int(year), int(month), int(day)), "day"
        if month:
            return datetime.date(int(year), int(month), 1), "month"
        return datetime.date(int(year), 1, 1), "year"
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        items = [value]
    return [str(item).strip() for item in items if str(item).strip()]


def _fold(text: str) -> str:
    """Strip accents: "communiqué" -> "communique"."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv enero ene januar jän gennaio genn janeiro января январь",
        "february feb febr février févr fevrier febrero februar febbraio fevereiro февраля февраль",
        "march mar mars marzo märz marz março марта март",
        "april apr avril avr abril aprile апреля апрель",
        "may mai mayo maggio maio мая май",
        "june jun juin junio juni giugno junho июня июнь",
        "july jul juillet juil julio juli luglio julho июля июль",
        "august aug août aout agosto августа август",
        "september sep sept septembre septiembre setiembre settembre setembro сентября сентябрь",
        "october oct octobre octubre oktober okt ottobre outubro октября октябрь",
        "november nov novembre noviembre novembro ноября ноябрь",
        "december dec déc décembre decembre diciembre dic dezember dez dicembre dezembro декабря декабрь",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_L = r"A-Za-z\u00c0-\u024f\u0400-\u04ff"  # letters that must not touch a month name
_YEAR = r"(?:1[89]|20)\d\d"

_ISO_DATE_RE = re.compile(rf"(?<!\d)({_YEAR})\s*([-/.])\s*(\d{{1,2}})\s*\2\s*(\d{{1,2}})(?!\d)")
_NUM_DMY_RE = re.compile(rf"(?<![\d.])(\d{{1,2}})([-/.])(\d{{1,2}})\2({_YEAR})(?!\d)")
_CJK_DATE_RE = re.compile(rf"({_YEAR})\s*年\s*(\d{{1,2}})\s*月(?:\s*(\d{{1,2}})\s*[日号號])?")
# Japanese era years: 令和5年4月7日 is 7 April 2023 (令和 began in 2019, 平成 in 1989, 昭和 in 1926).
_JAPANESE_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_JAPANESE_ERA_DATE_RE = re.compile(
    r"(令和|平成|昭和)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?"
)
_CJK_NUM_DATE_RE = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月(?:\s*([一二三四五六七八九十]{1,3})\s*[日号])?")
_MDY_RE = re.compile(
    rf"(?<![{_L}])({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+({_YEAR})(?!\d)", re.IGNORECASE
)
_DMY_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?({_MONTH})(?![{_L}])\.?,?\s+(?:de\s+)?({_YEAR})(?!\d)",
    re.IGNORECASE,
)
_MY_RE = re.compile(rf"(?<![{_L}\d])({_MONTH})(?![{_L}])\.?,?\s+(?:de\s+)?({_YEAR})(?!\d)", re.IGNORECASE)
_YEAR_ONLY_RE = re.compile(rf"(?<!\d)({_YEAR})\s*年?(?!\d)")
_TIME_RE = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|CST|BJT)(?:[+-]\d+)?)?", re.IGNORECASE)
# English month names that are also verbs when written in lower case ("may 2020").
_VERBS = frozenset(("may", "march"))
_CJK_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


@dataclass(frozen=True)
class FoundDate:
    """A date found in a line: the date, its precision and where it was."""

    date: datetime.date
    precision: str
    start: int
    end: int


def find_date(line: str, *, allow_year: bool = False) -> FoundDate | None:
    """Find the first full or partial date in ``line``.

    Day precision: "2019-11-29 16:31:41", "2019/11/29", "29.11.2019",
    "October 31, 2022", "Sept. 3, 2015", "28 June 2014", "2019年11月29日",
    "二〇一九年十一月二十九日", "令和5年4月7日", "31 octobre 2022", "31 de octubre de 2022".
    Month precision: "June 1949", "2019年11月". Year precision only with
    ``allow_year`` (a line that is just "1998" or "1998年").
    """
    found: list[FoundDate] = []

    def add(m: re.Match[str], year: int, month: int, day: int | None) -> None:
        try:
            date = datetime.date(year, month, day or 1)
        except ValueError:
            return
        found.append(FoundDate(date, "day" if day else "month", m.start(), m.end()))

    m = _ISO_DATE_RE.search(line)
    if m:
        add(m, int(m.group(1)), int(m.group(3)), int(m.group(4)))
    m = _NUM_DMY_RE.search(line)
    if m:
        first, second, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if m.group(2) == "/" and first <= 12 and second <= 12 and first != second:
            pass  # 03/04/2020: March 4 or 3 April? Do not guess.
        elif first > 12 and second <= 12 or m.group(2) != "/":
            add(m, year, second, first)
        else:
            add(m, year, first, second)
    m = _CJK_DATE_RE.search(line)
    if m:
        add(m, int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    m = _JAPANESE_ERA_DATE_RE.search(line)
    if m:
        year = _JAPANESE_ERAS[m.group(1)] + (1 if m.group(2) == "元" else int(m.group(2)))
        add(m, year, int(m.group(3)), int(m.group(4)) if m.group(4) else None)
    m = _CJK_NUM_DATE_RE.search(line)
    if m:
        year = int("".join(str(_CJK_DIGITS[c]) for c in m.group(1)))
        add(m, year, _cjk_number(m.group(2)), _cjk_number(m.group(3)) if m.group(3) else None)
    m = _MDY_RE.search(line)
    if m and m.group(1) not in _VERBS:
        add(m, int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    m = _DMY_RE.search(line)
    if m and m.group(2) not in _VERBS:
        add(m, int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    if not found:
        m = _MY_RE.search(line)
        if m and m.group(1) not in _VERBS:
            add(m, int(m.group(2)), _MONTHS[m.group(1).lower()], None)
    if not found and allow_year:
        m = _YEAR_ONLY_RE.search(line)
        if m:
            found.append(FoundDate(datetime.date(int(m.group(1)), 1, 1), "year", m.start(), m.end()))
    if not found:
        return None
    # The earliest match; of two starting together, the longer (more precise) one.
    return min(found, key=lambda f: (f.start, -(f.end - f.start)))


def _cjk_number(text: str) -> int:
    """"十一" -> 11, "二十九" -> 29, "三十一" -> 31, "九" -> 9."""
    if "十" not in text:
        return _CJK_DIGITS.get(text, 0)
    tens, _, units = text.partition("十")
    return (_CJK_DIGITS[tens] if tens else 1) * 10 + (_CJK_DIGITS[units] if units else 0)


# ---------------------------------------------------------------------------
# Head of the document: title, dateline, source
# ---------------------------------------------------------------------------

_SOURCE_LABEL_RE = re.compile(
    r"(?:^|(?<=[\s|｜【\[(（]))(?:sources?|来源|來源|出处|出處|fuente|источник|quelle|from)\s*[:：]\s*",
    re.IGNORECASE,
)
_SOURCE_END_RE = re.compile(
    r"\s*(?:[|｜\])）】]|\s{2,}|\u3000|(?<!\w)(?:editor|author|by|作者|编辑|責任編輯|责任编辑|发布时间|時間|时间|日期|updated?|published)\b"
    r"|(?<!\w)(?:作者|编辑|发布时间|时间|日期)|\d{4}\s*[-/.年]|$)",
    re.IGNORECASE,
)
_DATELINE_NOISE_RE = re.compile(
    r"(?:updated?|published|posted|released?|release\s+(?:time|date)|issued|date|time|sources?|from|by|author|editor"
    r"|发布时间|发布日期|发表时间|更新时间|时间|日期|發布時間|更新時間|時間|來源|来源|作者|编辑|字号|publié\s+le|mis\s+à\s+jour"
    r"|fecha|дата|am|le|el|on|at)(?![A-Za-z])|[\s:：|｜()（）\[\]【】/,，.\-–—_]+",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    r"(?<![A-Za-z])(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?(?![A-Za-z])|星期[一二三四五六日天]|周[一二三四五六日]",
    re.IGNORECASE,
)
_DOMAIN_RE = re.compile(r"(?<![\w@.])((?:[\w-]+\.)+(?:com|cn|org|net|gov|int|info)(?:\.cn)?)(?![\w.])", re.IGNORECASE)
_URL_ONLY_RE = re.compile(r"^(?:(?:url|link|source|原文链接|原文地址|链接)\s*[:：]\s*)?(https?://\S+)$", re.IGNORECASE)
_SITE_SUFFIX_RE = re.compile(
    r"\s*(?:\s[-–—|｜]\s|[_|｜])\s*(?:[^-–—|｜_]*?(?:\.(?:com|cn|org|net|gov)|xinhua|news|daily|times|online|network|portal"
    r"|ministry of foreign affairs|网|網|新闻|新聞|外交部|政府)[^-–—|｜_]*)$",
    re.IGNORECASE,
)
_PAGE_SUFFIX_RE = re.compile(
    r"\s*(?:[-–—|｜:]\s*)?(?:\(\s*(?:page|part)?\s*\d{1,2}\s*(?:/|of)\s*\d{1,2}\s*\)|\[\s*\d{1,2}\s*\]"
    r"|(?:page|part|pt\.?)\s*\d{1,2}(?:\s*(?:/|of)\s*\d{1,2})?|\(\s*(?:page|part)\s*\d{1,2}\s*\)|第\s*\d{1,2}\s*页|\(\s*\d{1,2}\s*/\s*\d{1,2}\s*\))\s*$",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = " |｜-–—_:：,，/"
_SPEAKER_LINE_RE = re.compile(r"^(?P<name>[^:：]{1,60}?)\s*[:：]$")
_INLINE_SPEAKER_RE = re.compile(r"^(?P<name>[^:：]{1,60}?)\s*[:：]\s*(?P<text>\S.*)$")
# Japanese and Chinese transcripts set the speaker in lenticular brackets: "【記者】…", "【大臣】…".
_BRACKET_SPEAKER_RE = re.compile(r"^【(?P<name>[^【】:：]{1,20})】\s*(?P<text>\S.*)?$")
_NEWS_DATELINE_RE = re.compile(
    rf"^[A-Z][A-Za-z .'\-]{{1,40}}(?:,\s*[A-Z][A-Za-z .'\-]{{1,30}})?,\s*(?:((?i:{_MONTH}))\.?\s+(\d{{1,2}})(?:,\s*({_YEAR}))?\s*)?"
    r"\((?P<agency>[A-Za-z][A-Za-z .&'\-]{1,40})\)\s*[-–—]",
)
_LATIN_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]+")
_PAREN_SOURCE_RE = re.compile(r"^\s*[(（]([^()（）\d]{2,40})[)）]")
_DATELINE_ITEM_SPLIT_RE = re.compile(r"\s*[|｜]\s*|\s{2,}|\u3000+")
_BYLINE_RE = re.compile(r"^(?:(?:by|par|por|von|от)\s+\S|(?:记者|記者|文\s*/)\s*\S)", re.IGNORECASE)
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
_TITLE_YEAR_RE = re.compile(rf"[(（\[]({_YEAR})[)）\]]\s*$")
_CODE_RE = re.compile(r"^(?=.*\d)[A-Z0-9][A-Z0-9/.\-_()]*$")


@dataclass
class _Head:
    """What the head of the document says, and which lines it used."""

    title: str = ""
    date: FoundDate | None = None
    source: str = ""
    source_url: str = ""
    used: frozenset[tuple[int, int]] = frozenset()


def _scan_head(paras: list[list[str]]) -> _Head:
    """Read title, dateline, source and URL from the lines before the first paragraph."""
    head = _Head()
    used: set[tuple[int, int]] = set()
    candidates: list[tuple[int, int, str]] = []
    seen = 0
    for pi, para in enumerate(paras):
        for li, line in enumerate(para):
            if seen >= _HEAD_LINES or is_prose(line):
                if li and candidates and candidates[-1][:2] == (pi, li - 1) and _wraps_into(para[li - 1], line):
                    # "BEIJING, Jan. 13 (Xinhua) -- ... said that China" / "pursues ...": the first
                    # line of the first paragraph, wrapped by the page, not a headline.
                    candidates.pop()
                return _finish_head(head, used, candidates, paras)
            seen += 1
            reason = furniture_reason(line)
            if reason:
                if reason == "banner" and not head.source:
                    head.source = site_from_banner(line)
                used.add((pi, li))
                continue
            url = _URL_ONLY_RE.match(line)
            if url:
                head.source_url = head.source_url or url.group(1)
                used.add((pi, li))
                continue
            source = _source_from_line(line)
            found = find_date(line, allow_year=True)
            if found and (not _is_dateline(line, found) or (not candidates and _is_dated_title(line, found))):
                found = None  # A title with a date in it: "Wang Yi Meets Envoys | October 31, 2022".
            if source or found:
                if source and not head.source:
                    head.source = source
                if found and head.date is None:
                    head.date = found
                if found and not head.source:
                    head.source = _source_from_dateline(line)
                used.add((pi, li))
                continue
            labelled = _TITLE_LABEL_RE.match(line)
            if labelled:
                # "Title: Joint Statement ...": the page says which line is the title.
                used.add((pi, li))
                candidates.insert(0, (pi, li, labelled.group("title")))
                continue
            if candidates and _is_issuer(line):
                # The issuing office printed under the headline ("国务院新闻办公室"): the source.
                head.source = head.source or line
                used.add((pi, li))
                continue
            if _is_title_candidate(line):
                candidates.append((pi, li, line))
            elif not candidates and (_SPEAKER_LINE_RE.match(line) or _list_marker(line)):
                # The body (a speaker's turn, a list) begins before any headline.
                return _finish_head(head, used, candidates, paras)
    return _finish_head(head, used, candidates, paras)


def _finish_head(
    head: _Head, used: set[tuple[int, int]], candidates: list[tuple[int, int, str]], paras: list[list[str]]
) -> _Head:
    """Choose the title among the head's headline candidates."""
    if len(candidates) > 1 and _is_section_label(candidates[0][2]):
        # "Meetings Coverage and Press Releases", "Opinion": the page's section, not its headline.
        used.add(candidates[0][:2])
        candidates = candidates[1:]
    if len(candidates) > 1 and _is_issuer(candidates[0][2]):
        # The ministry or embassy that issues the text, printed above its headline: the source.
        used.add(candidates[0][:2])
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
                line = _join(line, following[2])
            elif below and bool(_CJK_RE_ANY.search(line)) != bool(_CJK_RE_ANY.search(following[2])):
                # The same headline in a second language (bilingual documents).
                used.add((following[0], following[1]))
            elif adjacent and below and text_size(line) <= 3 < text_size(following[2]) <= 20 and not (
                _NUMBERED_HEADING_RE.match(following[2])
            ):
                # "Opinion" / "World" printed above the real headline: a section label.
                used.add((following[0], following[1]))
                line = following[2]
        title, title_date = _clean_title(line)
        head.title = title
        if title_date is None:
            year = _TITLE_YEAR_RE.search(title)
            if year:
                # "Speech at the Bandung Conference (1955)": a year, when nothing better says more.
                title_date = FoundDate(datetime.date(int(year.group(1)), 1, 1), "year", year.start(), year.end())
        if title_date and head.date is None:
            head.date = title_date
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
    if _DATELINE_LABEL_RE.search(line) or _BYLINE_RE.match(line):
        return False
    rest = (line[: found.start] + " " + line[found.end :]).strip(_TITLE_SEPARATORS + "()（）[]【】")
    rest = _TIME_RE.sub(" ", rest)
    return len(_LATIN_WORD_RE.findall(rest)) >= 3 or len(_CJK_RE_ANY.findall(rest)) >= 6


def _continues_title(first: str, second: str) -> bool:
    return bool(
        _LOWER_START_RE.match(second)
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
    if line.endswith((":", "：")) or _list_marker(line) or _BYLINE_RE.match(line):
        return False
    inline = _INLINE_SPEAKER_RE.match(line)
    if inline and _speaker_role(inline.group("name")) in ("q", "a"):
        return False
    if line.endswith(".") and text_size(line) >= 12:
        return False
    if _CODE_RE.match(line):
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
        after_rest = _TIME_RE.sub("", after, count=1) if re.match(r"\s*\d", after) else after
        if before.strip() and not after_rest.strip(_TITLE_SEPARATORS + ")）]】"):
            if re.search(r"[|｜/_\-–—,，:：(（\[【]\s*$", before):
                title = before.rstrip(_TITLE_SEPARATORS + "(（[【")
        elif not before.strip(" (（[【") and re.match(r"\s*[)）\]】]?\s*[|｜/_\-–—:：]", after_rest):
            title = re.sub(r"^\s*[)）\]】]?\s*[|｜/_\-–—:：]\s*", "", after_rest)
    for _ in range(2):
        for pattern in (_SITE_SUFFIX_RE, _PAGE_SUFFIX_RE):
            shorter = pattern.sub("", title)
            if shorter.strip():
                title = shorter
    return title.strip(_TITLE_SEPARATORS), found


def _source_from_line(line: str) -> str:
    m = _SOURCE_LABEL_RE.search(line)
    if not m:
        return ""
    if m.start() > 0 and not _is_dateline(line, find_date(line)):
        return ""
    rest = line[m.end() :]
    end = _SOURCE_END_RE.search(rest)
    value = rest[: end.start()] if end else rest
    value = value.strip(" .,;，。")
    if not value or text_size(value) > 10:
        return ""
    return value


def _is_dateline(line: str, found: FoundDate | None) -> bool:
    """A line that is a date plus labels, times, places, a source or a byline.

    What is left once the date, times, weekdays, labels and web addresses are
    gone must be a few names (capitalised words, a dozen CJK characters), not a
    phrase: "Beijing, 17 August 1982" is a dateline, "Xi's speech on October
    1, 2019" a title.
    """
    if is_prose(line):
        return False
    rest = line if found is None else line[: found.start] + " " + line[found.end :]
    rest = _DOMAIN_RE.sub(" ", rest)
    rest = _TIME_RE.sub(" ", rest)
    rest = _WEEKDAY_RE.sub(" ", rest)
    rest = _DATELINE_NOISE_RE.sub(" ", rest)
    words = _LATIN_WORD_RE.findall(rest)
    lower = sum(1 for word in words if word[0].islower())
    cjk = len(_CJK_RE_ANY.findall(rest)) if not rest.isascii() else 0
    if found is not None and found.precision == "year":
        return len(words) + cjk == 0
    cjk_limit = 20 if _SOURCE_LABEL_RE.search(line) else 12
    return len(words) <= 6 and lower <= 1 and cjk <= cjk_limit


def _source_from_dateline(line: str) -> str:
    """The outlet named in a dateline: "By Li Yan | China Daily | Updated: ...", "(People's Daily Online) 09:45, ..."."""
    paren = _PAREN_SOURCE_RE.search(line)
    if paren and text_size(paren.group(1)) <= 6 and not find_date(paren.group(1)):
        return paren.group(1).strip()
    for item in _DATELINE_ITEM_SPLIT_RE.split(line):
        item = item.strip(" .,;")
        if not item or _BYLINE_RE.match(item) or find_date(item) or _TIME_RE.search(item):
            continue
        if item.endswith((":", "：")) or not any(c.isalpha() for c in item):
            continue
        if text_size(item) <= 5 and (len(_DATELINE_ITEM_SPLIT_RE.split(line)) > 1 or _DOMAIN_RE.fullmatch(item)):
            return item
    domain = _DOMAIN_RE.search(line)
    return domain.group(1) if domain else ""


def _title_from_name(name: str) -> str:
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


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------

_BULLET_RE = re.compile(r"^(?:-{1,3}|[•·●○◦▪■□◆◇►▶➢✓✔※*+–—])\s*(?=\S)")
_ENUM_RE = re.compile(
    r"^(?:\(?\d{1,2}\)|\d{1,2}[.、．](?!\d)|\(?[a-zA-Z]\)|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]"
    r"|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\)|[①-⑳])\s*"
)
_NUMBERED_HEADING_RE = re.compile(
    r"^(?:(?:\d{1,2}(?:\.\d{1,2})*(?:\.|\s+(?=(?-i:[A-Z\u4e00-\u9fff])))|(?-i:[IVXLC]{1,6})\.|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])\s*"
    r"|(?:chapter|part|section|article|annex|appendix|chapitre|partie|capítulo|parte|глава|раздел)\s+[\dIVXLC]+\b[.:]?\s*"
    r"|第[一二三四五六七八九十百\d]+[章节部分篇条]\s*)",
    re.IGNORECASE,
)
_HEADING_NUMBER_SPACE_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.)(?=[A-Za-z\u00c0-\u024f])")
_HEADING_START_RE = re.compile(r"[A-Z\u00c0-\u00de\u0400-\u042f\d\u3400-\u9fff\"“«(]")
_OPEN_QUOTES = "\"“«「『‘'„"
_CLOSE_QUOTES = {"\"": "\"", "“": "”", "«": "»", "「": "」", "『": "』", "‘": "’", "'": "'", "„": "“"}
_ENDS_SENTENCE_RE = re.compile(r"[.!?…。！？：:;；][\"'”’»」』)）\]]*$")
_ENDS_CONTINUATION_RE = re.compile(r"[,，、]$")
_LOWER_START_RE = re.compile(r"^[\"'“‘(]?[a-z\u00df-\u00ff]")
_CJK_END_RE = re.compile(r"[\u4e00-\u9fff]$")
_CJK_START_RE = re.compile(r"^[\u4e00-\u9fff]")


@dataclass
class _Unit:
    """One passage on its way to becoming a section."""

    text: str
    speaker: str = ""
    label_only: bool = False  # a "Name:" line announcing the next turn


def _normalise_space(line: str) -> str:
    """Collapse internal runs of whitespace (Unicode spaces included) into one space."""
    if "\u200b" in line or "\ufeff" in line:
        line = line.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(line.split())


def _ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation or a colon, maybe followed by closing quotes."""
    return _ENDS_SENTENCE_RE.search(text[-10:]) is not None


def _list_marker(line: str) -> bool:
    return bool(_BULLET_RE.match(line) or _ENUM_RE.match(line))


def _paragraphs(body: str) -> list[list[str]]:
    """Blank-line separated blocks, each a list of whitespace-normalised lines."""
    paras: list[list[str]] = []
    current: list[str] = []
    for raw in body.split("\n"):
        line = _normalise_space(raw)
        if line:
            current.append(line)
        elif current:
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return paras


def _block_units(lines: list[str]) -> list[str]:
    """Split a block into passages, re-joining lines a page wrapped mid-sentence."""
    if len(lines) == 1:
        return list(lines)
    longest = max(len(line) for line in lines)
    units: list[str] = [lines[0]]
    prev_line = lines[0]
    for line in lines[1:]:
        prev = units[-1]
        starts_new = (
            _list_marker(line)
            or _BRACKET_SPEAKER_RE.match(line) is not None
            or _SPEAKER_LINE_RE.match(line) is not None
            or _SPEAKER_LINE_RE.match(prev_line) is not None
            or _ends_sentence(prev_line)
        )
        # Hard-wrapped text: lines of about the same, long, width, or a long line left mid-sentence.
        wrapped = _LOWER_START_RE.match(line) is not None or _wraps_into(prev_line, line) or (
            len(lines) >= 3 and longest >= 60 and len(prev_line) >= 0.75 * longest
        )
        if not starts_new and (wrapped or _ENDS_CONTINUATION_RE.search(prev_line)):
            units[-1] = _join(prev, line)
        else:
            units.append(line)
        prev_line = line
    return units


def _wraps_into(line: str, following: str) -> bool:
    """Whether ``following`` goes on with the sentence ``line`` leaves open, in one block of lines:
    a long line ending mid-sentence (no final stop, not a heading set in capitals), or one whose
    next line starts in lower case."""
    if _ends_sentence(line) or _list_marker(line) or _list_marker(following) or _SPEAKER_LINE_RE.match(following):
        return False
    if _LOWER_START_RE.match(following) or _ENDS_CONTINUATION_RE.search(line):
        return True
    return len(line) >= 60 and not _NUMBERED_HEADING_RE.match(line) and not _title_case(line)


def _title_case(line: str) -> bool:
    """Most words capitalised, as headings are: "China's Foreign Policy in the New Era"."""
    words = _LATIN_WORD_RE.findall(line)
    if len(words) < 2:
        return False
    significant = [w for w in words if w.lower() not in _NAME_JOINERS and len(w) > 3]
    return bool(significant) and sum(w[0].isupper() for w in significant) >= 0.8 * len(significant)


def _join(first: str, second: str) -> str:
    if first.endswith("-") and first[-2:-1].isalpha() and second[:1].islower():
        return first + second
    if _CJK_END_RE.search(first) and _CJK_START_RE.match(second):
        return first + second
    return f"{first} {second}"


def _rejoin_broken(units: list[str]) -> list[str]:
    """Join a passage that a page broke across a blank line ("…the same path" / "can be…")."""
    out: list[str] = []
    for unit in units:
        if out and _is_broken_pair(out[-1], unit):
            out[-1] = _join(out[-1], unit)
        else:
            out.append(unit)
    return out


def _is_broken_pair(first: str, second: str) -> bool:
    if _list_marker(second) or _SPEAKER_LINE_RE.match(second) or _SPEAKER_LINE_RE.match(first):
        return False
    if _ends_sentence(first):
        return False
    if _ENDS_CONTINUATION_RE.search(first) and text_size(first) >= 4:
        return True
    if first.endswith("-") and first[-2:-1].isalpha() and second[:1].islower():
        return True  # "major-" / "country relations"
    if text_size(first) < 8:
        return False  # A heading or a label, not half a sentence.
    if _LOWER_START_RE.match(second):
        return True
    return bool(_CJK_END_RE.search(first) and _CJK_START_RE.match(second) and len(first) >= 20)


# Speaker roles ---------------------------------------------------------------

_ASKER_LABELS = frozenset(
    "q|q.|question|questions|reporter|journalist|correspondent|interviewer|问|問|记者|記者|提问|提問"
    "|pregunta|вопрос|frage".split("|")
)
_ANSWER_LABELS = frozenset(
    "a|a.|answer|answers|spokesperson|spokesman|spokeswoman|答|回答|发言人|發言人|réponse|respuesta|ответ|antwort".split("|")
)
_MODERATOR_LABELS = frozenset(
    "host|moderator|presenter|anchor|chair|chairman|chairperson|chairwoman|mc|主持人|主持".split("|")
)
_NOT_SPEAKERS = frozenset(
    "source|sources|editor|editors|date|time|note|notes|nb|photo|photos|video|tel|fax|email|e-mail|address|tags"
    "|keywords|key words|url|link|title|subject|from|to|by|update|updated|published|location|venue|attachment"
    "|annex|summary|abstract|background|example|examples|definition|conclusion|introduction|result|results"
    "|warning|important|ps|p.s|re|cc|tip|caption|credit|credits|contact|website|web|remarks|agenda|topic|theme"
    "|place|author|authors|translator|translated by|chapter|part|article|section|step|phase|figure|table"
    "|politically|economically|culturally|militarily|socially|finally|meanwhile|however|therefore|moreover|in short"
    "|来源|來源|编辑|編輯|时间|時間|日期|地点|地點|作者|注|附件|关键词|關鍵詞|标签|摘要|备注|说明|原文|链接|题目|主题|译者".split("|")
)
_ENUMERATION_LABEL_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十\d]+|其[一二三四五六七八九十次]|首先|其次|再次|最后|此外|另外"
    r"|(?:first|second|third|fourth|fifth|last)(?:ly)?|step\s+\d+|\d+)$"
)
_OUTLET_RE = re.compile(
    r"(?<![A-Za-z])(?:news|tv|radio|agency|daily|times|post|press|journal|herald|tribune|media|network|broadcast"
    r"|broadcasting|channel|magazine|weekly|gazette|reuters|afp|ap|bloomberg|cnn|bbc|nhk|kyodo|yonhap|xinhua|cctv"
    r"|cgtn|phoenix|tass|sputnik|ria|efe|dpa|ansa|al\s+jazeera|asahi|nikkei|ifeng|caixin|dw|rfi|abc|nbc|cbs|fox"
    r"|npr|sbs|kbs|mbc|arirang|reporter|journalist|correspondent)(?![A-Za-z])"
    r"|社$|报$|報$|台$|网$|網$|记者|記者|新闻|新聞|通讯社|通訊社|媒体|媒體|电视|電視|周刊|週刊|杂志|雜誌",
    re.IGNORECASE,
)
_NAME_WORD_RE = re.compile(r"^(?:[A-Z\u00c0-\u00de\u0400-\u042f][\w.'’\-]*|\d+\w*|[A-Z]\.|\(.*\)|&)$")
_NAME_JOINERS = frozenset("of the de da di du del della van von bin al el la le y and for from at with".split())
_CJK_NAME_RE = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9·•（）()\s]{1,16}$")


def _speaker_role(name: str) -> str | None:
    """Role a label implies: "q" (asker), "a" (answerer), "m" (moderator), "" (a person), None (not a speaker)."""
    label = name.strip().lower().rstrip(".")
    if not label or label in _NOT_SPEAKERS or label.split()[0] in _NOT_SPEAKERS:
        return None
    if _ENUMERATION_LABEL_RE.match(label):
        return None
    if label in _ASKER_LABELS or re.sub(r"\s*\d+$", "", label) in ("q", "question", "问", "問"):
        return "q"
    if label in _ANSWER_LABELS or re.sub(r"\s*\d+$", "", label) in ("a", "answer", "答"):
        return "a"
    if label in _MODERATOR_LABELS:
        return "m"
    if not _looks_like_name(name) or furniture_reason(name):
        return None
    if re.search(r"(?:spokes(?:person|man|woman)|发言人|發言人)$", label):
        return "a"
    if _OUTLET_RE.search(name):
        return "q"
    return ""


def _looks_like_name(name: str) -> bool:
    """A person, an outlet or an office: "Ma Zhaoxu", "Phoenix TV", "法新社记者", "H.E. Wang Yi"."""
    name = name.strip()
    if _CJK_RE_ANY.search(name):
        return _CJK_NAME_RE.match(name) is not None
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 50:
        return False
    if any(ch in name for ch in ",;!?\"“”"):
        return False
    if words[0].lower() in _SENTENCE_STARTERS:
        return False  # "Since the 16", "In 2019", "This year": the start of a sentence.
    capitals = 0
    for word in words:
        if _NAME_WORD_RE.match(word):
            capitals += 1
        elif word.lower() not in _NAME_JOINERS:
            return False
    return capitals >= 1 and bool(re.match(r"^[A-Z\u00c0-\u00de\u0400-\u042f\d(]", name))


_CJK_RE_ANY = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_STARTERS = frozenset(
    "since when while after before in on at for from with as if this that these those it we they he she i you"
    " our its their there here and but or so also then thus today now some all any each every both many most"
    " such no not only even yet still however moreover therefore meanwhile furthermore besides what why how"
    " who which where one two three first second third last next finally overall".split()
)


def _speaker_label(text: str) -> tuple[str, str] | None:
    """(speaker, what they say here) when ``text`` opens a turn: "【記者】…", "Ma Zhaoxu:" on its
    own line (nothing said yet), "Q: …"; ``None`` for a label that names no speaker."""
    matches = [_BRACKET_SPEAKER_RE.match(text)]
    if ":" in text[:64] or "：" in text[:64]:
        matches.append(_SPEAKER_LINE_RE.match(text) or _INLINE_SPEAKER_RE.match(text))
    for m in matches:
        if m and _speaker_role(m.group("name")) is not None:
            return m.group("name").strip(), (m.groupdict().get("text") or "").strip()
    return None


def _find_turns(units: list[str]) -> list[_Unit] | None:
    """Read the units as a dialogue; ``None`` when the text is not one.

    A dialogue has turns announced by "Name:" lines or "Name: text" openings:
    at least two distinct speakers (or a question/answer pair such as Q:/A:).
    """
    marked: list[_Unit] = []
    speakers: dict[str, str | None] = {}
    for text in units:
        label = _speaker_label(text)
        if label is None:
            marked.append(_Unit(text=text))
            continue
        name, said = label
        speakers[name] = _speaker_role(name)
        marked.append(_Unit(text=said, speaker=name, label_only=not said))
    roles = set(speakers.values())
    if len(speakers) < 2:
        return None
    qa_pair = "q" in roles and ("a" in roles or "" in roles)
    if not qa_pair and not _takes_turns([u.speaker for u in marked if u.speaker]):
        # "Goal: ...", "Principle: ...", "Task: ..." are labels, not speakers:
        # a dialogue has someone asking or speakers taking the floor again.
        return None
    # Continuation paragraphs belong to whoever is speaking.
    current = ""
    turns: list[_Unit] = []
    for unit in marked:
        if unit.speaker:
            current = unit.speaker
            if unit.label_only:
                continue
        elif current:
            unit.speaker = current
        turns.append(unit)
    if not any(unit.speaker for unit in turns):
        return None  # Labels with nothing said after them.
    return turns


def _takes_turns(sequence: list[str]) -> bool:
    """True when a speaker takes the floor again after someone else (A, B, A)."""
    seen: set[str] = set()
    previous = ""
    for speaker in sequence:
        if speaker != previous:
            if speaker in seen:
                return True
            seen.add(speaker)
            previous = speaker
    return False


def _answerers(turns: list[_Unit]) -> tuple[set[str], set[str]]:
    """Decide who answers and who moderates.

    Generic labels decide first (A:, 答：, Spokesperson; Q:, 记者：; Host:);
    outlets and journalists ask. When persons remain, they answer if someone
    already asks; otherwise the person who speaks most is the one answering.
    """
    chars: dict[str, int] = {}
    order: list[str] = []
    for unit in turns:
        if unit.speaker:
            if unit.speaker not in chars:
                order.append(unit.speaker)
            chars[unit.speaker] = chars.get(unit.speaker, 0) + len(unit.text)
    roles = {name: _speaker_role(name) for name in order}
    answer = {n for n, r in roles.items() if r == "a"}
    moderators = {n for n, r in roles.items() if r == "m"}
    askers = {n for n, r in roles.items() if r == "q"}
    persons = [n for n, r in roles.items() if r == ""]
    if persons:
        # A person who takes the floor right after a journalist answers them.
        previous = ""
        for unit in turns:
            if unit.speaker and unit.speaker != previous:
                if previous in askers and unit.speaker in persons:
                    answer.add(unit.speaker)
                previous = unit.speaker
        if not answer:
            answer.add(max(persons, key=lambda n: chars[n]))
    if not answer:
        answer.add(max(order, key=lambda n: chars[n]))
    return answer, moderators


# Classifying a passage --------------------------------------------------------


def _classify(text: str, *, next_text: str | None) -> ParsedSection:
    """Kind of a passage outside a dialogue: heading, list item, quotation, paragraph."""
    ends = _ends_sentence(text)
    short = len(text) <= 160
    if short and not ends and _NUMBERED_HEADING_RE.match(text) and text_size(text) <= 15:
        return ParsedSection(kind="heading", text=_HEADING_NUMBER_SPACE_RE.sub(r"\1 ", text))
    bullet = _BULLET_RE.match(text)
    if bullet:
        return ParsedSection(kind="list_item", text=text[bullet.end() :].strip())
    if _ENUM_RE.match(text):
        return ParsedSection(kind="list_item", text=text)
    if text[0] in _OPEN_QUOTES and _is_quotation(text):
        return ParsedSection(kind="quotation", text=text)
    if (
        short
        and next_text is not None
        and not ends
        and not _CODE_RE.match(text)
        and not text.endswith((",", "，", "、"))
        and _HEADING_START_RE.match(text)
        and (len(text) <= 30 if _CJK_RE_ANY.search(text) else text_size(text) <= 12)
        and (text_size(next_text) > text_size(text) or _list_marker(next_text))
    ):
        return ParsedSection(kind="heading", text=text)
    return ParsedSection(kind="paragraph", text=text)


def _is_quotation(text: str) -> bool:
    if len(text) < 3 or text[0] not in _OPEN_QUOTES:
        return False
    close = _CLOSE_QUOTES[text[0]]
    stripped = text.rstrip(" .。")
    if not stripped.endswith(close):
        return False
    inner = stripped[1:-1]
    # "A" said B "C" is not a quotation: the quote must not close and reopen with text between.
    if close != text[0]:
        depth = 0
        for ch in inner:
            if ch == text[0]:
                depth += 1
            elif ch == close:
                depth -= 1
                if depth < 0:
                    return False
    return True


def _sections(paras: list[list[str]]) -> tuple[list[ParsedSection], bool]:
    """Sections of the body; second value: whether the body is a dialogue."""
    units: list[str] = []
    for para in paras:
        units.extend(_block_units(para))
    units = _rejoin_broken(units)
    turns = _find_turns(units)
    if turns is None:
        sections = [
            _classify(text, next_text=units[i + 1] if i + 1 < len(units) else None) for i, text in enumerate(units)
        ]
        return sections, False
    answerers, moderators = _answerers(turns)
    sections = []
    for i, unit in enumerate(turns):
        if not unit.speaker:
            nxt = turns[i + 1].text if i + 1 < len(turns) else None
            sections.append(_classify(unit.text, next_text=nxt))
        elif unit.speaker in moderators:
            sections.append(ParsedSection(kind="paragraph", text=unit.text, speaker=unit.speaker))
        else:
            kind = "answer" if unit.speaker in answerers else "question"
            sections.append(ParsedSection(kind=kind, text=unit.text, speaker=unit.speaker))
    return sections, True


# ---------------------------------------------------------------------------
# Document type
# ---------------------------------------------------------------------------

_TYPE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("interview", r"(?<![A-Za-z])interview|专访|採訪|采访|專訪|entretien|entrevista|интервью"),
        (
            "press_conference",
            r"press\s+(?:conference|briefing)|news\s+(?:conference|briefing)|(?<![A-Za-z])briefing|记者会|記者會"
            r"|新闻发布会|新聞發布會|吹风会|吹風會|答记者问|答記者問|conférence\s+de\s+presse|point\s+de\s+presse"
            r"|rueda\s+de\s+prensa|conferencia\s+de\s+prensa|пресс-конференц|брифинг|pressekonferenz",
        ),
        ("white_paper", r"white\s*paper|白皮书|白皮書|livre\s+blanc|libro\s+blanco|белая\s+книга|weißbuch"),
        ("communique", r"communiqu[eé]|公报|公報|comunicado|коммюнике|kommuniqué"),
        (
            "statement",
            r"(?<![A-Za-z])statement|(?<![A-Za-z])declaration|spokes(?:person|man|woman)'?s?\s+(?:remarks|comments?)"
            r"|声明|聲明|宣言|谈话|談話|déclaration|declaración|заявлени|erklärung",
        ),
        (
            "speech",
            r"(?<![A-Za-z])(?:speech|remarks|keynote|toast|lecture)|(?<![A-Za-z])address(?:\s+(?:by|at|to|of|on)(?![A-Za-z])|$)"
            r"|^address(?![A-Za-z])|讲话|講話|致辞|致辭|演讲|演講|发言(?!人)|發言(?!人)|讲演|discours|discurso|выступлени|(?<![A-Za-z])rede(?![A-Za-z])",
        ),
    )
)


def _doc_type(title: str, *, dialogue: bool) -> str:
    for kind, pattern in _TYPE_RULES:
        if pattern.search(title):
            if kind == "interview" or not dialogue:
                return kind
            break
    return "press_conference" if dialogue else "article"


# ---------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA_RE = re.compile(r"[\u3040-\u30ff]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_CJK_ANY_RE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_ALPHA_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0e00-\u0e7f]")
_LATIN_SAMPLE = 250  # characters per sample: lingua's time grows with the sample
_MIN_SHARE = 0.12  # of the text, for a language to be listed
# A translation into English takes about four characters (spaces included) for
# every Chinese character: CJK characters weigh four when shares are compared.
_CJK_WEIGHT = 4
_detector: Any = None
_detector_lock = threading.Lock()
# The UN languages, the other big languages of diplomacy, and China's neighbours. Each
# extra alphabetic language costs time on every document (about 7 µs a sample).
_DETECTOR_LANGUAGES = (
    "ENGLISH", "CHINESE", "FRENCH", "SPANISH", "RUSSIAN", "ARABIC", "GERMAN", "JAPANESE", "KOREAN",
    "PORTUGUESE", "ITALIAN", "VIETNAMESE", "INDONESIAN", "PERSIAN", "HINDI",
)


def _get_detector() -> Any:
    """The lingua detector, built once per process on first use."""
    global _detector
    if _detector is None:
        with _detector_lock:
            if _detector is None:
                from lingua import Language, LanguageDetectorBuilder

                languages = [getattr(Language, n) for n in _DETECTOR_LANGUAGES]
                _detector = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
    return _detector


def detect_languages(*, texts: list[str], title: str = "") -> list[str]:
    """ISO 639-1 codes of the languages of ``texts`` (paragraphs), main language first.

    Each paragraph counts for the script it is mostly written in: Han/kana/hangul
    paragraphs are Chinese, Japanese or Korean; alphabetic paragraphs go to lingua
    (on a sample, for speed). A language must hold a real share of the text, so a
    "(四)" in an English title does not make a document bilingual. When two
    languages hold about the same share, the one of ``title`` comes first.
    """
    cjk_weight = 0.0
    alpha_weight = 0.0
    han = kana = hangul = 0
    alpha_parts: list[str] = []
    for text in texts:
        n_han = n_kana = n_hangul = 0
        if not text.isascii() and _CJK_ANY_RE.search(text):
            n_han = len(_HAN_RE.findall(text))
            n_kana = len(_KANA_RE.findall(text))
            n_hangul = len(_HANGUL_RE.findall(text))
        n_cjk = n_han + n_kana + n_hangul
        # Everything else counts as alphabetic: spaces and punctuation add about
        # the same share to every alphabetic language, so the comparison holds.
        n_alpha = len(text) - n_cjk if n_cjk * _CJK_WEIGHT < len(text) else len(_ALPHA_RE.findall(text))
        if n_cjk * _CJK_WEIGHT >= n_alpha:
            if n_cjk:
                cjk_weight += n_cjk * _CJK_WEIGHT
                han += n_han
                kana += n_kana
                hangul += n_hangul
        elif n_alpha:
            alpha_weight += n_alpha
            alpha_parts.append(text)
    total = cjk_weight + alpha_weight
    if not total:
        return []
    scored: list[tuple[float, str]] = []
    if cjk_weight / total >= _MIN_SHARE:
        if hangul > max(han, kana):
            code = "ko"
        elif kana >= 0.1 * (han + kana):
            code = "ja"
        else:
            code = "zh"
        scored.append((cjk_weight, code))
    if alpha_weight / total >= _MIN_SHARE:
        for code, share in _alphabetic_languages(alpha_parts):
            scored.append((alpha_weight * share, code))
    if len(scored) == 2 and min(scored)[0] >= 0.75 * max(scored)[0] and title:
        # A parallel bilingual text: the title's script decides which is main.
        title_cjk = len(_CJK_ANY_RE.findall(title)) * _CJK_WEIGHT >= len(_ALPHA_RE.findall(title))
        scored.sort(key=lambda item: (item[1] in ("zh", "ja", "ko")) != title_cjk)
    else:
        scored.sort(key=lambda item: -item[0])
    codes: list[str] = []
    for _, code in scored:
        if code not in codes:
            codes.append(code)
    return codes


def _alphabetic_languages(parts: list[str]) -> list[tuple[str, float]]:
    """Languages of alphabetic paragraphs: a sample from the start, and one from the
    second half when the text is long enough to hold a second language."""
    detector = _get_detector()
    samples = [_sample(parts)]
    if len(parts) >= 6 and sum(len(p) for p in parts) >= 8 * _LATIN_SAMPLE:
        samples.append(_sample(parts[len(parts) // 2 :]))
    results: list[str] = []
    for sample in samples:
        language = detector.detect_language_of(sample)
        if language is not None:
            results.append(language.iso_code_639_1.name.lower())
    if not results:
        return []
    if len(results) == 2 and results[0] != results[1]:
        return [(results[0], 0.5), (results[1], 0.5)]
    return [(results[0], 1.0)]


def _sample(parts: list[str]) -> str:
    out: list[str] = []
    size = 0
    for part in parts:
        out.append(part)
        size += len(part)
        if size >= _LATIN_SAMPLE:
            break
    return " ".join(out)[:_LATIN_SAMPLE].rsplit(" ", 1)[0]


# ---------------------------------------------------------------------------
# parse
# ---------------------------------------------------------------------------


_MD_HEADING_RE = re.compile(r"^#{1,6}[ \t]+(?=\S)", re.MULTILINE)
_MD_LINE_EMPHASIS_RE = re.compile(r"^(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1$", re.MULTILINE)
_MD_INLINE_RES = (
    (re.compile(r"!?\[([^\]\n]+)\]\([^)\s]+(?:\s+\"[^\"]*\")?\)"), r"\1"),  # [text](url), ![alt](src)
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE), r"\1"),
    (re.compile(r"^>[ \t]?", re.MULTILINE), ""),  # block quotes
)


def _plain_markdown(text: str) -> str:
    """A Markdown file's words without its markup: "## I. Cooperation" -> "I. Cooperation",
    "**never**" -> "never", "[the speech](https://...)" -> "the speech". Lists keep their markers."""
    text = _MD_LINE_EMPHASIS_RE.sub(r"\2", text)
    for pattern, replacement in _MD_INLINE_RES:
        text = pattern.sub(replacement, text)
    return text


def parse(text: str, *, name: str, meta: dict | None = None) -> ParsedDocument:
    """Parse cleaned text into a ``ParsedDocument``.

    ``name`` (the file name) is used in rejection messages and for a fallback
    title. ``meta`` carries values known from outside the text -- typically
    ``{**cleaned.meta, **front_matter}`` -- with front-matter keys (title, date
    as "YYYY[-MM[-DD]]" or a date, source, url, type, languages, tags, themes,
    periods, summary, status, slug). A front matter block still at the top of
    ``text`` is split off here. Given values override every heuristic.
    """
    front, body = split_front_matter(text, name=name)
    given = _normalise_meta(meta or {}, name=name, strict=False)
    given.update(front)

    if name.lower().endswith((".md", ".markdown")) or _MD_HEADING_RE.search(body):
        body = _plain_markdown(body)
    paras = _paragraphs(body)
    head = _scan_head(paras)
    body_paras = [
        [line for li, line in enumerate(para) if (pi, li) not in head.used] for pi, para in enumerate(paras)
    ]
    body_paras = [para for para in body_paras if para]

    date = head.date
    source = head.source
    if date is None or not source:
        news = _news_dateline(body_paras)
        if news is not None:
            agency, news_date = news
            source = source or agency
            date = date or news_date
    if date is None:
        date = _closing_date(body_paras)

    sections, dialogue = _sections(body_paras)
    title = given.get("title") or head.title or _title_from_name(name)
    doc_type = given.get("type") or _doc_type(title, dialogue=dialogue)
    languages = given.get("languages") or detect_languages(
        texts=[s.text for s in sections] or [title], title=head.title
    )

    parsed = ParsedDocument(
        title=title,
        sections=sections,
        source=given.get("source") or source,
        source_url=given.get("url") or head.source_url,
        doc_type=doc_type,
        languages=list(languages),
        summary=given.get("summary", ""),
        slug=given.get("slug", ""),
        tags=list(given.get("tags", [])),
        themes=given.get("themes"),
        periods=given.get("periods"),
        status=given.get("status", ""),
    )
    if "date" in given:
        parsed.date = given["date"]
        parsed.date_precision = given["date_precision"]
    elif date is not None:
        parsed.date = date.date
        parsed.date_precision = date.precision
    return parsed


def _news_dateline(paras: list[list[str]]) -> tuple[str, FoundDate | None] | None:
    """"BEIJING, Jan. 13, 2020 (Xinhua) -- ..." opening the first paragraph."""
    if not paras:
        return None
    m = _NEWS_DATELINE_RE.match(paras[0][0])
    if not m:
        return None
    found = None
    if m.group(1) and m.group(3):
        try:
            date = datetime.date(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
            found = FoundDate(date, "day", m.start(), m.end())
        except ValueError:
            found = None
    return m.group("agency").strip(), found


def _closing_date(paras: list[list[str]]) -> FoundDate | None:
    """A short closing dateline ("Beijing, 17 August 1982", "2019年11月29日")."""
    for para in reversed(paras[-3:]):
        for line in reversed(para):
            if text_size(line) > 10 or is_prose(line):
                continue
            found = find_date(line)
            if found:
                rest = line[: found.start] + line[found.end :]
                if text_size(rest) <= 5:
                    return found
    return None
