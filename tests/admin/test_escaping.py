"""Text from documents is escaped everywhere an editor or a reader sees it: the admin list,
the change form, history and differences, messages, pages in between, and the public site."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from documents.models import Document
from tests.factories import make_document

from .test_documents import CHANGELIST, change_url, edit, run_action

TITLE = '<script>alert("title")</script> Statement'
PASSAGE = 'Read <a href="javascript:alert(1)">this</a> <script>alert("passage")</script> now.'
TAG = "<script>alert('tag')</script>"
PAYLOADS = ('<script>alert("title")</script>', '<script>alert("passage")</script>', "<script>alert('tag')</script>",
            'href="javascript:', "href='javascript:", "<img src=x onerror")


def assert_escaped(response, *, expect_title: bool = True):
    assert response.status_code == 200
    html = response.content.decode()
    for payload in PAYLOADS:
        assert payload not in html, payload
    if expect_title:
        assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; Statement" in html


@pytest.fixture
def hostile(editor_client) -> Document:
    document = make_document(title=TITLE, sections=[PASSAGE, "Second."], tags=[TAG], published=False,
                             raw_text=f"{TITLE}\n\n{PASSAGE}", removed_text=[PASSAGE])
    # One change through the admin, so that the document has a history to show.
    assert edit(editor_client, document, summary=PASSAGE).status_code == 302
    return document


def test_admin_list(editor_client, hostile):
    assert_escaped(editor_client.get(CHANGELIST))
    assert_escaped(editor_client.get(CHANGELIST, {"q": "script"}))


def test_change_form(editor_client, hostile):
    response = editor_client.get(change_url(hostile))
    assert_escaped(response)
    assert "Read &lt;a href=&quot;javascript:alert(1)&quot;&gt;this&lt;/a&gt;" in response.content.decode()


def test_history_differences_and_revert_page(editor_client, hostile):
    assert edit(editor_client, hostile, title=TITLE + " (revised)").status_code == 302
    latest, *_, oldest = Version.objects.get_for_object(hostile)
    assert_escaped(editor_client.get(reverse("admin:documents_document_history", args=[hostile.pk])))
    assert_escaped(editor_client.get(reverse("admin:documents_document_compare", args=[hostile.pk]),
                                     {"from": oldest.pk, "to": latest.pk}))
    assert_escaped(editor_client.get(reverse("admin:documents_document_revision", args=[hostile.pk, oldest.pk])))


def test_messages(editor_client, hostile):
    response = edit(editor_client, hostile, summary="Changed.")
    assert_escaped(editor_client.get(response["Location"]), expect_title=False)
    message = str([m.message for m in response.wsgi_request._messages][0])
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in message and "<script>" not in message
    # A bulk action's message and its page in between.
    page = run_action(editor_client, "add_tag", [hostile])
    assert_escaped(page)
    follow = editor_client.post(CHANGELIST, {"action": "add_tag", "_selected_action": [hostile.pk],
                                             "name": TAG + " again", "apply": "1"}, follow=True)
    assert_escaped(follow)
    assert "&lt;script&gt;alert(&#x27;tag&#x27;)&lt;/script&gt; again" in follow.content.decode()


def test_tag_admin(editor_client, hostile):
    assert_escaped(editor_client.get("/admin/taggit/tag/"), expect_title=False)
    tag = hostile.tags.get()
    assert_escaped(editor_client.get(reverse("admin:taggit_tag_change", args=[tag.pk])))


def test_preview_and_import_report(editor_client, hostile, taxonomy):
    assert_escaped(editor_client.get(reverse("admin:documents_document_preview", args=[hostile.pk])))
    data = f"{TITLE}\n\n{PASSAGE}\n".encode()
    response = editor_client.post("/admin/documents/document/import/", {
        "files": [SimpleUploadedFile("<img src=x onerror=alert(1)>.txt", data)]})
    assert_escaped(response, expect_title=False)
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in response.content.decode()


def test_public_site(client, editor_client, hostile):
    run_action(editor_client, "publish", [hostile])
    client.logout()
    response = client.get(hostile.get_absolute_url())
    assert_escaped(response)
