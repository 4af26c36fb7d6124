"""robots.txt keeps crawlers out of the admin, search and the filtered list, points them at the
sitemap, and reads the same in Python's urllib.robotparser and in an RFC 9309 parser (Protego)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.robotparser import RobotFileParser

from protego import Protego

from tests.views.conftest import archive  # noqa: F401  (fixture: the reader pages' sample archive)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_robots_txt(client, archive):  # noqa: F811
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body and "Sitemap: http://testserver/sitemap.xml" in body


def _sitemap_urls(client) -> list[str]:
    index = ET.fromstring(client.get("/sitemap.xml").content)
    urls = []
    for location in index.iter(f"{SITEMAP}loc"):
        section = ET.fromstring(client.get(location.text.removeprefix("http://testserver")).content)
        urls += [loc.text for loc in section.iter(f"{SITEMAP}loc")]
    return urls


def test_both_kinds_of_parser_allow_every_sitemap_url_and_keep_out_the_same_pages(client, archive):  # noqa: F811
    body = client.get("/robots.txt").content.decode()
    python = RobotFileParser()
    python.parse(body.splitlines())
    rfc = Protego.parse(body)
    urls = _sitemap_urls(client)
    documents = [u for u in urls if "/documents/" in u]
    assert len(documents) >= 4
    for url in urls:
        assert python.can_fetch("*", url) and rfc.can_fetch(url, "*"), url
    kept_out = ["http://testserver/admin/", "http://testserver/search/?q=peace",
                "http://testserver/documents/?era=new-era", "http://testserver/documents/?page=2",
                "http://testserver/documents/?type=speech&page=3"]
    for url in kept_out:
        assert not python.can_fetch("*", url) and not rfc.can_fetch(url, "*"), url
    assert python.can_fetch("*", "http://testserver/documents/") and rfc.can_fetch("http://testserver/documents/", "*")


def test_a_documents_source_page_asks_not_to_be_indexed(client, archive):  # noqa: F811
    response = client.get(f"/documents/{archive.press.slug}/source/")
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"


def test_the_document_lists_form_has_no_empty_action(client, archive):  # noqa: F811
    assert 'action=""' not in client.get("/documents/").content.decode()
