"""A document's passages in its change form: the inline with its form set, the principle and era
autocomplete it reads once per form set, and saving the passages (reordering, new anchors, and
the editor's decisions on principles and eras)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html_join

from ..editing.passages import make_room_for_positions, new_anchor, record_passage_decisions
from ..models import Document, Section
from .forms import SectionInlineForm


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


def save_passages(*, formset: SectionFormSet, document: Document) -> None:
    """Save the passages of a valid form set: moved and deleted passages make room first (so a
    swap of positions can be saved row by row), a new passage gets an anchor from its words, and
    a change of principles or eras (or a confirmation) is recorded as the editor's decision."""
    moving = [f.instance.pk for f in formset.initial_forms
              if f.instance.pk and (f in formset.deleted_forms or "position" in f.changed_data)]
    make_room_for_positions(section_ids=moving)
    instances = formset.save(commit=False)
    for section in formset.deleted_objects:
        section.delete()
    for section in instances:
        if not section.anchor:
            section.anchor = new_anchor(document=document, text=section.text)
        section.save()
    formset.save_m2m()
    for f in formset.forms:
        if f in formset.deleted_forms or not f.instance.pk or not f.has_changed():
            continue
        confirm = f.cleaned_data.get("confirm", False)
        if confirm or {"themes", "periods"} & set(f.changed_data):
            record_passage_decisions(
                section=f.instance,
                themes_before=[t.pk for t in f.initial.get("themes", [])],
                themes_after=[t.pk for t in f.cleaned_data["themes"]],
                periods_before=[p.pk for p in f.initial.get("periods", [])],
                periods_after=[p.pk for p in f.cleaned_data["periods"]],
                confirm=confirm,
            )
