"""The seeded archive with one draft beside it."""

from __future__ import annotations

import pytest

from tests.factories import make_document


@pytest.fixture
def archive(seeded_db):
    return make_document(slug="secret-draft", title="A secret draft", status="draft",
                         sections=["Words no reader may see yet."])
