"""The document list's filtering: GET parameters -> a filtered queryset of published documents,
the active filters (each removable on its own), the facets and the links between them.

The document list uses it, and so does the search page:

    filters = DocumentFilter(request.GET)              # or base=<published documents matching a query>
    filters.queryset                                   # filtered, unordered
    filters.ordered()                                  # with the reader's sort applied
    filters.count()                                    # how many
    filters.active                                     # [ActiveFilter(label, value, remove_query)]
    filters.facets()                                   # [Facet(name, label, values=[FacetValue(...)])]
    filters.errors                                     # parameters ignored, with the reason

The parameters and how each is cleaned are those of ``documents.forms.ArchiveFilterForm``:
``era`` (issued in the era or speaking about it), ``issued``, ``about``, ``principle`` (a parent
includes its children), ``tag``, ``type``, ``source``, ``language``, ``year``, ``from``, ``to``,
``sort``. A value that is malformed or unknown is ignored and reported in ``errors``; it never
raises. Links keep the filter parameters and those named in ``keep`` (``q``: the search query),
and drop everything else, ``page`` included. Facets: ``documents.facets``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import F, QuerySet
from django.http import QueryDict

from .choices import DocumentType, Sort
from .counts import ArchiveCounts
from .facets import Facet, build_facets, count_facets
from .forms import MAX_VALUE_LENGTH, ArchiveFilterForm
from .languages import language_name
from .models import Document
from .taxonomy import TaxonomyTree

ORDERINGS = {
    Sort.DATE: [F("issued_on").desc(nulls_last=True), "title", "pk"],
    Sort.OLDEST: [F("issued_on").asc(nulls_last=True), "title", "pk"],
    Sort.TITLE: ["title", "pk"],
}
DEFAULT_SORT = Sort.DATE


@dataclass
class ActiveFilter:
    name: str
    label: str
    value: str
    remove_query: str  # the query string without this filter


class DocumentFilter:
    """See the module docstring."""

    PARAMS = ("era", "issued", "about", "principle", "tag", "type", "source", "language",
              "year", "from", "to", "sort")

    def __init__(self, params: QueryDict, *, base: QuerySet | None = None, taxonomy: TaxonomyTree | None = None,
                 keep: tuple[str, ...] = ("q",), counts: ArchiveCounts | None = None):
        # With ``counts`` (and no ``base`` of its own), facets are cached per version of the archive.
        self.counts = counts if base is None else None
        self.taxonomy = taxonomy or TaxonomyTree.load()
        self.base = base if base is not None else Document.objects.published()
        self.form = ArchiveFilterForm(params, taxonomy=self.taxonomy, only=self.PARAMS)
        self.values: dict[str, object] = self.form.values
        self.errors: list[tuple[str, str]] = self.form.problems
        # Links and forms carry the filters understood and the ``keep`` parameters (the search
        # query), nothing else.
        refused = {name for name, _ in self.errors}
        self.params = QueryDict(mutable=True)
        for name in (*self.PARAMS, *keep):
            value = params.get(name)
            if value is not None and len(value) <= MAX_VALUE_LENGTH and name not in refused:
                self.params[name] = value

    # Filtering

    def apply(self, qs: QuerySet) -> QuerySet:
        v = self.values
        if "era" in v:
            qs = qs.issued_in_or_about(v["era"])
        if "issued" in v:
            qs = qs.filter(issued_in=v["issued"])
        if "about" in v:
            qs = qs.about_period(v["about"])
        if "principle" in v:
            qs = qs.stating(self.taxonomy.with_descendants(v["principle"]))
        if "tag" in v:
            qs = qs.filter(tags=v["tag"])
        if "type" in v:
            qs = qs.filter(doc_type=v["type"])
        if "source" in v:
            qs = qs.filter(source=v["source"])
        if "language" in v:
            qs = qs.in_language(v["language"])
        if "year" in v:
            qs = qs.issued_between(v["year"], v["year"])
        if "from" in v or "to" in v:
            qs = qs.issued_between(v.get("from"), v.get("to"))
        return qs

    @cached_property
    def queryset(self) -> QuerySet:
        """The filtered documents, without ordering (count it, group it, order it)."""
        return self.apply(self.base).order_by()

    @property
    def narrows(self) -> bool:
        """True when a filter leaves out some of ``base`` (sorting alone does not)."""
        return any(name != "sort" for name in self.values)

    @property
    def sort(self) -> str:
        return self.values.get("sort", DEFAULT_SORT)

    def ordered(self) -> QuerySet:
        return self.queryset.order_by(*ORDERINGS[self.sort])

    # Links

    def query(self, **changes) -> str:
        """This page's query string with ``changes`` applied (``None`` removes); page is dropped."""
        refused = {name for name, _ in self.errors}  # do not carry a refused parameter along
        pairs = [(name, value) for name, value in self._pairs if name not in changes]
        pairs += [(name, value) for name, value in changes.items() if value is not None and name not in refused]
        return f"?{urlencode(pairs)}" if pairs else "?"

    @cached_property
    def _pairs(self) -> list[tuple[str, str]]:
        # A facet list makes dozens of links: copying the QueryDict for each cost a millisecond.
        return list(self.params.items())

    def hidden_params(self, *, exclude: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """The page's parameters as (name, value) pairs for hidden inputs of a form that changes
        the ``exclude``d ones; refused values are left out."""
        return [(name, value) for name, value in self._pairs if name not in exclude]

    @cached_property
    def active(self) -> list[ActiveFilter]:
        shown = []
        for name in self.PARAMS:
            if name not in self.values or name == "sort":
                continue
            value = self.values[name]
            if name == "type":
                text = DocumentType(value).label
            elif name == "language":
                text = language_name(value)
            else:
                text = str(getattr(value, "name", value))
            shown.append(ActiveFilter(name=name, label=str(self.form.fields[name].label), value=text,
                                      remove_query=self.query(**{name: None})))
        return shown

    @property
    def is_filtered(self) -> bool:
        return any(name != "sort" for name in self.values)

    # Counts: cached per version of the archive when the page passes ``counts``.

    @cached_property
    def _cache_key(self) -> str:
        return hashlib.sha1(self.params.urlencode().encode()).hexdigest()

    def count(self) -> int:
        """How many documents the filters leave (cached like the facets)."""
        if self.counts is not None:
            return self.counts.get("count", self.queryset.count, self._cache_key)
        return self.queryset.count()

    def facets(self) -> list[Facet]:
        if self.counts is not None:
            return self.counts.get("facets", self._facets, self._cache_key)
        return self._facets()

    def _facets(self) -> list[Facet]:
        counts = count_facets(self.queryset, taxonomy=self.taxonomy, active=self.values)
        return build_facets(counts, taxonomy=self.taxonomy, link=self.query, active=self.values)
