"""The save stage: the only part of the import pipeline that writes.

One document is written in one transaction. Importer-owned values are compared with
what the last import wrote (``imported_values``): a value that differs from it was
changed by an editor, is kept, and is reported as a conflict.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..choices import How, ImportStatus, Status
from ..decisions import PROVENANCE_FIELDS, editor_decisions, effective, passage_evidence, refresh_document_taxonomy
from ..models import Document, PassagePair, Period, Section, Theme
from .types import Classification, ParsedDocument, ParsedSection, Prepared


@dataclass
class Saved:
    status: ImportStatus  # created, updated or unchanged
    slug: str
    conflicts: list[str] = field(default_factory=list)


def section_fingerprint(*, anchor: str, kind: str, speaker: str, text: str) -> list[str]:
    return [anchor, kind, speaker, hashlib.sha1(text.encode()).hexdigest()[:12]]


def _anchors(sections: list[ParsedSection]) -> list[str]:
    seen: dict[str, int] = {}
    anchors = []
    for section in sections:
        anchor = Section.anchor_of(section.text)
        seen[anchor] = seen.get(anchor, 0) + 1
        anchors.append(anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}")
    return anchors


def _imported_value(value):
    """The JSON form in which imported values are remembered and compared."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def _document_values(parsed: ParsedDocument) -> dict:
    return {
        "title": parsed.title[:500],
        "doc_type": parsed.doc_type,
        "source": parsed.source[:300],
        "issuer": parsed.issuer[:300],
        "posted_on": parsed.posted_on,
        "source_url": parsed.source_url[:1000],
        "issued_on": parsed.date,
        "date_precision": parsed.date_precision,
        "languages": list(parsed.languages),
        "summary": parsed.summary,
    }


def merge_imported_values(instance, values: dict) -> list[str]:
    """Apply newly imported values unless an editor changed the field since the last import.

    Returns the names of the fields kept because an editor changed them and the import
    brings a different value. ``instance.imported_values`` records what was imported.
    """
    conflicts = []
    last = instance.imported_values or {}
    for name, value in values.items():
        new = _imported_value(value)
        current = _imported_value(getattr(instance, name))
        edited = name in last and current != last[name]
        if edited:
            if current != new:
                conflicts.append(name.removesuffix("_id"))
        else:
            setattr(instance, name, value)
        last[name] = new
    instance.imported_values = last
    return conflicts


def unique_slug(base: str, *, taken) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever ``taken(slug)`` says is free."""
    base = base[:190].strip("-") or "document"
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


def _new_slug(parsed: ParsedDocument, key: str) -> str:
    base = parsed.slug or slugify(parsed.title) or slugify(key)
    return unique_slug(base, taken=lambda s: Document.objects.filter(slug=s).exists())


def _write_sections(document: Document, parsed: ParsedDocument, classification: Classification,
                    theme_ids: dict[str, int], period_ids: dict[str, int], *, created: bool) -> tuple[set[int], set[int]]:
    """Replace the document's sections, keeping rows (and editors' decisions) whose text is unchanged.

    Returns the principles and eras of all its passages.
    """
    anchors = _anchors(parsed.sections)
    old = {} if created else {s.anchor: s for s in document.sections.all()}
    keep = [old[a] for a in anchors if a in old]
    stale = [s.pk for a, s in old.items() if a not in set(anchors)]
    if stale:
        Section.objects.filter(pk__in=stale).delete()
    if keep:
        # Move kept rows out of the way so new positions never collide mid-update.
        for s in keep:
            s.position += 1_000_000
        Section.objects.bulk_update(keep, ["position"])

    rows, created = [], []
    for position, (anchor, ps) in enumerate(zip(anchors, parsed.sections), start=1):
        if anchor in old:
            row = old[anchor]
            row.position, row.kind, row.speaker = position, ps.kind, ps.speaker[:200]
        else:
            row = Section(document=document, position=position, kind=ps.kind,
                          speaker=ps.speaker[:200], text=ps.text, anchor=anchor)
            created.append(row)
        rows.append(row)
    if keep:
        Section.objects.bulk_update(keep, ["position", "kind", "speaker"])
    Section.objects.bulk_create(created)

    decisions = editor_decisions(section_ids=[r.pk for r in keep])
    theme_links, period_links, pair_rows = [], [], []
    evidence = classification.section_evidence or [[] for _ in rows]
    pairs = classification.section_pairs or [set() for _ in rows]
    theme_slugs = {pk: slug for slug, pk in theme_ids.items()}
    period_slugs = {pk: slug for slug, pk in period_ids.items()}
    for row, auto_themes, auto_periods, found, supported in zip(
            rows, classification.section_themes, classification.section_periods, evidence, pairs):
        d = decisions.get(row.pk, {})
        themes = effective(suggested={theme_ids[t] for t in auto_themes if t in theme_ids},
                           editor=d.get("editor_themes", set()), rejected=d.get("rejected_themes", set()))
        periods = effective(suggested={period_ids[p] for p in auto_periods if p in period_ids},
                            editor=d.get("editor_periods", set()), rejected=d.get("rejected_periods", set()))
        theme_links += [Section.themes.through(section_id=row.pk, theme_id=t) for t in themes]
        period_links += [Section.periods.through(section_id=row.pk, period_id=p) for p in periods]
        row.evidence = passage_evidence(
            found, themes={theme_slugs[t] for t in themes}, periods={period_slugs[p] for p in periods},
            editor_themes={theme_slugs[t] for t in d.get("editor_themes", set()) if t in theme_slugs},
            editor_periods={period_slugs[p] for p in d.get("editor_periods", set()) if p in period_slugs})
        pair_rows += [PassagePair(section_id=row.pk, theme_id=theme_ids[t], period_id=period_ids[p])
                      for t, p in sorted(supported) if theme_ids.get(t) in themes and period_ids.get(p) in periods]
    Section.objects.bulk_update(rows, ["evidence"])
    if keep:
        Section.themes.through.objects.filter(section_id__in=[r.pk for r in keep]).delete()
        Section.periods.through.objects.filter(section_id__in=[r.pk for r in keep]).delete()
        PassagePair.objects.filter(section_id__in=[r.pk for r in keep]).delete()
    Section.themes.through.objects.bulk_create(theme_links)
    Section.periods.through.objects.bulk_create(period_links)
    PassagePair.objects.bulk_create(pair_rows)
    return {link.theme_id for link in theme_links}, {link.period_id for link in period_links}


def document_provenance(parsed: ParsedDocument, classification: Classification, *, previous: dict,
                        kept: list[str]) -> dict:
    """The document's provenance after an import: what the parser and the classifier found,
    but an editor's word ("how": "editor") and the fields an editor changed (``kept``) stay."""
    found = dict(parsed.provenance)
    if classification.issued_in_provenance:
        issued_in = dict(classification.issued_in_provenance)
        if parsed.date is not None and "date" in found:
            issued_in["how"] = found["date"]["how"]  # the era of the date: as sure as the date
        found["issued_in"] = issued_in
    kept_fields = {PROVENANCE_FIELDS.get(name, name) for name in kept}
    for field_name, value in (previous or {}).items():
        if value.get("how") == How.EDITOR or field_name in kept_fields:
            found[field_name] = value
    return found


def save_document(
    *,
    prepared: Prepared,
    publish: bool,
    dry_run: bool = False,
    imported_by: str,
    theme_ids: dict[str, int],
    period_ids: dict[str, int],
) -> Saved:
    """Create or update one document with its passages, in one transaction.

    With ``dry_run`` everything is done and then rolled back, so the report is the real one.
    """
    parsed, classification, source = prepared.parsed, prepared.classification, prepared.source
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(import_key=source.key).first()
        if document is not None and document.content_hash == source.content_hash:
            return Saved(status=ImportStatus.UNCHANGED, slug=document.slug)

        created = document is None
        if created:
            document = Document(import_key=source.key, slug=_new_slug(parsed, source.key))
            status = parsed.status or (Status.PUBLISHED if publish else Status.DRAFT)
            document.status = status
            if status == Status.PUBLISHED:
                document.published_at = timezone.now()

        values = _document_values(parsed)
        values["issued_in_id"] = period_ids.get(classification.issued_in) if classification.issued_in else None
        conflicts = merge_imported_values(document, values)
        document.provenance = document_provenance(parsed, classification, previous=document.provenance,
                                                  kept=conflicts)
        fingerprint = [section_fingerprint(anchor=a, kind=s.kind, speaker=s.speaker, text=s.text)
                       for a, s in zip(_anchors(parsed.sections), parsed.sections)]
        sections_edited = False
        if not created:
            current = _sections_fingerprint(document)
            sections_edited = current != document.imported_values.get("sections", current)
        document.imported_values["sections"] = fingerprint
        document.raw_text = source.raw_text
        document.removed_text = source.removed
        document.content_hash = source.content_hash
        document.imported_at = timezone.now()
        document.imported_by = imported_by[:150]
        document.save()

        if sections_edited:
            conflicts.append("sections")
        else:
            themes, periods = _write_sections(document, parsed, classification, theme_ids, period_ids,
                                              created=created)
        if created:
            # A new document's principles and eras are known here: no need to read them back.
            if parsed.themes is not None:
                themes = {theme_ids[slug] for slug in parsed.themes if slug in theme_ids}
            if parsed.periods is not None:
                periods = {period_ids[slug] for slug in parsed.periods if slug in period_ids}
            Document.themes.through.objects.bulk_create(
                [Document.themes.through(document_id=document.pk, theme_id=t) for t in themes])
            Document.periods.through.objects.bulk_create(
                [Document.periods.through(document_id=document.pk, period_id=p) for p in periods])
        else:
            refresh_document_taxonomy(document=document, parsed=parsed)
        if parsed.tags:
            document.tags.add(*parsed.tags)
        if dry_run:
            transaction.set_rollback(True)
        return Saved(status=ImportStatus.CREATED if created else ImportStatus.UPDATED, slug=document.slug,
                     conflicts=conflicts)


def _sections_fingerprint(document: Document) -> list[list[str]]:
    return [section_fingerprint(anchor=a, kind=k, speaker=sp, text=t)
            for a, k, sp, t in document.sections.values_list("anchor", "kind", "speaker", "text")]


@dataclass
class TaxonomyReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)  # "theme hegemonism: name" …

    def __str__(self) -> str:
        line = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        if self.conflicts:
            line += f"; kept editors' changes to {', '.join(self.conflicts)}"
        return line


def save_taxonomy(*, periods: list[dict], themes: list[dict]) -> TaxonomyReport:
    """Create or update eras and principles from the taxonomy file, in one transaction.

    A value an editor changed in the admin is never overwritten; it is reported.
    """
    report = TaxonomyReport()
    with transaction.atomic():
        for row in periods:
            values = {k: row[k] for k in ("name", "start_year", "end_year", "summary", "cues", "order")}
            _upsert(Period, row["slug"], values, report, label="era")
        ids = {}
        for row in sorted(themes, key=lambda r: r.get("parent") is not None):
            values = {k: row[k] for k in ("name", "description", "rules", "order")}
            values["parent_id"] = ids.get(row.get("parent")) or (
                Theme.objects.filter(slug=row["parent"]).values_list("pk", flat=True).first()
                if row.get("parent") else None
            )
            ids[row["slug"]] = _upsert(Theme, row["slug"], values, report, label="principle")
    return report


def _upsert(model, slug: str, values: dict, report: TaxonomyReport, *, label: str) -> int:
    instance = model.objects.filter(slug=slug).first()
    if instance is None:
        instance = model(slug=slug, **values)
        instance.imported_values = {k: _imported_value(v) for k, v in values.items()}
        instance.save()
        report.created += 1
        return instance.pk
    snapshot = lambda: ({k: _imported_value(getattr(instance, k)) for k in values}, dict(instance.imported_values))
    before = snapshot()
    conflicts = merge_imported_values(instance, values)
    report.conflicts += [f"{label} {slug}: {name}" for name in conflicts]
    if snapshot() == before:
        report.unchanged += 1
    else:
        instance.save()
        report.updated += 1
    return instance.pk
