"""Tags: usage counts, rename, and merging (case variants of one tag included). A merged or
renamed tag's old address redirects to the surviving tag (``TagRedirect.objects.surviving_slug``)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from django.urls import path, reverse
from django.utils.html import format_html_join
from taggit.models import Tag

from ..editing.history import ensure_baseline_versions, record_versions
from ..editing import tags as tagging
from ..models import Document, DocumentTag
from .forms import MergeTagsForm, TagAdminForm

SUGGESTIONS_PER_PAGE = 20

if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)  # django-taggit's own, replaced by this one


class CaseVariantFilter(admin.SimpleListFilter):
    title = "letter case"
    parameter_name = "variants"

    def lookups(self, request, model_admin):
        return [("yes", "Has case variants")]

    def queryset(self, request, queryset):
        return queryset.filter(has_variants=True) if self.value() == "yes" else queryset


def _documents_tagged(tags) -> list[int]:
    return list(DocumentTag.objects.filter(tag__in=tags).values_list("content_object_id", flat=True).distinct())


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagAdminForm
    list_display = ["name", "slug", "uses", "has_variants"]
    list_filter = [CaseVariantFilter]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]
    actions = ["merge_selected", "merge_case_variants"]
    readonly_fields = ["uses", "documents", "old_addresses"]
    fields = ["name", "slug", "uses", "documents", "old_addresses"]

    def get_queryset(self, request):
        variants = Tag.objects.filter(name__iexact=OuterRef("name")).exclude(pk=OuterRef("pk"))
        return tagging.document_tag_usage().annotate(has_variants=Exists(variants))

    def get_fields(self, request, obj=None):
        return ["name", "slug"] if obj is None else self.fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None:
            form.base_fields["slug"].help_text = (
                "The tag's address. If you change it, the old address will redirect here.")
        return form

    @admin.display(description="documents", ordering="uses")
    def uses(self, tag):
        return tag.uses

    @admin.display(description="case variants", boolean=True, ordering="has_variants")
    def has_variants(self, tag):
        return tag.has_variants

    @admin.display(description="tagged documents")
    def documents(self, tag):
        ids = _documents_tagged([tag])[:20]
        rows = Document.objects.filter(pk__in=ids).only("pk", "title")
        links = [(reverse(f"{self.admin_site.name}:documents_document_change", args=[d.pk]), d.title) for d in rows]
        return format_html_join(", ", '<a href="{}">{}</a>', links) if links else "—"

    @admin.display(description="old addresses that lead here")
    def old_addresses(self, tag):
        return ", ".join(r.old_slug for r in tag.redirects.all()) or "—"

    def save_model(self, request, obj, form, change):
        old_slug = Tag.objects.filter(pk=obj.pk).values_list("slug", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        tagging.record_slug_change(tag=obj, old_slug=old_slug)

    # ------------------------------------------------------------------ suggestions for the tag field

    def get_urls(self):
        return [
            path("names/", self.admin_site.admin_view(self.names_view), name="taggit_tag_names"),
        ] + super().get_urls()

    def names_view(self, request):
        """Tag names matching ``term``, most used first, for the document form's tag field."""
        if not (self.has_view_permission(request) or request.user.has_perm("documents.change_document")):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()[:100]
        tags = tagging.document_tag_usage().filter(name__icontains=term).order_by("-uses", "name")
        page = Paginator(tags.values_list("name", flat=True), SUGGESTIONS_PER_PAGE).get_page(request.GET.get("page"))
        return JsonResponse({"results": [{"id": name, "text": name} for name in page.object_list],
                             "pagination": {"more": page.has_next()}})

    # ------------------------------------------------------------------ merging

    @admin.action(description="Merge selected tags into one", permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        tags = Tag.objects.filter(pk__in=queryset.values("pk"))
        if tags.count() < 2:
            self.message_user(request, "Select at least two tags to merge.", messages.WARNING)
            return None
        by_use = list(tagging.document_tag_usage().filter(pk__in=tags.values("pk")).order_by("-uses", "pk"))
        form = MergeTagsForm(request.POST if "apply" in request.POST else None, tags=tags,
                             initial={"survivor": by_use[0].pk})
        if form.is_valid():
            survivor = form.cleaned_data["survivor"]
            ensure_baseline_versions(documents=Document.objects.filter(pk__in=_documents_tagged(by_use)))
            merge = tagging.merge_tags(tags=by_use, into=survivor)
            if form.cleaned_data["name"] and form.cleaned_data["name"] != survivor.name:
                tagging.rename_tag(tag=survivor, name=form.cleaned_data["name"])
            self._merged(request, [merge])
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Merge tags",
            "subtitle": None,
            "intro": "These tags become one. Documents keep every tag they had, under the name you keep, "
                     "and the addresses of the merged tags lead to it.",
            "form": form,
            "action": "merge_selected",
            "submit": "Merge the tags",
            "objects": [ngettext("%(name)s (%(n)d document)", "%(name)s (%(n)d documents)", t.uses) % {"name": t.name, "n": t.uses}
                        for t in by_use],
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across") == "1",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/documents/action_form.html", context)

    @admin.action(description="Merge case variants of selected tags", permissions=["change", "delete"])
    def merge_case_variants(self, request, queryset):
        merges, seen = [], set()
        for tag in queryset.order_by("pk"):
            key = tag.name.casefold()
            if key in seen or not Tag.objects.filter(pk=tag.pk).exists():
                continue
            seen.add(key)
            variants = list(tagging.case_variants(tag=tag))
            if len(variants) < 2:
                continue
            ensure_baseline_versions(documents=Document.objects.filter(pk__in=_documents_tagged(variants)))
            merges.append(tagging.merge_case_variants(tag=tag))
        if not merges:
            self.message_user(request, "None of the selected tags has a case variant.", messages.INFO)
            return None
        self._merged(request, merges)
        return None

    def _merged(self, request, merges):
        for merge in merges:
            documents = Document.objects.filter(pk__in=merge.document_ids)
            comment = f"Tags {', '.join('“%s”' % n for n in merge.merged)} merged into “{merge.survivor.name}”."
            record_versions(documents=documents, user=request.user, comment=comment)
            n = len(merge.document_ids)
            affected = ngettext("%d document affected.", "%d documents affected.", n) % n
            self.message_user(request, f"{comment} {affected}", messages.SUCCESS)
