"""Admin logins: an account that keeps failing from one address is refused there for a while,
even with the right password; other accounts from the same address (behind one proxy, every
editor has the proxy's address) and the same account elsewhere are not; an address that sprays
many usernames is refused as a whole; logins that are not web logins (the test client's, a
shell's) work. A NUL character in the admin's parameters is dropped; a form holding one is
refused (the reader pages' own tests show that they clean NULs away and answer 200 or 404)."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.admin.conftest import PASSWORD, editor, editor_client, make_user, taxonomy  # noqa: F401  (fixtures)
from tests.admin.test_documents import CHANGELIST, edit
from tests.factories import make_document

LOGIN = "/admin/login/"


def attempt(client, password: str, *, address: str = "203.0.113.7", username: str = "editor"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"},
                        REMOTE_ADDR=address)


def test_repeated_failures_lock_the_address_out(client, db):
    make_user("editor", staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "wrong password")
        assert response.status_code == 200  # the form again, with its error
        assert "Please enter the correct username and password" in response.content.decode()

    assert attempt(client, "wrong password").status_code == 429
    locked = attempt(client, PASSWORD)  # the right password no longer helps
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still not logged in

    other = attempt(client, PASSWORD, address="198.51.100.20")  # another address is not locked
    assert other.status_code == 302 and other["Location"] == "/admin/"


def test_one_account_failing_does_not_lock_out_another_from_the_same_address(client, db):
    make_user("editor", staff=True)
    make_user("colleague", staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong password")
    assert attempt(client, PASSWORD).status_code == 429  # this account, from here: refused
    colleague = attempt(client, PASSWORD, username="colleague")  # same address, another account
    assert colleague.status_code == 302 and colleague["Location"] == "/admin/"


def test_an_address_spraying_many_usernames_is_refused(client, db, settings):
    settings.POLICYARCHIVE_LOGIN_ADDRESS_FAILURE_LIMIT = 12
    make_user("editor", staff=True)
    for n in range(settings.POLICYARCHIVE_LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        # Each guessed name fails fewer times than the per-account limit.
        assert attempt(client, "guess", username=f"name{n % 4}").status_code == 200
    assert attempt(client, "guess", username="name-last").status_code == 429
    assert attempt(client, PASSWORD).status_code == 429  # even a real account, from this address
    assert attempt(client, PASSWORD, address="198.51.100.20").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, db):
    make_user("editor", staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong password")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong password").status_code == 200
    assert attempt(client, PASSWORD).status_code == 302


def test_the_address_behind_trusted_proxies_is_the_one_counted(client, db, settings):
    settings.POLICYARCHIVE_TRUSTED_PROXIES = 1
    make_user("editor", staff=True)
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The client forges the left part of X-Forwarded-For; the proxy appends the real address.
        client.post(LOGIN, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.0.0.2",
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9")
    assert client.post(LOGIN, {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2",
                       HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert client.post(LOGIN, {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2",
                       HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302


def test_logins_that_are_not_web_logins_still_work(client, db):
    make_user("editor", staff=True)
    assert client.login(username="editor", password=PASSWORD)


@pytest.mark.parametrize("url,params", [
    (CHANGELIST, {"tag": "a\x00b"}),
    (CHANGELIST, {"language": "e\x00n"}),
    (CHANGELIST, {"q": "pea\x00ce"}),
    (CHANGELIST, {"source__startswith": "\x00"}),
    ("/admin/taggit/tag/names/", {"term": "a\x00"}),
    ("/admin/autocomplete/", {"term": "\x00", "app_label": "documents", "model_name": "document",
                              "field_name": "themes"}),
])
def test_a_nul_character_in_the_admins_parameters_is_dropped(editor_client, taxonomy, url, params):
    make_document(title="Peace and development", sections=["Peace matters."], tags=["Asia"])
    response = editor_client.get(url, params)
    without = editor_client.get(url, {key: value.replace("\x00", "") for key, value in params.items()})
    assert response.status_code == without.status_code and response.status_code in (200, 302, 404)
    if response["Content-Type"].startswith("application/json"):
        assert response.json() == without.json()  # answered as if the NUL were not there
    elif response.status_code == 200:
        listed = "Peace and development" in response.content.decode()
        assert listed == ("Peace and development" in without.content.decode())


def test_a_nul_character_in_a_posted_form_answers_400(editor_client):
    document = make_document(title="Peace")
    response = edit(editor_client, document, title="a\x00b")  # multipart: the form refuses it
    assert response.status_code == 200 and "Null characters are not allowed" in response.content.decode()
    urlencoded = editor_client.post(f"/admin/documents/document/{document.pk}/change/", "title=a%00b",
                                    content_type="application/x-www-form-urlencoded")
    assert urlencoded.status_code == 400 and "NUL" in urlencoded.content.decode()
    document.refresh_from_db()
    assert document.title == "Peace"
