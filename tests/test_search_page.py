"""documents.search_page: the search page made of what documents.search found (its links, facets
and suggestions), on PostgreSQL and SQLite."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from documents.search_page import PageNotFound, search_page
from tests.factories import make_document, make_period, make_theme

pytestmark = pytest.mark.django_db


def page_for(**params: str):
    query = QueryDict(mutable=True)
    query.update(params)
    return search_page(query)


@pytest.mark.parametrize("number", ["0", "-1", "x", "123456", "²"])
def test_a_malformed_page_number_is_not_found(number):
    with pytest.raises(PageNotFound):
        page_for(q="peace", page=number)


def test_a_page_past_the_last_is_not_found_but_an_empty_search_has_its_first():
    make_document(title="One", sections=["Quasarite."])
    assert page_for(q="quasarite", page="1").results.total == 1
    with pytest.raises(PageNotFound):
        page_for(q="quasarite", page="2")
    assert page_for(q="nothingite", page="2").results.total == 0


def test_each_document_links_to_the_search_within_it_and_back_to_every_document():
    document = make_document(title="Many", sections=[f"Nebulite {n}." for n in range(5)])
    page = page_for(q="nebulite")
    [group] = page.results.groups
    assert group.more == 2 and f"in={document.slug}" in group.more_url and "q=nebulite" in group.more_url
    within = page_for(q="nebulite", **{"in": document.slug})
    assert within.within == document and len(within.results.hits) == 5
    assert "q=nebulite" in within.everywhere_url and "in=" not in within.everywhere_url


def test_facets_link_to_the_search_narrowed_to_their_value():
    make_document(title="Typed", sections=["Pulsarite."])
    values = [value for facet in page_for(q="pulsarite").facets for value in facet.values]
    assert values and all("q=pulsarite" in value.query for value in values)


def test_a_search_that_finds_nothing_links_to_principles_and_eras_with_similar_names():
    theme = make_theme(name="Multilateralism", slug="multilateralism-sp")
    era = make_period(name="Reform and opening", slug="reform-sp", start_year=1978, end_year=2012)
    page = page_for(q="multilateralsim")
    assert [(s.label, s.url, s.kind) for s in page.suggestions] == [
        ("Multilateralism", theme.get_absolute_url(), "principle")]
    assert [(s.url, s.kind) for s in page_for(q="refrom and opening").suggestions] == [(era.get_absolute_url(), "era")]
    assert page_for(q="").suggestions == []
