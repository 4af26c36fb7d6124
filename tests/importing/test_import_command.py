"""import_documents / import_seeds / export_documents, end to end on PostgreSQL."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document, Period, Section, Status, Theme

pytestmark = pytest.mark.django_db

GOOD = "A Statement on Peaceful Coexistence\n\n2021-03-04\n\nChina opposes hegemonism and power politics.\n"


def run_import(*paths: Path, **options) -> tuple[list[dict], int]:
    """Run import_documents --json; return the report rows and the exit status."""
    out = StringIO()
    try:
        call_command("import_documents", *map(str, paths), json=True, stdout=out, stderr=StringIO(), **options)
        status = 0
    except CommandError as exc:
        status = exc.returncode
    return json.loads(out.getvalue()), status


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}]


@pytest.fixture
def taxonomy(db):
    call_command("import_seeds", verbosity=0)
    Document.objects.all().delete()  # keep the eras and principles, drop the seed documents


def test_import_seeds_twice_changes_nothing():
    call_command("import_seeds", verbosity=0)
    assert Document.objects.published().count() == 5
    snapshot = (Period.objects.count(), Theme.objects.count(), Section.objects.count())
    out = StringIO()
    with CaptureQueriesContext(connection) as ctx:
        call_command("import_seeds", stdout=out)
    assert writes(ctx.captured_queries) == []
    assert "5 unchanged" in out.getvalue()
    assert (Period.objects.count(), Theme.objects.count(), Section.objects.count()) == snapshot


def test_new_documents_are_drafts_unless_published(taxonomy, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    rows, status = run_import(tmp_path / "a.txt")
    assert status == 0 and rows[0]["status"] == "created"
    document = Document.objects.get(slug=rows[0]["slug"])
    assert document.status == Status.DRAFT
    assert not Document.objects.published().exists()

    (tmp_path / "b.txt").write_text(GOOD.replace("Statement", "Speech"))
    rows, _ = run_import(tmp_path / "b.txt", publish=True)
    assert Document.objects.published().get().slug == rows[0]["slug"]


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
    assert writes(ctx.captured_queries) == []


def test_editor_title_survives_reimport_and_is_reported(taxonomy, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    (row,), _ = run_import(path)
    document = Document.objects.get(slug=row["slug"])
    document.title = "Statement on Peaceful Coexistence (edited)"
    document.save()

    path.write_text(GOOD + "\nChina supports the United Nations and multilateralism.\n")
    (row,), status = run_import(path)
    assert status == 0 and row["status"] == "updated"
    assert "title" in row["conflicts"]
    document.refresh_from_db()
    assert document.title == "Statement on Peaceful Coexistence (edited)"
    assert "multilateralism" in " ".join(document.sections.values_list("text", flat=True))


def test_reimport_keeps_editor_passage_decisions(taxonomy, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    (row,), _ = run_import(path)
    section = Section.objects.get(document__slug=row["slug"], text__contains="hegemonism")
    suggested = set(section.themes.values_list("slug", flat=True))
    assert "opposing-hegemonism" in suggested
    hegemonism = Theme.objects.get(slug="opposing-hegemonism")
    extra = Theme.objects.get(slug="multilateralism-and-the-un")
    section.themes.remove(hegemonism)
    section.rejected_themes.add(hegemonism)
    section.themes.add(extra)
    section.editor_themes.add(extra)

    path.write_text(GOOD + "\nA new closing paragraph about development.\n")
    (row,), _ = run_import(path)
    assert row["status"] == "updated"
    section.refresh_from_db()
    now = set(section.themes.values_list("slug", flat=True))
    assert "opposing-hegemonism" not in now and "multilateralism-and-the-un" in now


def test_front_matter_overrides_heuristics(taxonomy, tmp_path):
    (tmp_path / "x.txt").write_text(
        "---\nslug: custom-slug\ntitle: Front Matter Title\ndate: 1955-04\ntype: speech\n"
        "source: Example Outlet\nurl: https://example.org/x\nlanguages: [en]\ntags: [Bandung, Asia]\n"
        "themes: [seeking-common-ground]\n---\n" + GOOD
    )
    (row,), status = run_import(tmp_path / "x.txt")
    assert status == 0
    document = Document.objects.get(slug="custom-slug")
    assert (document.title, document.doc_type, document.source, document.source_url) == (
        "Front Matter Title", "speech", "Example Outlet", "https://example.org/x")
    assert (document.issued_on.isoformat(), document.date_precision) == ("1955-04-01", "month")
    assert sorted(t.name for t in document.tags.all()) == ["Asia", "Bandung"]
    assert list(document.themes.values_list("slug", flat=True)) == ["seeking-common-ground"]


def test_same_file_name_twice_in_one_import_is_refused(taxonomy, tmp_path):
    for folder in ("2019", "2020"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(GOOD.replace("Statement", f"Statement {folder}"))
    rows, status = run_import(tmp_path)
    assert [r["status"] for r in rows] == ["created", "failed"] and status == 1
    assert "slug" in rows[1]["errors"][0]


def test_export_then_import_into_empty_database_reproduces_archive(tmp_path):
    call_command("import_seeds", verbosity=0)
    document = Document.objects.first()
    document.tags.add("Bandung")
    export = tmp_path / "archive.json"
    call_command("export_documents", output=str(export), verbosity=0)
    first = json.loads(export.read_text())
    assert {"periods", "themes", "documents"} <= first.keys()
    assert {"slug", "title", "date", "date_precision", "type", "source", "source_url", "languages", "status",
            "tags", "themes", "issued_in", "periods", "sections"} <= first["documents"][0].keys()

    Document.objects.all().delete()
    Theme.objects.filter(parent__isnull=False).delete()
    Theme.objects.all().delete()
    Period.objects.all().delete()
    call_command("import_documents", str(export), stdout=StringIO())
    again = tmp_path / "again.json"
    call_command("export_documents", output=str(again), verbosity=0)
    assert json.loads(again.read_text()) == first


def test_export_to_stdout_is_valid_json(taxonomy):
    out = StringIO()
    call_command("export_documents", stdout=out)
    assert json.loads(out.getvalue())["documents"] == []


def test_missing_path_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_documents", str(tmp_path / "nope.txt"))
