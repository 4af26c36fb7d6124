"""The search page: what ``documents.search`` found, with the links and facets a reader follows.

``documents.search`` returns data (passages, counts, facet rows); this module makes the page of
them: the document list's filters narrow the search (``documents.filters``), the facet counts
become facets with links (``documents.facets``), each document's group links to the search within
it, and a search that found nothing suggests principles and eras by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict

from . import search
from .facets import FACET_SIZE, Facet, facets_from_rows
from .filters import DocumentFilter
from .models import Document, DocumentQuerySet, Section, Theme
from .search import Query, Results
from .search.concepts import PRINCIPLE, Concept, count_passages, find_concepts
from .taxonomy import TaxonomyTree

CONCEPT_PASSAGES = 10  # passages shown per principle or era included; the rest on its own page


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
    concepts: list[Offer] = field(default_factory=list)  # principles and eras the query names

    @property
    def everywhere_url(self) -> str:
        """This search in every document (when ``within`` one)."""
        return self.filters.query(**{"in": None})


@dataclass
class Offer:
    """A principle or era the query names, offered with its passages in every language."""

    concept: Concept
    url: str  # the principle's or era's page
    include_url: str  # this search with the concept's passages included
    included: bool = False
    passages: list[Section] = field(default_factory=list)  # the first ones, when included

    @property
    def is_principle(self) -> bool:
        return self.concept.kind == PRINCIPLE

    @property
    def anchor(self) -> str:
        return f"concept-{self.concept.kind}-{self.concept.entry.slug}"


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
                      suggestions=suggestions(query) if found_nothing else [],
                      concepts=offers(query, params, filters=filters, found_nothing=found_nothing))


def offers(query: Query, params: QueryDict, *, filters: DocumentFilter, found_nothing: bool) -> list[Offer]:
    """The principles and eras the query names, each with a link that includes its passages
    (``concept=principle:<slug>``); included ones, and the first one when the text matched
    nothing, come with their first passages, in every language."""
    concepts = count_passages(find_concepts(query, taxonomy=filters.taxonomy))
    asked = set(params.getlist("concept")[:10])
    found = []
    for index, concept in enumerate(concepts):
        included = concept.key in asked or (found_nothing and index == 0)
        found.append(Offer(concept=concept, url=concept.entry.get_absolute_url(), included=included,
                           include_url=filters.query(concept=concept.key)))
    for offer in found:
        if offer.included:
            passages = Section.objects.published()
            passages = (passages.stating(offer.concept.ids) if offer.is_principle
                        else passages.filter(periods=offer.concept.entry))
            offer.passages = list(passages.with_card_data().prefetch_related("themes")
                                  .in_time_order()[:CONCEPT_PASSAGES])
    return found


def suggestions(query: Query, *, limit: int = 5) -> list[Suggestion]:
    """Principles and eras whose names look like the query, for a search that found nothing."""
    return [Suggestion(label=str(obj), url=obj.get_absolute_url(),
                       kind="principle" if isinstance(obj, Theme) else "era")
            for obj in search.similar_names(query, limit=limit)]
