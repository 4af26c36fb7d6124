"""Principle pages: definition, parent and children, and every passage that states the
principle or one of its members, grouped by the era they were issued in, in time order."""

from __future__ import annotations

import datetime
import html
import re

import pytest

from tests.factories import make_document

from .helpers import text


def passages_on(response) -> list[str]:
    return [html.unescape(p) for p in re.findall(r'<blockquote class="quote__text"[^>]*>.*?<p>(.*?)</p>\s*</blockquote>',
                                                  response.content.decode(), flags=re.S)]


def group_headings(response) -> list[str]:
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split())
            for h in re.findall(r'<h3 id="group-\d+">(.*?)</h3>', response.content.decode(), flags=re.S)]


def test_parent_principle_includes_its_members(client, archive):
    response = client.get("/principles/five-principles/")
    assert response.status_code == 200
    shown = text(response)
    assert "Mutual respect, non-aggression, non-interference, equality, coexistence." in shown
    assert "Includes: Non-interference in internal affairs, Mutual respect for sovereignty." in shown
    # Grouped by the era the passages were issued in, in time order; a passage tagged with the
    # parent and a member appears once.
    assert group_headings(response) == ["The Five Principles and Bandung 1953–1959", "The new era 2012–"]
    assert passages_on(response) == [
        "The two governments agree on the five principles.",
        "Mutual respect for each other&#x27;s sovereignty and territorial integrity.".replace("&#x27;", "'"),
        "Non-interference in each other's internal affairs.",
        "China never interferes in the internal affairs of other countries.",
    ]
    assert "4 passages" in shown


def test_member_principle_links_to_its_parent(client, archive):
    response = client.get("/principles/non-interference/")
    shown = text(response)
    assert "Five Principles of Peaceful Coexistence › Non-interference in internal affairs" in shown \
        or 'aria-label="Broader principles"' in response.content.decode()
    assert 'href="/principles/five-principles/"' in response.content.decode()
    assert len(passages_on(response)) == 2


def test_passages_link_into_their_documents(client, archive):
    body = client.get("/principles/anti-hegemonism/").content.decode()
    assert f'href="/documents/press-conference-2022/#{archive.answer.anchor}"' in body
    assert "DRAFT PASSAGE" not in body and "SCHEDULED PASSAGE" not in body


def test_undated_passages_come_last(client, archive):
    response = client.get("/principles/independence/")
    assert group_headings(response) == ["The new era 2012–", "No era: undated documents, or dated outside every era"]
    assert passages_on(response)[-1] == "China does not form alliances with any big power."


@pytest.mark.parametrize("query, expected", [
    ("issued=bandung", ["The two governments agree on the five principles."]),
    ("issued=none", []),
    ("about=bandung", ["The two governments agree on the five principles.",
                       "Mutual respect for each other's sovereignty and territorial integrity.",
                       "Non-interference in each other's internal affairs."]),
    ("about=bandung&issued=new-era", ["Mutual respect for each other's sovereignty and territorial integrity.",
                                      "Non-interference in each other's internal affairs."]),
])
def test_narrowed_to_one_era(client, archive, query, expected):
    response = client.get(f"/principles/five-principles/?{query}")
    assert response.status_code == 200
    assert passages_on(response) == expected


def test_unknown_era_is_ignored_and_said(client, archive):
    response = client.get("/principles/five-principles/?issued=nowhere&about=" + "y" * 400)
    assert response.status_code == 200
    assert "There is no era “nowhere”" in html.unescape(response.content.decode())
    assert len(passages_on(response)) == 4


def test_passages_are_paginated_in_time_order(client, archive):
    for year, era in ((1990, archive.reform), (1960, archive.bandung)):
        make_document(title=f"Statement of {year}", issued_on=datetime.date(year, 5, 1), issued_in=era,
                      sections=[f"{year}: independence, passage {n:02}." for n in range(15)], themes=[archive.independence])
    first = client.get("/principles/independence/")
    assert "Page 1 of 2" in text(first)
    assert passages_on(first)[0] == "1960: independence, passage 00."
    assert passages_on(first)[15] == "1990: independence, passage 00."
    second = client.get("/principles/independence/", {"page": "2"})
    assert passages_on(second)[-1] == "China does not form alliances with any big power."


def test_principle_list(client, archive):
    shown = text(client.get("/principles/"))
    assert "Five Principles of Peaceful Coexistence 3 documents" in shown
    assert "Opposition to hegemonism 1 document " in shown  # not the draft nor the scheduled one


@pytest.mark.parametrize("url", ["/principles/no-such-principle/", "/principles/five-principles/?page=abc",
                                 "/principles/five-principles/?page=0", "/principles/five-principles/?page=99999"])
def test_not_found(client, archive, url):
    assert client.get(url).status_code == 404
