"""``/api/search/``: the search page's search as data, bounded as the page is."""

from __future__ import annotations

import pytest

from documents.search import PAGE_SIZE
from tests.factories import make_document

from .helpers import get_json

pytestmark = pytest.mark.django_db


def test_a_very_long_query_is_cut_to_its_bound_not_run_whole(client, archive):
    response, data = get_json(client, "/api/search/?q=" + "sovereignty " * 2000)

    assert response.status_code in (200, 400) and data is not None


def test_a_search_answers_ranked_passages_with_their_links_and_escaped_excerpts(client, archive):
    response, data = get_json(client, "/api/search/?q=sovereignty")

    assert response.status_code == 200 and data["total"] > 0 and not data["problem"]
    ranks = [hit["rank"] for hit in data["results"]]
    assert ranks == sorted(ranks, reverse=True)
    for hit in data["results"]:
        assert "<mark>" in hit["excerpt_html"] and "<script" not in hit["excerpt_html"]
        assert hit["passage"]["links"]["html"].startswith("http://testserver/documents/" + hit["document"]["slug"])
    assert "secret-draft" not in {hit["document"]["slug"] for hit in data["results"]}


def test_the_next_link_leads_to_the_following_page_and_past_the_last_is_a_404(client, archive):
    for n in range(PAGE_SIZE + 5):
        make_document(slug=f"on-peace-{n}", title=f"On peace {n}", sections=[f"Peace, note {n}."])
    _, first = get_json(client, "/api/search/?q=peace")
    assert first["num_pages"] > 1 and first["next"]

    _, second = get_json(client, first["next"].split("testserver", 1)[1])
    assert second["page"] == 2
    assert not {h["passage"]["links"]["html"] for h in first["results"]} & {h["passage"]["links"]["html"] for h in second["results"]}
    assert get_json(client, f"/api/search/?q=peace&page={first['num_pages'] + 1}")[0].status_code == 404


@pytest.mark.parametrize("url, field", [("/api/search/", "q"), ("/api/search/?q=peace&page=0", "page"),
                                        ("/api/search/?q=peace&page=999999", "page"),
                                        ("/api/search/?q=peace&era=no-such-era", "era")])
def test_a_search_missing_its_query_or_with_a_bad_page_or_filter_is_a_400(client, archive, url, field):
    response, data = get_json(client, url)

    assert response.status_code == 400 and field in data["errors"]


def test_a_query_of_stop_words_only_says_why_nothing_was_searched(client, archive):
    response, data = get_json(client, "/api/search/?q=the+of+and")

    assert response.status_code == 200 and data["problem"] and data["results"] == []
