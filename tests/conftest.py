"""Shared fixtures. The suite runs against PostgreSQL (DATABASE_URL), never a mock."""

from pathlib import Path

import pytest
from django.conf import settings

SEEDS = Path(settings.POLICYARCHIVE_SEEDS_DIR)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seeded_db(db):
    """The taxonomy and the five seed documents, imported as `make run` imports them.

    Imported inside the test's transaction, so nothing leaks into other tests.
    """
    from django.core.management import call_command

    call_command("import_seeds", verbosity=0)
