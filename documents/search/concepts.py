"""The principles and eras a query names, in any language the taxonomy knows.

A reader who types 和平共处 means the principle of peaceful coexistence, whatever language its
passages are in. ``find_concepts`` looks the query up in the taxonomy:

- the query matched by a principle's match rules or an era's cues, with the engine the importer
  classifies passages with (``documents.importing.classifying``: RE2, linear in the query);
- the query naming the entry: its name holds the query, or the query its name;
- the query a part of one of its plain phrases ("改革开放" of the cue "改革开放以来").

Chinese is tried in its Simplified and Traditional forms (OpenCC). The query is already capped
(``query.MAX_QUERY_LENGTH``), so the look-up is bounded. ``count_passages`` then counts the
published passages of each concept found, in two queries at most. Returns data: the search page
(``documents.search_page``) makes the links.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from django.db.models import Count, Q

from ..importing.classifying import compile_taxonomy
from ..importing.classifying.rules import REGEX_PREFIX, normalise_text
from ..importing.types import PeriodRule, TaxonomyRules, ThemeRule
from ..models import Period, Section, Theme
from ..taxonomy import TaxonomyTree
from .query import Query, chinese_variants

PRINCIPLE, ERA = "principle", "era"
MAX_PER_KIND = 3  # principles (and eras) offered for one query at most
MIN_LATIN = 4  # characters a Latin-script query needs to be looked for inside a name or phrase
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Concept:
    """A principle or an era that the query names, with its passages readers may see."""

    kind: str  # PRINCIPLE or ERA
    entry: Theme | Period
    ids: tuple[int, ...]  # a principle with its members; an era alone
    passages: int = 0

    @property
    def key(self) -> str:
        """How the search page's ``concept`` parameter names it: "principle:<slug>", "era:<slug>"."""
        return f"{self.kind}:{self.entry.slug}"


def query_words(query: Query) -> str:
    """The words the reader wants (the terms, minus the excluded ones)."""
    return " ".join(term.text for term in query.terms if not term.negated)


def find_concepts(query: Query, *, taxonomy: TaxonomyTree) -> list[Concept]:
    """The principles and eras ``query`` names (see the module's docstring), passages uncounted,
    in the taxonomy's order. No database query: ``taxonomy`` holds the rules."""
    words = query_words(query) if query.searchable else ""
    if not words:
        return []
    forms = [_fold(form) for form in chinese_variants(words)]
    compiled = _compiled(taxonomy)
    found = []
    for theme in taxonomy.themes:
        pattern = compiled.theme_patterns.get(theme.slug) if compiled else None
        if _names(theme.name, theme.rules, pattern, forms):
            found.append(Concept(PRINCIPLE, theme, tuple(taxonomy.with_descendants(theme))))
    for period in taxonomy.periods:
        pattern = compiled.cue_patterns.get(period.slug) if compiled else None
        if _names(period.name, period.cues, pattern, forms):
            found.append(Concept(ERA, period, (period.pk,)))
    return found


def count_passages(concepts: list[Concept]) -> list[Concept]:
    """``concepts`` with their published passages counted (two queries at most), those with none
    left out, at most ``MAX_PER_KIND`` of each kind: the most specific first (a principle before
    the broader one that holds it, which the query names only through it), then the most stated."""
    counted = []
    for kind, links, column in ((PRINCIPLE, Section.themes.through, "theme_id"),
                                (ERA, Section.periods.through, "period_id")):
        of_kind = [c for c in concepts if c.kind == kind]
        if not of_kind:
            continue
        every = {pk for c in of_kind for pk in c.ids}
        totals = links.objects.filter(section__in=Section.objects.published(), **{f"{column}__in": every}).aggregate(
            **{f"c{i}": Count("section_id", distinct=True, filter=Q(**{f"{column}__in": c.ids}))
               for i, c in enumerate(of_kind)})
        with_counts = [replace(c, passages=totals[f"c{i}"] or 0) for i, c in enumerate(of_kind)]
        with_counts.sort(key=lambda c: (sum(set(o.ids) < set(c.ids) for o in of_kind), -c.passages))
        counted += [c for c in with_counts if c.passages][:MAX_PER_KIND]
    return counted


def _fold(text: str) -> str:
    """A form to compare in: NFKC, ``normalise_text``, one space between words, case folded."""
    return " ".join(normalise_text(unicodedata.normalize("NFKC", text)).split()).casefold()


def _names(name: str, rules, pattern, forms: list[str]) -> bool:
    """Whether a query (in each of its ``forms``) names an entry of this name and rules."""
    if pattern is not None and any(pattern.search(form) for form in forms):
        return True
    phrases = [_fold(name)] + [_fold(rule) for rule in rules or () if isinstance(rule, str)
                               and not rule.startswith(REGEX_PREFIX)]
    for form in forms:
        if _fold(name) in form and len(_fold(name)) >= MIN_LATIN:
            return True
        if any(_inside(form, phrase) for phrase in phrases):
            return True
    return False


def _inside(form: str, phrase: str) -> bool:
    """The query is a part of the phrase: any run of two Chinese characters or more, or Latin
    words (``MIN_LATIN`` letters or more) whole."""
    if _HAN.search(form):
        return len(form) >= 2 and form in phrase
    if len(form) < MIN_LATIN:
        return False
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", phrase) is not None


def _compiled(taxonomy: TaxonomyTree):
    """The taxonomy's rules compiled as the importer compiles them (cached per taxonomy), or
    None when an editor's rule cannot be used (the names are still looked up)."""
    rules = TaxonomyRules(
        periods=tuple(PeriodRule(slug=p.slug, start_year=p.start_year, end_year=p.end_year,
                                 cues=tuple(c for c in p.cues or () if isinstance(c, str))) for p in taxonomy.periods),
        themes=tuple(ThemeRule(slug=t.slug, parent=None, rules=tuple(r for r in t.rules or () if isinstance(r, str)))
                     for t in taxonomy.themes),
    )
    try:
        return compile_taxonomy(rules)
    except ValueError:
        return None
