"""The keyset cursor: every row once, in the list's order, NULL dates and ties included; an
altered cursor refused."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from documents.models import Document

from .helpers import get_json, walk

pytestmark = pytest.mark.django_db


def test_the_passage_cursor_walks_every_passage_once(client, archive):
    passages, pages = walk(client, "/api/passages/?page_size=7")
    expected = sum(d.sections.count() for d in Document.objects.published())

    assert pages > 2 and len(passages) == expected
    assert len({p["links"]["html"] for p in passages}) == expected


def test_an_altered_cursor_is_refused(client, archive):
    _, data = get_json(client, "/api/documents/?page_size=2")
    query = parse_qs(urlsplit(data["next"]).query)
    cursor = query["cursor"][0]
    query["cursor"] = [cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")]
    response, _ = get_json(client, "/api/documents/?" + urlencode(query, doseq=True))

    assert response.status_code == 400


@pytest.fixture
def ties(db):
    """Documents sharing dates and titles, and undated ones, which sort last in either direction."""
    import datetime

    from tests.factories import make_document

    same_day = datetime.date(1982, 9, 1)
    for n, (title, issued_on) in enumerate([("Report", same_day), ("Report", same_day), ("Address", same_day),
                                            ("Note", None), ("Note", None), ("Aide-memoire", None),
                                            ("Communiqué", datetime.date(1955, 4, 24))]):
        make_document(slug=f"tie-{n}", title=title, issued_on=issued_on, date_precision="day" if issued_on else "")


@pytest.mark.parametrize("sort", ["date", "oldest", "title"])
def test_a_cursor_walk_one_by_one_gives_the_whole_list_in_its_order(client, ties, sort):
    whole, _ = walk(client, f"/api/documents/?sort={sort}&page_size=100")
    one_by_one, pages = walk(client, f"/api/documents/?sort={sort}&page_size=1")

    assert pages == len(whole) == 7
    assert [d["slug"] for d in one_by_one] == [d["slug"] for d in whole]
    dates = [d["date"] for d in whole]
    if sort == "title":
        assert [d["title"] for d in whole] == sorted(d["title"] for d in whole)
    else:
        assert dates[-3:] == [None, None, None]  # undated last, whichever way the dates run
        assert dates[:4] == (["1982-09-01"] * 3 + ["1955-04-24"] if sort == "date" else ["1955-04-24"] + ["1982-09-01"] * 3)


def test_a_cursor_made_for_one_order_is_refused_by_another(client, ties):
    _, data = get_json(client, "/api/documents/?sort=title&page_size=2")
    cursor = parse_qs(urlsplit(data["next"]).query)["cursor"][0]

    response, body = get_json(client, "/api/documents/?" + urlencode({"sort": "oldest", "cursor": cursor}))
    assert response.status_code == 400 and "cursor" in body["errors"]
