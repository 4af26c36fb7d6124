"""The document list's bulk actions: publish, unpublish, add or remove a tag, assign a principle
or an era, re-classify; the page in between that asks for a value or shows a preview; and the
record each action leaves (one revision per document, an admin log entry)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import ngettext
from taggit.models import Tag

from ..editing import passages, publishing, reclassifying
from ..editing import tags as tagging
from ..editing.history import ensure_baseline_versions, record_versions
from ..models import Document
from .forms import PeriodChoiceForm, RemoveTagForm, TagNameForm, ThemeChoiceForm


def selected_documents(queryset: QuerySet[Document]) -> QuerySet[Document]:
    """The selected documents, without the list's annotations (for row locks and updates)."""
    return Document.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))


EVERY_PASSAGE_WILL = ("Every passage of the selected documents will %s, as your decision "
                      "(re-classification and re-import keep it):")


class BulkActionsMixin:
    """The ``DocumentAdmin`` actions named in its ``actions``."""

    def _changed(self, request, ids, *, comment):
        """History and log entries for documents a bulk action changed."""
        documents = Document.objects.filter(pk__in=ids)
        Document.objects.filter(pk__in=ids).update(edited_by=request.user, updated_at=timezone.now())
        record_versions(documents=documents, user=request.user, comment=comment)
        LogEntry.objects.log_actions(request.user.pk, documents, CHANGE, change_message=comment)

    def _intermediate(self, request, queryset, *, action, title, form, intro, submit, extra=None):
        shown = [str(obj) for obj in queryset[:21]]  # documents by title, passages by document and place
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": None,
            "intro": intro,
            "form": form,
            "action": action,
            "submit": submit,
            "objects": shown[:20],
            "more": queryset.count() - 20 if len(shown) > 20 else 0,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across") == "1",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media if form is not None else self.media,
            **(extra or {}),
        }
        return TemplateResponse(request, "admin/documents/action_form.html", context)

    def _bulk_change(self, request, documents, change) -> None:
        """Apply a bulk action and record it (history, admin log) in one transaction.

        ``change()`` makes the change and returns the ids it changed, the history comment and
        the message for the editor."""
        ensure_baseline_versions(documents=documents)
        with transaction.atomic():
            ids, comment, message = change()
            self._changed(request, ids, comment=comment)
        self.message_user(request, message, messages.SUCCESS)

    def _form_action(self, request, queryset, form, apply, *, documents=None, **page):
        """A bulk action that asks for a value first: the page with ``form`` until it is valid,
        then ``apply(documents, cleaned_data)`` through ``_bulk_change``."""
        if not form.is_valid():
            return self._intermediate(request, queryset, form=form, **page)
        documents = selected_documents(queryset) if documents is None else documents
        self._bulk_change(request, documents, lambda: apply(documents, form.cleaned_data))
        return None

    @staticmethod
    def _asked(request):
        """The data of an action's own form, once the editor has submitted it."""
        return request.POST if "apply" in request.POST else None

    @admin.action(description="Publish selected documents", permissions=["change"])
    def publish(self, request, queryset):
        def change():
            changed = [d.pk for d in publishing.publish(documents=documents, user=request.user)]
            return changed, "Published.", (ngettext("Published %d document", "Published %d documents", len(changed)) % len(changed)
                                           + ngettext(" (%d was already published).", " (%d were already published).",
                                                      already := queryset.count() - len(changed)) % already)
        documents = selected_documents(queryset)
        self._bulk_change(request, documents, change)

    @admin.action(description="Unpublish selected documents (back to drafts)", permissions=["change"])
    def unpublish(self, request, queryset):
        def change():
            changed = [d.pk for d in publishing.unpublish(documents=documents, user=request.user)]
            return changed, "Unpublished (back to draft).", (ngettext("Turned %d document back into a draft.", "Turned %d documents back into drafts.",
                                                                    len(changed)) % len(changed))
        documents = selected_documents(queryset)
        self._bulk_change(request, documents, change)

    @admin.action(description="Add a tag to selected documents", permissions=["change"])
    def add_tag(self, request, queryset):
        def apply(documents, data):
            tag, ids = tagging.add_tag(documents=documents, name=data["name"])
            return ids, f"Tagged “{tag.name}”.", ngettext("Tagged %(n)d document “%(tag)s”.", "Tagged %(n)d documents “%(tag)s”.", len(ids)) % {"n": len(ids), "tag": tag.name}
        return self._form_action(request, queryset, TagNameForm(self._asked(request)), apply,
                                 action="add_tag", title="Add a tag",
                                 intro="Add this tag to the selected documents:", submit="Add the tag")

    @admin.action(description="Remove a tag from selected documents", permissions=["change"])
    def remove_tag(self, request, queryset):
        def apply(documents, data):
            tag = data["tag"]
            ids = tagging.remove_tag(documents=documents, tag=tag)
            return ids, f"Removed the tag “{tag.name}”.", (ngettext("Removed the tag “%(tag)s” from %(n)d document.", "Removed the tag “%(tag)s” from %(n)d documents.",
                                                             len(ids)) % {"n": len(ids), "tag": tag.name})
        documents = selected_documents(queryset)
        tags = Tag.objects.filter(document_tags__content_object__in=documents.values("pk")).distinct().order_by("name")
        return self._form_action(request, queryset, RemoveTagForm(self._asked(request), tags=tags), apply,
                                 documents=documents, action="remove_tag", title="Remove a tag",
                                 intro="Remove this tag from the selected documents:", submit="Remove the tag")

    @admin.action(description="Assign a principle to selected documents", permissions=["change"])
    def assign_principle(self, request, queryset):
        def apply(documents, data):
            theme = data["theme"]
            ids = passages.assign_principle(documents=documents, principle=theme)
            return (ids, f"Principle “{theme.name}” assigned to every passage.",
                    ngettext("“%(name)s” assigned to every passage of %(n)d document that did not have it everywhere.",
                             "“%(name)s” assigned to every passage of %(n)d documents that did not have it everywhere.",
                             len(ids)) % {"n": len(ids), "name": theme.name})
        return self._form_action(request, queryset, ThemeChoiceForm(self._asked(request)), apply,
                                 action="assign_principle", title="Assign a principle",
                                 intro=EVERY_PASSAGE_WILL % "state this principle", submit="Assign the principle")

    @admin.action(description="Assign an era to selected documents", permissions=["change"])
    def assign_era(self, request, queryset):
        def apply(documents, data):
            period = data["period"]
            ids = passages.assign_era(documents=documents, era=period, issued_in=data["issued_in"])
            return ids, f"Era “{period.name}” assigned.", (ngettext("“%(name)s” assigned to %(n)d document.", "“%(name)s” assigned to %(n)d documents.", len(ids))
                                                        % {"n": len(ids), "name": period.name})
        return self._form_action(request, queryset, PeriodChoiceForm(self._asked(request)), apply,
                                 action="assign_era", title="Assign an era",
                                 intro=EVERY_PASSAGE_WILL % "speak about this era", submit="Assign the era")

    @admin.action(description="Re-run classification on selected documents", permissions=["change"])
    def reclassify(self, request, queryset):
        def change():
            result = reclassifying.reclassify(documents=documents, apply=True)
            return result.document_ids, "Re-classified with the current rules.", f"{result}."
        documents = selected_documents(queryset)
        preview = reclassifying.reclassify(documents=documents, apply=False)
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
