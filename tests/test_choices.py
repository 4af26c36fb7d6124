"""The archive's choices (documents/choices.py): importable where Django is not set up (the
import's worker processes), and the import report prints the same words as it always has."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parent.parent
GOOD = "A Statement on Peaceful Coexistence\n\n2021-03-04\n\nChina opposes hegemonism and power politics.\n"


@pytest.mark.parametrize("module", ["documents.choices", "documents.importing.types"])
def test_the_choices_import_without_django_settings(module):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    script = (f"import {module}, django.conf\n"
              "assert not django.conf.settings.configured, 'settings were loaded'\n"
              "from documents.choices import ImportStatus\n"
              "print(' '.join(ImportStatus))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["created", "updated", "unchanged", "failed"]


def import_json(path: Path) -> tuple[str, int]:
    """The raw stdout of ``import_documents --json`` and its exit status."""
    out = StringIO()
    try:
        call_command("import_documents", str(path), json=True, stdout=out, stderr=StringIO())
    except CommandError as exc:
        return out.getvalue(), exc.returncode
    return out.getvalue(), 0


@pytest.mark.django_db
def test_the_json_report_says_created_then_unchanged_then_updated(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(GOOD)
    first, status = import_json(path)
    assert status == 0 and '"status": "created"' in first
    again, status = import_json(path)
    assert status == 0 and '"status": "unchanged"' in again
    path.write_text(GOOD + "\nThe Five Principles remain the basis of its relations.\n")
    changed, status = import_json(path)
    assert status == 0 and '"status": "updated"' in changed


@pytest.mark.django_db
def test_the_json_report_says_failed(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01\x02 not text \x00")
    report, status = import_json(path)
    assert status == 1 and '"status": "failed"' in report


@pytest.mark.django_db
def test_the_summary_counts_each_outcome_by_name(tmp_path):
    (tmp_path / "statement.txt").write_text(GOOD)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_documents", str(tmp_path), stdout=out, stderr=StringIO())
    assert "2 files: 1 created, 0 updated, 0 unchanged, 1 failed." in out.getvalue()
