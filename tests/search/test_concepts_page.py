"""The search page offers the principles and eras a query names, in any language the taxonomy
knows, and shows their passages when the words themselves are found nowhere (on the seeds)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

URL = reverse("documents:search")


def text_of(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def offers(html: str) -> str:
    found = re.search(r'<section class="concepts".*?</section>', html, re.S)
    return text_of(found.group(0)) if found else ""


def included_headings(html: str) -> list[str]:
    return [text_of(h) for h in re.findall(r'<h2 id="concept-[^"]*-heading">(.*?)</h2>', html, re.S)]


@pytest.fixture
def seeds(seeded_db):
    from django.core.cache import cache

    cache.clear()


@pytest.mark.parametrize("q", ["和平共处", "和平共處"])
def test_a_chinese_query_reaches_the_english_passages_of_its_principle(client, seeds, q):
    html = client.get(URL, {"q": q}).content.decode()
    assert re.search(r"Passages stating Peaceful coexistence: \d+, in all languages", offers(html))
    assert "Passages stating Peaceful coexistence, in all languages" in included_headings(html)
    section = html[html.index('id="concept-principle-peaceful-coexistence"'):]
    assert re.search(r"peaceful(?:ly)? co-?exist", text_of(section), re.I)


def test_the_count_offered_is_the_principles_passages(client, seeds):
    from documents.models import Section, Theme

    theme = Theme.objects.get(slug="peaceful-coexistence")
    n = Section.objects.published().stating([theme.pk]).count()
    assert n > 0
    assert f"Passages stating Peaceful coexistence: {n}, in all languages" in offers(
        client.get(URL, {"q": "和平共处"}).content.decode())


def test_an_era_cue_in_chinese_offers_the_era(client, seeds):
    html = client.get(URL, {"q": "改革开放"}).content.decode()
    assert re.search(r"Passages speaking about Reform and opening-up: \d+, in all languages", offers(html))


def test_found_text_comes_first_and_a_principle_is_included_on_request(client, seeds):
    html = client.get(URL, {"q": "peaceful coexistence"}).content.decode()
    assert "No passage matches" not in html
    assert "Passages stating Peaceful coexistence" in offers(html) and not included_headings(html)
    link = re.search(r'href="(\?[^"]*concept=principle%3Apeaceful-coexistence[^"]*)"', html)
    assert link, "no link to include the principle's passages"
    html = client.get(URL + unescape(link.group(1)).split("#")[0]).content.decode()
    assert "Passages stating Peaceful coexistence, in all languages" in included_headings(html)


def test_a_query_naming_nothing_offers_nothing(client, seeds):
    assert 'class="concepts"' not in client.get(URL, {"q": "bananas"}).content.decode()


@pytest.mark.parametrize("concept", ["principle:nope", "era:", "x" * 500, "principle:peaceful-coexistence\x00"])
def test_a_concept_that_the_query_does_not_name_is_ignored(client, seeds, concept):
    response = client.get(URL, {"q": "bananas", "concept": concept})
    assert response.status_code == 200 and not included_headings(response.content.decode())
