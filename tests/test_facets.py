"""Facets (documents/facets.py) and language names (documents/languages.py): what a reader
sees beside each filter value, counted by the document list (the ORM) or by search (its rows)."""

from __future__ import annotations

import datetime
import json

import pytest

from documents.facets import FacetCounts, build_facets, count_facets, counts_from_rows, is_shown, tag_counts
from documents.languages import language_name
from documents.models import Document
from documents.taxonomy import TaxonomyTree
from tests.factories import make_document, make_period, make_theme


def link(**changes) -> str:
    return "?" + "&".join(f"{name}={value}" for name, value in changes.items())


@pytest.fixture
def archive(db):
    era = make_period(name="Bandung", slug="bandung", start_year=1953, end_year=1959, order=1)
    parent = make_theme(name="Five Principles", slug="five", order=1)
    child = make_theme(name="Non-interference", slug="non-interference", parent=parent, order=2)
    make_document(title="A", issued_on=datetime.date(1954, 6, 28), issued_in=era, languages=["en", "zh"],
                  source="Xinhua", tags=["india", "history"], themes=[child], periods=[era], doc_type="communique")
    make_document(title="B", issued_on=datetime.date(2014, 6, 28), languages=["EN"], source="Xinhua",
                  tags=["history"], themes=[parent, child])
    make_document(title="Draft", published=False, languages=["de"], source="Draft source", tags=["secret"],
                  themes=[parent])
    return TaxonomyTree.load()


def shown(facets) -> dict[str, list[tuple[str, int, str]]]:
    return {f.label: [(v.label, v.count, v.query) for v in f.values] for f in facets}


def test_the_list_facets_count_published_documents_with_links(archive):
    counts = count_facets(Document.objects.published(), taxonomy=archive, active=())
    assert shown(build_facets(counts, taxonomy=archive, link=link, active=())) == {
        "Principle": [("Five Principles", 2, "?principle=five"), ("Non-interference", 2, "?principle=non-interference")],
        "Issued in": [("Bandung (1953–1959)", 1, "?issued=bandung")],
        "Speaks about": [("Bandung (1953–1959)", 1, "?about=bandung")],
        "Type": [("Reference article", 1, "?type=article"), ("Communiqué", 1, "?type=communique")],  # choices order
        "Language": [("English", 2, "?language=en"), ("Chinese", 1, "?language=zh")],  # "EN" is "en"
        "Decade": [("1950s", 1, "?from=1950&to=1959"), ("2010s", 1, "?from=2010&to=2019")],
        "Tag": [("history", 2, "?tag=history"), ("india", 1, "?tag=india")],
        "Source": [("Xinhua", 2, "?source=Xinhua")],
    }


def test_a_facet_whose_filter_is_active_is_neither_counted_nor_shown(archive, django_assert_num_queries):
    active = {"tag": object(), "from": 1950, "principle": object(), "sort": "title"}
    with django_assert_num_queries(5):  # issued, about, type, language, source
        counts = count_facets(Document.objects.published(), taxonomy=archive, active=active)
    labels = [f.label for f in build_facets(counts, taxonomy=archive, link=link, active=active)]
    assert labels == ["Issued in", "Speaks about", "Type", "Language", "Source"]


@pytest.mark.parametrize("name, active, expected", [
    ("tag", {"tag"}, False), ("tag", {"era"}, True), ("year", {"to"}, False), ("year", {"year"}, False),
    ("year", {"sort"}, True),
])
def test_is_shown(name, active, expected):
    assert is_shown(name, active) is expected


def test_search_rows_make_the_same_facets(archive):
    """Search's page query returns (facet, value, label, count) rows, values as text."""
    era, five, child = archive.periods[0], *archive.themes
    rows = [("principle", str(five.pk), "", 2), ("principle", str(child.pk), "", 2),
            ("issued", str(era.pk), "", 1), ("about", str(era.pk), "", 1),
            ("type", "communique", "", 1), ("type", "article", "", 1),
            ("language", json.dumps(["en", "zh"]), "", 1), ("language", json.dumps(["EN"]), "", 1),
            ("year", "1950", "", 1), ("year", "2010", "", 1),
            ("tag", "india", "india", 1), ("tag", "history", "history", 2), ("source", "Xinhua", "", 2)]
    from_rows = build_facets(counts_from_rows(rows), taxonomy=archive, link=link, active=())
    from_orm = build_facets(count_facets(Document.objects.published(), taxonomy=archive, active=()),
                            taxonomy=archive, link=link, active=())
    assert shown(from_rows) == shown(from_orm)


def test_empty_facets_are_left_out(archive):
    assert build_facets(FacetCounts(), taxonomy=archive, link=link, active=()) == []


def test_tag_counts_of_published_documents_only(archive):
    assert tag_counts(Document.objects.published(), limit=1) == [("history", "history", 2)]
    assert ("secret", "secret", 1) not in tag_counts(Document.objects.published(), limit=10)


@pytest.mark.parametrize("code, name", [
    ("en", "English"), ("EN", "English"), ("zh", "Chinese"), ("zh-Hant", "Chinese (Traditional)"),
    ("fr", "French"), ("xx", "xx"), ("", ""),
])
def test_language_names(code, name):
    assert language_name(code) == name
