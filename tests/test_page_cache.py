"""Conditional requests (ETag, Last-Modified, 304) and the page cache of the reader pages
(documents/page_cache.py): the page cache serves what it stored with fresh headers; a cache that
is gone is no error."""

from __future__ import annotations

import socket

import pytest
from django.core.cache import caches

from tests.production.conftest import PAGES, age_version
from tests.production.conftest import archive, cold_caches, page_cache  # noqa: F401  (fixtures)


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
