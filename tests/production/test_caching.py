"""Conditional requests (ETag, Last-Modified, 304) on reader pages, kept right by the archive
version: any change to a document, its passages, a principle, an era or a tag changes them; the
page cache serves what it stored with fresh headers; a cache that is gone is no error."""

from __future__ import annotations

import socket

import pytest
from django.core.cache import caches
from taggit.models import Tag

from documents import caching
from documents.models import Section

PAGES = {"document": "/documents/speech-on-coexistence/", "era": "/eras/reform/",
         "principle": "/principles/peaceful-coexistence/"}


def age_version(seconds: float = 10) -> None:
    """Make the current version look older, as it would be a while after the last change."""
    store = caching.version_cache()
    record = caching.archive_version()
    record["changed"] -= seconds
    store.set(caching.VERSION_KEY, record, None)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_sends_validators_and_answers_304_when_they_match(client, archive, page):
    age_version()
    first = client.get(PAGES[page])
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert "max-age=0" in first["Cache-Control"] and "Cookie" in first["Vary"]

    by_etag = client.get(PAGES[page], HTTP_IF_NONE_MATCH=etag)
    assert by_etag.status_code == 304 and by_etag.content == b"" and by_etag["ETag"] == etag
    assert client.get(PAGES[page], HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(PAGES[page], HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def change_document(archive):
    archive.published.title = "Speech on Peaceful Coexistence, revised"
    archive.published.save()


def change_section(archive):
    Section.objects.filter(document=archive.published, position=2).update(text="A passage an editor rewrote.")


def change_theme(archive):
    archive.principle.name = "Peaceful coexistence of states"
    archive.principle.save()


def change_period(archive):
    archive.era.summary = "An era of reform."
    archive.era.save()


def change_tag(archive):
    Tag.objects.filter(slug="peace").update(name="Peace and development")


def change_section_principles(archive):
    Section.themes.through.objects.filter(section__document=archive.published).delete()


CHANGES = [change_document, change_section, change_theme, change_period, change_tag, change_section_principles]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_a_change_to_what_a_page_shows_changes_its_validators(client, archive, page, change):
    age_version()
    before = client.get(PAGES[page])
    change(archive)
    after = client.get(PAGES[page], HTTP_IF_NONE_MATCH=before["ETag"],
                       HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]


def test_a_cached_page_comes_back_with_fresh_security_headers(client, archive, page_cache):
    url = PAGES["document"]
    first = client.get(url)
    second = client.get(url)
    assert first.get("X-Cache") is None and second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "ETag"):
        assert second[header] == first[header]


def test_a_page_with_a_query_is_its_own_cache_entry(client, archive, page_cache):
    client.get("/documents/?sort=title")
    assert client.get("/documents/?sort=oldest").get("X-Cache") is None
    assert client.get("/documents/?sort=title")["X-Cache"] == "hit"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket is


def test_a_redis_that_does_not_answer_means_uncached_pages_not_errors(client, archive, settings):
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }}
    settings.POLICYARCHIVE_PAGE_CACHE_SECONDS = 600
    assert caches["default"].get("anything") is None  # the cache is really gone
    for url in [*PAGES.values(), "/", "/documents/", "/matrix/", "/search/?q=peaceful"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "ETag" not in response and response.get("X-Cache") is None
    assert client.get("/healthz").json()["cache"] == "unavailable"


@pytest.mark.parametrize(("sql", "writes"), [
    ('INSERT INTO "documents_document" ("title") VALUES (%s)', True),
    ('UPDATE "documents_section" SET "text" = %s WHERE "id" = %s', True),
    ('DELETE FROM "documents_section_themes" WHERE "section_id" IN (%s)', True),
    ('  update "taggit_tag" set "name" = %s', True),
    ('INSERT INTO "taggit_taggeditem" ("tag_id") VALUES (%s)', True),
    ('TRUNCATE "auth_user", "documents_document", "django_session"', True),
    ('SELECT "documents_document"."id" FROM "documents_document"', False),
    ('INSERT INTO "django_session" ("session_key") VALUES (%s)', False),
    ('UPDATE "axes_accessattempt" SET "failures_since_start" = 1', False),
    ('INSERT INTO "policyarchive_cache" (cache_key) VALUES (%s)', False),
    ('SELECT 1 FROM "documents_document" WHERE title = \'UPDATE "documents_x"\'', False),
])
def test_writes_to_the_archive_are_recognised(sql, writes):
    assert caching.writes_to_archive(sql) is writes
