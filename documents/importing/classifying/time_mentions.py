"""Time mentions: the years and decades a text speaks about, in English and in Chinese.

"in 1956", "the mid-1950s", "the late 1960s and early 1970s", "from the 1950s to the 1980s",
"一九七八年", "20世纪50年代中期", "六十年代". Numbers that are not years (counts, amounts, page
and telephone numbers, "50 years") are left out. Each mention comes back with the eras it
speaks about (``eras``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .eras import FIRST_YEAR, LAST_YEAR, eras_of_span

if TYPE_CHECKING:
    from .compiled import CompiledTaxonomy

_NOT_A_YEAR_BEFORE = set("0123456789.,:#$£€¥+")
_NOT_A_YEAR_AFTER = re.compile(
    r"[\s-]?(?:years?\b|yrs\b|km\b|kilomet|metres\b|meters\b|miles\b|tons\b|tonnes\b|people\b"
    r"|persons\b|yuan\b|dollars\b|percent\b|per cent\b|%|times\b|members\b|troops\b|soldiers\b"
    r"|delegates\b|copies\b|pieces\b|units\b|多年|余年|餘年|多人|人|万|萬|亿|億|元|公里|个|個|名)",
    re.IGNORECASE,
)
_NUMBER_LABEL_BEFORE = re.compile(
    r"(?:\bno|\bnum|\bnumber|\btel|\bfax|\bpage|\bpp?|\bclick|\bviews?|\bhits?)\.?\s*:?\s*$",
    re.IGNORECASE,
)
_QUALIFIER_BEFORE = re.compile(
    r"\b(early|mid|late)(?:[\s-]{0,3}(?:to|and|or)[\s-]{0,3}(mid|late))?[\s-]{0,3}$",
    re.IGNORECASE,
)
_DECADE_SUFFIX = re.compile(r"'?s(?![a-z])|年代", re.IGNORECASE)
_DECADE_TAIL = re.compile(
    r"'?s[\s,]{0,3}(?:and|to|through|until|till|or|-)[\s-]{0,3}(?:the[\s-]{1,3})?"
    r"(?:(early|mid|late)[\s-]{0,3})?((?:19|20)\d0|'\d0|\d0)'?s\b",
    re.IGNORECASE,
)
_PART_OF_DECADE = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), None: (0, 9)}
_ZH_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_ZH_YEAR = re.compile(r"([一二][九〇零○][〇零○一二三四五六七八九]{2})年")
_ZH_DECADE = re.compile(
    r"(?:(?:20|二十)\s?世[纪紀]|上\s?世[纪紀])?\s?(?<!\d)([5-9]0|[五六七八九]十)\s?年代"
    r"(初期?|前期|中期?|中叶|中葉|末期?|后期|後期)?"
)
_ZH_PART = {"初": "early", "初期": "early", "前期": "early", "中": "mid", "中期": "mid",
            "中叶": "mid", "中葉": "mid", "末": "late", "末期": "late", "后期": "late",
            "後期": "late"}  # fmt: skip


def _decade_span(decade: int, first_part: str | None, last_part: str | None) -> tuple[int, int]:
    """Years of a (part of a) decade: 1960 with ("early", None) -> 1960..1963."""
    start = decade + _PART_OF_DECADE[first_part][0]
    end = decade + _PART_OF_DECADE[last_part if last_part else first_part][1]
    return start, end


def find_time_mentions(
    text: str, offsets: list[int], compiled: CompiledTaxonomy
) -> list[tuple[int, int, set[str]]]:
    """(start, end, eras) for the years and decades at ``offsets`` (where a word such as "1956"
    or "1950s" starts; each is checked here) and for dates written in Chinese."""
    found: list[tuple[int, int, set[str]]] = []
    skip_until = -1
    for start in sorted(offsets):
        end = start + 4
        if start < skip_until or not text[start:end].isdigit():
            continue
        before = text[start - 1] if start else " "
        after = text[end : end + 1]
        if before in _NOT_A_YEAR_BEFORE or (before.isascii() and before.isalpha()):
            continue
        if after.isdigit() or (after in ".," and text[end + 1 : end + 2].isdigit()):
            continue
        if _NUMBER_LABEL_BEFORE.search(text, max(0, start - 10), start):
            continue
        year = int(text[start:end])
        suffix = _DECADE_SUFFIX.match(text, end) if year % 10 == 0 else None
        if suffix:
            qualifier = _QUALIFIER_BEFORE.search(text, max(0, start - 25), start)
            first = qualifier.group(1).lower() if qualifier else None
            last = qualifier.group(2).lower() if qualifier and qualifier.group(2) else None
            span_start, span_end = _decade_span(year, first, last)
            tail = _DECADE_TAIL.match(text, end)
            if tail:
                second = tail.group(2).lstrip("'")
                second_decade = int(second) if len(second) == 4 else year // 100 * 100 + int(second)
                second_part = tail.group(1).lower() if tail.group(1) else None
                second_span = _decade_span(second_decade, second_part, None)
                skip_until = tail.end()
                if second_decade == year + 10:  # neighbouring decades: one span
                    found.append((start, tail.end(), eras_of_span(span_start, second_span[1], compiled)))
                    continue
                found.append((start, tail.end(), eras_of_span(*second_span, compiled)))
            found.append((start, suffix.end(), eras_of_span(span_start, span_end, compiled)))
            continue
        if after.isascii() and after.isalpha():  # "2019th", "1949A": not a year
            continue
        if _NOT_A_YEAR_AFTER.match(text, end) or not FIRST_YEAR <= year <= LAST_YEAR:
            continue
        era = compiled.era_of_year.get(year)
        if era is not None:
            found.append((start, end, {era}))
    if "年" in text:
        found += _chinese_time_mentions(text, compiled)
    return found


def _chinese_time_mentions(text: str, compiled: CompiledTaxonomy) -> list[tuple[int, int, set[str]]]:
    """Years in Chinese numerals (一九五六年) and decades (20世纪50年代中期, 六十年代)."""
    found: list[tuple[int, int, set[str]]] = []
    for match in _ZH_YEAR.finditer(text):
        year = int("".join(str(_ZH_DIGITS[char]) for char in match.group(1)))
        era = compiled.era_of_year.get(year)
        if era is not None:
            found.append((match.start(), match.end(), {era}))
    for match in _ZH_DECADE.finditer(text):
        tens = match.group(1)
        decade = 1900 + (int(tens) if tens.isdigit() else _ZH_DIGITS[tens[0]] * 10)
        part = _ZH_PART.get(match.group(2) or "")
        found.append((match.start(), match.end(), eras_of_span(*_decade_span(decade, part, None), compiled)))
    return found

