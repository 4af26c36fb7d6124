"""Reads: what readers may see, and the filters and prefetches the pages use.

``Document.objects.published()`` and ``Section.objects.published()`` are the one definition of
visibility; views, feeds, sitemaps, counts, caching and the admin's status filter call them.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from .choices import Status

if TYPE_CHECKING:
    from .models import Document, Period


class DocumentQuerySet(models.QuerySet):
    def published(self) -> DocumentQuerySet:
        """The one definition of what readers may see: published, and its publication time come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self) -> DocumentQuerySet:
        """Published, but its publication time still to come: hidden from readers until then."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def in_period(self, period: Period) -> DocumentQuerySet:
        return self.filter(Q(issued_in=period) | Q(periods=period)).distinct()

    # Stored for editors and re-imports, never shown in a reader's list or reader page (nor the
    # issued-in era's import rules, loaded with it).
    HEAVY_FIELDS = ("raw_text", "removed_text", "imported_values")
    HEAVY_ERA_FIELDS = ("issued_in__cues", "issued_in__imported_values")

    # Reader filters. Each uses EXISTS rather than a join, so that no row is repeated and the
    # result can still be counted and grouped (facet counts) without DISTINCT.

    def issued_in_or_about(self, period: Period) -> DocumentQuerySet:
        """Issued in the era, or speaking about it (``in_period`` without DISTINCT)."""
        return self.filter(Q(issued_in=period) | self._about(period.pk))

    def about_period(self, period: Period) -> DocumentQuerySet:
        """Documents that speak about the era."""
        return self.filter(self._about(period.pk))

    def stating(self, theme_ids) -> DocumentQuerySet:
        """Documents stating any of these principles (pass a parent with its children)."""
        through = self.model.themes.through
        return self.filter(Exists(through.objects.filter(document_id=OuterRef("pk"), theme_id__in=list(theme_ids))))

    def in_language(self, code: str) -> DocumentQuerySet:
        """Documents whose ``languages`` list holds ``code`` (PostgreSQL and SQLite)."""
        return self.filter(JSONListHas(F("languages"), models.Value(code)))

    def issued_between(self, first_year: int | None, last_year: int | None) -> DocumentQuerySet:
        """Issued from the start of ``first_year`` to the end of ``last_year`` (either may be open)."""
        qs = self
        if first_year is not None:
            qs = qs.filter(issued_on__gte=datetime.date(first_year, 1, 1))
        if last_year is not None:
            qs = qs.filter(issued_on__lte=datetime.date(last_year, 12, 31))
        return qs

    def pks_by_slug(self, slugs) -> dict[str, int]:
        """{slug: id} of the documents with these slugs (no query when there are none)."""
        slugs = set(slugs)
        return dict(self.filter(slug__in=slugs).values_list("slug", "pk")) if slugs else {}

    def in_time_order(self) -> DocumentQuerySet:
        """Oldest first; undated documents last."""
        return self.order_by(F("issued_on").asc(nulls_last=True), "title", "pk")

    def with_card_data(self) -> DocumentQuerySet:
        """What a document card in a list shows, in two queries for any number of cards."""
        return (self.select_related("issued_in").defer(*self.HEAVY_FIELDS, *self.HEAVY_ERA_FIELDS)
                .prefetch_related("tags"))

    def with_reader_prefetch(self) -> DocumentQuerySet:
        """Everything the reader page shows, in a fixed number of queries."""
        sections = self.model.sections.rel.related_model
        return self.select_related("issued_in").defer(*self.HEAVY_FIELDS, *self.HEAVY_ERA_FIELDS).prefetch_related(
            "tags",
            "themes",
            "periods",
            models.Prefetch(
                "sections",
                queryset=sections.objects.only("document_id", "position", "kind", "speaker", "text", "anchor", "evidence")
                .order_by("position")
                .prefetch_related("themes", "periods"),
            ),
        )

    def before(self, document: Document) -> DocumentQuerySet:
        """Dated documents issued before this one, nearest first."""
        if document.issued_on is None:
            return self.none()
        # A range (an index condition) minus the same-day documents that come after this one.
        return self.filter(issued_on__lte=document.issued_on).exclude(
            issued_on=document.issued_on, pk__gte=document.pk
        ).order_by("-issued_on", "-pk")

    def after(self, document: Document) -> DocumentQuerySet:
        """Dated documents issued after this one, nearest first."""
        if document.issued_on is None:
            return self.none()
        return self.filter(issued_on__gte=document.issued_on).exclude(
            issued_on=document.issued_on, pk__lte=document.pk
        ).order_by("issued_on", "pk")

    def related_to(self, document: Document, *, theme_ids, tag_ids, limit: int = 5) -> list[Document]:
        """Documents of this queryset sharing the most of ``theme_ids`` and ``tag_ids`` with
        ``document`` (a shared tag weighs double: tags are more specific), the latest added first among equals.

        One query: the links are counted per document in a single aggregate over the two link
        tables (UNION ALL), ranked, and only the first ``limit`` are joined to their documents,
        instead of one correlated count per candidate document. The fields are those a "related"
        list shows.
        """
        theme_ids, tag_ids = list(theme_ids), list(tag_ids)
        if not theme_ids and not tag_ids:
            return []
        links, params = [], []
        if theme_ids:
            links.append(f"SELECT document_id AS doc_id, 1 AS weight FROM {self.model.themes.through._meta.db_table} "
                         f"WHERE theme_id IN ({', '.join(['%s'] * len(theme_ids))})")
            params += theme_ids
        if tag_ids:
            tag_links = self.model.tags.through._meta.db_table
            links.append(f"SELECT content_object_id AS doc_id, 2 AS weight FROM {tag_links} "
                         f"WHERE tag_id IN ({', '.join(['%s'] * len(tag_ids))})")
            params += tag_ids
        candidates, candidate_params = self.order_by().values("pk").query.sql_with_params()
        sql = (
            "SELECT d.id, d.title, d.slug, d.issued_on, d.date_precision, d.doc_type, ranked.score "
            f"FROM (SELECT doc_id, SUM(weight) AS score FROM ({' UNION ALL '.join(links)}) AS links "
            f"WHERE doc_id <> %s AND doc_id IN ({candidates}) "
            "GROUP BY doc_id ORDER BY SUM(weight) DESC, doc_id DESC LIMIT %s) AS ranked "
            f"JOIN {self.model._meta.db_table} d ON d.id = ranked.doc_id "
            "ORDER BY ranked.score DESC, d.id DESC"
        )
        return list(self.model.objects.raw(sql, [*params, document.pk, *candidate_params, limit]))

    def _about(self, period_id: int) -> Exists:
        through = self.model.periods.through
        return Exists(through.objects.filter(document_id=OuterRef("pk"), period_id=period_id))


def issued_era(document: str) -> models.Case:
    """The era the document at ``document`` (a path: "document", "section__document") was issued
    in, as the reader pages count and group by it: None for an undated document (its era is only
    inferred from its words) and for a date outside every era."""
    return models.Case(models.When(**{f"{document}__issued_on__isnull": True}, then=models.Value(None)),
                       default=F(f"{document}__issued_in"), output_field=models.IntegerField())


class SectionQuerySet(models.QuerySet):
    def published(self) -> SectionQuerySet:
        """Passages readers may see: exactly the passages of ``Document.objects.published()``.

        Read on the passage's own row: ``visible_from`` is its document's publication time while
        the document is published, else NULL (kept by the triggers of migration 0006), so
        ``visible_from <= now`` means what ``DocumentQuerySet.published()`` means.
        """
        return self.filter(visible_from__lte=timezone.now())

    def stating(self, theme_ids) -> SectionQuerySet:
        """Passages stating any of these principles (pass a parent with its children)."""
        through = self.model.themes.through
        return self.filter(Exists(through.objects.filter(section_id=OuterRef("pk"), theme_id__in=list(theme_ids))))

    def pairing(self, theme_ids, period) -> SectionQuerySet:
        """Passages one of whose sentences states any of these principles in this era
        (``PassagePair``): not every principle of a passage times every era it mentions."""
        from .models import PassagePair

        return self.filter(Exists(PassagePair.objects.filter(
            section_id=OuterRef("pk"), theme_id__in=list(theme_ids), period=period)))

    def issued_in_era(self, period) -> SectionQuerySet:
        """Passages of documents dated in ``period`` (None: undated, or dated outside every era)."""
        if period is None:
            return self.filter(models.Q(document__issued_on__isnull=True) | models.Q(document__issued_in__isnull=True))
        return self.filter(document__issued_in=period, document__issued_on__isnull=False)

    def with_card_data(self) -> SectionQuerySet:
        """What a passage card shows: its document's title, date and type, its eras."""
        return self.select_related("document").only(
            "id", "position", "kind", "speaker", "text", "anchor", "document_id",
            "document__title", "document__slug", "document__issued_on", "document__date_precision",
            "document__doc_type", "document__issued_in_id",
        ).prefetch_related("periods")

    def in_time_order(self) -> SectionQuerySet:
        """Oldest document first, undated last, then reading order. This ordering walks the
        documents' date index and stops after one page, instead of sorting every match."""
        return self.order_by(F("document__issued_on").asc(nulls_last=True), "document_id", "position")


class TagRedirectQuerySet(models.QuerySet):
    def surviving_slug(self, slug: str) -> str | None:
        """The slug of the tag that a merged or renamed tag's ``slug`` now means, if any.

        For the reader's tag page: when no tag has ``slug``, redirect to this one.
        """
        return self.filter(old_slug=slug).values_list("tag__slug", flat=True).first()


class JSONListHas(models.Func):
    """True when a JSON list column holds the given string: ``["en", "zh"]`` has ``"zh"``.

    Django's ``contains`` lookup on a JSONField is not available on SQLite, hence this.
    """

    output_field = models.BooleanField()
    arity = 2

    def as_sql(self, compiler, connection, **extra_context):
        raise NotImplementedError(f"JSONListHas is not implemented for {connection.vendor}")

    def as_postgresql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        value, value_params = compiler.compile(self.source_expressions[1])
        return f"({column} @> jsonb_build_array(({value})::text))", (*params, *value_params)

    def as_sqlite(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        value, value_params = compiler.compile(self.source_expressions[1])
        return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value = {value})", (*params, *value_params)
