"""The readers' GET parameters, cleaned once for every reader page (``ArchiveFilterForm``).

The editors' forms are in ``documents/admin/forms.py``.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from taggit.models import Tag

from .choices import DocumentType, MatrixBy, Sort
from .models import Period, Theme
from .taxonomy import TaxonomyTree


MAX_VALUE_LENGTH = 300  # longer values are refused before they reach the database
MALFORMED = "value too long or malformed"
YEAR_MIN, YEAR_MAX = 1, 9999
UNDATED = "none"  # ``issued=none`` on a principle's page: the passages of documents of no era


class ReaderParameter(forms.CharField):
    """One GET parameter of a reader page: optional, stripped, at most ``MAX_VALUE_LENGTH``
    characters and no NUL (else refused as malformed, before any look-up), then turned by
    ``lookup`` into the value filtered on; an empty value is no filter (``None``)."""

    default_error_messages = {"max_length": MALFORMED, "null_characters_not_allowed": MALFORMED}

    def __init__(self, *, label: str, **kwargs):
        super().__init__(label=label, required=False, max_length=MAX_VALUE_LENGTH, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        return self.lookup(text) if text else None

    def lookup(self, text: str):
        return text


class EraParameter(ReaderParameter):
    """An era's slug -> the era (``eras`` is the form's taxonomy). With ``undated``, ``none`` too."""

    eras: dict[str, Period] = {}
    undated = False

    def lookup(self, text: str):
        if self.undated and text == UNDATED:
            return UNDATED
        if text not in self.eras:
            raise ValidationError(f"no era “{text}”")
        return self.eras[text]


class PrincipleParameter(ReaderParameter):
    principles: dict[str, Theme] = {}

    def lookup(self, text: str) -> Theme:
        if text not in self.principles:
            raise ValidationError(f"no principle “{text}”")
        return self.principles[text]


class TagParameter(ReaderParameter):
    def lookup(self, text: str) -> Tag:
        tag = Tag.objects.filter(slug=text[:100]).first()
        if tag is None:
            raise ValidationError(f"no tag “{text}”")
        return tag


class ChoiceParameter(ReaderParameter):
    """One of ``choices`` (a TextChoices), else refused with ``refusal`` (formatted with the value)."""

    def __init__(self, *, choices: type[models.TextChoices], refusal: str, **kwargs):
        super().__init__(**kwargs)
        self.choices, self.refusal = choices, refusal

    def lookup(self, text: str) -> str:
        if text not in self.choices.values:
            raise ValidationError(self.refusal.format(text))
        return text


class LanguageParameter(ReaderParameter):
    def lookup(self, text: str) -> str:
        code = text.lower()
        bare = code.replace("-", "")
        if not (2 <= len(code) <= 16 and bare.isascii() and bare.isalnum()):
            raise ValidationError(f"“{text}” is not a language code")
        return code


class YearParameter(ReaderParameter):
    def lookup(self, text: str) -> int:
        if not (text.isascii() and text.isdigit()) or not YEAR_MIN <= int(text) <= YEAR_MAX:
            raise ValidationError(f"“{text}” is not a year")
        return int(text)


class ArchiveFilterForm(forms.Form):
    """The reader pages' GET parameters, defined once: the document list and search (all but
    ``by``), a principle's page (``issued``, with ``none``, and ``about``), the matrix (``by``).

        form = ArchiveFilterForm(request.GET, taxonomy=tree, only=("issued", "about"))
        form.values    # {name: value} of the parameters given and understood (an era, a Tag, a year...)
        form.problems  # [(name, reason)] of those refused, in field order

    A value that is malformed or unknown is refused and said; it never raises and is never an
    error page: each page ignores it. When a parameter is repeated the last value wins (as with
    ``QueryDict.get``). A reversed year range (``from`` after ``to``) is put right.
    """

    era = EraParameter(label="Era")  # issued in the era or speaking about it
    issued = EraParameter(label="Issued in")
    about = EraParameter(label="Speaks about")
    principle = PrincipleParameter(label="Principle")  # a parent includes its members
    tag = TagParameter(label="Tag")
    type = ChoiceParameter(label="Type", choices=DocumentType, refusal="no document type “{}”")
    source = ReaderParameter(label="Source")
    language = LanguageParameter(label="Language")
    year = YearParameter(label="Year")
    locals()["from"] = YearParameter(label="From")  # a keyword: declared through the class namespace
    to = YearParameter(label="To")
    sort = ChoiceParameter(label="Sort", choices=Sort, refusal="cannot sort by “{}”")
    by = ChoiceParameter(label="Count by", choices=MatrixBy, refusal="cannot count by “{}”")

    def __init__(self, data, *, taxonomy: TaxonomyTree, only: tuple[str, ...] | None = None, undated: bool = False):
        super().__init__(data)
        if only is not None:
            self.fields = {name: field for name, field in self.fields.items() if name in only}
        for field in self.fields.values():  # each form has its own copies of the fields
            if isinstance(field, EraParameter):
                field.eras = taxonomy.period_by_slug
            elif isinstance(field, PrincipleParameter):
                field.principles = taxonomy.theme_by_slug
        if "issued" in self.fields:
            self.fields["issued"].undated = undated

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start is not None and end is not None and start > end:
            data["from"], data["to"] = end, start
        return data

    @property
    def values(self) -> dict[str, object]:
        """The parameters given and understood, in field order."""
        self.errors  # noqa: B018  (cleans the form once)
        return {name: value for name, value in self.cleaned_data.items() if value is not None}

    @property
    def problems(self) -> list[tuple[str, str]]:
        """(name, reason) of each refused parameter, in field order."""
        return [(name, str(message)) for name, messages in self.errors.items() for message in messages]

