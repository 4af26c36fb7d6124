"""Import by upload (``documents/admin/uploads.py``): the same pipeline and report as the command,
with a size limit."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from documents.choices import Status
from documents.models import Document, ImportRun

from .conftest import make_user

IMPORT = "/admin/documents/document/import/"

STATEMENT = (
    "A Statement on Peace\n\nBeijing, 5 June 1985\n\n"
    "China opposes hegemonism and defends the sovereignty of every nation.\n\n"
    "The Five Principles guide relations between states.\n"
).encode()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/plain")


def report(response) -> dict[str, tuple[str, list[str]]]:
    return {row["result"].path: (row["outcome"], row["result"].errors) for row in response.context["report"]}


def text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_editor_uploads_a_file_and_gets_a_draft(editor_client, editor, taxonomy):
    response = editor_client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT)]})

    assert response.status_code == 200
    assert report(response) == {"statement.txt": ("created", [])}
    document = Document.objects.get()
    assert document.title == "A Statement on Peace"
    assert document.status == Status.DRAFT
    assert document.imported_by == "editor"
    assert set(document.themes.values_list("slug", flat=True)) >= {"hegemonism", "sovereignty"}
    assert "1 file: 1 created, 0 updated, 0 unchanged, 0 failed." in response.content.decode()
    assert reverse("admin:documents_document_change", args=[document.pk]) in response.content.decode()
    version = Version.objects.get_for_object(document).get()
    assert version.revision.user == editor
    assert document.sections.count() == 2
    assert len(version.revision.version_set.filter(content_type__model="section")) == 2


def test_several_files_are_reported_one_by_one(editor_client, taxonomy):
    editor_client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT)]})
    other = STATEMENT.replace(b"A Statement on Peace", b"Another Statement")

    response = editor_client.post(IMPORT, {"files": [
        upload("statement.txt", STATEMENT),
        upload("other.txt", other),
        upload("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
        upload("empty.txt", b""),
    ], "publish": "on"})

    rows = report(response)
    assert rows["statement.txt"] == ("unchanged", [])
    assert rows["other.txt"] == ("created", [])
    assert rows["picture.txt"][0] == "failed" and rows["picture.txt"][1]
    assert rows["empty.txt"][0] == "failed" and rows["empty.txt"][1]
    assert Document.objects.get(title="Another Statement").status == Status.PUBLISHED
    assert "4 files: 1 created, 0 updated, 1 unchanged, 2 failed." in response.content.decode()


@override_settings(POLICYARCHIVE_MAX_IMPORT_BYTES=200)
def test_files_over_the_size_limit_are_refused(editor_client, taxonomy):
    big = STATEMENT + b"More words. " * 50
    response = editor_client.post(IMPORT, {"files": [upload("big.txt", big), upload("small.txt", STATEMENT[:190])]})
    rows = report(response)
    assert rows["big.txt"] == ("failed", ["big.txt: file is larger than the 200-byte limit"])
    assert rows["small.txt"][0] == "created"
    assert Document.objects.count() == 1
    # Refused while it arrived, by the size guard, not after it was stored.
    assert response.wsgi_request.upload_handlers[0].refused == ["big.txt"]


def test_dry_run_saves_nothing_and_says_what_would_be_saved(editor_client, taxonomy):
    response = editor_client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT)], "dry_run": "on"})
    assert report(response) == {"statement.txt": ("would be created", [])}
    page = text(response)
    assert "Dry run, nothing saved: 1 file: 1 would be created, 0 would be updated, 0 unchanged, 0 failed." in page
    # what it read from the file, as it would be saved
    for shown in ("Title A Statement on Peace", "Date 1985-06-05 (day)", "Languages en",
                  "Opposition to hegemonism", "Mutual respect for sovereignty", "Passages 2"):
        assert shown in page, shown
    assert not Document.objects.exists()


def test_a_dry_run_of_a_document_already_there_would_update_it(editor_client, taxonomy):
    editor_client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT)]})
    changed = STATEMENT.replace(b"Five Principles guide", b"Five Principles still guide")
    response = editor_client.post(IMPORT, {"files": [upload("statement.txt", changed), upload("same.txt", b"")],
                                           "dry_run": "on"})
    assert report(response)["statement.txt"] == ("would be updated", [])
    again = editor_client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT)], "dry_run": "on"})
    assert report(again) == {"statement.txt": ("unchanged", [])}
    assert "Five Principles guide" in Document.objects.get().sections.last().text


def test_import_these_imports_the_dry_runs_files_without_choosing_them_again(editor_client, taxonomy):
    other = STATEMENT.replace(b"A Statement on Peace", b"Another Statement")
    dry = editor_client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT), upload("other.txt", other)],
                                      "dry_run": "on", "publish": "on"})
    run = dry.context["run"]
    assert 'value="Import these"' in dry.content.decode() and not Document.objects.exists()

    response = editor_client.post(IMPORT, {"run": str(run.pk)})

    assert report(response) == {"statement.txt": ("created", []), "other.txt": ("created", [])}
    assert set(Document.objects.values_list("title", "status")) == {
        ("A Statement on Peace", Status.PUBLISHED), ("Another Statement", Status.PUBLISHED)}
    # imported once: the dry run gave its files up
    again = editor_client.post(IMPORT, {"run": str(run.pk)})
    assert "no longer kept" in text(again) and Document.objects.count() == 2
    assert ImportRun.objects.get(pk=run.pk).files == []


def test_import_these_refuses_another_editors_run_and_malformed_ids(editor_client, taxonomy, client):
    dry = editor_client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT)], "dry_run": "on"})
    run = dry.context["run"]
    client.force_login(make_user("other", perms=("documents.add_document", "documents.change_document",
                                                 "documents.view_document"), staff=True))
    for value in (str(run.pk), "x", "", "99999999999999999999", "-1"):
        response = client.post(IMPORT, {"run": value})
        assert response.status_code == 200 and "no longer kept" in text(response), value
    assert not Document.objects.exists()


def test_a_dry_run_too_large_to_keep_offers_no_import_these(editor_client, taxonomy, monkeypatch):
    monkeypatch.setattr("documents.importing.runs.KEEP_BYTES", len(STATEMENT) + 10)
    other = STATEMENT.replace(b"A Statement on Peace", b"Another Statement")
    dry = editor_client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT), upload("other.txt", other)],
                                      "dry_run": "on"})
    assert report(dry) == {"statement.txt": ("would be created", []), "other.txt": ("would be created", [])}
    assert dry.context["run"] is None and 'value="Import these"' not in dry.content.decode()
    assert ImportRun.objects.get().files == []


def test_a_dry_run_keeps_its_files_only_for_a_day(editor_client, taxonomy):
    dry = editor_client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT)], "dry_run": "on"})
    ImportRun.objects.filter(pk=dry.context["run"].pk).update(created_at=timezone.now() - timedelta(days=2))
    assert "no longer kept" in text(editor_client.post(IMPORT, {"run": str(dry.context["run"].pk)}))
    # and the next import clears what it held
    editor_client.post(IMPORT, {"files": [upload("other.txt", STATEMENT)], "dry_run": "on"})
    assert ImportRun.objects.get(pk=dry.context["run"].pk).files == []


def test_every_import_is_recorded_with_its_counts(editor_client, editor, taxonomy):
    editor_client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT), upload("empty.txt", b"")]})
    run = ImportRun.objects.get()
    assert (run.origin, run.dry_run, run.created_by) == ("admin", False, editor)
    assert run.counts == {"created": 1, "updated": 0, "unchanged": 0, "failed": 1}
    assert [row["path"] for row in run.report] == ["statement.txt", "empty.txt"] and run.files == []


def test_no_file_chosen(editor_client):
    response = editor_client.post(IMPORT, {})
    assert "Choose at least one file." in response.content.decode()


def test_an_uploaded_name_is_never_used_as_a_path(editor_client, taxonomy, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET CONTENT")
    response = editor_client.post(IMPORT, {"files": [upload(str(secret), STATEMENT)]})
    assert report(response) == {"secret.txt": ("created", [])}
    document = Document.objects.get()
    assert "SECRET" not in document.raw_text
    assert document.import_key == "secret.txt"
    assert secret.read_text() == "SECRET CONTENT"


def test_the_upload_keeps_its_csrf_protection(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT)]})
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_importing_needs_the_right_to_add_and_change_documents(client, db):
    client.force_login(make_user("viewer", perms=("documents.view_document",)))
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"files": [upload("statement.txt", STATEMENT)]}).status_code == 403
    assert not Document.objects.exists()
