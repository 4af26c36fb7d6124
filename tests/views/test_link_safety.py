"""Only http(s) source URLs enter the archive, and only they are ever rendered as links.

A ``javascript:`` (or ``data:``, ``vbscript:``…) URL is refused by each way in: a file's front
matter, the admin's document form and an export file. A row stored before that rule existed is
shown on the reader pages without a link.
"""

from __future__ import annotations

import json
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from documents.models import Document
from documents.roles import EDITORS_GROUP
from tests.admin.conftest import make_user
from tests.admin.formdata import form_data
from tests.factories import make_document

from .helpers import parse

pytestmark = pytest.mark.django_db

GOOD = "A Statement on Peaceful Coexistence\n\n2021-03-04\n\nChina opposes hegemonism and power politics.\n"

HOSTILE = [
    pytest.param("javascript:alert(document.domain)", id="javascript"),
    pytest.param("JaVaScRiPt:alert(1)", id="mixed case"),
    pytest.param(" javascript:alert(1)", id="leading space"),
    pytest.param("java\tscript:alert(1)", id="tab inside"),
    pytest.param("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", id="data"),
    pytest.param("vbscript:msgbox(1)", id="vbscript"),
    pytest.param("ftp://example.org/file.txt", id="ftp"),
]


def schemes_linked(response) -> set[str]:
    """The schemes of every link on the page, as a browser reads the href ("" for a relative link)."""
    return {urlsplit(href).scheme.lower() for href in parse(response).links}


# --------------------------------------------------------------------------- import


@pytest.mark.parametrize("url", HOSTILE)
def test_the_importer_refuses_a_source_url_that_is_not_http(tmp_path, url):
    path = tmp_path / "link.md"
    path.write_text(f"---\nurl: {json.dumps(url)}\n---\n{GOOD}")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_documents", str(path), json=True, stdout=out, stderr=StringIO())

    [row] = json.loads(out.getvalue())
    assert row["status"] == "failed"
    assert row["errors"] == [f"{path}: front matter url: {url!r} is not a web address: "
                             "only http:// and https:// links are accepted"]
    assert not Document.objects.exists()


def test_the_importer_keeps_an_https_source_url(tmp_path):
    path = tmp_path / "link.md"
    path.write_text(f"---\nurl: ' https://example.org/press/4 '\n---\n{GOOD}")
    call_command("import_documents", str(path), stdout=StringIO())
    assert Document.objects.get().source_url == "https://example.org/press/4"


# --------------------------------------------------------------------------- admin


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor", group=EDITORS_GROUP))
    return client


def edit_source_url(client, document: Document, url: str):
    change_url = reverse("admin:documents_document_change", args=[document.pk])
    data = form_data(client.get(change_url), "document_form")
    data["source_url"] = url
    return client.post(change_url, data)


@pytest.mark.parametrize("url", HOSTILE)
def test_the_admin_form_refuses_a_source_url_that_is_not_http(editor_client, url):
    document = make_document(source_url="https://example.org/press/4")

    response = edit_source_url(editor_client, document, url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a web address that starts with http:// or https://." in page or "Enter a valid URL." in page
    document.refresh_from_db()
    assert document.source_url == "https://example.org/press/4"


def test_the_admin_form_saves_an_https_source_url(editor_client):
    document = make_document()
    assert edit_source_url(editor_client, document, "https://example.org/press/5").status_code == 302
    document.refresh_from_db()
    assert document.source_url == "https://example.org/press/5"


# --------------------------------------------------------------------------- export loader


@pytest.mark.parametrize("url", HOSTILE)
def test_the_export_loader_refuses_a_source_url_that_is_not_http(tmp_path, url):
    make_document(slug="exported", source_url="https://example.org/press/4")
    export = tmp_path / "archive.json"
    call_command("export_documents", output=str(export), verbosity=0)
    data = json.loads(export.read_text())
    data["documents"][0]["source_url"] = url
    export.write_text(json.dumps(data))
    Document.objects.all().delete()

    with pytest.raises(CommandError) as excinfo:
        call_command("import_documents", str(export), stdout=StringIO())

    assert f"document 'exported': url: {url!r} is not a web address" in str(excinfo.value)
    assert not Document.objects.exists()


# --------------------------------------------------------------------------- reader pages


@pytest.mark.parametrize("url", [*HOSTILE, pytest.param("\x01javascript:alert(1)", id="control character")])
@pytest.mark.parametrize("page", ["documents:document_detail", "documents:document_source"])
def test_a_stored_url_that_is_not_http_is_never_a_link(client, url, page):
    document = make_document(source="Ministry of Foreign Affairs", raw_text=GOOD)
    Document.objects.filter(pk=document.pk).update(source_url=url)  # as stored before the rule

    response = client.get(reverse(page, kwargs={"slug": document.slug}))

    assert response.status_code == 200
    assert schemes_linked(response) <= {"", "http", "https"}
    assert not [href for href in parse(response).links if "script" in href.lower() or "data:" in href]


@pytest.mark.parametrize("page", ["documents:document_detail", "documents:document_source"])
def test_a_stored_https_url_is_linked(client, page):
    document = make_document(source="Ministry of Foreign Affairs", source_url="https://example.org/press/4",
                             raw_text=GOOD)
    response = client.get(reverse(page, kwargs={"slug": document.slug}))
    assert "https://example.org/press/4" in parse(response).links
