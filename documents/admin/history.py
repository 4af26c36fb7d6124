"""A document's history (django-reversion) and the differences between two of its versions.

A version of a document holds the document, its passages and its tag links, as they were
saved together. The comparison is worded for editors: fields that changed, passages added,
removed or changed (with the words that differ), tags and principles added or removed.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from ..choices import SectionKind
from ..models import Document, DocumentTag, Period, Section, Theme

COMPARED_FIELDS = ("title", "slug", "doc_type", "source", "source_url", "issued_on", "date_precision",
                   "languages", "summary", "status", "published_at", "issued_in_id")
TOKENS = re.compile(r"\s+|[^\s]+")


def document_versions(document_id: int) -> list[Version]:
    """The document's versions, newest first."""
    return list(
        Version.objects.get_for_object_reference(Document, document_id)
        .select_related("revision", "revision__user").order_by("-pk")
    )


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """``[("same"|"removed"|"added", text), ...]``: the words that differ, in reading order."""
    a, b = TOKENS.findall(before or ""), TOKENS.findall(after or "")
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("added", "".join(b[j1:j2])))
    return segments


@dataclass
class FieldChange:
    label: str
    before: str
    after: str
    words: list[tuple[str, str]] = field(default_factory=list)  # for long text


@dataclass
class PassageDiff:
    status: str  # added | removed | changed
    position: int
    label: str  # "§3 (paragraph)"
    fields: list[FieldChange] = field(default_factory=list)
    words: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""


@dataclass
class Comparison:
    fields: list[FieldChange] = field(default_factory=list)
    tags_added: list[str] = field(default_factory=list)
    tags_removed: list[str] = field(default_factory=list)
    passages: list[PassageDiff] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.fields or self.tags_added or self.tags_removed or self.passages)


def _display(name: str, value, names: dict) -> str:
    if value in (None, "", []):
        return "—"
    if name == "issued_in_id":
        return names["periods"].get(value, f"era #{value}")
    if name == "doc_type":
        return str(dict(Document._meta.get_field("doc_type").choices).get(value, value))
    if name == "languages":
        return ", ".join(value)
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return str(value)


def _related(revision, model, **match) -> list[dict]:
    content_type = ContentType.objects.get_for_model(model)
    rows = []
    for version in revision.version_set.filter(content_type=content_type):
        data = dict(version.field_dict, pk=int(version.object_id))
        if all(data.get(k) == v for k, v in match.items()):
            rows.append(data)
    return rows


def _names_of(ids, names: dict) -> list[str]:
    return sorted(names.get(pk, f"#{pk}") for pk in ids)


def compare(*, older: Version, newer: Version, document_id: int) -> Comparison:
    names = {"periods": dict(Period.objects.values_list("pk", "name")),
             "themes": dict(Theme.objects.values_list("pk", "name"))}
    result = Comparison()
    a, b = older.field_dict, newer.field_dict
    for name in COMPARED_FIELDS:
        if a.get(name) == b.get(name):
            continue
        # Compared as shown: a time saved with seconds (the publish action) and again without
        # (the form) is the same minute to the editor, not a change.
        before, after = _display(name, a.get(name), names), _display(name, b.get(name), names)
        if before == after:
            continue
        label = Document._meta.get_field(name.removesuffix("_id")).verbose_name
        words = word_diff(before, after) if name in ("summary", "title") else []
        result.fields.append(FieldChange(label=str(label), before=before, after=after, words=words))
    for kind, label in (("themes", "principles"), ("periods", "eras spoken about")):
        old, new = set(a.get(kind) or []), set(b.get(kind) or [])
        if old != new:
            result.fields.append(FieldChange(label=label, before=", ".join(_names_of(old, names[kind])) or "—",
                                             after=", ".join(_names_of(new, names[kind])) or "—"))

    # Versions saved before migration 0008 held taggit's links; it made them DocumentTag versions.
    old_tags = {r["tag_id"] for r in _related(older.revision, DocumentTag, content_object_id=document_id)}
    new_tags = {r["tag_id"] for r in _related(newer.revision, DocumentTag, content_object_id=document_id)}
    tag_names = dict(Tag.objects.filter(pk__in=old_tags | new_tags).values_list("pk", "name"))
    result.tags_added = _names_of(new_tags - old_tags, tag_names)
    result.tags_removed = _names_of(old_tags - new_tags, tag_names)

    old_sections = {r["pk"]: r for r in _related(older.revision, Section, document_id=document_id)}
    new_sections = {r["pk"]: r for r in _related(newer.revision, Section, document_id=document_id)}
    kinds = dict(SectionKind.choices)
    for pk in sorted(old_sections.keys() | new_sections.keys(),
                     key=lambda k: (new_sections.get(k) or old_sections[k])["position"]):
        before, after = old_sections.get(pk), new_sections.get(pk)
        row = after or before
        label = f"§{row['position']} ({kinds.get(row['kind'], row['kind'])})"
        if before is None:
            result.passages.append(PassageDiff(status="added", position=row["position"], label=label,
                                                 text=after["text"]))
            continue
        if after is None:
            result.passages.append(PassageDiff(status="removed", position=row["position"], label=label,
                                                 text=before["text"]))
            continue
        change = PassageDiff(status="changed", position=row["position"], label=label)
        if before["text"] != after["text"]:
            change.words = word_diff(before["text"], after["text"])
        for name, title in (("position", "position"), ("kind", "kind"), ("speaker", "speaker")):
            if before[name] != after[name]:
                change.fields.append(FieldChange(label=title, before=str(before[name] or "—"),
                                                 after=str(after[name] or "—")))
        for kind, title in (("themes", "principles"), ("periods", "eras")):
            old, new = set(before.get(kind) or []), set(after.get(kind) or [])
            if old != new:
                change.fields.append(FieldChange(label=title, before=", ".join(_names_of(old, names[kind])) or "—",
                                                 after=", ".join(_names_of(new, names[kind])) or "—"))
        if change.words or change.fields:
            result.passages.append(change)
    return result


def missing_references(version: Version) -> list[str]:
    """What ``version``'s revision points at that no longer exists and that the revert would
    not bring back: a deleted tag, principle, era or user. Reverting anyway would write links
    to nothing, which the database refuses when the transaction ends. Named for the editor."""
    versions = list(version.revision.version_set.all())
    restored = {(v.content_type_id, str(v.object_id)) for v in versions}
    wanted: dict[type, set] = {}
    for v in versions:
        for f in v._model._meta.get_fields():
            if not isinstance(f, (models.ForeignKey, models.ManyToManyField)) or f.attname not in v.field_dict:
                continue  # (a TaggableManager's links are the revision's own DocumentTag versions)
            value = v.field_dict[f.attname]
            ids = set(value) if f.many_to_many else {value} if value is not None else set()
            target = ContentType.objects.get_for_model(f.related_model)
            ids = {pk for pk in ids if (target.pk, str(pk)) not in restored}
            if ids:
                wanted.setdefault(f.related_model, set()).update(ids)
    missing = []
    for model, ids in wanted.items():
        gone = len(ids - set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True)))
        if gone:
            missing.append(f"{gone} {model._meta.verbose_name if gone == 1 else model._meta.verbose_name_plural}")
    return missing
