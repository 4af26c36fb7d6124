"""Staff who ask for a preview see drafts and scheduled documents on the reader's own page, under a
banner; readers (and staff who did not ask) get a 404, and nothing a staff member saw is ever
stored for readers."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import override_settings
from django.utils import timezone

from documents.page_cache import is_shareable
from tests.factories import make_document

PAGE_CACHE = override_settings(POLICYARCHIVE_PAGE_CACHE_SECONDS=300)


def test_staff_see_a_draft_on_the_reader_url_under_a_banner(staff_client):
    draft = make_document(title="Unreleased statement", published=False, sections=["Embargoed words."])
    response = staff_client.get(draft.get_absolute_url(), {"preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="draft-banner" role="status"' in html and "Draft: not public." in html
    assert "Status: Draft" in html and "Embargoed words." in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}


def test_a_scheduled_document_shows_when_it_becomes_public(staff_client):
    at = timezone.now() + datetime.timedelta(days=2)
    scheduled = make_document(published=False, status="published", published_at=at)
    html = staff_client.get(scheduled.get_absolute_url(), {"preview": "1"}).content.decode()
    assert "Draft: not public." in html and f"{timezone.localtime(at):%Y-%m-%d %H:%M}" in html


def test_a_published_document_has_no_banner(staff_client):
    live = make_document()
    response = staff_client.get(live.get_absolute_url(), {"preview": "1"})
    assert response.status_code == 200 and "draft-banner" not in response.content.decode()
    assert "X-Robots-Tag" not in response


def test_readers_and_staff_without_the_permission_get_404(client, db):
    draft = make_document(published=False)
    preview = {"preview": "1"}
    assert client.get(draft.get_absolute_url(), preview).status_code == 404
    client.force_login(User.objects.create_user("clerk", is_staff=True))
    assert client.get(draft.get_absolute_url(), preview).status_code == 404
    client.force_login(User.objects.create_user("reader-account"))
    assert client.get(draft.get_absolute_url(), preview).status_code == 404


def test_staff_who_did_not_ask_for_a_preview_see_what_readers_see(staff_client):
    draft = make_document(published=False)
    assert staff_client.get(draft.get_absolute_url()).status_code == 404


@PAGE_CACHE
def test_what_staff_saw_is_never_served_to_readers(staff_client, client):
    draft = make_document(title="Unreleased statement", published=False)
    live = make_document(title="Public statement")
    assert staff_client.get(draft.get_absolute_url(), {"preview": "1"}).status_code == 200
    assert "draft-banner" not in staff_client.get(live.get_absolute_url(), {"preview": "1"}).content.decode()
    staff_client.logout()
    assert client.get(draft.get_absolute_url(), {"preview": "1"}).status_code == 404
    reader_page = client.get(live.get_absolute_url())
    assert reader_page.status_code == 200 and "draft-banner" not in reader_page.content.decode()


def test_a_logged_in_request_is_never_shared(staff_client, rf):
    request = rf.get("/documents/x/")
    assert is_shareable(request)
    request.COOKIES[settings.SESSION_COOKIE_NAME] = staff_client.cookies[settings.SESSION_COOKIE_NAME].value
    assert not is_shareable(request)
