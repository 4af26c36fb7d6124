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
