"""Fixtures of the production-readiness tests: a small archive with a draft, its pages, and the caches."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import caches

from documents import archive_version
from tests.factories import make_document, make_period, make_theme

DRAFT_TITLE = "Unreleased Memorandum on Xylophone Diplomacy"
DRAFT_WORD = "xylophone"
# The pages of the published document of ``archive``.
PAGES = {"document": "/documents/speech-on-coexistence/", "era": "/eras/reform/",
         "principle": "/principles/peaceful-coexistence/"}


def age_version(seconds: float = 10) -> None:
    """Make the current version look older, as it would be a while after the last change."""
    store = archive_version.version_cache()
    record = archive_version.archive_version()
    record["changed"] -= seconds
    store.set(archive_version.VERSION_KEY, record, None)


@pytest.fixture(autouse=True)
def cold_caches(settings):
    """Every test starts with empty caches and no pending version change."""
    for name in settings.CACHES:
        caches[name].clear()
    archive_version.forget_local_state()
    yield
    for name in settings.CACHES:
        caches[name].clear()


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production."""
    settings.POLICYARCHIVE_PAGE_CACHE_SECONDS = 600
    return settings


@pytest.fixture
def archive(db) -> SimpleNamespace:
    """One published document on every page type (an era, a principle, a tag), and one draft
    that speaks about the same era and principle, with the same tag, and a word of its own."""
    era = make_period(name="Reform and opening-up", slug="reform", start_year=1978, end_year=2012)
    principle = make_theme(name="Peaceful coexistence", slug="peaceful-coexistence")
    published = make_document(
        title="Speech on Peaceful Coexistence", slug="speech-on-coexistence", issued_on=datetime.date(1985, 6, 5),
        issued_in=era, sections=["China pursues peaceful coexistence with every nation.",
                                 "Reform and opening-up needs a peaceful world."],
        themes=[principle], periods=[era], tags=["peace"])
    draft = make_document(
        title=DRAFT_TITLE, slug="unreleased-memorandum", published=False, issued_on=datetime.date(1986, 1, 1),
        issued_in=era, sections=[f"The {DRAFT_WORD} plan for peaceful coexistence is not public yet."],
        themes=[principle], periods=[era], tags=["peace", "secret-tag"])
    return SimpleNamespace(era=era, principle=principle, published=published, draft=draft)
