"""The document admin: the list editors search and filter, the change form with its passages,
bulk actions, draft preview, history with differences and revert, and import by upload."""

from __future__ import annotations

from contextlib import contextmanager

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from .. import editing, search
from ..forms import (
    DocumentAdminForm,
    ImportUploadForm,
    PeriodChoiceForm,
    RemoveTagForm,
    SectionInlineForm,
    TagNameForm,
    TagNamesField,
    TagNamesWidget,
    ThemeChoiceForm,
)
from ..importing.saving import refresh_document_taxonomy
from ..models import Document, Section, Status
from ..views import DocumentDetailView
from . import history, uploads
from .filters import EraFilter, LanguageFilter, PrincipleFilter, PublicationFilter, TagFilter, YearFilter

reversion.register(Section, exclude=("search_vector",))
reversion.register(TaggedItem)
reversion.register(Document, follow=("sections", "tagged_items"))


class DraftPreviewView(DocumentDetailView):
    """The reader's document page, for any document whatever its status (staff only: the admin
    checks the permission). The template gets ``preview=True``."""

    def get_queryset(self):
        return Document.objects.with_reader_prefetch()

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)


class TaxonomyAutocomplete(AutocompleteSelectMultiple):
    """Autocomplete for a passage's principles or eras that reads the (small) table once per
    form set, instead of once per passage and field as Django's widget does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._labels: dict[str, str] = {}  # shared by the copies made for each form

    def optgroups(self, name, value, attr=None):
        if not self._labels:
            self._labels.update((str(obj.pk), str(obj)) for obj in self.choices.queryset)
        options = [
            self.create_option(name, v, self._labels[v], True, i)
            for i, v in enumerate(str(v) for v in value) if v in self._labels
        ]
        return [(None, options, 0)]


class SectionFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.document = self.instance  # known already: no query per passage to read it again
        return form


class SectionInline(admin.StackedInline):
    model = Section
    form = SectionInlineForm
    formset = SectionFormSet
    extra = 0
    ordering = ["position"]
    autocomplete_fields = ["themes", "periods"]
    readonly_fields = ["anchor", "decisions"]
    fieldsets = [(None, {"fields": [("position", "kind", "speaker"), "text", ("themes", "periods"),
                                    ("confirm", "decisions"), "anchor"]})]
    verbose_name = "passage"
    verbose_name_plural = "passages (change the positions to reorder them)"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(
            "themes", "periods", "editor_themes", "rejected_themes", "editor_periods", "rejected_periods"
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("themes", "periods"):
            kwargs["widget"] = TaxonomyAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def view_on_site(self, section):
        document = section.document
        if document.is_published:
            return section.get_absolute_url()
        return reverse(f"{self.admin_site.name}:documents_document_preview", args=[document.pk]) + f"#{section.anchor}"

    @admin.display(description="Editor's decisions")
    def decisions(self, section):
        if not section.pk:
            return "—"
        parts = [
            ("Principles kept", section.editor_themes.all()),
            ("Principles removed", section.rejected_themes.all()),
            ("Eras kept", section.editor_periods.all()),
            ("Eras removed", section.rejected_periods.all()),
        ]
        shown = [(label, ", ".join(str(o) for o in objs)) for label, objs in parts if objs]
        if not shown:
            return "None yet: what is shown was suggested by the classifier."
        return format_html_join("; ", "{}: {}", shown)


@admin.register(Document)
class DocumentAdmin(VersionAdmin):
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
        "principles", "eras_spoken_about", "raw_source", "removed_furniture", "import_key", "content_hash",
        "imported_at", "imported_by", "edited_by", "created_at", "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", ("doc_type", "languages"), ("source", "source_url"),
                           ("issued_on", "date_precision"), "issued_in", "summary", "tags"]}),
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

    @contextmanager
    def create_revision(self, request):
        # Snapshot the document explicitly once everything is saved (``save_related``), so
        # that a revision never holds passages or tags deleted during the same save.
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(request.user)
            yield

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            document = self.get_object(request, unquote(object_id))
            if document is not None and self.has_change_permission(request, document):
                editing.ensure_baseline_versions(documents=[document])
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_model(self, request, obj):
        editing.ensure_baseline_versions(documents=[obj])  # so that "Recover deleted documents" can bring it back
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        editing.ensure_baseline_versions(documents=self._documents(queryset))
        super().delete_queryset(request, queryset)

    def save_model(self, request, obj, form, change):
        obj.edited_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Section:
            return super().save_formset(request, form, formset, change)
        document = form.instance
        moving = [f.instance.pk for f in formset.initial_forms
                  if f.instance.pk and (f in formset.deleted_forms or "position" in f.changed_data)]
        editing.make_room_for_positions(section_ids=moving)
        instances = formset.save(commit=False)
        for section in formset.deleted_objects:
            section.delete()
        for section in instances:
            if not section.anchor:
                section.anchor = editing.new_anchor(document=document, text=section.text)
            section.save()
        formset.save_m2m()
        for f in formset.forms:
            if f in formset.deleted_forms or not f.instance.pk or not f.has_changed():
                continue
            confirm = f.cleaned_data.get("confirm", False)
            if confirm or {"themes", "periods"} & set(f.changed_data):
                editing.record_passage_decisions(
                    section=f.instance,
                    themes_before=[t.pk for t in f.initial.get("themes", [])],
                    themes_after=[t.pk for t in f.cleaned_data["themes"]],
                    periods_before=[p.pk for p in f.initial.get("periods", [])],
                    periods_after=[p.pk for p in f.cleaned_data["periods"]],
                    confirm=confirm,
                )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_document_taxonomy(form.instance)
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

    def changelist_view(self, request, extra_context=None):
        # Not wrapped in one revision (as VersionAdmin does): bulk actions give every document
        # its own revision, so that reverting one document never reverts the others.
        context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return admin.ModelAdmin.changelist_view(self, request, context)

    # ------------------------------------------------------------------ preview

    def preview_view(self, request, object_id):
        """A draft (or any document) on the public template, for staff only."""
        document = self.get_object(request, unquote(object_id))
        if document is None:
            raise Http404("No such document.")
        if not self.has_view_or_change_permission(request, document):
            raise PermissionDenied
        response = DraftPreviewView.as_view()(request, slug=document.slug)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    # ------------------------------------------------------------------ history

    def history_view(self, request, object_id, extra_context=None):
        document = self.get_object(request, unquote(object_id))
        if document is None or not self.has_view_or_change_permission(request, document):
            return super().history_view(request, object_id, extra_context)
        versions = history.document_versions(document.pk)
        revert = f"{self.admin_site.name}:documents_document_revision"
        action_list = [
            {"version": v, "revision": v.revision, "url": reverse(revert, args=[document.pk, v.pk]),
             "previous": versions[i + 1] if i + 1 < len(versions) else None}
            for i, v in enumerate(versions)
        ]
        context = {"action_list": action_list,
                   "compare_url": reverse(f"{self.admin_site.name}:documents_document_compare", args=[document.pk]),
                   **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        document = self.get_object(request, unquote(object_id))
        if document is None:
            raise Http404("No such document.")
        if not self.has_view_or_change_permission(request, document):
            raise PermissionDenied
        versions = {str(v.pk): v for v in history.document_versions(document.pk)}
        older, newer = versions.get(request.GET.get("from", "")), versions.get(request.GET.get("to", ""))
        if older is None or newer is None:
            messages.warning(request, "Choose two versions to compare.")
            return self._redirect_to_history(document)
        if older.pk > newer.pk:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": document,
            "title": f"Differences: {document}",
            "subtitle": None,
            "older": older,
            "newer": newer,
            "comparison": history.compare(older=older, newer=newer, document_id=document.pk),
            "has_change_permission": self.has_change_permission(request, document),
            "revert_url": reverse(f"{self.admin_site.name}:documents_document_revision",
                                  args=[document.pk, older.pk]),
        }
        return TemplateResponse(request, "admin/documents/document/compare.html", context)

    def _redirect_to_history(self, document):
        return redirect(f"{self.admin_site.name}:documents_document_history", document.pk)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Reverting rewrites passages one by one; move the current ones out of the way first
        # so that a reordering can be undone, and put back any that the revert did not touch.
        document_id = unquote(object_id)
        if not str(document_id).isdigit():
            raise Http404("No such document.")
        versions = Version.objects.get_for_object_reference(Document, document_id)
        version = versions.filter(pk=version_id).select_related("revision").first() if str(version_id).isdigit() else None
        if version is None:
            raise Http404("No such version of this document.")
        missing = history.missing_references(version)
        if missing:
            self.message_user(request, "This version cannot be restored: what it refers to no longer "
                                       f"exists ({', '.join(missing)} deleted since). Restore them first, "
                                       "or edit the document by hand.", messages.ERROR)
            return self._redirect_to_history(Document(pk=document_id))
        latest_before = versions.values_list("pk", flat=True).first()
        with transaction.atomic():
            sections = Section.objects.filter(document_id=document_id)
            editing.make_room_for_positions(section_ids=sections.values_list("pk", flat=True))
            response = super().revision_view(request, object_id, version_id, extra_context)
            sections.filter(position__gte=editing.POSITION_OFFSET).update(
                position=F("position") - editing.POSITION_OFFSET)
        if request.method == "POST" and versions.values_list("pk", flat=True).first() != latest_before:
            reverted_to = Version.objects.select_related("revision").get(pk=version_id).revision.date_created
            self.message_user(request, f"Reverted to the version of "
                                       f"{timezone.localtime(reverted_to):%Y-%m-%d %H:%M}.", messages.SUCCESS)
        return response

    # ------------------------------------------------------------------ import

    @method_decorator(csrf_exempt)
    def import_view(self, request):
        """Upload files into the import pipeline (the CSRF check runs once the size guard is
        installed, since installing it must come before the request body is read)."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        guard = None
        if request.method == "POST":
            guard = uploads.SizeLimitUploadHandler(request, max_bytes=settings.POLICYARCHIVE_MAX_IMPORT_BYTES)
            request.upload_handlers.insert(0, guard)
        return csrf_protect(self._import_form_view)(request, guard)

    def _import_form_view(self, request, guard):
        results = None
        if request.method == "POST":
            form = ImportUploadForm(request.POST, request.FILES)
            if form.is_valid():
                if not form.cleaned_data["files"] and not guard.refused:
                    form.add_error("files", "Choose at least one file.")
                else:
                    results = uploads.import_uploads(
                        files=form.cleaned_data["files"], refused=guard.refused, user=request.user,
                        publish=form.cleaned_data["publish"], dry_run=form.cleaned_data["dry_run"],
                    )
                    self._report_import(request, results, dry_run=form.cleaned_data["dry_run"])
        else:
            form = ImportUploadForm()
        slugs = {r.slug for r in results or [] if r.slug}
        pks = dict(Document.objects.filter(slug__in=slugs).values_list("slug", "pk")) if slugs else {}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import documents",
            "subtitle": None,
            "form": form,
            "results": [(r, pks.get(r.slug)) for r in results or []],
            "max_bytes": settings.POLICYARCHIVE_MAX_IMPORT_BYTES,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/documents/document/import.html", context)

    def _report_import(self, request, results, *, dry_run):
        from ..importing.pipeline import summarize

        prefix = "Dry run, nothing saved: " if dry_run else ""
        failed = any(r.status == "failed" for r in results)
        level = messages.WARNING if failed else messages.SUCCESS
        self.message_user(request, f"{prefix}{len(results)} files: {summarize(results)}.", level)

    # ------------------------------------------------------------------ bulk actions

    def _changed(self, request, ids, *, comment):
        """History and log entries for documents a bulk action changed."""
        documents = Document.objects.filter(pk__in=ids)
        Document.objects.filter(pk__in=ids).update(edited_by=request.user, updated_at=timezone.now())
        editing.record_versions(documents=documents, user=request.user, comment=comment)
        LogEntry.objects.log_actions(request.user.pk, documents, CHANGE, change_message=comment)

    def _intermediate(self, request, queryset, *, action, title, form, intro, submit, extra=None):
        documents = list(queryset.values("pk", "title")[:21])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": None,
            "intro": intro,
            "form": form,
            "action": action,
            "submit": submit,
            "documents": documents[:20],
            "more": queryset.count() - 20 if len(documents) > 20 else 0,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across") == "1",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media if form is not None else self.media,
            **(extra or {}),
        }
        return TemplateResponse(request, "admin/documents/action_form.html", context)

    @staticmethod
    def _documents(queryset):
        """The selected documents, without the list's annotations (for row locks and updates)."""
        return Document.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))

    def _bulk_change(self, request, documents, change) -> None:
        """Apply a bulk action and record it (history, admin log) in one transaction.

        ``change()`` makes the change and returns the ids it changed, the history comment and
        the message for the editor."""
        editing.ensure_baseline_versions(documents=documents)
        with transaction.atomic():
            ids, comment, message = change()
            self._changed(request, ids, comment=comment)
        self.message_user(request, message, messages.SUCCESS)

    def _form_action(self, request, queryset, form, apply, *, documents=None, **page):
        """A bulk action that asks for a value first: the page with ``form`` until it is valid,
        then ``apply(documents, cleaned_data)`` through ``_bulk_change``."""
        if not form.is_valid():
            return self._intermediate(request, queryset, form=form, **page)
        documents = self._documents(queryset) if documents is None else documents
        self._bulk_change(request, documents, lambda: apply(documents, form.cleaned_data))
        return None

    @staticmethod
    def _asked(request):
        """The data of an action's own form, once the editor has submitted it."""
        return request.POST if "apply" in request.POST else None

    @admin.action(description="Publish selected documents", permissions=["change"])
    def publish(self, request, queryset):
        def change():
            changed = [d.pk for d in editing.publish(documents=documents, user=request.user)]
            return changed, "Published.", (f"Published {len(changed)} documents "
                                           f"({queryset.count() - len(changed)} were already published).")
        documents = self._documents(queryset)
        self._bulk_change(request, documents, change)

    @admin.action(description="Unpublish selected documents (back to drafts)", permissions=["change"])
    def unpublish(self, request, queryset):
        def change():
            changed = [d.pk for d in editing.unpublish(documents=documents, user=request.user)]
            return changed, "Unpublished (back to draft).", f"Turned {len(changed)} documents back into drafts."
        documents = self._documents(queryset)
        self._bulk_change(request, documents, change)

    @admin.action(description="Add a tag to selected documents", permissions=["change"])
    def add_tag(self, request, queryset):
        def apply(documents, data):
            tag, ids = editing.add_tag(documents=documents, name=data["name"])
            return ids, f"Tagged “{tag.name}”.", f"Tagged {len(ids)} documents “{tag.name}”."
        return self._form_action(request, queryset, TagNameForm(self._asked(request)), apply,
                                 action="add_tag", title="Add a tag",
                                 intro="Add this tag to the selected documents:", submit="Add the tag")

    @admin.action(description="Remove a tag from selected documents", permissions=["change"])
    def remove_tag(self, request, queryset):
        def apply(documents, data):
            tag = data["tag"]
            ids = editing.remove_tag(documents=documents, tag=tag)
            return ids, f"Removed the tag “{tag.name}”.", f"Removed the tag “{tag.name}” from {len(ids)} documents."
        documents = self._documents(queryset)
        tags = Tag.objects.filter(
            taggit_taggeditem_items__content_type__app_label="documents",
            taggit_taggeditem_items__content_type__model="document",
            taggit_taggeditem_items__object_id__in=documents.values("pk"),
        ).distinct().order_by("name")
        return self._form_action(request, queryset, RemoveTagForm(self._asked(request), tags=tags), apply,
                                 documents=documents, action="remove_tag", title="Remove a tag",
                                 intro="Remove this tag from the selected documents:", submit="Remove the tag")

    @admin.action(description="Assign a principle to selected documents", permissions=["change"])
    def assign_principle(self, request, queryset):
        def apply(documents, data):
            theme = data["theme"]
            ids = editing.assign_theme(documents=documents, theme=theme)
            return (ids, f"Principle “{theme.name}” assigned to every passage.",
                    f"“{theme.name}” assigned to every passage of {len(ids)} documents that did not have it everywhere.")
        return self._form_action(
            request, queryset, ThemeChoiceForm(self._asked(request)), apply,
            action="assign_principle", title="Assign a principle",
            intro="Every passage of the selected documents will state this principle, as your decision "
                  "(re-classification and re-import keep it):", submit="Assign the principle")

    @admin.action(description="Assign an era to selected documents", permissions=["change"])
    def assign_era(self, request, queryset):
        def apply(documents, data):
            period = data["period"]
            ids = editing.assign_period(documents=documents, period=period, issued_in=data["issued_in"])
            return ids, f"Era “{period.name}” assigned.", f"“{period.name}” assigned to {len(ids)} documents."
        return self._form_action(
            request, queryset, PeriodChoiceForm(self._asked(request)), apply,
            action="assign_era", title="Assign an era",
            intro="Every passage of the selected documents will speak about this era, as your decision "
                  "(re-classification and re-import keep it):", submit="Assign the era")

    @admin.action(description="Re-run classification on selected documents", permissions=["change"])
    def reclassify(self, request, queryset):
        def change():
            result = editing.reclassify(documents=documents, apply=True)
            return result.document_ids, "Re-classified with the current rules.", f"{result}."
        documents = self._documents(queryset)
        preview = editing.reclassify(documents=documents, apply=False)
        if "apply" in request.POST:
            # Only the documents the preview says will change get a first version of themselves.
            self._bulk_change(request, Document.objects.filter(pk__in=preview.document_ids), change)
            return None
        return self._intermediate(
            request, queryset, action="reclassify", title="Re-run classification", form=None,
            intro="Re-classifying with the current rules of the principles and eras would make these "
                  "changes. Your decisions on passages stay as they are.",
            submit="Apply these changes", extra={"preview": preview, "shown": preview.passages[:500]},
        )
