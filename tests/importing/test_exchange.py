"""The archive export (``export_documents``) and its loader: an export loads back whole into an
empty database, and a hand-edited or hostile export is refused whole, with one line, changing
nothing."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.models import Document, PassagePair, Period, Section, Theme
from tests.factories import make_document, make_period, make_theme
from tests.importing.runs import taxonomy  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _export(tmp_path) -> tuple[object, dict]:
    path = tmp_path / "archive.json"
    call_command("export_documents", output=str(path), verbosity=0)
    return path, json.loads(path.read_text())


def test_an_export_loads_back_whole(tmp_path):
    era = make_period(name="Reform", slug="reform", start_year=1978, end_year=2012)
    principle = make_theme(name="Sovereignty", slug="sovereignty", rules=["sovereignty"])
    make_document(slug="speech", title="A speech", sections=["We respect sovereignty.", "Second passage."],
                  tags=["Asia"], themes=[principle], periods=[era], source_url="https://example.org/a")
    path, before = _export(tmp_path)
    Document.objects.all().delete()

    call_command("import_documents", str(path), stdout=StringIO())

    document = Document.objects.get(slug="speech")
    assert document.title == "A speech" and document.source_url == "https://example.org/a"
    assert [t.name for t in document.tags.all()] == ["Asia"]
    assert list(document.sections.order_by("position").values_list("text", flat=True)) == [
        "We respect sovereignty.", "Second passage."]
    assert set(document.sections.get(position=1).themes.values_list("slug", flat=True)) == {"sovereignty"}
    _, after = _export(tmp_path)
    assert after["documents"] == before["documents"]


def test_an_export_with_an_over_long_passage_is_refused_whole(tmp_path, settings):
    make_document(slug="first", sections=["Short."])
    make_document(slug="second", sections=["Short too."])
    path, data = _export(tmp_path)
    data["documents"][1]["sections"][0]["text"] = "word " * (settings.POLICYARCHIVE_MAX_PASSAGE_CHARS // 5 + 1)
    path.write_text(json.dumps(data))
    Document.objects.all().delete()

    with pytest.raises(CommandError) as excinfo:
        call_command("import_documents", str(path), stdout=StringIO())

    message = str(excinfo.value)
    assert "document 'second'" in message and "passage 1" in message and "\n" not in message
    assert not Document.objects.exists() and not Section.objects.exists()  # the first one too: one transaction


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


def _seed_export(tmp_path) -> tuple[object, dict]:
    call_command("import_seeds", verbosity=0)
    return _export(tmp_path)


def _empty_archive() -> None:
    Document.objects.all().delete()
    Theme.objects.filter(parent__isnull=False).delete()
    Theme.objects.all().delete()
    Period.objects.all().delete()


def test_the_export_carries_provenance_evidence_and_pairs_and_loads_them_back(tmp_path):
    path, before = _seed_export(tmp_path)
    rows = before["documents"]
    assert all({"provenance", "issuer", "outlet"} <= row.keys() for row in rows)
    assert all(set(row["provenance"]) >= {"title", "type", "languages"} for row in rows)
    assert all(item["how"] in {"front_matter", "source_text", "inferred", "editor"}
               for row in rows for item in row["provenance"].values())
    sections = [s for row in rows for s in row["sections"]]
    evidence = [e for s in sections for e in s["evidence"]]
    assert evidence and all(e["kind"] in {"theme", "period"} and e["how"] in {"rule", "editor"} and e["text"]
                            for e in evidence)
    pairs = [pair for s in sections for pair in s["pairs"]]
    assert pairs and all(t in s["themes"] and p in s["periods"] for s in sections for t, p in s["pairs"])
    pair_count = PassagePair.objects.count()
    assert pair_count == len(pairs)

    _empty_archive()
    assert not PassagePair.objects.exists()
    call_command("import_documents", str(path), stdout=StringIO())

    assert PassagePair.objects.count() == pair_count
    _, after = _export(tmp_path)
    assert after["documents"] == before["documents"]


def test_an_export_written_before_provenance_still_loads(tmp_path):
    path, data = _seed_export(tmp_path)
    for row in data["documents"]:
        for key in ("provenance", "issuer", "outlet", "posted_on"):
            row.pop(key)
        for section in row["sections"]:
            section.pop("evidence")
            section.pop("pairs")
    path.write_text(json.dumps(data))
    _empty_archive()

    call_command("import_documents", str(path), stdout=StringIO())

    assert Document.objects.count() == len(data["documents"])
    assert not PassagePair.objects.exists()
    assert all(d.provenance == {} and d.source == row["source"]
               for d, row in zip(Document.objects.order_by("pk"), data["documents"]))


@pytest.mark.parametrize("corrupt, words", [
    (lambda row: row.update(provenance={"title": {"how": "guessed"}}), "provenance"),
    (lambda row: row["sections"][0].update(evidence=[{"kind": "tag", "slug": "x", "how": "rule"}]), "evidence"),
    (lambda row: row["sections"][0].update(pairs=[["no-such-principle", "new-era"]]), "pairs"),
    # Hostile sizes: refused, never truncated nor loaded whole.
    (lambda row: row.update(provenance={"title": {"how": "inferred", "evidence": "w" * 2001}}), "provenance"),
    (lambda row: row.update(provenance={f"f{i}": {"how": "inferred"} for i in range(21)}), "provenance"),
    (lambda row: row["sections"][0].update(
        evidence=[{"kind": "theme", "slug": "x", "how": "rule", "text": "w"}] * 1001), "evidence"),
    (lambda row: row["sections"][0].update(pairs=[["a", "b"]] * 1001), "pairs"),
])
def test_an_export_with_bad_evidence_is_refused_whole(tmp_path, corrupt, words):
    path, data = _seed_export(tmp_path)
    corrupt(data["documents"][-1])
    path.write_text(json.dumps(data))
    _empty_archive()

    with pytest.raises(CommandError) as excinfo:
        call_command("import_documents", str(path), stdout=StringIO())

    assert words in str(excinfo.value) and "\n" not in str(excinfo.value)
    assert not Document.objects.exists()
