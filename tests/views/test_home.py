"""The home page says what the archive holds: era cards count the passages that speak about each
era and the documents issued in it, and the opening sentence names the types really held."""

from __future__ import annotations

import re
from html import unescape

from documents.choices import DocumentType
from tests.factories import make_document, make_period


def era_card(html: str, name: str) -> str:
    start = html.index(f">{name}</a></h3>")
    return html[start: html.find("</li>", start)]


def test_era_cards_count_passages_about_the_era_and_documents_issued_in_it(client, archive):
    html = client.get("/").content.decode()
    founding = era_card(html, "Founding of New China")
    # Two published passages narrate the founding; the draft's passage does not count, and no
    # published document was issued in that era.
    assert "2 passages speak about it" in founding and "0 documents issued in it" in founding
    new_era = era_card(html, "The new era")
    assert "1 passage speaks about it" in new_era and "2 documents issued in it" in new_era


def test_the_eras_page_counts_the_same(client, archive):
    html = client.get("/eras/").content.decode()
    assert "2 passages speak about it" in era_card(html, "Founding of New China")


def test_the_opening_names_the_types_the_archive_holds(client, archive):
    html = client.get("/").content.decode()
    lede = unescape(re.search(r'<p class="lede">(.*?)</p>', html, re.S).group(1))
    assert "Policy Archive holds 4 documents" in lede
    for held in ("1 press conference", "1 reference article", "1 communiqué", "1 policy statement"):
        assert held in lede
    assert "speeches" not in lede and "white papers" not in lede
    assert "issued from 1954 to 2022" in lede


def test_plural_types_and_an_empty_archive(client, db):
    assert "No document has been published yet." in client.get("/").content.decode()
    era = make_period()
    for _ in range(3):
        make_document(doc_type=DocumentType.WHITE_PAPER, issued_in=era)
    lede = unescape(re.search(r'<p class="lede">(.*?)</p>', client.get("/").content.decode(), re.S).group(1))
    assert "3 documents on China's foreign policy: 3 white papers" in lede
