"""Tests for documents.importing.parsing.dates: the date written in one line."""

from __future__ import annotations

import datetime

import pytest

from documents.importing.parsing.dates import find_date
from tests.importing.parsing.samples import D

# --- dates ----------------------------------------------------------------------------------

DATES = [
    pytest.param("2019-11-29 16:31:41", D(2019, 11, 29), "day", id="iso with time"),
    pytest.param("2019/11/29", D(2019, 11, 29), "day", id="slashes"),
    pytest.param("29.11.2019", D(2019, 11, 29), "day", id="european dots"),
    pytest.param("外務大臣会見記録（令和5年4月7日（金曜日））", D(2023, 4, 7), "day", id="japanese era reiwa"),
    pytest.param("平成元年1月8日", D(1989, 1, 8), "day", id="japanese era, first year"),
    pytest.param("昭和47年9月29日", D(1972, 9, 29), "day", id="japanese era showa"),
    pytest.param("13/04/2020", D(2020, 4, 13), "day", id="day first when unambiguous"),
    pytest.param("October 31, 2022", D(2022, 10, 31), "day", id="month day year"),
    pytest.param("Monday, October 31, 2022", D(2022, 10, 31), "day", id="with weekday"),
    pytest.param("28 June 2014", D(2014, 6, 28), "day", id="day month year"),
    pytest.param("Jan 13, 2020", D(2020, 1, 13), "day", id="abbreviated month"),
    pytest.param("Sept. 3, 2015", D(2015, 9, 3), "day", id="sept."),
    pytest.param("Mon, 31 Oct 2022 10:00:00 GMT", D(2022, 10, 31), "day", id="http date"),
    pytest.param("June 1949", D(1949, 6, 1), "month", id="month and year"),
    pytest.param("2019年11月29日", D(2019, 11, 29), "day", id="chinese"),
    pytest.param("2019年11月", D(2019, 11, 1), "month", id="chinese month"),
    pytest.param("二〇一九年十一月二十九日", D(2019, 11, 29), "day", id="chinese numerals"),
    pytest.param("New York, le 12 septembre 2019", D(2019, 9, 12), "day", id="french"),
    pytest.param("1er mars 2020", D(2020, 3, 1), "day", id="french first"),
    pytest.param("31 de octubre de 2022", D(2022, 10, 31), "day", id="spanish"),
    pytest.param("31 октября 2022 г.", D(2022, 10, 31), "day", id="russian"),
    pytest.param("Updated: Sep 27, 2019 10:11 AM", D(2019, 9, 27), "day", id="updated label"),
]


@pytest.mark.parametrize(("line", "date", "precision"), DATES)
def test_find_date(line: str, date: datetime.date, precision: str) -> None:
    found = find_date(line)
    assert found is not None
    assert (found.date, found.precision) == (date, precision)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("03/04/2020", id="ambiguous day and month"),
        pytest.param("2019-02-30", id="no such day"),
        pytest.param("The policy may 2020 change", id="may the verb"),
        pytest.param("1949–1978", id="a range of years"),
        pytest.param("4.5 percent growth in 2019", id="a year alone"),
    ],
)
def test_find_date_does_not_guess(line: str) -> None:
    assert find_date(line) is None
