"""The document list: combinable filters, counts beside each value, sorting, pagination, and
parameters that are malformed, unknown or repeated."""

from __future__ import annotations

import html
import re

import pytest
from django.http import QueryDict

from documents.models import Document
from tests.factories import make_document

from .helpers import text, titles

URL = "/documents/"


def test_lists_published_documents_only(client, archive):
    response = client.get(URL)
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(
        [archive.press.title, archive.narrative.title, archive.communique.title, archive.undated.title])
    page = text(response)
    assert "Secret draft" not in page and "Scheduled statement" not in page
    assert "4 documents" in page


def test_default_sort_is_newest_first_with_undated_last(client, archive):
    assert titles(client.get(URL)) == [archive.press.title, archive.narrative.title, archive.communique.title,
                                       archive.undated.title]


@pytest.mark.parametrize("sort, expected", [
    ("oldest", ["communique", "narrative", "press", "undated"]),
    ("title", ["undated", "narrative", "communique", "press"]),
])
def test_sort(client, archive, sort, expected):
    assert titles(client.get(URL, {"sort": sort})) == [getattr(archive, name).title for name in expected]


@pytest.mark.parametrize("params, expected", [
    ({"era": "new-era"}, ["press", "narrative"]),            # issued in it
    ({"era": "bandung"}, ["narrative", "communique"]),       # speaks about it, or issued in it
    ({"issued": "bandung"}, ["communique"]),
    ({"about": "founding"}, ["narrative"]),
    ({"principle": "five-principles"}, ["press", "narrative", "communique"]),  # a parent includes its children
    ({"principle": "non-interference"}, ["press", "narrative"]),
    ({"tag": "history"}, ["narrative", "communique"]),
    ({"type": "press_conference"}, ["press"]),
    ({"source": "Xinhua"}, ["communique", "undated"]),
    ({"language": "zh"}, ["press"]),
    ({"language": "EN"}, ["press", "narrative", "communique"]),
    ({"year": "2014"}, ["narrative"]),
    ({"from": "1950", "to": "2015"}, ["narrative", "communique"]),
    ({"from": "2015", "to": "1950"}, ["narrative", "communique"]),  # a reversed range is put right
    ({"from": "2000"}, ["press", "narrative"]),
    ({"to": "2000"}, ["communique"]),
    ({"principle": "independence", "source": "Xinhua"}, ["undated"]),
    ({"tag": "history", "era": "new-era"}, ["narrative"]),
    ({"principle": "five-principles", "type": "communique", "from": "1950"}, ["communique"]),
])
def test_filters_combine(client, archive, params, expected):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert titles(response) == [getattr(archive, name).title for name in expected]


def test_language_filter_works_on_the_json_list(archive):
    assert set(Document.objects.published().in_language("zh")) == {archive.press}
    assert set(Document.objects.published().in_language("fr")) == {archive.undated}
    assert not Document.objects.published().in_language("de").exists()  # only the draft is in German


def test_active_filters_are_shown_and_removable_one_by_one(client, archive):
    response = client.get(URL, {"principle": "five-principles", "tag": "history", "q": "peace"})
    page = html.unescape(response.content.decode())
    assert "Principle: <strong>Five Principles of Peaceful Coexistence</strong>" in page
    assert "Tag: <strong>history</strong>" in page
    removes = re.findall(r'class="active-filter__remove" href="([^"]+)"', page)
    assert len(removes) == 2
    without_principle = QueryDict(removes[0][1:])
    assert without_principle.get("principle") is None and without_principle["tag"] == "history"
    assert without_principle["q"] == "peace"  # the search query is kept
    assert titles(client.get(URL + removes[0])) == [archive.narrative.title, archive.communique.title]
    assert "Remove all filters" in page


def facet_counts(response, label) -> dict[str, int]:
    """{value: count} of one facet on the page."""
    page = html.unescape(response.content.decode())
    block = re.search(rf'<h3 id="facet-[a-z]+">{label}</h3>\s*<ul>(.*?)</ul>', page, flags=re.S)
    if block is None:
        return {}
    return {name.strip(): int(count) for name, count in re.findall(
        r'<a href="[^"]*">([^<]+)</a> <span class="count"><span class="visually-hidden">\(</span>(\d+)',
        block.group(1))}


def test_counts_beside_each_filter_value(client, archive):
    response = client.get(URL)
    assert facet_counts(response, "Principle") == {
        "Five Principles of Peaceful Coexistence": 3, "Non-interference in internal affairs": 2,
        "Mutual respect for sovereignty": 1, "Independence and self-reliance": 2, "Opposition to hegemonism": 1,
    }
    assert facet_counts(response, "Type") == {"Press conference": 1, "Reference article": 1, "Communiqué": 1,
                                              "Policy statement": 1}
    assert facet_counts(response, "Language") == {"English": 3, "Chinese": 1, "French": 1}
    assert facet_counts(response, "Issued in") == {"The Five Principles and Bandung (1953–1959)": 1,
                                                   "The new era (2012–)": 2}
    assert facet_counts(response, "Speaks about") == {"Founding of New China (1949–1955)": 1,
                                                      "The Five Principles and Bandung (1953–1959)": 2,
                                                      "Reform and opening-up (1978–1991)": 1,
                                                      "The new era (2012–)": 1}
    assert facet_counts(response, "Tag") == {"history": 2, "congress": 1, "india": 1, "press conference": 1}
    assert facet_counts(response, "Source") == {"Xinhua": 2, "Ministry of Foreign Affairs": 1,
                                                "Press Center of the 20th CPC National Congress": 1}
    assert facet_counts(response, "Decade") == {"1950s": 1, "2010s": 1, "2020s": 1}


def test_counts_follow_the_active_filters_and_match_the_results(client, archive):
    response = client.get(URL, {"tag": "history"})
    assert facet_counts(response, "Type") == {"Reference article": 1, "Communiqué": 1}
    assert facet_counts(response, "Tag") == {}  # an active filter is shown among the active filters instead
    for name, count in facet_counts(response, "Principle").items():
        link = re.search(rf'<a href="([^"]+)">{re.escape(html.escape(name, quote=False))}</a>',
                         response.content.decode())
        assert len(titles(client.get(URL + html.unescape(link.group(1))))) == count


def test_drafts_count_nowhere(client, archive):
    page = text(client.get(URL))
    for value in ("draft-only-tag", "scheduled-only-tag", "German", "Draft source"):
        assert value not in page


def test_pagination(client, archive):
    for n in range(25):
        make_document(title=f"Bulk {n:02}", source="Bulk")
    first = client.get(URL, {"source": "Bulk", "sort": "title"})
    assert titles(first)[:2] == ["Bulk 00", "Bulk 01"] and len(titles(first)) == 20
    assert "Page 1 of 2" in text(first)
    second = client.get(URL, {"source": "Bulk", "sort": "title", "page": "2"})
    assert titles(second) == [f"Bulk {n}" for n in range(20, 25)]
    assert 'href="?source=Bulk&amp;sort=title&amp;page=1"' in second.content.decode()


@pytest.mark.parametrize("query, status, shown", [
    ("page=abc", 404, None),
    ("page=-1", 404, None),
    ("page=0", 404, None),
    ("page=99999", 404, None),
    ("page=" + "9" * 5000, 404, None),
    ("page=last", 200, 4),
    ("year=abcd", 200, 4),
    ("year=99999", 200, 4),
    ("from=１９５０", 200, 4),  # full-width digits are not a year here
    ("era=no-such-era", 200, 4),
    ("principle=no-such-principle", 200, 4),
    ("issued=" + "x" * 5000, 200, 4),
    ("tag=no-such-tag", 200, 4),
    ("type=poem", 200, 4),
    ("language=%00", 200, 4),
    ("source=%00Xinhua", 200, 4),
    ("sort=price", 200, 4),
    ("type=speech&type=communique", 200, 1),  # repeated: the last one wins
    ("era=new-era&era=bandung", 200, 2),
    ("principle[]=x&page[]=2", 200, 4),
    ("q=" + "x" * 10000, 200, 4),
])
def test_malformed_parameters_never_fail(client, archive, query, status, shown):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == status
    if shown is not None:
        assert len(titles(response)) == shown


def test_an_ignored_parameter_is_said_and_not_carried_into_links(client, archive):
    response = client.get(URL, {"year": "abcd", "principle": "independence"})
    page = html.unescape(response.content.decode())
    assert "were not understood" in page and "“abcd” is not a year" in page
    assert "year=abcd" not in page
    assert titles(response) == [archive.narrative.title, archive.undated.title]
