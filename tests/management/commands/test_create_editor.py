"""The documented way to create an editor account: ``manage.py create_editor``."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from documents.roles import EDITORS_GROUP


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_creates_a_staff_editor_from_a_password_on_stdin(client, db):
    out = io.StringIO()
    call_command("create_editor", "alice", "--email", "alice@example.org", "--password-stdin",
                 stdin=io.StringIO("a long enough passphrase\n"), stdout=out)

    user = User.objects.get(username="alice")
    assert user.is_staff and not user.is_superuser
    assert [g.name for g in user.groups.all()] == [EDITORS_GROUP]
    assert user.has_perm("documents.change_document") and not user.has_perm("auth.change_user")
    assert "Created the editor 'alice'" in out.getvalue()
    assert client.login(username="alice", password="a long enough passphrase")
    assert client.get("/admin/documents/document/").status_code == 200


def test_asks_for_the_password_twice_on_a_terminal(db, monkeypatch):
    answers = iter(["a long enough passphrase", "a long enough passphrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    call_command("create_editor", "bob", stdin=Terminal(), stdout=io.StringIO())
    assert User.objects.get(username="bob").check_password("a long enough passphrase")


@pytest.mark.parametrize("args, stdin, message", [
    (["carol", "--password-stdin"], "short\n", "The password is not accepted"),
    (["carol", "--password-stdin"], "", "No password on standard input"),
    (["carol"], "not a terminal\n", "give the password with --password-stdin"),
])
def test_refuses_bad_input(db, args, stdin, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_editor", *args, stdin=io.StringIO(stdin), stdout=io.StringIO())
    assert not User.objects.filter(username="carol").exists()


def test_refuses_an_existing_user(db):
    User.objects.create_user("dave")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_editor", "dave", "--password-stdin", stdin=io.StringIO("a long enough passphrase\n"))
