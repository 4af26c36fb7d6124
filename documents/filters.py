"""Reader filters: GET parameters -> a filtered queryset of published documents, the active
filters (each removable on its own) and a count beside each filter value.

The document list uses it, and so can any page that lists documents (the search page):

    filters = DocumentFilter(request.GET)              # or base=<published documents matching a query>
    filters.queryset                                   # filtered, unordered
    filters.ordered()                                  # with the reader's sort applied
    filters.count()                                    # how many
    filters.active                                     # [ActiveFilter(label, value, remove_query)]
    filters.facets()                                   # [Facet(name, label, values=[FacetValue(...)])]
    filters.errors                                     # parameters ignored, with the reason

Parameters (one value each; when a parameter is repeated the last value wins, as with
``QueryDict.get``): ``era`` (issued in the era or speaking about it), ``issued`` (issued in),
``about`` (speaks about), ``principle`` (a parent includes its children), ``tag``, ``type``,
``source``, ``language``, ``year``, ``from``, ``to`` (years), ``sort`` (``date``, ``oldest``,
``title``). A value that is malformed or unknown is ignored and reported in ``errors``; it never
raises. Links keep the filter parameters and those named in ``keep`` (``q``: the search
query), and drop everything else, ``page`` included.

Counts come from one aggregate query per facet over the filtered documents, never one per
value. A facet whose filter is active shows its value among the active filters instead.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.conf.locale import LANG_INFO
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Max, QuerySet, Subquery, Value, When
from django.db.models.functions import ExtractYear, Floor
from django.http import QueryDict
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from .models import Document, DocumentType, Period, Section, Theme

MAX_VALUE_LENGTH = 300  # longer values are refused before they reach the database
SORTS = {
    "date": ("Newest first", [F("issued_on").desc(nulls_last=True), "title", "pk"]),
    "oldest": ("Oldest first", [F("issued_on").asc(nulls_last=True), "title", "pk"]),
    "title": ("Title", ["title", "pk"]),
}
DEFAULT_SORT = "date"
FACET_SIZE = 12  # values shown for open-ended facets (sources, tags)
YEAR_MIN, YEAR_MAX = 1, 9999
LANGUAGE_NAMES = {"zh": "Chinese", "zh-hans": "Chinese (Simplified)", "zh-hant": "Chinese (Traditional)"}


def language_name(code: str) -> str:
    code = (code or "").lower()
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    info = LANG_INFO.get(code)
    return info["name"] if info and "name" in info else code


class Taxonomy:
    """The eras and the principle tree, read once per request (two queries).

    Themes come out in tree order (each parent followed by its children), each with
    ``depth`` and ``child_list`` set and ``parent`` cached, so templates never query.
    """

    def __init__(self, periods: list[Period], themes: list[Theme]):
        self.periods = periods
        self.period_by_slug = {p.slug: p for p in periods}
        self.period_by_id = {p.pk: p for p in periods}
        by_id = {t.pk: t for t in themes}
        for theme in themes:
            theme.child_list = []
        roots = []
        for theme in themes:  # already in Meta ordering
            parent = by_id.get(theme.parent_id)
            if parent is None or self._has_cycle(theme, by_id):
                roots.append(theme)
            else:
                theme.parent = parent
                parent.child_list.append(theme)
        self.themes: list[Theme] = []
        seen: set[int] = set()

        def walk(theme: Theme, depth: int) -> None:
            if theme.pk in seen:
                return
            seen.add(theme.pk)
            theme.depth = depth
            self.themes.append(theme)
            for child in theme.child_list:
                walk(child, depth + 1)

        for root in roots:
            walk(root, 0)
        self.theme_by_slug = {t.slug: t for t in self.themes}
        self.theme_by_id = {t.pk: t for t in self.themes}

    @staticmethod
    def _has_cycle(theme: Theme, by_id: dict[int, Theme]) -> bool:
        seen, current = set(), theme
        while current is not None and current.parent_id is not None:
            if current.pk in seen:
                return True
            seen.add(current.pk)
            current = by_id.get(current.parent_id)
        return False

    @classmethod
    def load(cls) -> Taxonomy:
        return cls(list(Period.objects.all()), list(Theme.objects.all()))

    def ancestors(self, theme: Theme) -> list[Theme]:
        """From the root down to the theme's parent."""
        chain, current, seen = [], self.theme_by_id.get(theme.parent_id), set()
        while current is not None and current.pk not in seen and current.pk != theme.pk:
            seen.add(current.pk)
            chain.append(current)
            current = self.theme_by_id.get(current.parent_id) if current.parent_id else None
        return list(reversed(chain))

    def with_descendants(self, theme: Theme) -> list[int]:
        """The theme's id and those of all principles under it."""
        ids, stack = [], [theme]
        while stack:
            current = stack.pop()
            if current.pk in ids:
                continue
            ids.append(current.pk)
            stack.extend(getattr(current, "child_list", []))
        return ids

    def neighbours(self, period: Period) -> tuple[Period | None, Period | None]:
        index = next(i for i, p in enumerate(self.periods) if p.pk == period.pk)
        previous = self.periods[index - 1] if index > 0 else None
        following = self.periods[index + 1] if index + 1 < len(self.periods) else None
        return previous, following


def count_per_theme(rows: QuerySet, *, count: str, group: tuple[str, ...] = (),
                    taxonomy: Taxonomy) -> dict[tuple, int]:
    """Distinct ``count`` per principle, a parent counting its members' rows too.

    ``rows`` is a queryset of a through table with a ``theme_id`` column. The result maps
    ``(theme_id, *group values)`` to a count. Aggregate queries only, never one per principle:
    one for the principles without members (a plain GROUP BY: a row is one link, so no DISTINCT
    is needed), and one per depth of the principles that have members (the Five Principles: one),
    over the rows of their own subtrees only.
    """
    result: dict[tuple, int] = {}
    leaves = [t.pk for t in taxonomy.themes if not t.child_list]
    if leaves:
        qs = rows.filter(theme_id__in=leaves).values(row=F("theme_id"))
        for item in qs.values("row", *group).annotate(n=Count(count)).order_by():
            result[(item["row"], *(item[g] for g in group))] = item["n"]
    parents = [t for t in taxonomy.themes if t.child_list]
    for depth in sorted({t.depth for t in parents}):
        # Each member maps to its one ancestor at this depth, so one CASE covers every parent here.
        members = {t.pk: taxonomy.with_descendants(t) for t in parents if t.depth == depth}
        qs = rows.filter(theme_id__in=[i for ids in members.values() for i in ids]).values(row=Case(
            *[When(theme_id__in=ids, then=Value(parent)) for parent, ids in members.items()],
            output_field=IntegerField(),
        ))
        for item in qs.values("row", *group).annotate(n=Count(count, distinct=True)).order_by():
            result[(item["row"], *(item[g] for g in group))] = item["n"]
    return result


COUNTS_TIMEOUT = 300  # seconds: the bound on what the version key below cannot see


class ArchiveCounts:
    """Archive-wide aggregates (the matrix, passages per era, facet counts, related documents),
    computed at most once per version of what readers see and kept in the cache.

    Counting every passage of the archive costs hundreds of milliseconds at 10,000 documents
    (400,000 passages), and grows with the archive; reading it back costs nothing. The key holds
    the archive's version (``version``: the number of published documents and their latest
    change, one query) and the taxonomy (tree, names, slugs), so publishing, unpublishing, an
    import, an edit saved on its document or a renamed principle shows at once. ``COUNTS_TIMEOUT`` bounds anything else
    (a passage's principles changed without touching its document).
    """

    def __init__(self, taxonomy: Taxonomy | None):
        self.taxonomy = taxonomy  # None for aggregates that do not depend on it (related documents)

    @cached_property
    def version(self) -> str:
        row = Document.objects.published().aggregate(n=Count("*"), changed=Max("updated_at"))
        changed = row["changed"].isoformat() if row["changed"] else "-"
        # The taxonomy as cached values show it: its tree, and the names and slugs in facets and links.
        shape = ([(t.pk, t.parent_id, t.slug, t.name) for t in self.taxonomy.themes],
                 [(p.pk, p.slug, p.name, p.span) for p in self.taxonomy.periods]) if self.taxonomy is not None else None
        return hashlib.sha1(f"{row['n']}|{changed}|{shape}".encode()).hexdigest()

    def get(self, name: str, compute, *args):
        key = f"policyarchive:counts:{name}:{self.version}:{':'.join(map(str, args))}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, COUNTS_TIMEOUT)
        return value

    def matrix(self, by: str) -> dict[tuple, int]:
        """{(theme id, era id): passages}; ``by`` the era "issued" in (None: undated) or spoken "about"."""
        def compute():
            rows = Section.themes.through.objects.filter(section__visible_from__lte=timezone.now())
            group = "section__document__issued_in" if by == "issued" else "section__periods"
            return count_per_theme(rows, count="section_id", group=(group,), taxonomy=self.taxonomy)
        return self.get("matrix", compute, by)

    def passages_about(self, period: Period) -> int:
        """How many published passages speak about the era."""
        return self.get("about", lambda: published_passages().filter(periods=period).count(), period.pk)

    def passages_per_era(self, passages: QuerySet, *key) -> dict[int | None, int]:
        """{era id (None: no era): passages} by the era their document was issued in, for a
        selection of published passages named by ``key`` (a principle's, for its page)."""
        return self.get("per-era", lambda: dict(
            passages.values_list("document__issued_in").annotate(n=Count("pk")).order_by()), *key)

    def documents_per_theme(self) -> dict[tuple, int]:
        """{(theme id,): published documents stating it or one of its members}."""
        return self.get("themes", lambda: count_per_theme(
            Document.themes.through.objects.filter(document__in=Document.objects.published()),
            count="document_id", taxonomy=self.taxonomy))


def document_tag_links() -> QuerySet:
    """taggit's links of documents to tags. The content type is a scalar subquery, not a join:
    PostgreSQL then estimates the rows right and hashes instead of probing once per link."""
    document_type = ContentType.objects.filter(app_label=Document._meta.app_label,
                                               model=Document._meta.model_name).values("pk")[:1]
    return TaggedItem.objects.filter(content_type=Subquery(document_type))


def published_passages() -> QuerySet:
    """Passages of published documents: the passage-level counterpart of ``published()``, read on
    the passages themselves (``Section.visible_from``, kept by the triggers of migration 0006)."""
    return Section.objects.filter(visible_from__lte=timezone.now())


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
class ActiveFilter:
    name: str
    label: str
    value: str
    remove_query: str  # the query string without this filter


class DocumentFilter:
    """See the module docstring."""

    PARAMS = ("era", "issued", "about", "principle", "tag", "type", "source", "language",
              "year", "from", "to", "sort")
    LABELS = {
        "era": "Era", "issued": "Issued in", "about": "Speaks about", "principle": "Principle",
        "tag": "Tag", "type": "Type", "source": "Source", "language": "Language", "year": "Year",
        "from": "From", "to": "To", "sort": "Sort",
    }

    def __init__(self, params: QueryDict, *, base: QuerySet | None = None, taxonomy: Taxonomy | None = None,
                 keep: tuple[str, ...] = ("q",), counts: ArchiveCounts | None = None):
        # With ``counts`` (and no ``base`` of its own), facets are cached per version of the archive.
        self.counts = counts if base is None else None
        # Links and forms carry the filters and the ``keep`` parameters (the search query), nothing else.
        self.params = QueryDict(mutable=True)
        for name in (*self.PARAMS, *keep):
            value = params.get(name)
            if value is not None and len(value) <= MAX_VALUE_LENGTH:
                self.params[name] = value
        self.taxonomy = taxonomy or Taxonomy.load()
        self.base = base if base is not None else Document.objects.published()
        self.values: dict[str, object] = {}
        self.errors: list[tuple[str, str]] = []
        for name in self.PARAMS:
            raw = params.get(name)
            if raw is None or raw.strip() == "":
                continue
            raw = raw.strip()
            if len(raw) > MAX_VALUE_LENGTH or "\x00" in raw:
                self.params.pop(name, None)
                self.errors.append((name, "value too long or malformed"))
                continue
            try:
                self.values[name] = self._cleaners[name](raw)
            except ValueError as exc:
                self.errors.append((name, str(exc)))
        start, end = self.values.get("from"), self.values.get("to")
        if start is not None and end is not None and start > end:
            self.values["from"], self.values["to"] = end, start

    # Cleaning: each returns the value to filter on, or raises ValueError with the reason.

    @property
    def _cleaners(self):
        return {
            "era": self._period, "issued": self._period, "about": self._period,
            "principle": self._principle, "tag": self._tag, "type": self._type, "source": self._source,
            "language": self._language, "year": self._year, "from": self._year, "to": self._year,
            "sort": self._sort,
        }

    def _period(self, raw: str) -> Period:
        try:
            return self.taxonomy.period_by_slug[raw]
        except KeyError:
            raise ValueError(f"no era “{raw}”") from None

    def _principle(self, raw: str) -> Theme:
        try:
            return self.taxonomy.theme_by_slug[raw]
        except KeyError:
            raise ValueError(f"no principle “{raw}”") from None

    def _tag(self, raw: str) -> Tag:
        tag = Tag.objects.filter(slug=raw[:100]).first()
        if tag is None:
            raise ValueError(f"no tag “{raw}”")
        return tag

    def _type(self, raw: str) -> str:
        if raw not in DocumentType.values:
            raise ValueError(f"no document type “{raw}”")
        return raw

    def _source(self, raw: str) -> str:
        return raw

    def _language(self, raw: str) -> str:
        code = raw.lower()
        if not (2 <= len(code) <= 16 and code.replace("-", "").isascii() and code.replace("-", "").isalnum()):
            raise ValueError(f"“{raw}” is not a language code")
        return code

    def _year(self, raw: str) -> int:
        if not (raw.isascii() and raw.isdigit()) or not YEAR_MIN <= int(raw) <= YEAR_MAX:
            raise ValueError(f"“{raw}” is not a year")
        return int(raw)

    def _sort(self, raw: str) -> str:
        if raw not in SORTS:
            raise ValueError(f"cannot sort by “{raw}”")
        return raw

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
        return self.queryset.order_by(*SORTS[self.sort][1])

    # Links

    def query(self, **changes) -> str:
        """This page's query string with ``changes`` applied (``None`` removes); page is dropped."""
        refused = {name for name, _ in self.errors}  # do not carry a refused value along
        pairs = [(name, value) for name, value in self._pairs if name not in changes and name not in refused]
        pairs += [(name, value) for name, value in changes.items() if value is not None and name not in refused]
        return f"?{urlencode(pairs)}" if pairs else "?"

    @cached_property
    def _pairs(self) -> list[tuple[str, str]]:
        # A facet list makes dozens of links: copying the QueryDict for each cost a millisecond.
        return list(self.params.items())

    def hidden_params(self, *, exclude: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """The page's parameters as (name, value) pairs for hidden inputs of a form that changes
        the ``exclude``d ones; refused values are left out."""
        refused = {name for name, _ in self.errors}
        return [(name, self.params.get(name)) for name in self.params
                if name not in exclude and name not in refused]

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
            shown.append(ActiveFilter(name=name, label=self.LABELS[name], value=text,
                                      remove_query=self.query(**{name: None})))
        return shown

    @property
    def is_filtered(self) -> bool:
        return any(name != "sort" for name in self.values)

    # Facets: one aggregate query each, over the filtered documents.

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
        makers = [
            ("principle", self._principle_facet), ("issued", self._issued_facet),
            ("about", self._about_facet), ("type", self._type_facet), ("language", self._language_facet),
            ("year", self._decade_facet), ("tag", self._tag_facet), ("source", self._source_facet),
        ]
        facets = []
        for name, make in makers:
            if name in self.values or (name == "year" and ({"from", "to"} & set(self.values))):
                continue
            facet = make()
            if facet.values:
                facets.append(facet)
        return facets

    def _principle_facet(self) -> Facet:
        rows = Document.themes.through.objects.filter(document__in=self.queryset.values("pk"))
        counts = count_per_theme(rows, count="document_id", taxonomy=self.taxonomy)
        return Facet("principle", "Principle", [
            FacetValue(t.name, counts[(t.pk,)], self.query(principle=t.slug), depth=t.depth)
            for t in self.taxonomy.themes if counts.get((t.pk,))
        ])

    def _issued_facet(self) -> Facet:
        counts = dict(self.queryset.filter(issued_in__isnull=False).values_list("issued_in")
                      .annotate(n=Count("pk")).order_by())
        return Facet("issued", "Issued in", [
            FacetValue(f"{p.name} ({p.span})", counts[p.pk], self.query(issued=p.slug))
            for p in self.taxonomy.periods if counts.get(p.pk)
        ])

    def _about_facet(self) -> Facet:
        counts = dict(Document.periods.through.objects.filter(document__in=self.queryset.values("pk"))
                      .values_list("period_id").annotate(n=Count("document_id")).order_by())
        return Facet("about", "Speaks about", [
            FacetValue(f"{p.name} ({p.span})", counts[p.pk], self.query(about=p.slug))
            for p in self.taxonomy.periods if counts.get(p.pk)
        ])

    def _type_facet(self) -> Facet:
        counts = dict(self.queryset.values_list("doc_type").annotate(n=Count("pk")).order_by())
        return Facet("type", "Type", [
            FacetValue(label, counts[value], self.query(type=value))
            for value, label in DocumentType.choices if counts.get(value)
        ])

    def _language_facet(self) -> Facet:
        # One row per distinct list of languages (a handful), summed per language here:
        # portable (PostgreSQL and SQLite) and exact, as each document has one list.
        counts: dict[str, int] = defaultdict(int)
        for languages, n in self.queryset.values_list("languages").annotate(n=Count("pk")).order_by():
            for code in set(languages or []):
                if isinstance(code, str) and code:
                    counts[code.lower()] += n
        ordered = sorted(counts.items(), key=lambda item: (-item[1], language_name(item[0])))
        return Facet("language", "Language", [
            FacetValue(language_name(code), n, self.query(language=code)) for code, n in ordered
        ])

    def _decade_facet(self) -> Facet:
        decade = Floor(ExtractYear("issued_on") / Value(10)) * Value(10)
        rows = (self.queryset.filter(issued_on__isnull=False).annotate(decade=decade)
                .values_list("decade").annotate(n=Count("pk")).order_by())
        counts: dict[int, int] = defaultdict(int)
        for start, n in rows:
            counts[int(start)] += n
        return Facet("year", "Decade", [
            FacetValue(f"{start}s", counts[start], self.query(**{"from": str(start), "to": str(start + 9)}))
            for start in sorted(counts)
        ])

    def _tag_facet(self) -> Facet:
        rows = (document_tag_links().filter(object_id__in=self.queryset.values("pk"))
                .values_list("tag__name", "tag__slug").annotate(n=Count("object_id"))
                .order_by("-n", "tag__name")[:FACET_SIZE])
        return Facet("tag", "Tag", [FacetValue(name, n, self.query(tag=slug)) for name, slug, n in rows])

    def _source_facet(self) -> Facet:
        rows = (self.queryset.exclude(source="").values_list("source").annotate(n=Count("pk"))
                .order_by("-n", "source")[:FACET_SIZE])
        return Facet("source", "Source", [FacetValue(source, n, self.query(source=source)) for source, n in rows])


def shade(count: int, highest: int, *, steps: int = 5) -> int:
    """A shade from 0 (none) to ``steps`` for a count, on a logarithmic scale up to ``highest``."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, min(steps, math.ceil(steps * math.log1p(count) / math.log1p(highest))))
