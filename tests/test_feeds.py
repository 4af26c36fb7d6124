"""The Atom feed (``documents/feeds.py``): published documents only, the most recently published
first, each with its link, summary and tags, and its text escaped."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from django.utils import timezone

from tests.factories import make_document
from tests.views.conftest import archive, empty_cache  # noqa: F401  (fixtures: the reader pages' sample archive)

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_of_newly_published_documents(client, archive):
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert set(titles) == {archive.press.title, archive.narrative.title, archive.communique.title,
                           archive.undated.title}
    assert titles[0] == archive.undated.title  # the most recently published first
    press = entries[titles.index(archive.press.title)]
    assert press.find(f"{ATOM}link").get("href") == "http://testserver/documents/press-conference-2022/"
    assert press.find(f"{ATOM}summary").text == "Ma Zhaoxu on China's foreign policy goals."
    assert {c.get("term") for c in press.findall(f"{ATOM}category")} == {"press conference", "congress"}
    narrative = entries[titles.index(archive.narrative.title)]
    assert narrative.find(f"{ATOM}summary").text == "1. The origins"  # no summary: the first passage


def test_the_feeds_text_is_escaped_not_markup(client, db):
    make_document(title="Peace & <script>alert(1)</script>", summary='A "quoted" <b>summary</b> & more',
                  tags=["<i>tag</i>"])
    response = client.get("/feed/")
    assert b"<script>" not in response.content and b"<b>" not in response.content
    (entry,) = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Peace & <script>alert(1)</script>"
    assert entry.find(f"{ATOM}summary").text == 'A "quoted" <b>summary</b> & more'
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["<i>tag</i>"]


def test_without_a_summary_the_feed_shows_the_first_60_words(client, db):
    words = [f"word{n}" for n in range(100)]
    make_document(summary="", sections=[" ".join(words), "The second passage."])
    (entry,) = ET.fromstring(client.get("/feed/").content).findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}summary").text == " ".join(words[:60]) + "…"


def test_a_draft_and_a_scheduled_document_are_not_in_the_feed(client, db):
    make_document(title="Public statement")
    make_document(title="Draft statement", published=False)
    make_document(title="Scheduled statement", published_at=timezone.now() + datetime.timedelta(days=1))
    feed = ET.fromstring(client.get("/feed/").content)
    assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == ["Public statement"]


def test_every_entry_has_an_author_and_its_documents_own_date(client, db):
    """RFC 4287: an author on the feed (the archive) stands for entries without one; an entry's
    author is its stated issuer; ``published`` is the document's date, not the import time."""
    make_document(title="With an issuer", issuer="Ministry of Foreign Affairs", issued_on=datetime.date(1984, 5, 7))
    make_document(title="With a guessed issuer", issuer="Someone", issued_on=datetime.date(1990, 1, 2),
                  provenance={"issuer": {"how": "inferred", "evidence": "a byline"},
                              "date": {"how": "inferred", "evidence": "the Cold War"}})
    feed = ET.fromstring(client.get("/feed/").content)
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Policy Archive"
    entries = {e.find(f"{ATOM}title").text: e for e in feed.findall(f"{ATOM}entry")}
    stated, guessed = entries["With an issuer"], entries["With a guessed issuer"]
    assert stated.find(f"{ATOM}author/{ATOM}name").text == "Ministry of Foreign Affairs"
    assert stated.find(f"{ATOM}published").text.startswith("1984-05-07")
    assert guessed.find(f"{ATOM}author") is None  # the feed's author stands for it
    assert not guessed.find(f"{ATOM}published").text.startswith("1990")  # an inferred date is not the date
