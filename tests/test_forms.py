"""The readers' parameter form (documents/forms.py, ``ArchiveFilterForm``): how each parameter
is cleaned, and that a hostile value is refused and said, never an error. The admin's forms are
tested through the admin (tests/admin)."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from documents.forms import MALFORMED, ArchiveFilterForm
from documents.taxonomy import TaxonomyTree
from tests.factories import make_document, make_period, make_theme


@pytest.fixture
def tree(db) -> TaxonomyTree:
    make_period(name="Bandung", slug="bandung", start_year=1953, end_year=1959, order=1)
    parent = make_theme(name="Five Principles", slug="five-principles")
    make_theme(name="Non-interference", slug="non-interference", parent=parent)
    make_document(title="Tagged", tags=["history"])
    return TaxonomyTree.load()


def clean(query: str, tree: TaxonomyTree, **kwargs) -> ArchiveFilterForm:
    return ArchiveFilterForm(QueryDict(query), taxonomy=tree, **kwargs)


@pytest.mark.parametrize("query, name, expected", [
    ("era=bandung", "era", "Bandung"),
    ("issued=bandung", "issued", "Bandung"),
    ("about=%20bandung%20", "about", "Bandung"),  # surrounding spaces are not part of a slug
    ("principle=non-interference", "principle", "Non-interference"),
    ("tag=history", "tag", "history"),
    ("type=communique", "type", "communique"),
    ("source=Xinhua", "source", "Xinhua"),
    ("language=ZH-Hans", "language", "zh-hans"),  # codes compare in lower case
    ("year=1955", "year", 1955),
    ("from=0001", "from", 1),
    ("to=9999", "to", 9999),
    ("sort=oldest", "sort", "oldest"),
    ("by=issued", "by", "issued"),
    ("type=speech&type=communique", "type", "communique"),  # repeated: the last one wins
])
def test_each_parameter_is_cleaned_into_what_pages_filter_on(tree, query, name, expected):
    form = clean(query, tree)
    value = form.values[name]
    assert str(getattr(value, "name", value)) == str(expected)
    assert form.problems == []


@pytest.mark.parametrize("query, name, reason", [
    ("era=nowhere", "era", "no era “nowhere”"),
    ("principle=no-such", "principle", "no principle “no-such”"),
    ("tag=no-such-tag", "tag", "no tag “no-such-tag”"),
    ("type=poem", "type", "no document type “poem”"),
    ("language=e", "language", "“e” is not a language code"),
    ("language=%E4%B8%AD%E6%96%87", "language", "“中文” is not a language code"),
    ("year=abcd", "year", "“abcd” is not a year"),
    ("year=0", "year", "“0” is not a year"),
    ("year=10000", "year", "“10000” is not a year"),
    ("from=%EF%BC%91%EF%BC%99%EF%BC%95%EF%BC%90", "from", "“１９５０” is not a year"),  # full-width digits
    ("sort=price", "sort", "cannot sort by “price”"),
    ("by=nothing", "by", "cannot count by “nothing”"),
    ("language=%00", "language", MALFORMED),
    ("source=%00Xinhua", "source", MALFORMED),
    ("tag=his%00tory", "tag", MALFORMED),  # refused before it reaches the database
    ("issued=" + "x" * 10_000, "issued", MALFORMED),
    ("year=" + "9" * 10_000, "year", MALFORMED),
    ("q=peace&tag=" + "t" * 301, "tag", MALFORMED),
])
def test_a_hostile_or_unknown_value_is_refused_and_said(tree, query, name, reason):
    form = clean(query, tree)
    assert name not in form.values
    assert form.problems == [(name, reason)]


@pytest.mark.parametrize("query", ["", "era=", "era=%20%20", "principle[]=x", "page=2", "q=peace"])
def test_no_value_is_no_filter_and_no_problem(tree, query):
    form = clean(query, tree)
    assert form.values == {} and form.problems == []


def test_a_reversed_year_range_is_put_right(tree):
    assert clean("from=2015&to=1950", tree).values == {"from": 1950, "to": 2015}


def test_a_refused_value_leaves_the_others_standing(tree):
    form = clean("year=abcd&principle=five-principles&sort=title", tree)
    assert set(form.values) == {"principle", "sort"}
    assert [name for name, _ in form.problems] == ["year"]


def test_a_page_cleans_only_its_own_parameters(tree, django_assert_num_queries):
    with django_assert_num_queries(0):  # ``tag`` is not a parameter here: no look-up
        form = clean("issued=bandung&tag=history&year=abcd", tree, only=("issued", "about"))
        assert set(form.values) == {"issued"} and form.problems == []


def test_undated_is_a_value_where_the_page_allows_it(tree):
    assert clean("issued=none", tree, only=("issued",), undated=True).values == {"issued": "none"}
    assert clean("issued=none", tree).problems == [("issued", "no era “none”")]
