"""Fixtures of the reader page tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.sample_archive import build_archive


@pytest.fixture
def archive(db) -> SimpleNamespace:
    return build_archive()


@pytest.fixture(autouse=True)
def empty_cache():
    """Archive-wide counts are cached per version of the archive; every test starts cold."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
