"""Datelines, and the outlet a dateline or a "Source:" label names.

"Beijing, 17 August 1982", "By Li Yan | China Daily | Updated: 2019-11-29 16:31" and
"BEIJING, Jan. 13 (Xinhua) --" date a document; "Wang Yi Meets Envoys | October 31, 2022" is a
headline that holds a date. ``is_dateline`` tells them apart. The head (``head.py``) reads
datelines and sources from the lines above the text; ``news_dateline`` reads a wire lead that
opens the body and ``closing_date`` a short dateline that closes it.
"""

from __future__ import annotations

import datetime
import re

from documents.choices import DatePrecision
from documents.importing.cleaning import is_prose, text_size

from .dates import MONTH_PATTERN, MONTHS, TIME_RE, YEAR_PATTERN, FoundDate, find_date
from .scripts import CJK_RE, LATIN_WORD_RE

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
# A web address begins where a run of letters, digits and hyphens begins (never after a hyphen:
# trying every hyphen of "2019-2019-2019-..." would scan the rest of the run again each time).
_DOMAIN_RE = re.compile(
    r"(?<![\w@.-])((?:[\w-]++\.)+(?:com|cn|org|net|gov|int|info)(?:\.cn)?)(?![\w.])", re.IGNORECASE
)
_NEWS_DATELINE_RE = re.compile(
    rf"^[A-Z][A-Za-z .'\-]{{1,40}}(?:,\s*[A-Z][A-Za-z .'\-]{{1,30}})?,\s*(?:((?i:{MONTH_PATTERN}))\.?\s+(\d{{1,2}})(?:,\s*({YEAR_PATTERN}))?\s*)?"
    r"\((?P<agency>[A-Za-z][A-Za-z .&'\-]{1,40})\)\s*[-–—]",
)
_PAREN_SOURCE_RE = re.compile(r"^\s*[(（]([^()（）\d]{2,40})[)）]")
_DATELINE_ITEM_SPLIT_RE = re.compile(r"\s*[|｜]\s*|\s{2,}|\u3000+")
BYLINE_RE = re.compile(r"^(?:(?:by|par|por|von|от)\s+\S|(?:记者|記者|文\s*/)\s*\S)", re.IGNORECASE)


def source_from_line(line: str) -> str:
    """The outlet a "Source:" label names in ``line`` ("来源：新华网"), or "" when there is none."""
    m = _SOURCE_LABEL_RE.search(line)
    if not m:
        return ""
    if m.start() > 0 and not is_dateline(line, find_date(line)):
        return ""
    rest = line[m.end() :]
    end = _SOURCE_END_RE.search(rest)
    value = rest[: end.start()] if end else rest
    value = value.strip(" .,;，。")
    if not value or text_size(value) > 10:
        return ""
    return value


def is_dateline(line: str, found: FoundDate | None) -> bool:
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
    rest = TIME_RE.sub(" ", rest)
    rest = _WEEKDAY_RE.sub(" ", rest)
    rest = _DATELINE_NOISE_RE.sub(" ", rest)
    words = LATIN_WORD_RE.findall(rest)
    lower = sum(1 for word in words if word[0].islower())
    cjk = len(CJK_RE.findall(rest)) if not rest.isascii() else 0
    if found is not None and found.precision == DatePrecision.YEAR:
        return len(words) + cjk == 0
    cjk_limit = 20 if _SOURCE_LABEL_RE.search(line) else 12
    return len(words) <= 6 and lower <= 1 and cjk <= cjk_limit


def source_from_dateline(line: str) -> str:
    """The outlet named in a dateline: "By Li Yan | China Daily | Updated: ...", "(People's Daily Online) 09:45, ..."."""
    paren = _PAREN_SOURCE_RE.search(line)
    if paren and text_size(paren.group(1)) <= 6 and not find_date(paren.group(1)):
        return paren.group(1).strip()
    for item in _DATELINE_ITEM_SPLIT_RE.split(line):
        item = item.strip(" .,;")
        if not item or BYLINE_RE.match(item) or find_date(item) or TIME_RE.search(item):
            continue
        if item.endswith((":", "：")) or not any(c.isalpha() for c in item):
            continue
        if text_size(item) <= 5 and (len(_DATELINE_ITEM_SPLIT_RE.split(line)) > 1 or _DOMAIN_RE.fullmatch(item)):
            return item
    domain = _DOMAIN_RE.search(line)
    return domain.group(1) if domain else ""


def news_dateline(paras: list[list[str]]) -> tuple[str, FoundDate | None] | None:
    """"BEIJING, Jan. 13, 2020 (Xinhua) -- ..." opening the first paragraph."""
    if not paras:
        return None
    m = _NEWS_DATELINE_RE.match(paras[0][0])
    if not m:
        return None
    found = None
    if m.group(1) and m.group(3):
        try:
            date = datetime.date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
            found = FoundDate(date, DatePrecision.DAY, m.start(), m.end())
        except ValueError:
            found = None
    return m.group("agency").strip(), found


def closing_date(paras: list[list[str]]) -> FoundDate | None:
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
