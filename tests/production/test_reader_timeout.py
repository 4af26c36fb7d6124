"""Every reader query runs under the reader statement timeout (PostgreSQL): a page whose query
is cut off answers 503 with Retry-After, never a 500 and never a worker held for as long as the
database takes. The admin and management commands are not limited.

A slow query is made for real: another connection holds a lock the page's query must wait for,
and lets it go after a while (so that code with no timeout answers late, not never).
"""

from __future__ import annotations

import contextlib
import threading
from io import StringIO

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests.factories import make_document

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="SQLite has no statement timeout (documents/health.py says how it is bounded)"),
    pytest.mark.django_db(transaction=True),  # the page's own query is cut off: no test transaction around it
]

TIMEOUT_MS = 300


@pytest.fixture
def reader_timeout(settings):
    settings.POLICYARCHIVE_READER_STATEMENT_TIMEOUT_MS = TIMEOUT_MS
    make_document(title="Speech on Peaceful Coexistence", slug="speech", sections=["Peaceful coexistence."])


@contextlib.contextmanager
def documents_locked(*, for_seconds: float):
    """Another client holds a lock on the documents table for ``for_seconds`` at most (or until
    the block ends): every query of it waits until then."""
    locker = psycopg.connect(**connection.get_connection_params())
    try:
        locker.execute("LOCK TABLE documents_document IN ACCESS EXCLUSIVE MODE")
        release = threading.Timer(for_seconds, locker.rollback)
        release.start()
        try:
            yield
        finally:
            release.cancel()
            release.join()
            locker.rollback()
    finally:
        locker.close()


def current_limits() -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('statement_timeout'), current_setting('work_mem')")
        return cursor.fetchone()


def test_a_reader_page_whose_query_is_too_slow_answers_503_with_retry_after(reader_timeout):
    client = Client(raise_request_exception=False)
    with documents_locked(for_seconds=3):
        response = client.get("/documents/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "This page took too long" in html and "0.3 seconds" in html
    assert 'name="q"' in html  # a search box, to try a narrower search
    assert client.get("/documents/").status_code == 200  # and the next one, unhindered, is served


def test_a_slow_search_answers_503(reader_timeout):
    client = Client(raise_request_exception=False)
    with documents_locked(for_seconds=3):
        response = client.get("/documents/speech/")
    assert response.status_code == 503 and response["Retry-After"]


def test_the_reader_limits_do_not_outlive_the_request(reader_timeout, client):
    assert client.get("/search/", {"q": "peaceful"}).status_code == 200
    assert current_limits() != (f"{TIMEOUT_MS}ms", "16MB")
    assert current_limits()[0] == "0"


def test_the_admin_is_not_held_to_the_reader_timeout(reader_timeout):
    editor = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    client.get("/documents/")  # a reader page first, on the same connection
    with documents_locked(for_seconds=1):
        response = client.get("/admin/documents/document/")
    assert response.status_code == 200
    assert "Speech on Peaceful Coexistence" in response.content.decode()


def test_a_management_command_is_not_held_to_the_reader_timeout(reader_timeout, client):
    client.get("/documents/")
    out = StringIO()
    with documents_locked(for_seconds=1):
        call_command("export_documents", stdout=out)
    assert "Speech on Peaceful Coexistence" in out.getvalue()
