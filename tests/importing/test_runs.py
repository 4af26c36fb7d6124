"""documents/importing/runs.py: the record of each import, and the files a dry run keeps."""

from __future__ import annotations

import datetime

from django.utils import timezone

from documents.choices import ImportStatus
from documents.importing import runs
from documents.importing.pipeline import ImportResult
from documents.models import ImportRun


def _results(n: int) -> list[ImportResult]:
    return [ImportResult(path=f"f{i}.txt", status=ImportStatus.CREATED if i % 2 else ImportStatus.FAILED)
            for i in range(n)]


def test_a_run_counts_every_file_but_keeps_a_bounded_report(db, monkeypatch):
    monkeypatch.setattr(runs, "REPORT_ROWS", 3)
    run = runs.record_run(results=_results(7))
    assert run.counts == {"created": 3, "updated": 0, "unchanged": 0, "failed": 4}
    assert [row["path"] for row in run.report] == ["f0.txt", "f1.txt", "f2.txt"]
    assert run.files == [] and not run.dry_run


def test_only_a_dry_run_keeps_its_files_byte_for_byte(db):
    data = "Déclaration 和平共处".encode("gbk") + b"\x00\xff"
    assert runs.record_run(results=_results(1), files=[("a.txt", data)]).files == []
    dry = runs.record_run(results=_results(1), dry_run=True, files=[("a.txt", data)])
    assert runs.kept_files(ImportRun.objects.get(pk=dry.pk)) == [("a.txt", data)]


def test_a_dry_run_too_large_to_keep_keeps_nothing(db, monkeypatch):
    monkeypatch.setattr(runs, "KEEP_BYTES", 10)
    kept = runs.DryRunFiles()
    kept.add("a", b"123456")
    assert kept.files == [("a", b"123456")]
    for name in ("b", "c"):  # past the limit nothing is kept, not even a later small file
        kept.add(name, b"123456")
    assert kept.files == [] and kept.overflowed
    assert runs.record_run(results=_results(3), dry_run=True, files=kept.files).files == []


def test_files_are_taken_once(db):
    dry = runs.record_run(results=_results(1), dry_run=True, files=[("a.txt", b"words")])
    assert runs.take_files(dry.pk) == [("a.txt", b"words")]
    assert runs.take_files(dry.pk) is None
    assert runs.take_files(10**9) is None


def test_a_new_dry_run_lets_go_of_the_files_of_old_ones(db):
    old = runs.record_run(results=_results(1), dry_run=True, files=[("a.txt", b"words")])
    ImportRun.objects.filter(pk=old.pk).update(created_at=timezone.now() - runs.KEEP_FOR - datetime.timedelta(minutes=1))
    assert runs.take_files(old.pk) is None  # too old to import
    runs.record_run(results=_results(1), dry_run=True, files=[("b.txt", b"other")])
    assert ImportRun.objects.get(pk=old.pk).files == []
