"""robots.txt keeps crawlers out of the admin and points them at the sitemap."""

from __future__ import annotations


def test_robots_txt(client, archive):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body and "Sitemap: http://testserver/sitemap.xml" in body
