"""``manage.py import_documents``: the ``--json`` report of a folder imported recursively,
``--dry-run``, and a clear error for a path that does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from documents.models import Document
from tests.importing.runs import GOOD, run_import, taxonomy  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_json_report_shape_and_folder_recursion(taxonomy, tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "one.txt").write_text(GOOD)
    (tmp_path / "sub" / "notes.yaml").write_text("not: a document\n")
    (tmp_path / "two.md").write_text(GOOD.replace("Statement", "Note"))
    rows, status = run_import(tmp_path)
    assert status == 0
    assert [Path(r["path"]).name for r in rows] == ["one.txt", "two.md"]
    for row in rows:
        assert set(row) >= {"path", "status", "slug", "errors"}
        assert row["status"] == "created" and row["errors"] == []


def test_dry_run_reports_but_writes_nothing(taxonomy, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    rows, status = run_import(tmp_path / "a.txt", dry_run=True)
    assert status == 0 and rows[0]["status"] == "created"
    assert not Document.objects.exists()


def test_missing_path_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_documents", str(tmp_path / "nope.txt"))
