"""Principles (themes) and eras (periods): their hierarchy, match rules and how many passages
carry each. Changing the rules leads to a preview of what re-classification would change,
which the editor applies or leaves."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from ..editing.history import ensure_baseline_versions, record_versions
from ..editing.reclassifying import reclassify
from ..importing.pipeline import TaxonomyError
from ..models import Document, Period, Section, Theme
from .forms import PeriodAdminForm, ThemeAdminForm


def _count(queryset, column: str):
    """How many rows of ``queryset`` point at the outer row, as a subquery (no join, no GROUP BY)."""
    counted = queryset.filter(**{column: OuterRef("pk")}).order_by().values(column).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _shown(annotation: str, description: str):
    """A list column showing a count that ``get_queryset`` annotates, sortable by it."""
    @admin.display(description=description, ordering=annotation)
    def show(self, entry):
        return getattr(entry, annotation)

    return show


class ReclassifyPreviewMixin:
    """After the match rules change, show what re-classification would change; apply on request."""

    rules_field = "rules"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        request.rules_changed = self.rules_field in form.changed_data

    def _preview_redirect(self, request, obj):
        if getattr(request, "rules_changed", False) and "_popup" not in request.POST \
                and request.user.has_perm("documents.change_document"):
            self.message_user(request, "The rules changed. Below is what re-classifying the archive with them "
                                       "would change; nothing changes until you apply it.", messages.INFO)
            return HttpResponseRedirect(self._reclassify_url(obj))
        return None

    def response_add(self, request, obj, post_url_continue=None):
        return self._preview_redirect(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._preview_redirect(request, obj) or super().response_change(request, obj)

    def _reclassify_url(self, obj):
        info = self.opts.app_label, self.opts.model_name
        return reverse(f"{self.admin_site.name}:%s_%s_reclassify" % info, args=[obj.pk])

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("<path:object_id>/reclassify/", self.admin_site.admin_view(self.reclassify_view),
                 name="%s_%s_reclassify" % info),
        ] + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["reclassify_url"] = self._reclassify_url(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def reclassify_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not (self.has_view_or_change_permission(request, obj) and request.user.has_perm("documents.view_document")):
            raise PermissionDenied
        try:
            return self._reclassify_response(request, obj)
        except TaxonomyError as exc:  # a rule saved before rules ran in RE2, say
            self.message_user(request, f"{exc}. Correct it, then preview again.", messages.ERROR)
            info = self.opts.app_label, self.opts.model_name
            return HttpResponseRedirect(reverse(f"{self.admin_site.name}:%s_%s_change" % info, args=[obj.pk]))

    def _reclassify_response(self, request, obj):
        can_apply = request.user.has_perm("documents.change_document")
        if request.method == "POST":
            if not can_apply:
                raise PermissionDenied
            preview = reclassify(apply=False)
            ensure_baseline_versions(documents=Document.objects.filter(pk__in=preview.document_ids))
            result = reclassify(apply=True)
            record_versions(documents=Document.objects.filter(pk__in=result.document_ids),
                            user=request.user, comment=f"Re-classified after the rules of “{obj}” changed.")
            self.message_user(request, f"{result}.", messages.SUCCESS)
            info = self.opts.app_label, self.opts.model_name
            return HttpResponseRedirect(reverse(f"{self.admin_site.name}:%s_%s_change" % info, args=[obj.pk]))
        preview = reclassify(apply=False)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": f"Re-classification preview: {obj}",
            "subtitle": None,
            "preview": preview,
            "shown": preview.passages[:500],
            "can_apply": can_apply,
        }
        return TemplateResponse(request, "admin/documents/reclassify_preview.html", context)


@admin.register(Theme)
class ThemeAdmin(ReclassifyPreviewMixin, admin.ModelAdmin):
    form = ThemeAdminForm
    list_display = ["tree_name", "slug", "rule_count", "passage_count", "document_count"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["members", "passage_count", "document_count"]
    fields = ["name", "slug", "parent", "members", "description", "rules", "order", "passage_count", "document_count"]
    change_form_template = "admin/documents/reclassify_change_form.html"

    def get_queryset(self, request):
        return (
            super().get_queryset(request)
            .select_related("parent")
            .annotate(
                passage_count=_count(Section.themes.through.objects, "theme_id"),
                document_count=_count(Document.themes.through.objects, "theme_id"),
            )
        )

    def get_ordering(self, request):
        # Members listed under their parent: the parent's place, then the parent first, then members.
        return [Coalesce("parent__order", "order"), Coalesce("parent__name", "name"),
                F("parent_id").asc(nulls_first=True), "order", "name"]

    @admin.display(description="principle", ordering="name")
    def tree_name(self, theme):
        return f"— {theme.name}" if theme.parent_id else theme.name

    @admin.display(description="rules")
    def rule_count(self, theme):
        return len(theme.rules or [])

    passage_count = _shown("passage_count", "passages")
    document_count = _shown("document_count", "documents")

    @admin.display(description="members")
    def members(self, theme):
        return ", ".join(child.name for child in theme.children.all()) or "—"


@admin.register(Period)
class PeriodAdmin(ReclassifyPreviewMixin, admin.ModelAdmin):
    form = PeriodAdminForm
    rules_field = "cues"
    list_display = ["name", "span", "order", "cue_count", "issued_count", "passage_count"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["issued_count", "passage_count"]
    fields = ["name", "slug", ("start_year", "end_year"), "order", "summary", "cues", "issued_count", "passage_count"]
    change_form_template = "admin/documents/reclassify_change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            passage_count=_count(Section.periods.through.objects, "period_id"),
            issued_count=_count(Document.objects, "issued_in_id"),
        )

    @admin.display(description="cues")
    def cue_count(self, period):
        return len(period.cues or [])

    issued_count = _shown("issued_count", "documents issued in it")
    passage_count = _shown("passage_count", "passages about it")
