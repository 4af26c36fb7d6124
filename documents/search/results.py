"""What a search returns: plain data (passages, counts, the limits they were made with), no links
but the passages' own (``Section.get_absolute_url``), no facets but their counts."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.utils.safestring import SafeString

from ..models import Document, Section
from .query import Query


@dataclass(frozen=True)
class Limits:
    """The bounds one search was made with (the package's constants at the time of the call)."""

    page_size: int  # entries of the result list on a page
    result_cap: int  # passages counted and ranked at most
    facet_cap: int  # documents facet counts are made over at most: those with the best passages
    per_document: int  # passages shown per document in the result list; the rest behind a link


@dataclass
class Row:
    """One passage of a page as the backend read it, before its excerpt is made."""

    id: int
    document_id: int
    rank: float
    in_document: int
    headline: str = ""
    text: str = ""  # the window of the passage the excerpt is made from, not the whole passage
    start: int = 1  # where the window starts in the passage (1: at its start)
    more: bool = False  # the passage goes on after the window


@dataclass
class Totals:
    """The counts of a search, from the same statement as its page."""

    passages: int = 0
    documents: int = 0
    rows: int = 0
    facet_rows: list[tuple] = field(default_factory=list)


@dataclass
class Hit:
    section: Section
    excerpt: SafeString
    rank: float
    in_document: int  # passages of this document that match

    @property
    def document(self) -> Document:
        return self.section.document

    @property
    def url(self) -> str:
        """The passage's own address (the model's), not one the search builds."""
        return self.section.get_absolute_url()


@dataclass
class DocumentHits:
    document: Document
    hits: list[Hit]
    in_document: int
    more_url: str = ""  # the search within this document alone: left empty here, set by the view layer

    @property
    def more(self) -> int:
        return max(self.in_document - len(self.hits), 0)


@dataclass
class Results:
    query: Query
    limits: Limits
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # matching passages, up to result_cap + 1
    documents_total: int = 0  # documents with a matching passage (among those counted)
    rows: int = 0  # entries of the result list (passages shown, at most per_document a document)
    page: int = 1
    facet_rows: list[tuple] = field(default_factory=list)  # (facet, value, label, count), see facets_sql

    @property
    def capped(self) -> bool:
        return self.total > self.limits.result_cap

    @property
    def facets_capped(self) -> bool:
        """Facet counts cover the facet_cap documents with the best passages, not all found."""
        return self.documents_total > self.limits.facet_cap

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.rows / self.limits.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def page_obj(self) -> Page:
        """A Django page for the pagination template (counts only: no query)."""
        return Paginator(range(self.rows), self.limits.page_size).get_page(self.page)

    @functools.cached_property
    def groups(self) -> list[DocumentHits]:
        """The page's hits grouped by document, in rank order of each document's best passage."""
        grouped: dict[int, DocumentHits] = {}
        for hit in self.hits:
            group = grouped.setdefault(hit.document.pk, DocumentHits(hit.document, [], hit.in_document))
            group.hits.append(hit)
        return list(grouped.values())
