"""The editors' forms: the document and passage forms, the principle, era and tag forms with
the fields they share (languages, match rules, tag names), and the pages in between (choosing a
tag, a principle or an era for a bulk action, merging tags, uploading files)."""

from __future__ import annotations

import re

from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from ..choices import Status
from ..importing.classifying import validate_rule
from ..models import Document, ImportRun, Period, Section, Theme

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


# --------------------------------------------------------------------------- fields


class ListTextField(forms.CharField):
    """A list of strings edited as text: one per line, or separated by ``separator``."""

    separator = "\n"

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return self.separator.join(str(v) for v in value)
        return value

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        text = super().to_python(value) or ""
        parts = text.splitlines() if self.separator == "\n" else text.split(self.separator.strip())
        items = []
        for part in parts:
            part = part.strip()
            if part and part not in items:
                items.append(part)
        return items

    def has_changed(self, initial, data):
        return list(initial or []) != self.to_python(data)


class LanguagesField(ListTextField):
    separator = ", "

    def validate(self, value):
        super().validate(value)
        bad = [code for code in value if not LANGUAGE_CODE.match(code)]
        if bad:
            raise ValidationError("Not a language code: %(codes)s. Use codes such as en, zh, fr.",
                                  params={"codes": ", ".join(bad)})


class RulesField(ListTextField):
    """Match rules: one phrase per line; a line starting with "re:" is a regular expression,
    run by RE2 (a rule RE2 cannot run is refused, saying which construct and why)."""

    widget = forms.Textarea(attrs={"rows": 6})

    def validate(self, value):
        super().validate(value)
        errors = []
        for rule in value:
            try:
                validate_rule(rule)  # the importer's own reading of a rule
            except ValueError as exc:
                errors.append(ValidationError("“%(rule)s”: %(error)s.", params={"rule": rule, "error": exc}))
        if errors:
            raise ValidationError(errors)


class TagNamesWidget(AutocompleteSelectMultiple):
    """Select2 with free entry: existing tags are suggested as you type, new ones can be added.

    Options carry tag names (not ids), so a new tag named "1955" is never read as an id.
    """

    def get_url(self):
        return reverse(f"{self.admin_site.name}:taggit_tag_names")

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-tags"] = "true"
        attrs["data-token-separators"] = '[","]'
        return attrs

    def optgroups(self, name, value, attr=None):
        options = [self.create_option(name, v, v, True, i) for i, v in enumerate(value) if v]
        return [(None, options, 0)]


class TagNamesField(forms.Field):
    """A document's tags as a list of names; unknown names become new tags when saved."""

    def prepare_value(self, value):
        return [t.name if isinstance(t, Tag) else str(t) for t in (value or [])]

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = value.split(",")
        names, seen = [], set()
        for item in value:
            name = " ".join((item.name if isinstance(item, Tag) else str(item)).replace(",", " ").split())
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        return names

    def validate(self, value):
        super().validate(value)
        too_long = [n for n in value if len(n) > 100]
        if too_long:
            raise ValidationError("A tag has at most 100 characters: %(names)s.",
                                  params={"names": ", ".join(too_long)})

    def has_changed(self, initial, data):
        def key(names):
            return sorted(n.casefold() for n in self.to_python(names))

        return key(initial) != key(data)


# --------------------------------------------------------------------------- model forms


class DocumentAdminForm(forms.ModelForm):
    languages = LanguagesField(required=False, help_text='Language codes, main language first, e.g. "en, zh".')
    source_url = forms.URLField(
        label="Source URL", max_length=1000, required=False, assume_scheme="https",
        help_text=Document._meta.get_field("source_url").help_text,
    )

    class Meta:
        model = Document
        fields = "__all__"
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.PUBLISHED and not cleaned.get("published_at"):
            cleaned["published_at"] = timezone.now()
        return cleaned


TEXT_COLUMNS = 90
TEXT_ROWS = (4, 30)  # fewest and most rows of a passage's textarea


class SectionInlineForm(forms.ModelForm):
    confirm = forms.BooleanField(
        required=False, label="Confirm principles and eras",
        help_text="Make this passage's principles and eras your decision: re-classification will keep them.",
    )

    class Meta:
        model = Section
        fields = ["position", "kind", "speaker", "text", "themes", "periods"]
        labels = {"themes": "Principles", "periods": "Eras"}
        widgets = {"text": forms.Textarea(attrs={"rows": TEXT_ROWS[0], "cols": TEXT_COLUMNS})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Tall enough for the passage's text (a textarea in an attribute, as the CSP forbids styles).
        text = self.instance.text if self.instance.pk else ""
        widget = self.fields["text"].widget
        widget.attrs = {**widget.attrs, "rows": passage_rows(text)}


def passage_rows(text: str) -> int:
    """Rows for a passage's textarea: its lines at ``TEXT_COLUMNS`` characters, and one to spare."""
    lines = sum(-(-len(line) // TEXT_COLUMNS) or 1 for line in text.splitlines()) if text else 0
    return max(TEXT_ROWS[0], min(TEXT_ROWS[1], lines + 1))


class ThemeAdminForm(forms.ModelForm):
    rules = RulesField(
        required=False,
        help_text='One phrase per line, e.g. "peaceful coexistence", "和平共处", "seek* hegemony" '
        '(* is the rest of a word); a line starting with "re:" is a regular expression. '
        "The importer suggests this principle for passages that match; editors have the last word.",
    )

    class Meta:
        model = Theme
        fields = "__all__"

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        node = parent
        while node is not None and self.instance.pk:
            if node.pk == self.instance.pk:
                raise ValidationError("A principle cannot be placed under itself or one of its own members.")
            node = node.parent
        return parent


class PeriodAdminForm(forms.ModelForm):
    cues = RulesField(
        required=False,
        help_text='Phrases that name this era in a text, one per line ("after the end of the Cold War", '
        '"改革开放", "reform* and opening"; * is the rest of a word); a line starting with "re:" is a '
        "regular expression.",
    )

    class Meta:
        model = Period
        fields = "__all__"


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = Tag.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if clash is not None:
            raise ValidationError(
                "The tag “%(name)s” already exists; merge the two tags instead (select both in the list).",
                params={"name": clash.name},
            )
        return name


# --------------------------------------------------------------------------- pages between


class TagNameForm(forms.Form):
    name = forms.CharField(max_length=100, label="Tag", help_text="An existing tag (in any letter case) or a new one.")


class RemoveTagForm(forms.Form):
    tag = forms.ModelChoiceField(queryset=Tag.objects.none(), label="Tag")

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].queryset = tags


class ThemeChoiceForm(forms.Form):
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.select_related("parent"), label="Principle",
        help_text="Every passage of the selected documents gets it, as your decision.",
    )


class PeriodChoiceForm(forms.Form):
    period = forms.ModelChoiceField(
        queryset=Period.objects.all(), label="Era",
        help_text="Every passage of the selected documents speaks about it, as your decision.",
    )
    issued_in = forms.BooleanField(required=False, label="Also the era the documents were issued in")


class SuggestionForm(forms.Form):
    """The principle or era to accept or reject: one of those the selected passages show."""

    target = forms.ModelChoiceField(queryset=Theme.objects.none())

    def __init__(self, *args, queryset, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = queryset
        self.fields["target"].label = label
        self.fields["target"].help_text = "Only those that the selected passages show are offered."


class MergeTagsForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Tag.objects.none(), label="Keep", widget=forms.RadioSelect,
        help_text="The other tags are merged into this one; their addresses will lead to it.",
    )
    name = forms.CharField(max_length=100, required=False, label="Rename it to",
                           help_text="Optional: a new name for the tag you keep.")

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = tags

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = Tag.objects.filter(name__iexact=name).exclude(pk__in=self.fields["survivor"].queryset).first()
        if name and clash is not None:
            raise ValidationError("Another tag is named “%(name)s”; select it too to merge it as well.",
                                  params={"name": clash.name})
        return name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ImportUploadForm(forms.Form):
    files = forms.Field(
        required=False, widget=MultipleFileInput(attrs={"accept": ".txt,.text,.md,.markdown,.html,.htm,.xhtml"}),
        help_text="Text, Markdown or HTML files; choose several at once if you like.",
    )
    publish = forms.BooleanField(required=False, help_text="Publish new documents at once (otherwise drafts).")
    dry_run = forms.BooleanField(required=False, label="Dry run", help_text="Show what would happen; save nothing.")

    def clean_files(self):
        return self.files.getlist(self.add_prefix("files"))


class KeptRunForm(forms.Form):
    """ "Import these": the dry run (of this editor's, ``runs``) whose kept files to import."""

    run = forms.ModelChoiceField(queryset=ImportRun.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, runs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = runs.filter(dry_run=True).only("pk", "publish")
