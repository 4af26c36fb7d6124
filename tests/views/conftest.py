"""Fixtures of the reader page tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.sample_archive import build_archive


@pytest.fixture
def archive(db) -> SimpleNamespace:
    return build_archive()


@pytest.fixture
def staff_client(client, db):
    """A staff member who may view documents: the reader URLs show them drafts, with ?preview=1."""
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("previewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_document"))
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Archive-wide counts are cached per version of the archive; every test starts cold."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
