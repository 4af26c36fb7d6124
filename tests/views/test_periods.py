"""Era pages: summary and span, documents issued in the era, passages that speak about it
(linked into their documents), the neighbouring eras, and pagination of the passages."""

from __future__ import annotations

import html
import re

import pytest

from tests.factories import make_document

from .helpers import text


def test_era_page(client, archive):
    response = client.get("/eras/founding/")
    assert response.status_code == 200
    shown = text(response)
    assert "1949–1955" in shown and "Founding of New China" in shown
    assert "New China stands up and leans to one side." in shown
    body = response.content.decode()
    # Passages from any date that speak about the era, linked to their anchor in their document.
    assert f'href="/documents/independent-foreign-policy/#{archive.founding_passage.anchor}"' in body
    assert f'href="/documents/independent-foreign-policy/#{archive.quote.anchor}"' in body
    assert "In June 1949 Mao Zedong declared" in shown
    assert "No published document was issued in this era yet." in shown
    assert "Next: " not in shown and 'rel="next"' in body and "The Five Principles and Bandung (1953–1959)" in shown
    assert 'rel="prev"' not in body


def test_documents_issued_in_the_era(client, archive):
    response = client.get("/eras/new-era/")
    shown = text(response)
    section = shown[shown.index("Documents issued in this era"):shown.index("Passages that speak about this era")]
    assert archive.narrative.title in section and archive.press.title in section
    assert section.index(archive.narrative.title) < section.index(archive.press.title)  # in time order
    assert "Secret draft" not in shown and "Scheduled statement" not in shown
    assert "DRAFT PASSAGE" not in shown and "SCHEDULED PASSAGE" not in shown
    assert 'rel="prev"' in response.content.decode() and 'rel="next"' not in response.content.decode()


def test_drafts_do_not_speak_about_an_era(client, archive):
    shown = text(client.get("/eras/founding/"))
    assert "DRAFT PASSAGE" not in shown and "Secret draft" not in shown


def test_passages_are_paginated(client, archive):
    make_document(title="Long narrative", sections=[f"Passage number {n:02} about the founding." for n in range(45)],
                  periods=[archive.founding])
    first = client.get("/eras/founding/")
    shown = text(first)
    assert "Page 1 of 3" in shown and "(47 in all)" in shown
    assert len(re.findall(r'<article class="quote">', first.content.decode())) == 20
    third = text(client.get("/eras/founding/", {"page": "3"}))
    assert "Passage number 44" in third and "Passage number 00" not in third
    assert "Page 3 of 3" in third


def test_era_list(client, archive):
    shown = text(client.get("/eras/"))
    assert shown.index("Founding of New China") < shown.index("Reform and opening-up") < shown.index("The new era")
    assert "2 documents issued" in shown  # the new era; its draft and scheduled documents do not count


@pytest.mark.parametrize("url", ["/eras/no-such-era/", "/eras/" + "x" * 500 + "/", "/eras/founding/?page=abc",
                                 "/eras/founding/?page=-1", "/eras/founding/?page=99999"])
def test_not_found(client, archive, url):
    assert client.get(url).status_code == 404


def test_repeated_page_parameter(client, archive):
    assert client.get("/eras/founding/?page=abc&page=1").status_code == 200
