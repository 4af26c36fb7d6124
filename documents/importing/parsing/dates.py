"""Dates written in one line of text: ``find_date`` and the names and numbers it reads.

Day precision for a full date (ISO and numeric dates, month names in English, French, Spanish,
German, Italian, Portuguese and Russian, Chinese dates in Arabic or Chinese numerals, Japanese
era years), month precision for a month and a year, year precision only when asked. A numeric
date that could be read two ways ("03/04/2020") is not guessed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from documents.choices import DatePrecision

MONTHS: dict[str, int] = {}
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
        MONTHS[_name] = _number
MONTH_PATTERN = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_L = r"A-Za-z\u00c0-\u024f\u0400-\u04ff"  # letters that must not touch a month name
YEAR_PATTERN = r"(?:1[89]|20)\d\d"

_ISO_DATE_RE = re.compile(rf"(?<!\d)({YEAR_PATTERN})\s*([-/.])\s*(\d{{1,2}})\s*\2\s*(\d{{1,2}})(?!\d)")
_NUM_DMY_RE = re.compile(rf"(?<![\d.])(\d{{1,2}})([-/.])(\d{{1,2}})\2({YEAR_PATTERN})(?!\d)")
_CJK_DATE_RE = re.compile(rf"({YEAR_PATTERN})\s*年\s*(\d{{1,2}})\s*月(?:\s*(\d{{1,2}})\s*[日号號])?")
# Japanese era years: 令和5年4月7日 is 7 April 2023 (令和 began in 2019, 平成 in 1989, 昭和 in 1926).
_JAPANESE_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_JAPANESE_ERA_DATE_RE = re.compile(
    r"(令和|平成|昭和)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?"
)
_CJK_NUM_DATE_RE = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月(?:\s*([一二三四五六七八九十]{1,3})\s*[日号])?")
_MDY_RE = re.compile(
    rf"(?<![{_L}])({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+({YEAR_PATTERN})(?!\d)", re.IGNORECASE
)
_DMY_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?({MONTH_PATTERN})(?![{_L}])\.?,?\s+(?:de\s+)?({YEAR_PATTERN})(?!\d)",
    re.IGNORECASE,
)
_MY_RE = re.compile(rf"(?<![{_L}\d])({MONTH_PATTERN})(?![{_L}])\.?,?\s+(?:de\s+)?({YEAR_PATTERN})(?!\d)", re.IGNORECASE)
_YEAR_ONLY_RE = re.compile(rf"(?<!\d)({YEAR_PATTERN})\s*年?(?!\d)")
TIME_RE = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|CST|BJT)(?:[+-]\d+)?)?", re.IGNORECASE)
# English month names that are also verbs when written in lower case ("may 2020").
_VERBS = frozenset(("may", "march"))
_CJK_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


@dataclass(frozen=True)
class FoundDate:
    """A date found in a line: the date, its precision and where it was."""

    date: datetime.date
    precision: DatePrecision
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
        found.append(FoundDate(date, DatePrecision.DAY if day else DatePrecision.MONTH, m.start(), m.end()))

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
        add(m, int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
    m = _DMY_RE.search(line)
    if m and m.group(2) not in _VERBS:
        add(m, int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    if not found:
        m = _MY_RE.search(line)
        if m and m.group(1) not in _VERBS:
            add(m, int(m.group(2)), MONTHS[m.group(1).lower()], None)
    if not found and allow_year:
        m = _YEAR_ONLY_RE.search(line)
        if m:
            found.append(FoundDate(datetime.date(int(m.group(1)), 1, 1), DatePrecision.YEAR, m.start(), m.end()))
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
