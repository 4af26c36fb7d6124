"""Which era a year, a span of years, or a document belongs to.

A year's era is the most specific era containing it (the one that starts latest); a span of
years speaks about each era that is the most specific era of at least a third of its years;
a document was issued in the era of its date or, undated, the latest era its text speaks
about (a document cannot be older than the latest era it mentions).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ..types import PeriodRule

if TYPE_CHECKING:
    from .compiled import CompiledTaxonomy

FIRST_YEAR = 1949  # numbers outside FIRST_YEAR..LAST_YEAR are not read as years
LAST_YEAR = 2100


def era_tables(periods: tuple[PeriodRule, ...]) -> tuple[dict[int, str], dict[str, int]]:
    """The most specific era of each year ``FIRST_YEAR``..``LAST_YEAR`` that has one, and each
    era's rank (later-starting eras rank higher; of two starting the same year, the one listed
    later)."""
    ranked = sorted(enumerate(periods), key=lambda pair: (pair[1].start_year, pair[0]))
    era_rank = {period.slug: rank for rank, (_index, period) in enumerate(ranked)}
    era_of_year: dict[int, str] = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        containing = [
            period.slug
            for period in periods
            if period.start_year <= year and (period.end_year is None or year <= period.end_year)
        ]
        if containing:
            era_of_year[year] = max(containing, key=era_rank.__getitem__)
    return era_of_year, era_rank


def eras_of_span(start: int, end: int, compiled: CompiledTaxonomy) -> set[str]:
    """The eras a span of years speaks about: each era that is the most specific era of at
    least a third of its years. "The 1950s" -> founding and Five Principles; "the 1950s and
    1960s" (1950-1969) -> against the two superpowers only."""
    counts: dict[str, int] = {}
    for year in range(start, end + 1):
        era = compiled.era_of_year.get(year)
        if era is not None:
            counts[era] = counts.get(era, 0) + 1
    span = end - start + 1
    return {era for era, count in counts.items() if 3 * count >= span}



def issued_in(
    date: datetime.date | None, section_periods: list[set[str]], compiled: CompiledTaxonomy
) -> str | None:
    """The most specific era containing ``date``; undated: the latest era the text speaks of."""
    if date is not None:
        return compiled.era_of_year.get(date.year)
    mentioned = set().union(*section_periods)
    return max(mentioned, key=compiled.era_rank.__getitem__, default=None)
