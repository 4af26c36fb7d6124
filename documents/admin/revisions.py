"""A document's history in the admin (django-reversion): what each save records (one revision per
save, holding the document, its passages and tag links; a baseline version before an editor's
first change or a deletion) and the pages to read it: the history list, the differences between
two versions (worded by ``history.py``) and the revert."""

from __future__ import annotations

from contextlib import contextmanager

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from ..editing.history import ensure_baseline_versions
from ..editing.passages import POSITION_OFFSET, make_room_for_positions
from ..models import Document, DocumentTag, Section
from . import history
from .actions import selected_documents

reversion.register(Section, exclude=("search_vector",))
reversion.register(DocumentTag)
reversion.register(Document, follow=("sections", "tagged_items"))


class RevisionsMixin:
    """The history side of ``DocumentAdmin`` (a ``reversion.admin.VersionAdmin``)."""

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
                ensure_baseline_versions(documents=[document])
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_model(self, request, obj):
        ensure_baseline_versions(documents=[obj])  # so that "Recover deleted documents" can bring it back
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        ensure_baseline_versions(documents=selected_documents(queryset))
        super().delete_queryset(request, queryset)

    def changelist_view(self, request, extra_context=None):
        # Not wrapped in one revision (as VersionAdmin does): bulk actions give every document
        # its own revision, so that reverting one document never reverts the others.
        context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return admin.ModelAdmin.changelist_view(self, request, context)

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
            make_room_for_positions(section_ids=sections.values_list("pk", flat=True))
            response = super().revision_view(request, object_id, version_id, extra_context)
            sections.filter(position__gte=POSITION_OFFSET).update(
                position=F("position") - POSITION_OFFSET)
        if request.method == "POST" and versions.values_list("pk", flat=True).first() != latest_before:
            reverted_to = Version.objects.select_related("revision").get(pk=version_id).revision.date_created
            self.message_user(request, f"Reverted to the version of "
                                       f"{timezone.localtime(reverted_to):%Y-%m-%d %H:%M}.", messages.SUCCESS)
        return response
