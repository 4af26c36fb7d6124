"""The document admin: the list editors search and filter, the change form (metadata, tags, the
source as imported) and the admin's own addresses, with the draft preview. Its other jobs are
mixins of their own: passages (``passages.py``), bulk actions (``actions.py``), history and
revert (``revisions.py``), import by upload (``uploads.py``)."""

from __future__ import annotations

import reversion
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin

from .. import search
from ..choices import How, Status
from ..decisions import refresh_document_taxonomy
from ..editing.provenance import editor_provenance
from ..models import Document, Section
from ..views import DocumentDetailView
from .actions import BulkActionsMixin
from .filters import EraFilter, LanguageFilter, PrincipleFilter, PublicationFilter, TagFilter, YearFilter
from .forms import DocumentAdminForm, TagNamesField, TagNamesWidget
from .passages import SectionInline, save_passages
from .revisions import RevisionsMixin
from .uploads import UploadsMixin


@admin.register(Document)
class DocumentAdmin(BulkActionsMixin, RevisionsMixin, UploadsMixin, VersionAdmin):
    form = DocumentAdminForm
    inlines = [SectionInline]
    list_display = ["title", "issued_on", "doc_type", "source", "publication", "eras", "section_count"]
    list_filter = [PublicationFilter, "doc_type", EraFilter, PrincipleFilter, TagFilter, LanguageFilter, YearFilter]
    search_fields = ["title", "slug", "source", "summary"]
    search_help_text = ("Title, slug, source or summary, or the words of any passage, as readers search: "
                        '"a phrase", either OR other, -excluded.')
    date_hierarchy = "issued_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["issued_in"]
    list_per_page = 50
    show_full_result_count = False
    save_on_top = True
    readonly_fields = [
        "how_obtained", "principles", "eras_spoken_about", "raw_source", "removed_furniture", "import_key", "content_hash",
        "imported_at", "imported_by", "edited_by", "created_at", "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", ("doc_type", "languages"), ("issuer", "source"), "source_url",
                           ("issued_on", "date_precision"), "posted_on", "issued_in", "summary", "tags"]}),
        ("How each value was obtained", {"fields": ["how_obtained"],
                                         "description": "What the importer inferred is a guess until an editor "
                                                        "confirms or corrects it; readers see it marked."}),
        ("Publication", {"fields": [("status", "published_at")],
                         "description": "Readers see a document once it is published and its publication "
                                        "time has come; a time in the future schedules it."}),
        ("Principles and eras (from the passages)", {"fields": ["principles", "eras_spoken_about"]}),
        ("Source", {"classes": ["collapse"], "fields": ["raw_source", "removed_furniture", "import_key",
                                                        "content_hash", "imported_at", "imported_by"]}),
        ("Record", {"classes": ["collapse"], "fields": ["created_at", "updated_at", "edited_by"]}),
    ]
    actions = ["publish", "unpublish", "add_tag", "remove_tag", "assign_principle", "assign_era", "reclassify"]
    change_list_template = "admin/documents/document/change_list.html"
    object_history_template = "admin/documents/document/object_history.html"
    history_latest_first = True

    # ------------------------------------------------------------------ list

    def get_queryset(self, request):
        passages = (Section.objects.filter(document=OuterRef("pk")).order_by()
                    .values("document").annotate(n=Count("pk")).values("n"))
        return (
            super().get_queryset(request)
            .defer("raw_text", "removed_text", "imported_values")
            .select_related("issued_in")
            .prefetch_related("periods")
            .annotate(section_count=Coalesce(Subquery(passages, output_field=IntegerField()), Value(0)))
        )

    def get_search_results(self, request, queryset, search_term):
        """The fields above, and every passage searched as readers search (``documents/search.py``:
        stemming, phrases, Chinese), drafts included."""
        by_fields, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return by_fields, may_have_duplicates
        in_passages = search.document_ids_matching(search_term, documents=queryset)
        return queryset.filter(Q(pk__in=by_fields.values("pk")) | Q(pk__in=in_passages)), may_have_duplicates

    @admin.display(description="status", ordering="status")
    def publication(self, document):
        if document.status != Status.PUBLISHED:
            return "Draft"
        if document.published_at and document.published_at > timezone.now():
            return f"Scheduled for {timezone.localtime(document.published_at):%Y-%m-%d %H:%M}"
        return "Published"

    @admin.display(description="eras")
    def eras(self, document):
        periods = list(document.periods.all())
        if document.issued_in and document.issued_in not in periods:
            periods.insert(0, document.issued_in)
        return ", ".join(p.name for p in periods) or "—"

    @admin.display(description="passages", ordering="section_count")
    def section_count(self, document):
        return document.section_count

    # ------------------------------------------------------------------ change form

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            return TagNamesField(
                required=False, label="Tags", help_text="Type to find a tag; press Enter or a comma to add a new one.",
                widget=TagNamesWidget(db_field, self.admin_site),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="values")
    def how_obtained(self, document):
        """Each value's provenance, with a one-click "Confirm" for what was inferred (it saves the
        form as it stands, so nothing typed is lost)."""
        if not document.provenance:
            return "—"
        rows = format_html_join("", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>', (
            (key.replace("_", " "), How(item.get("how")).label if item.get("how") in How.values else "?",
             item.get("evidence", ""),
             format_html('<button type="submit" class="button" name="_confirm" value="{}">Confirm {}</button>',
                         key, key.replace("_", " "))
             if item.get("how") == How.INFERRED else "")
            for key, item in sorted(document.provenance.items())))
        return format_html('<table class="provenance"><thead><tr><th scope="col">value</th><th scope="col">how</th>'
                           '<th scope="col">from what words</th><th scope="col"></th></tr></thead>'
                           "<tbody>{}</tbody></table>", rows)

    @admin.display(description="principles")
    def principles(self, document):
        return ", ".join(t.name for t in document.themes.all()) or "—"

    @admin.display(description="eras spoken about")
    def eras_spoken_about(self, document):
        return ", ".join(p.name for p in document.periods.all()) or "—"

    @admin.display(description="raw source (as imported)")
    def raw_source(self, document):
        return format_html('<pre class="raw-source">{}</pre>', document.raw_text) if document.raw_text else "—"

    @admin.display(description="removed as page furniture")
    def removed_furniture(self, document):
        if not document.removed_text:
            return "—"
        return format_html('<pre class="raw-source">{}</pre>', "\n".join(str(line) for line in document.removed_text))

    def view_on_site(self, document):
        if document.is_published:
            return document.get_absolute_url()
        return reverse(f"{self.admin_site.name}:documents_document_preview", args=[document.pk])

    def save_model(self, request, obj, form, change):
        obj.edited_by = request.user
        confirmed = [request.POST["_confirm"]] if request.POST.get("_confirm") else []
        obj.provenance = editor_provenance(obj.provenance, changed=form.changed_data if change else (),
                                           confirmed=confirmed, editor=request.user.get_username())
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if request.POST.get("_confirm"):  # back to the form: the editor was checking its values
            self.message_user(request, f"Confirmed the {request.POST['_confirm'][:30].replace('_', ' ')}.")
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Section:
            return super().save_formset(request, form, formset, change)
        save_passages(formset=formset, document=form.instance)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_document_taxonomy(document=form.instance)
        if reversion.is_active():
            reversion.add_to_revision(form.instance)

    # ------------------------------------------------------------------ urls

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="%s_%s_import" % info),
            path("<path:object_id>/preview/", view(self.preview_view), name="%s_%s_preview" % info),
            path("<path:object_id>/history/compare/", view(self.compare_view), name="%s_%s_compare" % info),
        ] + super().get_urls()

    # ------------------------------------------------------------------ preview

    def preview_view(self, request, object_id):
        """A draft (or any document) on the reader's page, which shows staff what readers may
        not see yet (``DocumentDetailView.get_queryset``), for staff who may view it."""
        document = self.get_object(request, unquote(object_id))
        if document is None:
            raise Http404("No such document.")
        if not self.has_view_or_change_permission(request, document):
            raise PermissionDenied
        response = DocumentDetailView.as_view(preview=True)(request, slug=document.slug)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
