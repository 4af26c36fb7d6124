"""Editors, other users and a small taxonomy for the admin tests."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission, User

from documents.roles import EDITORS_GROUP, ensure_editors_group
from tests.factories import make_period, make_theme

PASSWORD = "correct horse battery staple"


def make_user(username: str, *, staff: bool = True, group: str | None = None, perms: tuple[str, ...] = ()) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=staff)
    if group == EDITORS_GROUP:
        # Made by migration 0002; made again here in case a transactional test flushed it.
        user.groups.add(ensure_editors_group(group_model=Group, permission_model=Permission))
    elif group:
        user.groups.add(Group.objects.get(name=group))
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.fixture
def editor(db) -> User:
    return make_user("editor", group=EDITORS_GROUP)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def taxonomy(db) -> dict:
    """Two eras and a small principle tree with match rules."""
    mao = make_period(name="Founding era", slug="founding", start_year=1949, end_year=1977)
    reform = make_period(name="Reform and opening-up", slug="reform", start_year=1978, end_year=2012,
                         cues=["reform and opening-up"])
    five = make_theme(name="Five Principles", slug="five-principles", rules=["five principles"])
    sovereignty = make_theme(name="Mutual respect for sovereignty", slug="sovereignty", parent=five,
                             rules=["sovereignty"])
    interference = make_theme(name="Non-interference", slug="non-interference", parent=five,
                              rules=["internal affairs"])
    hegemony = make_theme(name="Opposition to hegemonism", slug="hegemonism", rules=["re:\\bhegemon"])
    return {"founding": mao, "reform": reform, "five": five, "sovereignty": sovereignty,
            "interference": interference, "hegemonism": hegemony}
