"""The record of each import (``ImportRun``): its outcome counts and report, for the editors'
dashboard, and for a dry run from the admin the files it read, so that "Import these" imports
them without a second upload.

Bounded: a run keeps the report rows of its first ``REPORT_ROWS`` files (the counts cover all
of them), and a dry run keeps its files only up to ``KEEP_BYTES`` in all and for ``KEEP_FOR``.
"""

from __future__ import annotations

import base64
import datetime

from django.db import transaction
from django.utils import timezone

from ..choices import ImportOrigin
from ..models import ImportRun
from .pipeline import ImportResult, count_outcomes

REPORT_ROWS = 500
KEEP_BYTES = 32 * 1024 * 1024
KEEP_FOR = datetime.timedelta(days=1)


def record_run(*, results: list[ImportResult], origin: str = ImportOrigin.COMMAND, dry_run: bool = False,
               publish: bool = False, user=None, files: list[tuple[str, bytes]] = ()) -> ImportRun:
    """Save the record of one import. ``files`` (name, content; see ``DryRunFiles``) are kept for
    a dry run, until imported or ``KEEP_FOR`` has passed."""
    kept = [{"name": name, "base64": base64.b64encode(data).decode("ascii")} for name, data in files] if dry_run else []
    with transaction.atomic():
        if dry_run:  # the files older dry runs kept are let go
            ImportRun.objects.filter(dry_run=True, created_at__lt=timezone.now() - KEEP_FOR).exclude(
                files=[]).update(files=[])
        return ImportRun.objects.create(
            origin=origin, dry_run=dry_run, publish=publish, created_by=user, finished_at=timezone.now(),
            counts=count_outcomes(results), report=[r.as_dict() for r in results[:REPORT_ROWS]], files=kept,
        )


class DryRunFiles:
    """The files a dry run reads, kept for "Import these" while they fit in ``KEEP_BYTES`` in all;
    once they do not, none is kept, so that memory never holds more than that and one file."""

    def __init__(self):
        self.files: list[tuple[str, bytes]] = []
        self.size = 0
        self.overflowed = False

    def add(self, name: str, data: bytes) -> None:
        if self.overflowed:
            return
        self.size += len(data)
        if self.size > KEEP_BYTES:
            self.files, self.overflowed = [], True
        else:
            self.files.append((name, data))


def kept_files(run: ImportRun) -> list[tuple[str, bytes]]:
    """The files a dry run kept, as they were uploaded."""
    return [(f["name"], base64.b64decode(f["base64"])) for f in run.files]


def take_files(run_id: int) -> list[tuple[str, bytes]] | None:
    """The files of a dry run, given up by it so that they are imported once; ``None`` when it kept
    none (imported already, discarded, or too old)."""
    with transaction.atomic():
        run = (ImportRun.objects.select_for_update().filter(
            pk=run_id, dry_run=True, created_at__gte=timezone.now() - KEEP_FOR).exclude(files=[]).first())
        if run is None:
            return None
        files = kept_files(run)
        run.files = []
        run.save(update_fields=["files"])
    return files
