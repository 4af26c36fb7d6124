"""The whole archive as one JSON object, and back.

``export_archive`` writes what ``load_archive`` reads: loading an export into an empty
database reproduces the archive (eras, principles, documents, passages, tags, which
principles and eras each passage has, and the evidence for each: ``documents[].provenance``,
``sections[].evidence``, ``sections[].pairs``). Loading never overwrites what is already there:
an era, principle or document whose slug exists is left as it is and counted as kept. An
export written before provenance existed loads too: its missing keys load as empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.dateparse import parse_date, parse_datetime

from ..choices import EvidenceHow, How
from ..models import Document, PassagePair, Period, Section, Theme
from .classifying import validate_rule
from .parsing import check_document_values

FORMAT_KEYS = {"periods", "themes", "documents"}
CHUNK = 500


def _period(p: Period) -> dict:
    return {"slug": p.slug, "name": p.name, "start_year": p.start_year, "end_year": p.end_year,
            "summary": p.summary, "cues": p.cues, "order": p.order}


def _theme(t: Theme) -> dict:
    return {"slug": t.slug, "name": t.name, "parent": t.parent.slug if t.parent else None,
            "description": t.description, "rules": t.rules, "order": t.order}


def _document(d: Document) -> dict:
    return {
        "slug": d.slug,
        "title": d.title,
        "date": d.issued_on.isoformat() if d.issued_on else None,
        "date_precision": d.date_precision,
        "type": d.doc_type,
        "source": d.source,
        "issuer": d.issuer,
        "outlet": d.source,
        "posted_on": d.posted_on.isoformat() if d.posted_on else None,
        "provenance": d.provenance,
        "source_url": d.source_url,
        "languages": d.languages,
        "status": d.status,
        "published_at": d.published_at.isoformat() if d.published_at else None,
        "summary": d.summary,
        "tags": sorted(t.name for t in d.tags.all()),
        "themes": sorted(t.slug for t in d.themes.all()),
        "issued_in": d.issued_in.slug if d.issued_in else None,
        "periods": sorted(p.slug for p in d.periods.all()),
        "import_key": d.import_key,
        "raw_text": d.raw_text,
        "removed_text": d.removed_text,
        "content_hash": d.content_hash,
        "imported_values": d.imported_values,
        "sections": [
            {
                "position": s.position,
                "kind": s.kind,
                "speaker": s.speaker,
                "text": s.text,
                "anchor": s.anchor,
                "themes": sorted(t.slug for t in s.themes.all()),
                "periods": sorted(p.slug for p in s.periods.all()),
                "evidence": s.evidence,
                "pairs": sorted([pair.theme.slug, pair.period.slug] for pair in s.pairs.all()),
            }
            for s in d.sections.all()
        ],
    }


def export_archive(*, out: TextIO, documents: QuerySet[Document] | None = None) -> int:
    """Write the archive as one JSON object to ``out``, a chunk of documents at a time.

    ``documents``: those to write (default: every document, drafts included). Returns the
    number of documents written.
    """
    count = 0
    for text, documents_in_it in _export_parts(documents, chunk_size=CHUNK):
        out.write(text)
        count += documents_in_it
    return count


def iter_archive(*, documents: QuerySet[Document], chunk_size: int = CHUNK) -> Iterator[str]:
    """What ``export_archive`` writes, as pieces of text, for a streamed answer (``/api/export.json``
    passes ``Document.objects.published()``): ``chunk_size`` documents are in memory at a time."""
    return (text for text, _ in _export_parts(documents, chunk_size=chunk_size))


def _export_parts(documents: QuerySet[Document] | None, *, chunk_size: int) -> Iterator[tuple[str, int]]:
    """(text, documents in it) pieces of the export, in order."""
    yield '{"periods": ' + json.dumps([_period(p) for p in Period.objects.all()], ensure_ascii=False), 0
    themes = [_theme(t) for t in Theme.objects.select_related("parent")]
    yield ', "themes": ' + json.dumps(themes, ensure_ascii=False) + ', "documents": [', 0
    documents = (
        (Document.objects.all() if documents is None else documents).order_by("pk")
        .select_related("issued_in")
        .prefetch_related(
            "tags", "themes", "periods",
            Prefetch("sections", queryset=Section.objects.order_by("position").prefetch_related(
                "themes", "periods", Prefetch("pairs", queryset=PassagePair.objects.select_related("theme", "period")))),
        )
    )
    for count, document in enumerate(documents.iterator(chunk_size=chunk_size)):
        yield (",\n" if count else "\n") + json.dumps(_document(document), ensure_ascii=False), 1
    yield "\n]}\n", 0


def is_archive_export(path: Path) -> bool:
    """Whether ``path`` is a JSON file written by ``export_archive``."""
    if not path.is_file() or path.suffix.lower() != ".json":
        return False
    with path.open("rb") as f:
        return f.read(64).lstrip().startswith(b'{"periods"')


def load_archive(*, path: Path, dry_run: bool = False) -> str:
    """Load an export in one transaction; returns a one-line report."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not FORMAT_KEYS <= data.keys():
        raise ValueError(f"{path}: not an archive export (needs {', '.join(sorted(FORMAT_KEYS))})")
    with transaction.atomic():
        periods = _load_periods(data["periods"])
        themes = _load_themes(data["themes"])
        created = kept = 0
        for row in data["documents"]:
            if Document.objects.filter(slug=row["slug"]).exists():
                kept += 1
                continue
            _load_document(row, periods=periods, themes=themes)
            created += 1
        if dry_run:
            transaction.set_rollback(True)
    prefix = "dry run, nothing written: " if dry_run else ""
    return f"{prefix}{created} documents created, {kept} kept as they were"


def _checked_rules(row: dict, key: str, kind: str) -> list[str]:
    """The row's match rules, each checked as the admin and the taxonomy file check it
    (``validate_rule``); ``ValueError`` naming the era or principle and the rule."""
    rules = row.get(key, [])
    if not isinstance(rules, list):
        raise ValueError(f"{kind} {row.get('slug')!r}: {key!r} must be a list of rules")
    for rule in rules:
        try:
            validate_rule(rule)
        except ValueError as exc:
            raise ValueError(f"{kind} {row.get('slug')!r}: rule {rule!r}: {exc}") from None
    return rules


def _load_periods(rows: list[dict]) -> dict[str, Period]:
    for row in rows:
        Period.objects.get_or_create(slug=row["slug"], defaults={
            "name": row["name"], "start_year": row["start_year"], "end_year": row["end_year"],
            "summary": row.get("summary", ""), "cues": _checked_rules(row, "cues", "era"),
            "order": row.get("order", 0),
        })
    return {p.slug: p for p in Period.objects.all()}


def _load_themes(rows: list[dict]) -> dict[str, Theme]:
    for row in rows:
        Theme.objects.get_or_create(slug=row["slug"], defaults={
            "name": row["name"], "description": row.get("description", ""),
            "rules": _checked_rules(row, "rules", "principle"), "order": row.get("order", 0),
        })
    themes = {t.slug: t for t in Theme.objects.all()}
    for row in rows:
        theme = themes[row["slug"]]
        if row.get("parent") and theme.parent_id is None:
            theme.parent = themes[row["parent"]]
            theme.save(update_fields=["parent"])
    return themes


# A document row's fields under the names front matter gives them: both are checked alike.
_CHECKED_FIELDS = {"slug": "slug", "title": "title", "date": "date", "date_precision": "date_precision",
                   "type": "type", "source": "source", "issuer": "issuer", "url": "source_url", "languages": "languages",
                   "tags": "tags", "themes": "themes", "periods": "periods", "summary": "summary",
                   "status": "status"}


def _checked(row: dict) -> dict:
    """The row's document values, checked as an imported file's front matter is (types, lengths,
    http(s) links only); ``ImportRejected`` (a ``ValueError``) naming the document and the key."""
    slug = str(row.get("slug"))
    label = f"document {slug if len(slug) <= 60 else slug[:59] + '…'!r}"
    return check_document_values({key: row.get(field) for key, field in _CHECKED_FIELDS.items()},
                                 name=label, what="")


def _load_document(row: dict, *, periods: dict[str, Period], themes: dict[str, Theme]) -> None:
    checked = _checked(row)
    cap = settings.POLICYARCHIVE_MAX_PASSAGE_CHARS
    for s in row["sections"]:
        if not isinstance(s.get("text"), str) or len(s["text"]) > cap:
            raise ValueError(f"document {row['slug']!r}: passage {s.get('position')!r}: the text must be at most "
                             f"{cap} characters (POLICYARCHIVE_MAX_PASSAGE_CHARS), as an import splits it")
    document = Document.objects.create(
        slug=row["slug"], title=row["title"], doc_type=row["type"], source=row.get("outlet", row["source"]),
        issuer=checked.get("issuer", ""), posted_on=parse_date(row["posted_on"]) if row.get("posted_on") else None,
        provenance=_provenance(row),
        source_url=checked.get("url", ""), issued_on=parse_date(row["date"]) if row["date"] else None,
        date_precision=row["date_precision"], languages=row["languages"], status=row["status"],
        published_at=parse_datetime(row["published_at"]) if row.get("published_at") else None,
        summary=row.get("summary", ""), import_key=row.get("import_key"),
        raw_text=row.get("raw_text", ""), removed_text=row.get("removed_text", []),
        content_hash=row.get("content_hash", ""), imported_values=row.get("imported_values", {}),
        issued_in=periods.get(row["issued_in"]) if row["issued_in"] else None,
    )
    if checked.get("tags"):
        document.tags.add(*checked["tags"])
    document.themes.set([themes[s] for s in row["themes"]])
    document.periods.set([periods[s] for s in row["periods"]])
    sections = Section.objects.bulk_create([
        Section(document=document, position=s["position"], kind=s["kind"], speaker=s["speaker"],
                text=s["text"], anchor=s["anchor"], evidence=_evidence(s, row["slug"]))
        for s in row["sections"]
    ])
    Section.themes.through.objects.bulk_create([
        Section.themes.through(section_id=section.pk, theme_id=themes[slug].pk)
        for section, s in zip(sections, row["sections"]) for slug in s["themes"]
    ])
    Section.periods.through.objects.bulk_create([
        Section.periods.through(section_id=section.pk, period_id=periods[slug].pk)
        for section, s in zip(sections, row["sections"]) for slug in s["periods"]
    ])
    PassagePair.objects.bulk_create([
        PassagePair(section_id=section.pk, theme_id=themes[theme].pk, period_id=periods[period].pk)
        for section, s in zip(sections, row["sections"]) for theme, period in _pairs(s, row["slug"])
    ])


# Bounds on the evidence one row may carry; larger is refused, never truncated. The importer
# keeps each a fraction of these (a rule's words, a source line, one item per match).
MAX_PROVENANCE_FIELDS = 20
MAX_EVIDENCE_CHARS = 2000
MAX_EVIDENCE_ITEMS = 1000  # per passage; as many pairs


def _words(item: dict, key: str) -> bool:
    return isinstance(item.get(key, ""), str) and len(item.get(key, "")) <= MAX_EVIDENCE_CHARS


def _provenance(row: dict) -> dict:
    """``documents[].provenance``: ``{field: {"how": ..., "evidence": ...}}``, checked."""
    value = row.get("provenance") or {}
    if not isinstance(value, dict) or len(value) > MAX_PROVENANCE_FIELDS or not all(
            isinstance(item, dict) and item.get("how") in How.values and _words(item, "evidence")
            for item in value.values()):
        raise ValueError(f"document {row['slug']!r}: provenance must map fields to "
                         f'{{"how": one of {", ".join(How.values)}, "evidence": "<the words>"}}, '
                         f"at most {MAX_PROVENANCE_FIELDS} fields of {MAX_EVIDENCE_CHARS} characters")
    return value


def _evidence(section: dict, slug: str) -> list[dict]:
    """``sections[].evidence``: a list of ``{"kind", "slug", "how", "text"}``, checked."""
    value = section.get("evidence") or []
    if not isinstance(value, list) or len(value) > MAX_EVIDENCE_ITEMS or not all(
            isinstance(item, dict) and item.get("kind") in ("theme", "period")
            and item.get("how") in EvidenceHow.values and isinstance(item.get("slug"), str)
            and _words(item, "text") for item in value):
        raise ValueError(f"document {slug!r}: passage {section.get('position')!r}: evidence must be a list of at "
                         f'most {MAX_EVIDENCE_ITEMS} {{"kind": "theme" | "period", "slug", "how": "rule" | "editor", '
                         f'"text": at most {MAX_EVIDENCE_CHARS} characters}}')
    return value


def _pairs(section: dict, slug: str) -> list[tuple[str, str]]:
    """``sections[].pairs``: ``[theme_slug, period_slug]`` items, each of the passage's own."""
    value = section.get("pairs") or []
    own_themes, own_periods = set(section["themes"]), set(section["periods"])
    if not isinstance(value, list) or len(value) > MAX_EVIDENCE_ITEMS or not all(
            isinstance(item, list) and len(item) == 2 and item[0] in own_themes and item[1] in own_periods
            for item in value):
        raise ValueError(f"document {slug!r}: passage {section.get('position')!r}: pairs must be "
                         "[principle, era] items of the passage's own principles and eras")
    return [tuple(item) for item in value]
