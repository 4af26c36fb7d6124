"""A draft is on no public URL: not in lists, search, feeds, sitemaps, and not in the page cache,
including a document that was public, cached, and then unpublished."""

from __future__ import annotations

import datetime
import pickle

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from documents.choices import Status
from documents.editing.publishing import publish, unpublish
from documents.models import Document

from .conftest import DRAFT_TITLE, DRAFT_WORD

PUBLIC_URLS = [
    "/", "/documents/", "/documents/?era=reform", "/documents/?principle=peaceful-coexistence",
    "/documents/?tag=peace", "/documents/?sort=title", "/eras/", "/eras/reform/", "/principles/",
    "/principles/peaceful-coexistence/", "/principles/peaceful-coexistence/?issued=reform", "/tags/",
    "/tags/peace/", "/matrix/", "/matrix/?by=issued", "/search/?q=peaceful+coexistence",
    f"/search/?q={DRAFT_WORD}", "/search/?q=plan", "/feed/", "/sitemap.xml", "/sitemap-documents.xml",
    "/sitemap-pages.xml", "/robots.txt", "/documents/speech-on-coexistence/",
]
DRAFT_PASSAGE = "is not public yet"  # words of the draft's only passage
DRAFT_URLS = ["/documents/unreleased-memorandum/", "/documents/unreleased-memorandum/source/",
              "/tags/secret-tag/"]


def assert_no_draft(client, urls=PUBLIC_URLS):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode().lower()
        for secret in (DRAFT_TITLE.lower(), DRAFT_PASSAGE, "unreleased-memorandum", "secret-tag"):
            assert secret not in body, (url, secret)


def stored_pages() -> list[bytes]:
    """Every page the page cache holds (local memory in tests)."""
    store = caches["default"]
    pages = []
    for key, value in list(store._cache.items()):
        if ":page:" in key:
            content, _headers = pickle.loads(value)
            pages.append(content)
    return pages


def test_drafts_are_on_no_public_page(client, archive):
    assert_no_draft(client)
    for url in DRAFT_URLS:
        assert client.get(url).status_code == 404, url


def test_drafts_are_never_in_the_page_cache(client, archive, page_cache):
    assert_no_draft(client)
    assert_no_draft(client)  # the second time from the cache
    assert client.get("/documents/").get("X-Cache") == "hit"
    pages = stored_pages()
    assert len(pages) >= len(PUBLIC_URLS) - 1
    assert not any(DRAFT_TITLE.encode() in page or DRAFT_PASSAGE.encode() in page for page in pages)


@pytest.mark.parametrize("how", ["admin action", "queryset update", "save"])
def test_a_cached_document_that_is_unpublished_is_gone_at_once(client, archive, page_cache, how):
    draft = archive.draft
    publish(documents=Document.objects.filter(pk=draft.pk))
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url).get("X-Cache") == "hit"
    assert DRAFT_TITLE in client.get("/documents/").content.decode()
    assert DRAFT_TITLE in client.get("/feed/").content.decode()

    if how == "admin action":  # bulk_update: no model signal is sent
        unpublish(documents=Document.objects.filter(pk=draft.pk))
    elif how == "queryset update":
        Document.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    else:
        draft.refresh_from_db()
        draft.status = Status.DRAFT
        draft.save()

    assert client.get(url).status_code == 404
    assert client.get(url + "source/").status_code == 404
    assert_no_draft(client)


def test_an_unpublish_committed_by_another_process_empties_the_cache(
        client, archive, page_cache, django_capture_on_commit_callbacks):
    """What another process commits reaches this one through the shared version, after commit."""
    from documents import archive_version

    publish(documents=Document.objects.filter(pk=archive.draft.pk))
    url = archive.draft.get_absolute_url()
    client.get(url)
    assert client.get(url).get("X-Cache") == "hit"

    connection.run_on_commit.clear()  # what was written so far has been committed
    with django_capture_on_commit_callbacks() as callbacks:
        unpublish(documents=Document.objects.filter(pk=archive.draft.pk))
    archive_version.forget_local_state()  # as if the write had happened in another process
    assert client.get(url).get("X-Cache") == "hit"  # not committed yet: the old version stands
    assert callbacks  # one, however many rows the transaction wrote
    for callback in callbacks:  # the commit
        callback()
    assert client.get(url).status_code == 404


def test_a_scheduled_document_appears_when_its_time_comes(client, archive, page_cache,
                                                           django_capture_on_commit_callbacks):
    at = timezone.now() + datetime.timedelta(seconds=1.5)
    connection.run_on_commit.clear()  # what was written so far has been committed
    with django_capture_on_commit_callbacks(execute=True):  # and now this, with its schedule
        publish(documents=Document.objects.filter(pk=archive.draft.pk), at=at)
    assert DRAFT_TITLE not in client.get("/documents/").content.decode()
    assert client.get("/documents/").get("X-Cache") == "hit"
    with time_machine.travel(at + datetime.timedelta(seconds=0.1)):
        assert DRAFT_TITLE in client.get("/documents/").content.decode()


def test_an_editors_page_is_neither_stored_nor_served_from_the_cache(client, archive, page_cache):
    from tests.admin.conftest import make_user

    url = archive.published.get_absolute_url()
    client.get(url)
    assert client.get(url).get("X-Cache") == "hit"

    client.force_login(make_user("editor", staff=True))
    response = client.get(url)
    assert response.get("X-Cache") is None
    assert "private" in response["Cache-Control"] and "ETag" not in response
    cached = len(stored_pages())
    client.get("/eras/reform/")
    assert len(stored_pages()) == cached  # an editor's page is not stored
