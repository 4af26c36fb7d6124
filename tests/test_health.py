"""/healthz checks the database; a database that does not answer is a 503 with Retry-After on
every page, never a 500; a broken query (a bug) is still a 500."""

from __future__ import annotations

import contextlib

import pytest
from django.db import DatabaseError, OperationalError, connection
from django.test import Client

from documents.health import RETRY_AFTER_SECONDS, UNAVAILABLE_PAGE, reader_timeout
# The production tests' small archive, page cache switch and cold caches (imported, so that
# only this module uses them; tests/production itself needs PostgreSQL and is skipped on SQLite).
from tests.production.conftest import archive, cold_caches, page_cache  # noqa: F401  (fixtures)


@contextlib.contextmanager
def database_down(error=OperationalError):
    """Every statement fails as it does when the server is gone (connection refused/closed)."""
    def refuse(execute, sql, params, many, context):
        raise error('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    with connection.execute_wrapper(refuse):
        yield


def test_healthz_answers_200_with_a_small_json_body(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["cache"] == "ok"
    assert "no-store" in response["Cache-Control"]
    assert len(response.content) < 200


def test_healthz_answers_503_when_the_database_does_not(client, db):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert response["Retry-After"]


def test_healthz_is_read_only(client, db):
    assert client.post("/healthz").status_code == 405


@pytest.mark.parametrize("url", ["/", "/documents/", "/documents/speech-on-coexistence/", "/eras/reform/",
                                 "/principles/peaceful-coexistence/", "/search/?q=peace", "/feed/",
                                 "/sitemap.xml"])
def test_a_database_outage_is_a_503_with_retry_after(archive, url):
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get(url)
    assert response.status_code == 503, url
    assert response["Retry-After"] == "5"
    assert response.content.decode() == UNAVAILABLE_PAGE
    assert response["Content-Security-Policy"]  # still every security header
    assert client.get(url).status_code == 200  # and back at once when the database is


def test_a_login_during_an_outage_is_a_503(db):
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.post("/admin/login/", {"username": "editor", "password": "secret"})
    assert response.status_code == 503


def test_a_failing_query_is_still_a_server_error(archive):
    client = Client(raise_request_exception=False)
    with database_down(DatabaseError):
        assert client.get("/documents/").status_code == 500


def test_a_cached_page_is_served_while_the_database_is_down(client, archive, page_cache):
    url = "/documents/speech-on-coexistence/"
    client.get(url)
    with database_down():
        response = client.get(url)
    assert response.status_code == 200 and response["X-Cache"] == "hit"


@pytest.mark.parametrize("ms, said", [(2000, "after 2 seconds"), (1000, "after 1 second,"), (250, "after 0.25 seconds")])
def test_the_timeout_page_says_how_long_in_words_that_agree(rf, settings, recwarn, ms, said):
    settings.POLICYARCHIVE_READER_STATEMENT_TIMEOUT_MS = ms
    response = reader_timeout(rf.get("/"))
    assert response.status_code == 503 and response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert said in response.content.decode()
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning)]  # ngettext counts whole numbers
