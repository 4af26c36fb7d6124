"""Facets: a count beside each value a reader can filter on, with the link that applies it.

The document list counts over its filtered documents with the ORM (``count_facets``: one
aggregate query per facet, never one per value); search gets the same counts from its page
query (``facets_from_rows``). Both build the facets here, so the two pages show the same
facets, values, labels, order and links. A facet whose filter is active is left out: its value
is shown among the active filters instead.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Value
from django.db.models.functions import ExtractYear, Floor

from .choices import DocumentType
from .languages import language_name
from .models import Document, DocumentTag
from .taxonomy import TaxonomyTree, count_per_theme

FACET_SIZE = 12  # values shown for open-ended facets (sources, tags)
# In the order the page shows them; "year" is the decade facet (it sets ``from`` and ``to``).
FACET_NAMES = ("principle", "issued", "about", "type", "language", "year", "tag", "source")

Link = Callable[..., str]  # the page's query string with some parameters changed: link(tag="x")


@dataclass
class FacetValue:
    label: str
    count: int
    query: str  # the query string that applies this value
    depth: int = 0


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


@dataclass
class FacetCounts:
    """Counts per value of each facet, as both pages count them."""

    principle: dict[int, int] = field(default_factory=dict)  # theme id -> documents (its members' too)
    issued: dict[int, int] = field(default_factory=dict)  # era id -> documents issued in it
    about: dict[int, int] = field(default_factory=dict)  # era id -> documents speaking about it
    type: dict[str, int] = field(default_factory=dict)
    language: dict[str, int] = field(default_factory=dict)  # lower-case code -> documents
    decade: dict[int, int] = field(default_factory=dict)  # first year -> documents
    tags: list[tuple[str, str, int]] = field(default_factory=list)  # (name, slug, n), in the order shown
    sources: list[tuple[str, int]] = field(default_factory=list)  # in the order shown


def is_shown(name: str, active: Iterable[str]) -> bool:
    """Whether the facet ``name`` is shown when the filters ``active`` are: not when its own
    filter is (the decade facet: ``from`` or ``to`` either)."""
    active = set(active)
    return name not in active and not (name == "year" and {"from", "to"} & active)


def tag_counts(documents: QuerySet, *, limit: int) -> list[tuple[str, str, int]]:
    """(name, slug, documents) of the ``limit`` tags most used by ``documents``, most used first."""
    return list(DocumentTag.objects.filter(content_object__in=documents.values("pk"))
                .values_list("tag__name", "tag__slug").annotate(n=Count("content_object_id"))
                .order_by("-n", "tag__name")[:limit])


def _languages(lists: Iterable[tuple[list | None, int]]) -> dict[str, int]:
    """{code: documents} from (list of languages, documents with that list) pairs: each document
    has one list, so the sums are exact."""
    counts: dict[str, int] = defaultdict(int)
    for languages, n in lists:
        for code in set(languages or []):
            if isinstance(code, str) and code:
                counts[code.lower()] += n
    return counts


def count_facets(documents: QuerySet, *, taxonomy: TaxonomyTree, active: Iterable[str]) -> FacetCounts:
    """The counts of the facets shown (see ``is_shown``) over ``documents``, one aggregate query
    each (principles: one per depth of the tree)."""
    shown = [name for name in FACET_NAMES if is_shown(name, active)]
    counts = FacetCounts()
    if "principle" in shown:
        rows = Document.themes.through.objects.filter(document__in=documents.values("pk"))
        counts.principle = {key[0]: n for key, n in count_per_theme(rows, count="document_id",
                                                                    taxonomy=taxonomy).items()}
    if "issued" in shown:
        counts.issued = dict(documents.filter(issued_in__isnull=False).values_list("issued_in")
                             .annotate(n=Count("pk")).order_by())
    if "about" in shown:
        counts.about = dict(Document.periods.through.objects.filter(document__in=documents.values("pk"))
                            .values_list("period_id").annotate(n=Count("document_id")).order_by())
    if "type" in shown:
        counts.type = dict(documents.values_list("doc_type").annotate(n=Count("pk")).order_by())
    if "language" in shown:
        # One row per distinct list of languages (a handful): portable (PostgreSQL and SQLite).
        counts.language = _languages(documents.values_list("languages").annotate(n=Count("pk")).order_by())
    if "year" in shown:
        decade = Floor(ExtractYear("issued_on") / Value(10)) * Value(10)
        rows = (documents.filter(issued_on__isnull=False).annotate(decade=decade)
                .values_list("decade").annotate(n=Count("pk")).order_by())
        decades: dict[int, int] = defaultdict(int)
        for start, n in rows:
            decades[int(start)] += n
        counts.decade = decades
    if "tag" in shown:
        counts.tags = tag_counts(documents, limit=FACET_SIZE)
    if "source" in shown:
        counts.sources = list(documents.exclude(source="").values_list("source").annotate(n=Count("pk"))
                              .order_by("-n", "source")[:FACET_SIZE])
    return counts


def counts_from_rows(rows: Iterable[tuple]) -> FacetCounts:
    """The counts of search's page query: rows of (facet, value, label, count), each value as
    text (ids, decades, a JSON list of languages), tags and sources already the top ``FACET_SIZE``."""
    counts = FacetCounts()
    by_facet: dict[str, dict[str, int]] = defaultdict(dict)
    for facet, value, label, n in rows:
        by_facet[facet][value] = n
        if facet == "tag":
            counts.tags.append((label, value, n))
        elif facet == "source":
            counts.sources.append((value, n))
    counts.principle = {int(value): n for value, n in by_facet["principle"].items()}
    counts.issued = {int(value): n for value, n in by_facet["issued"].items()}
    counts.about = {int(value): n for value, n in by_facet["about"].items()}
    counts.type = dict(by_facet["type"])
    counts.language = _languages((json.loads(value), n) for value, n in by_facet["language"].items())
    counts.decade = {int(value): n for value, n in by_facet["year"].items()}
    counts.tags.sort(key=lambda t: (-t[2], t[0]))
    counts.sources.sort(key=lambda t: (-t[1], t[0]))
    return counts


def build_facets(counts: FacetCounts, *, taxonomy: TaxonomyTree, link: Link, active: Iterable[str]) -> list[Facet]:
    """The facets shown, in page order, each with its values in order; empty facets are left out."""
    def periods(name: str, by_era: dict[int, int]) -> list[FacetValue]:
        return [FacetValue(f"{p.name} ({p.span})", by_era[p.pk], link(**{name: p.slug}))
                for p in taxonomy.periods if by_era.get(p.pk)]

    makers = {
        "principle": lambda: Facet("principle", "Principle", [
            FacetValue(t.name, counts.principle[t.pk], link(principle=t.slug), depth=t.depth)
            for t in taxonomy.themes if counts.principle.get(t.pk)]),
        "issued": lambda: Facet("issued", "Issued in", periods("issued", counts.issued)),
        "about": lambda: Facet("about", "Speaks about", periods("about", counts.about)),
        "type": lambda: Facet("type", "Type", [FacetValue(label, counts.type[value], link(type=value))
                                               for value, label in DocumentType.choices if counts.type.get(value)]),
        "language": lambda: Facet("language", "Language", [
            FacetValue(language_name(code), n, link(language=code))
            for code, n in sorted(counts.language.items(), key=lambda item: (-item[1], language_name(item[0])))]),
        "year": lambda: Facet("year", "Decade", [
            FacetValue(f"{start}s", counts.decade[start], link(**{"from": str(start), "to": str(start + 9)}))
            for start in sorted(counts.decade)]),
        "tag": lambda: Facet("tag", "Tag", [FacetValue(name, n, link(tag=slug)) for name, slug, n in counts.tags]),
        "source": lambda: Facet("source", "Source", [FacetValue(source, n, link(source=source))
                                                     for source, n in counts.sources]),
    }
    active = set(active)
    facets = [makers[name]() for name in FACET_NAMES if is_shown(name, active)]
    return [facet for facet in facets if facet.values]


def facets_from_rows(rows: Iterable[tuple], *, taxonomy: TaxonomyTree, link: Link,
                     active: Iterable[str]) -> list[Facet]:
    """Search's facets, from the counts its page query made (``facets_sql``): the same facets as
    the document list's, counted in one query instead of nine (tests/search/test_search.py checks
    that both agree)."""
    return build_facets(counts_from_rows(rows), taxonomy=taxonomy, link=link, active=active)
