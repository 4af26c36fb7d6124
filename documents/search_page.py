"""The search page: what ``documents.search`` found, with the links and facets a reader follows.

``documents.search`` returns data (passages, counts, facet rows); this module makes the page of
them: the document list's filters narrow the search (``documents.filters``), the facet counts
become facets with links (``documents.facets``), each document's group links to the search within
it, and a search that found nothing suggests principles and eras by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from . import search
from .facets import FACET_SIZE, Facet, facets_from_rows
from .filters import DocumentFilter
from .models import Document, DocumentQuerySet, Theme
from .search import Query, Results
from .taxonomy import TaxonomyTree


class PageNotFound(Exception):
    """The page number asked for is not a number or is past the last page."""


@dataclass
class Suggestion:
    label: str
    url: str
    kind: str  # "principle" or "era"


@dataclass
class SearchPage:
    """Everything the search page shows."""

    query: Query
    results: Results
    filters: DocumentFilter  # the list filters of the page (era, principle, type, year...)
    facets: list[Facet]  # counted over the documents with a matching passage
    within: Document | None  # the one document searched (``in=<slug>``), if any
    suggestions: list[Suggestion]

    @property
    def everywhere_url(self) -> str:
        """This search in every document (when ``within`` one)."""
        return self.filters.query(**{"in": None})


def search_page(params: QueryDict, *, taxonomy: TaxonomyTree | None = None) -> SearchPage:
    """The search page for GET ``params``: ``q``, ``page``, ``in`` (a document's slug) and the
    document list's filters (documents.filters), which narrow the search and get facet counts.

    Raises ``PageNotFound`` for a page number that is malformed or past the last page.
    """
    query = search.parse_query(params.get("q", ""))
    filters = DocumentFilter(params, taxonomy=taxonomy, keep=("q", "in"))
    raw_page = params.get("page") or "1"
    if not (raw_page.isascii() and raw_page.isdigit() and 0 < len(raw_page) < 6 and int(raw_page) > 0):
        raise PageNotFound(raw_page)
    within = None
    slug = params.get("in", "")
    if slug and query.searchable and len(slug) <= 200 and "\x00" not in slug:
        within = filters.queryset.defer(*DocumentQuerySet.HEAVY_FIELDS).filter(slug=slug).first()
    results = search.search(query, documents=filters.queryset if filters.narrows else None, page=int(raw_page),
                            within=within, facets=filters.taxonomy, facet_size=FACET_SIZE)
    if results.total and int(raw_page) > results.num_pages:
        raise PageNotFound(raw_page)
    facets = facets_from_rows(results.facet_rows, taxonomy=filters.taxonomy, link=filters.query,
                              active=filters.values)
    for group in results.groups:
        group.more_url = filters.query(**{"in": group.document.slug})
    found_nothing = query.searchable and not results.total
    return SearchPage(query=query, results=results, filters=filters, facets=facets, within=within,
                      suggestions=suggestions(query) if found_nothing else [])


def suggestions(query: Query, *, limit: int = 5) -> list[Suggestion]:
    """Principles and eras whose names look like the query, for a search that found nothing."""
    return [Suggestion(label=str(obj), url=obj.get_absolute_url(),
                       kind="principle" if isinstance(obj, Theme) else "era")
            for obj in search.similar_names(query, limit=limit)]
