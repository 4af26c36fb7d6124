"""The Atom feed, sitemap.xml and robots.txt list what readers may see, and nothing else."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

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


def test_sitemap(client, archive):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = re.findall(r"<loc>(.*?)</loc>", index.content.decode())
    latest = max(d.updated_at for d in (archive.press, archive.narrative, archive.communique, archive.undated))
    assert f"<lastmod>{latest.isoformat()}</lastmod>" in index.content.decode()  # not the draft's
    assert "http://testserver/sitemap-documents.xml" in sections
    urls = []
    for section in sections:
        response = client.get(section.replace("http://testserver", ""))
        assert response.status_code == 200
        urls += re.findall(r"<loc>(.*?)</loc>", response.content.decode())
    assert "http://testserver/documents/press-conference-2022/" in urls
    assert "http://testserver/eras/founding/" in urls and "http://testserver/principles/five-principles/" in urls
    assert "http://testserver/matrix/" in urls
    assert not [u for u in urls if "secret-draft" in u or "scheduled" in u]


def test_robots_txt(client, archive):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body and "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.parametrize("url, status", [
    ("/sitemap-documents.xml?p=abc", 404), ("/sitemap-documents.xml?p=999", 404), ("/sitemap-nope.xml", 404),
    ("/feed/?page=2", 200),
])
def test_odd_requests(client, archive, url, status):
    assert client.get(url).status_code == status
