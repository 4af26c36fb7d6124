"""Full-text search over passages: one interface, a backend per database. It returns data.

Readers type a query; ``parse_query`` (``query``) turns it into a ``Query``, never an exception,
and ``search`` returns one page of passages (``results.Results``), ranked, grouped by document,
each with a highlighted excerpt (``excerpts``), and, when asked, the facet counts of the documents
found as plain rows. Editors search the same way in the admin through ``document_ids_matching``.
Nothing here builds a link or a page: the search page (``documents.search_page``) does, with the
facets of ``documents.facets``.

How it runs
- PostgreSQL (``backends.postgresql``): a weighted tsvector with a GIN index, ``ts_rank`` and
  ``ts_headline``; unspaced scripts with ``LIKE`` through a pg_trgm index.
- SQLite (``backends.sqlite``): an FTS5 table, ``bm25`` and ``snippet``; the differences are
  listed in ``backends.sqlite.SQLITE_GAPS``, and ``ensure_sqlite_index`` repairs the index.
- Either way one statement per page (``backends.base.PAGE_SQL``): at most ``RESULT_CAP`` + 1
  matches are ranked and counted, and facets count the ``FACET_CAP`` documents with the best
  passages, so a word found in most passages costs no more than one found in ten thousand; past
  the caps the page says so ("more than 10,000 passages"; counts among the 1,000 best documents).
  The limits are read at each call, and each ``Results`` keeps those it was made with.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from ..models import Document, DocumentQuerySet, Period, Section, Theme
from .backends import backend
from .backends.sqlite_index import ensure_sqlite_index
from .excerpts import excerpt
from .query import MAX_QUERY_LENGTH, Query, Term, parse_query
from .results import DocumentHits, Hit, Limits, Results

if TYPE_CHECKING:
    from ..taxonomy import TaxonomyTree

__all__ = [
    "FACET_CAP", "MAX_QUERY_LENGTH", "PAGE_SIZE", "PER_DOCUMENT", "RESULT_CAP", "DocumentHits", "Hit", "Query",
    "Results", "Term", "document_ids_matching", "ensure_sqlite_index", "parse_query", "search", "similar_names",
]

PAGE_SIZE = 20  # passages on a page
RESULT_CAP = 10_000  # passages counted and ranked at most
FACET_CAP = 1_000  # documents facet counts are made over at most: those with the best passages
PER_DOCUMENT = 3  # passages shown per document in the result list; the rest behind a link


def limits() -> Limits:
    """The limits a search made now runs with (the constants above, read at the call)."""
    return Limits(page_size=PAGE_SIZE, result_cap=RESULT_CAP, facet_cap=FACET_CAP, per_document=PER_DOCUMENT)


def search(query: Query | str, *, documents: QuerySet[Document] | None = None, page: int = 1,
           within: Document | None = None, facets: TaxonomyTree | None = None,
           facet_size: int | None = None) -> Results:
    """One page of passages matching ``query`` among ``documents`` (default: what readers see).

    ``within`` restricts the search to one document and shows all its matching passages. With
    ``facets`` (the taxonomy), the facet counts of the documents found come along (``facet_rows``),
    the open-ended facets (tags, sources) cut to their ``facet_size`` largest values.
    Runs two queries (matches with their counts, then the page's passages and documents).
    """
    if facets is not None and not facet_size:
        raise ValueError("Facet counts need a facet_size: the values kept of the open-ended facets.")
    query = parse_query(query) if isinstance(query, str) else query
    bounds = limits()
    if not query.searchable:
        return Results(query=query, limits=bounds)
    page = max(1, min(int(page), math.ceil(bounds.result_cap / bounds.page_size) + 1))
    rows, totals = backend().page(query, documents=documents, offset=(page - 1) * bounds.page_size,
                                  within=within.pk if within is not None else None, taxonomy=facets,
                                  facet_size=facet_size or 0, limits=bounds)
    sections = Section.objects.select_related("document").defer(
        "search_vector", "text", *(f"document__{name}" for name in DocumentQuerySet.HEAVY_FIELDS),
    ).in_bulk([row.id for row in rows])
    hits = [
        Hit(section=sections[row.id], excerpt=excerpt(row, query), rank=row.rank, in_document=row.in_document)
        for row in rows
        if row.id in sections
    ]
    return Results(query=query, limits=bounds, hits=hits, page=page, total=totals.passages,
                   documents_total=totals.documents, rows=totals.rows, facet_rows=totals.facet_rows)


def document_ids_matching(query: Query | str, *, documents: QuerySet[Document] | None = None,
                          limit: int = RESULT_CAP) -> list[int]:
    """Ids of documents with a passage matching ``query``, best first (drafts included by default).

    In ``DocumentAdmin.get_search_results``::

        ids = search.document_ids_matching(search_term, documents=queryset)
        return queryset.filter(pk__in=ids), False
    """
    query = parse_query(query) if isinstance(query, str) else query
    if not query.searchable:
        return []
    documents = Document.objects.all() if documents is None else documents
    return backend().ranked_document_ids(query, documents=documents, limit=limit, result_cap=RESULT_CAP)


def similar_names(query: Query, *, limit: int = 5) -> list[Theme | Period]:
    """Principles and eras whose names look like the query's wanted words, most alike first
    (for a search that found nothing: the page links them)."""
    words = " ".join(t.text for t in query.terms if not t.negated) or query.text
    if not words:
        return []
    return backend().similar_names(words, limit=limit)
