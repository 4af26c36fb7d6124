"""The save stage (``documents/importing/saving.py``): importing again changes nothing that did
not change, new documents are drafts unless published, front matter is what is saved, and what an
editor changed (a title, a passage's principles) survives a re-import and is reported."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.choices import Status
from documents.models import Document, Period, Section, Theme
from tests.importing.runs import GOOD, run_import, taxonomy, writes  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


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
