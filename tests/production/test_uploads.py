"""The admin upload: a file's name is a label, never a path; oversize uploads are refused while
they arrive and leave nothing behind."""

from __future__ import annotations

import pytest

from documents.models import Document
from tests.admin.conftest import make_user

IMPORT = "/admin/documents/document/import/"
UPLOADED = b"Statement Uploaded by an Editor\n\nBeijing, 5 June 1985\n\nChina opposes hegemonism.\n"
DECOY = b"A Decoy That Must Never Be Read\n\nBeijing, 1 May 1999\n\nThis file sits where the name points.\n"
BOUNDARY = "----policyarchive-test-boundary"


def multipart(filename: str, data: bytes) -> bytes:
    """A form with one file, its name exactly as a hostile client would send it."""
    return (
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{filename}\"\r\n"
        "Content-Type: text/plain\r\n\r\n"
    ).encode() + data + f"\r\n--{BOUNDARY}--\r\n".encode()


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user("editor", group="Editors"))
    return client


@pytest.fixture
def sandbox(tmp_path, monkeypatch, settings):
    """A working folder three levels deep in a temporary tree, with decoys where hostile names
    would lead, and uploads spooled to a folder of their own."""
    work = tmp_path / "srv" / "app" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    spool = tmp_path / "spool"
    spool.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(spool)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    for target in (tmp_path / "srv" / "etc" / "passwd", tmp_path / "etc" / "passwd", tmp_path / "evil.txt"):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(DECOY)
    return tmp_path


def files_in(folder) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", [
    "../../etc/passwd", "../../../etc/passwd", "/etc/passwd", "..\\..\\etc\\passwd",
    "....//....//etc/passwd", "%2e%2e%2f%2e%2e%2fevil.txt", "../../../evil.txt", "./../../../evil.txt",
])
def test_an_uploaded_files_name_never_becomes_a_path(editor_client, sandbox, name):
    before = files_in(sandbox)
    response = editor_client.post(IMPORT, multipart(name, UPLOADED),
                                  content_type=f"multipart/form-data; boundary={BOUNDARY}")

    assert response.status_code == 200
    [row] = [r["result"] for r in response.context["report"]]
    assert row.status == "created", row.errors
    document = Document.objects.get()
    assert document.title == "Statement Uploaded by an Editor"  # the upload's words, not a decoy's
    for label in (row.path, document.import_key):
        assert "/" not in label and "\\" not in label and ".." not in label.split("/"), label
    assert files_in(sandbox) == before  # nothing written, nothing left in the spool
    assert all(p.read_bytes() == DECOY for p in sandbox.rglob("passwd"))


def test_an_oversize_upload_is_refused_while_it_arrives(editor_client, sandbox, settings):
    settings.POLICYARCHIVE_MAX_IMPORT_BYTES = 64 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024  # past this, Django spools to a file
    big = UPLOADED + b"More words of the same statement. " * 60_000  # about 2 MB
    before = files_in(sandbox)

    response = editor_client.post(IMPORT, multipart("big.txt", big),
                                  content_type=f"multipart/form-data; boundary={BOUNDARY}")

    assert response.status_code == 200
    [row] = [r["result"] for r in response.context["report"]]
    assert row.status == "failed" and "larger than the 65,536-byte limit" in row.errors[0]
    assert not Document.objects.exists()
    assert files_in(sandbox) == before  # the spooled part is gone too


def test_an_oversize_form_is_refused(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = editor_client.post(IMPORT, {"publish": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 400
    assert not Document.objects.exists()
