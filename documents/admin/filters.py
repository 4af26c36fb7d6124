"""The document list's sidebar filters. Each one is a single query, whatever the page size,
and filters with EXISTS so that no document is listed twice."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Exists, OuterRef
from taggit.models import Tag

from ..choices import Status
from ..models import Document, DocumentTag, Period, Theme


class PublicationFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("published", "Published (visible)"), ("scheduled", "Scheduled")]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.filter(status=Status.DRAFT)
        if self.value() == "published":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        return queryset


class EraFilter(admin.SimpleListFilter):
    title = "era (issued in or about)"
    parameter_name = "era"

    def lookups(self, request, model_admin):
        self.periods = {p.slug: p for p in Period.objects.only("name", "slug", "start_year", "end_year")}
        return [(p.slug, f"{p.name} ({p.span})") for p in self.periods.values()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        period = self.periods.get(self.value())
        return queryset.issued_in_or_about(period) if period else queryset.none()


class PrincipleFilter(admin.SimpleListFilter):
    title = "principle"
    parameter_name = "principle"

    def lookups(self, request, model_admin):
        themes = list(Theme.objects.only("name", "slug", "parent_id"))
        self.themes = themes
        by_parent: dict[int | None, list[Theme]] = {}
        for theme in themes:
            by_parent.setdefault(theme.parent_id, []).append(theme)
        choices = []

        def walk(parent_id, depth):
            for theme in by_parent.get(parent_id, []):
                choices.append((theme.slug, "— " * depth + theme.name))
                walk(theme.pk, depth + 1)

        walk(None, 0)
        return choices

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        chosen = {t.pk for t in self.themes if t.slug == self.value()}
        theme_ids = chosen | {t.pk for t in self.themes if t.parent_id in chosen}
        return queryset.stating(theme_ids) if theme_ids else queryset.none()


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        tags = Tag.objects.filter(Exists(DocumentTag.objects.filter(tag=OuterRef("pk")))).order_by("name")
        return [(t.slug, t.name) for t in tags.only("name", "slug")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        tagged = DocumentTag.objects.filter(content_object=OuterRef("pk"), tag__slug=self.value())
        return queryset.filter(Exists(tagged))


class LanguageFilter(admin.SimpleListFilter):
    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        codes = set()
        for languages in Document.objects.order_by().values_list("languages", flat=True).distinct():
            codes.update(c for c in languages or [] if isinstance(c, str))
        return [(code, code) for code in sorted(codes)]

    def queryset(self, request, queryset):
        return queryset.in_language(self.value()) if self.value() else queryset


class YearFilter(admin.SimpleListFilter):
    title = "year issued"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Document.objects.order_by().dates("issued_on", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years] + [("none", "No date")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(issued_on__isnull=True)
        if self.value() and self.value().isdigit():
            return queryset.filter(issued_on__year=int(self.value()))
        return queryset
