"""documents/importing/classifying/eras.py: the era a document was issued in."""

from __future__ import annotations

import datetime

import pytest

from documents.importing.classifying import classify
from documents.importing.types import ParsedSection
from tests.importing.classifying.helpers import seed_paragraphs

# --------------------------------------------------------------------------------------------
# The era a document was issued in
# --------------------------------------------------------------------------------------------

ISSUED = [
    (datetime.date(2019, 11, 29), "new-era"),
    (datetime.date(2022, 10, 31), "new-era"),
    (datetime.date(1956, 6, 1), "five-principles-and-bandung"),
    (datetime.date(1955, 4, 18), "five-principles-and-bandung"),  # in two eras: the later one
    (datetime.date(1949, 10, 1), "founding-of-new-china"),
    (datetime.date(1969, 3, 2), "opening-to-the-united-states"),
    (datetime.date(1978, 12, 22), "reform-and-opening-up"),
    (datetime.date(1991, 12, 26), "after-the-cold-war"),
    (datetime.date(2002, 11, 8), "peaceful-development"),
    (datetime.date(2012, 11, 8), "new-era"),
    (datetime.date(1945, 8, 15), None),
]


@pytest.mark.parametrize(("date", "expected"), ISSUED)
def test_issued_in_is_the_most_specific_era_of_the_date(compiled, date, expected):
    sections = [ParsedSection("paragraph", "Since the 18th CPC National Congress, in 1956.")]
    assert classify(sections=sections, date=date, taxonomy=compiled).issued_in == expected


def test_undated_document_is_issued_in_the_latest_era_it_speaks_of(compiled):
    sections = [ParsedSection("paragraph", paragraph) for paragraph in seed_paragraphs("002")]
    assert classify(sections=sections, date=None, taxonomy=compiled).issued_in == "new-era"

    text = "In June 1949, Mao Zedong declared: China must be independent."
    founding = classify(sections=[ParsedSection("paragraph", text)], date=None, taxonomy=compiled)
    assert founding.issued_in == "founding-of-new-china"


def test_undated_document_without_years_or_cues_has_no_era(compiled):
    sections = [ParsedSection("paragraph", paragraph) for paragraph in seed_paragraphs("001")]
    result = classify(sections=sections, date=None, taxonomy=compiled)
    assert result.issued_in is None
    assert result.section_periods == [set()] * len(sections)
