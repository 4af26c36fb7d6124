"""The passage list: every passage across documents, searched and filtered (principle, era,
document, its document's status, decided by an editor or not), with bulk accept and reject of a
principle or era the classifier suggested. A decision is the editor's (``editing.passages.
decide_suggestion``): re-classification and re-import keep it. Passages are edited in their
document's form; here they are reviewed."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import ngettext

from ..decisions import DECISIONS
from ..editing.passages import decide_suggestion
from ..models import Document, Period, Section, Theme
from .actions import BulkActionsMixin
from .filters import EraFilter, PrincipleFilter, PublicationFilter
from .forms import SuggestionForm

EXCERPT_CHARS = 160


class PassagePublicationFilter(PublicationFilter):
    title = "document's status"

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(document__in=super().queryset(request, Document.objects.all()).values("pk"))


class PassagePrincipleFilter(PrincipleFilter):
    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        chosen = {t.pk for t in self.themes if t.slug == self.value()}
        ids = chosen | {t.pk for t in self.themes if t.parent_id in chosen}
        return queryset.filter(Exists(Section.themes.through.objects.filter(section_id=OuterRef("pk"), theme_id__in=ids)))


class PassageEraFilter(EraFilter):
    title = "era (spoken about)"

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        period = self.periods.get(self.value())
        if period is None:
            return queryset.none()
        return queryset.filter(Exists(Section.periods.through.objects.filter(section_id=OuterRef("pk"), period_id=period.pk)))


class DecidedFilter(admin.SimpleListFilter):
    title = "decided by an editor"
    parameter_name = "decided"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No: as the classifier suggested")]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        decided = Q()
        for relation, _column in DECISIONS:
            decided |= Q(Exists(getattr(Section, relation).through.objects.filter(section_id=OuterRef("pk"))))
        return queryset.filter(decided if self.value() == "yes" else ~decided)


class DocumentFilter(admin.SimpleListFilter):
    """One document's passages (``?document=<id>``, linked from its change form); the sidebar
    names only the chosen document, not every document of the archive."""

    title = "document"
    parameter_name = "document"

    def lookups(self, request, model_admin):
        value = self.value()
        chosen = Document.objects.filter(pk=int(value)).only("title").first() if value and value.isdigit() else None
        return [(str(chosen.pk), str(chosen))] if chosen else []

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        return queryset.filter(document_id=int(value)) if value.isdigit() and len(value) < 19 else queryset.none()


def _marked(entries, editors: set[int]):
    """Names with where each came from: the editor's, or a suggestion to review."""
    return format_html_join(", ", '<span class="{}">{}</span>{}', (
        ("decided" if e.pk in editors else "suggested", e.name, "" if e.pk in editors else " (suggested)")
        for e in entries)) or "—"


def _decision(model, *, accept: bool):
    """The bulk action that accepts (or rejects) a suggested principle or era."""
    what = "principle" if model is Theme else "era"

    @admin.action(description=f"{'Accept' if accept else 'Reject'} a suggested {what} on selected passages",
                  permissions=["change"])
    def action(self, request, queryset):
        return self._decide(request, queryset, model=model, accept=accept)

    return action


@admin.register(Section)
class PassageAdmin(BulkActionsMixin, admin.ModelAdmin):
    list_display = ["passage", "document_link", "principles", "eras"]
    list_display_links = None
    list_filter = [PassagePrincipleFilter, PassageEraFilter, DecidedFilter, PassagePublicationFilter, DocumentFilter]
    search_fields = ["text", "speaker", "document__title"]
    search_help_text = "The passage's words or speaker, or its document's title."
    list_per_page = 50
    show_full_result_count = False
    actions = ["accept_principle", "reject_principle", "accept_era", "reject_era"]
    ordering = ["document", "position"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document").only(
            "pk", "position", "anchor", "text", "kind", "speaker", "document__title", "document__slug",
            "document__status", "document__published_at",
        ).prefetch_related(
            Prefetch("themes", Theme.objects.only("pk", "name")), Prefetch("periods", Period.objects.only("pk", "name")),
            Prefetch("editor_themes", Theme.objects.only("pk")), Prefetch("editor_periods", Period.objects.only("pk")),
        )

    def has_add_permission(self, request):
        return False  # a passage is added in its document's form

    def has_delete_permission(self, request, obj=None):
        # A passage goes with its document: deleting a document may take its passages.
        return self.admin_site._registry[Document].has_delete_permission(request)

    def get_urls(self):
        # Only the list: a passage is changed in its document's form, and goes with it.
        return [path("", self.admin_site.admin_view(self.changelist_view), name="documents_section_changelist")]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="Passage")
    def passage(self, section):
        speaker = f"{section.speaker}: " if section.speaker else ""
        return f"§{section.position} {speaker}{Truncator(section.text).chars(EXCERPT_CHARS)}"

    @admin.display(description="Document", ordering="document__title")
    def document_link(self, section):
        url = reverse("admin:documents_document_change", args=[section.document_id])
        return format_html('<a href="{}#{}">{}</a>', url, section.anchor, section.document.title)

    @admin.display(description="Principles")
    def principles(self, section):
        return _marked(section.themes.all(), {t.pk for t in section.editor_themes.all()})

    @admin.display(description="Eras")
    def eras(self, section):
        return _marked(section.periods.all(), {p.pk for p in section.editor_periods.all()})

    # Actions

    def _decide(self, request, queryset, *, model, accept: bool):
        sections = Section.objects.filter(pk__in=queryset.values("pk"))
        what, kind = model._meta.verbose_name, "principle" if model is Theme else "era"
        links, column = (Section.themes.through, "theme_id") if model is Theme else (Section.periods.through, "period_id")
        shown = model.objects.filter(Exists(links.objects.filter(section_id__in=sections.values("pk"),
                                                                 **{column: OuterRef("pk")})))
        verb = "accept" if accept else "reject"

        def apply(documents, data):
            target = data["target"]
            changed = decide_suggestion(sections=sections, target=target, accept=accept)
            done = "Accepted" if accept else "Rejected"
            return (changed, f"{done} the {what} “{target.name}” on selected passages.",
                    ngettext("%(done)s “%(name)s” on the passages of %(n)d document.",
                             "%(done)s “%(name)s” on the passages of %(n)d documents.", len(changed))
                    % {"done": done, "name": target.name, "n": len(changed)})

        form = SuggestionForm(self._asked(request), queryset=shown.order_by("order", "pk"), label=what.capitalize())
        documents = Document.objects.filter(pk__in=sections.values("document_id"))
        intro = (f"The selected passages that show this {what} keep it as your decision:" if accept else
                 f"The selected passages that show this {what} lose it, and re-classification and re-import "
                 "will not bring it back:")
        return self._form_action(request, queryset, form, apply, documents=documents,
                                 action=f"{verb}_{kind}",
                                 title=f"{verb.capitalize()} a suggested {what}", intro=intro,
                                 submit=f"{verb.capitalize()} the {what}")

    accept_principle = _decision(Theme, accept=True)
    reject_principle = _decision(Theme, accept=False)
    accept_era = _decision(Period, accept=True)
    reject_era = _decision(Period, accept=False)
