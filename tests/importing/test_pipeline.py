"""The import pipeline (``documents/importing/pipeline.py``), end to end through the command:
each file is its own transaction, a file that fails is reported alone, with one line, and leaves
the archive as it was; a file already imported is ``unchanged`` without a write; two files with
one identifier in one import are refused."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document
from tests.importing.runs import GOOD, run_import, taxonomy, writes  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


BAD_INPUTS = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\n  \n", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    ("nul.txt", b"Some text\x00 with a NUL byte in the middle of it.\n", "NUL"),
    ("garbage.txt", bytes([0x81, 0xFE, 0x90, 0xFF]) * 200 + b"\x00\x01\x02", "binary"),
    ("frontmatter.txt", b"---\ntitle: [unclosed\n---\nBody text here.\n", "front matter"),
]


@pytest.mark.parametrize("name,data,reason", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_fails_alone_with_one_line_error(taxonomy, tmp_path, name, data, reason):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / name).write_bytes(data)
    rows, status = run_import(tmp_path / name, tmp_path / "good.txt")
    assert status == 1
    bad, good = rows
    assert bad["status"] == "failed" and good["status"] == "created"
    (error,) = bad["errors"]
    assert "\n" not in error and name in error and reason.lower() in error.lower()
    assert Document.objects.count() == 1  # only the good file


def test_oversize_file_is_refused(taxonomy, tmp_path, settings):
    settings.POLICYARCHIVE_MAX_IMPORT_BYTES = 1000
    (tmp_path / "big.txt").write_text(GOOD + "More words. " * 200)
    rows, status = run_import(tmp_path / "big.txt")
    assert status == 1 and "limit" in rows[0]["errors"][0]
    assert not Document.objects.exists()


def test_failed_file_leaves_database_as_it_was(taxonomy, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    run_import(tmp_path / "a.txt")
    before = list(Document.objects.values_list("title", "content_hash"))
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02binary now")
    rows, status = run_import(tmp_path / "a.txt")
    assert status == 1 and rows[0]["status"] == "failed"
    assert list(Document.objects.values_list("title", "content_hash")) == before


def test_unchanged_reimport_makes_no_writes(taxonomy, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    run_import(tmp_path / "a.txt")
    with CaptureQueriesContext(connection) as ctx:
        rows, status = run_import(tmp_path / "a.txt")
    assert rows[0]["status"] == "unchanged" and status == 0
    # nothing but the run's record, for the editors' dashboard
    assert [w.split("(", 1)[0].strip() for w in writes(ctx.captured_queries)] == ['INSERT INTO "documents_importrun"']


def test_same_file_name_twice_in_one_import_is_refused(taxonomy, tmp_path):
    for folder in ("2019", "2020"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(GOOD.replace("Statement", f"Statement {folder}"))
    rows, status = run_import(tmp_path)
    assert [r["status"] for r in rows] == ["created", "failed"] and status == 1
    assert "slug" in rows[1]["errors"][0]
