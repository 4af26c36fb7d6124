"""How a program reads the API: JSON asked for, every list walked by its cursor to the end."""

from __future__ import annotations

import json


def get_json(client, url, **headers):
    response = client.get(url, HTTP_ACCEPT="application/json", **headers)
    is_json = response.get("Content-Type", "").startswith("application/json")
    return response, (json.loads(response.content) if is_json else None)


def walk(client, url):
    seen, pages = [], 0
    while url:
        response, data = get_json(client, url)
        assert response.status_code == 200, (url, response.content[:300])
        seen += data["results"]
        url, pages = data["next"], pages + 1
        assert pages < 500
    return seen, pages
