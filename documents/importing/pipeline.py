"""The one entry point for imports: files from the command line and uploads from the admin.

read -> clean -> parse -> classify (``preparing``, no database) -> save (``saving``). Each
file is its own transaction; a file that fails is reported, leaves the database as it was,
and the others still import.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.utils.translation import ngettext

from ..choices import ImportStatus
from ..models import Document, Period, Theme
from .classifying import compile_taxonomy
from .parsing import DEFAULT_MAX_PASSAGE_CHARS
from .preparing import Workers, fingerprint_path, prepare_data, prepare_path
from .saving import save_document
from .types import ImportRejected, PeriodRule, Prepared, TaxonomyRules, ThemeRule

logger = logging.getLogger(__name__)

# Extensions picked up when a folder is imported; a file named explicitly is always tried.
DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"}
BATCH_SIZE = 200
# Below this many files to prepare, starting worker processes costs more than it saves.
WORKERS_FROM = 40


class TaxonomyError(ValueError):
    """An era's cue or a principle's rule, as edited in the admin, cannot be used."""


@dataclass
class ImportResult:
    """What happened to one file; ``as_dict()`` is the ``--json`` report row."""

    path: str
    status: ImportStatus
    slug: str = ""
    errors: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    # What was read from the file ({"title", "date", "type", "issuer", "languages", "principles",
    # "eras", "passages"}), so that a dry run shows what would be saved.
    preview: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)

    def outcome(self, *, dry_run: bool) -> str:
        return outcome(self.status, dry_run=dry_run)


def outcome(status: str, *, dry_run: bool) -> str:
    """ "created", or in a dry run "would be created" (unchanged and failed read the same)."""
    if dry_run and status in (ImportStatus.CREATED, ImportStatus.UPDATED):
        return f"would be {status}"
    return str(status)


@dataclass
class ImportContext:
    """What every file of one run shares: the taxonomy and the run's options."""

    taxonomy: TaxonomyRules
    theme_ids: dict[str, int]
    period_ids: dict[str, int]
    publish: bool = False
    dry_run: bool = False
    imported_by: str = ""
    max_bytes: int = 0
    max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS

    @property
    def compiled(self):
        """The taxonomy's rules compiled for ``classify`` (cached)."""
        return compile_taxonomy(self.taxonomy)

    @classmethod
    def load(cls, *, publish: bool = False, dry_run: bool = False, imported_by: str = "") -> ImportContext:
        periods = list(Period.objects.order_by("start_year", "order"))
        themes = list(Theme.objects.select_related("parent"))
        taxonomy = TaxonomyRules(
            periods=tuple(PeriodRule(slug=p.slug, start_year=p.start_year, end_year=p.end_year,
                                     cues=tuple(p.cues or ())) for p in periods),
            themes=tuple(ThemeRule(slug=t.slug, parent=t.parent.slug if t.parent else None,
                                   rules=tuple(t.rules or ())) for t in themes),
        )
        try:
            compile_taxonomy(taxonomy)
        except ValueError as exc:
            raise TaxonomyError(f"The taxonomy cannot be used for importing: {exc}") from exc
        return cls(
            taxonomy=taxonomy,
            theme_ids={t.slug: t.pk for t in themes},
            period_ids={p.slug: p.pk for p in periods},
            publish=publish,
            dry_run=dry_run,
            imported_by=imported_by,
            max_bytes=settings.POLICYARCHIVE_MAX_IMPORT_BYTES,
            max_passage_chars=settings.POLICYARCHIVE_MAX_PASSAGE_CHARS,
        )


def summarize(results: list[ImportResult], *, dry_run: bool = False) -> str:
    """ "3 created, 1 updated, 0 unchanged, 1 failed"; in a dry run "3 would be created, ..." """
    return summarize_counts(count_outcomes(results), dry_run=dry_run)


def report_line(results: list[ImportResult], *, dry_run: bool = False) -> str:
    """ "2 files: 1 created, 0 updated, 1 unchanged, 0 failed." """
    return ngettext("%(n)d file: %(summary)s.", "%(n)d files: %(summary)s.", len(results)) % {
        "n": len(results), "summary": summarize(results, dry_run=dry_run)}


def count_outcomes(results: Iterable[ImportResult]) -> dict[str, int]:
    counts = dict.fromkeys(ImportStatus.values, 0)
    for result in results:
        counts[result.status] += 1
    return counts


def summarize_counts(counts: dict[str, int], *, dry_run: bool = False) -> str:
    return ", ".join(f"{counts.get(s, 0)} {outcome(s, dry_run=dry_run)}" for s in ImportStatus)


def preview(prepared: Prepared) -> dict:
    """What the file says, as the report of a dry run shows it."""
    parsed, classification = prepared.parsed, prepared.classification
    principles = parsed.themes if parsed.themes is not None else set().union(*classification.section_themes)
    eras = parsed.periods if parsed.periods is not None else set().union(*classification.section_periods)
    return {
        "title": parsed.title, "date": parsed.date.isoformat() if parsed.date else "",
        "date_precision": str(parsed.date_precision), "type": str(parsed.doc_type), "issuer": parsed.issuer,
        "languages": list(parsed.languages), "principles": sorted(principles), "eras": sorted(eras),
        "passages": len(parsed.sections),
    }


def _save(prepared: Prepared | ImportRejected, context: ImportContext) -> ImportResult:
    if isinstance(prepared, ImportRejected):
        return ImportResult(path=prepared.name, status=ImportStatus.FAILED, errors=[str(prepared)])
    try:
        saved = save_document(prepared=prepared, publish=context.publish, dry_run=context.dry_run,
                              imported_by=context.imported_by, theme_ids=context.theme_ids,
                              period_ids=context.period_ids)
    except DatabaseError as exc:
        logger.exception("database error importing %s", prepared.name)
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return ImportResult(path=prepared.name, status=ImportStatus.FAILED,
                            errors=[f"{prepared.name}: database error: {first_line}"])
    return ImportResult(path=prepared.name, status=saved.status, slug=saved.slug, conflicts=saved.conflicts,
                        preview=preview(prepared))


def import_bytes(*, data: bytes, name: str, context: ImportContext) -> ImportResult:
    """Import one file's content (an admin upload). Bad input comes back as a failed result."""
    return _save(prepare_data(data=data, name=name, taxonomy=context.taxonomy, max_bytes=context.max_bytes,
                              max_passage_chars=context.max_passage_chars), context)


def import_file(*, path: Path, context: ImportContext) -> ImportResult:
    """Import one file from disk (see ``import_bytes``)."""
    return _save(prepare_path(path=path, taxonomy=context.taxonomy, max_bytes=context.max_bytes,
                              max_passage_chars=context.max_passage_chars), context)


def collect_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named on the command line, and the document files under folders, in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in DOCUMENT_SUFFIXES and not any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    yield child
        else:
            yield path


def import_paths(*, paths: Iterable[Path], context: ImportContext) -> Iterator[ImportResult]:
    """Import many files, a batch at a time, yielding one result per file in order.

    Files whose content is already in the archive under the same key are reported
    ``unchanged`` after one look-up per batch, without parsing or writing. With many files
    to prepare, worker processes read, clean, parse and classify while this one saves.
    """
    workers: list[Workers] = []  # started on the first batch with enough files to prepare
    seen_keys: dict[str, str] = {}
    try:
        batch: list[Path] = []
        for path in collect_paths(paths):
            batch.append(path)
            if len(batch) >= BATCH_SIZE:
                yield from _import_batch(batch, context, seen_keys, workers)
                batch = []
        if batch:
            yield from _import_batch(batch, context, seen_keys, workers)
    finally:
        for pool in workers:
            pool.close()


def _import_batch(batch: list[Path], context: ImportContext, seen_keys: dict[str, str],
                  workers: list[Workers]) -> Iterator[ImportResult]:
    # A file that cannot be fingerprinted (unreadable, bad front matter, or anything else that
    # goes wrong with it) fails here, alone, with the rejection a full import would give.
    fingerprints = {path: fingerprint_path(path=path, max_bytes=context.max_bytes) for path in batch}
    keys = [fp[0] for fp in fingerprints.values() if not isinstance(fp, ImportRejected)]
    known = {key: (digest, slug) for key, digest, slug in
             Document.objects.filter(import_key__in=keys).values_list("import_key", "content_hash", "slug")}

    decided: dict[Path, ImportResult] = {}
    todo: list[Path] = []
    for path in batch:
        fingerprint = fingerprints[path]
        if isinstance(fingerprint, ImportRejected):
            decided[path] = _save(fingerprint, context)
            continue
        key, digest = fingerprint
        if seen_keys.setdefault(key, str(path)) != str(path):
            decided[path] = ImportResult(path=str(path), status=ImportStatus.FAILED, errors=[
                f"{path}: same identifier {key!r} as {seen_keys[key]} in this import; "
                "give one of them a 'slug:' in front matter"])
        elif key in known and known[key][0] == digest:
            decided[path] = ImportResult(path=str(path), status=ImportStatus.UNCHANGED, slug=known[key][1])
        else:
            todo.append(path)

    processes = os.cpu_count() or 1
    if len(todo) >= WORKERS_FROM and processes > 1:
        if not workers:
            workers.append(Workers(taxonomy=context.taxonomy, max_bytes=context.max_bytes, processes=processes,
                                   max_passage_chars=context.max_passage_chars))
        prepared = workers[0].map(todo)
    else:
        prepared = (prepare_path(path=p, taxonomy=context.taxonomy, max_bytes=context.max_bytes,
                                 max_passage_chars=context.max_passage_chars) for p in todo)
    prepared_by_path = zip(todo, prepared)
    for path in batch:
        if path in decided:
            yield decided[path]
        else:
            _, item = next(prepared_by_path)
            yield _save(item, context)
