"""Search over long passages, as an attacker would use it: its cost must not grow with a passage.

The passage is built with the factories, not the importer, so that these tests prove the
excerpt window on its own (the importer caps a passage's length too).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from documents import search
from tests.factories import make_document

from .conftest import postgresql_only

pytestmark = pytest.mark.django_db

URL = reverse("documents:search")
FILLER = ("the", "nation", "pursues", "independent", "foreign", "policies", "of", "friendship", "with",
          "neighbouring", "countries", "throughout", "every", "historical", "region", "internationally")


def long_text(words: int, *, every: int = 7) -> str:
    """A passage of ``words`` words in which "peace" and "development" recur but are never
    adjacent, after one "peace development." at its start (issue 10's reproduction)."""
    filler = itertools.cycle(FILLER)
    body = ["peace" if n % every == 0 else "development" if n % every == every // 2 else next(filler)
            for n in range(words)]
    return "peace development. " + " ".join(body)


def backend_peak_kb() -> int | None:
    """VmHWM (peak resident memory, kB) of this connection's PostgreSQL backend, or None when
    /proc does not show it (another machine, another user's processes hidden)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else None


@postgresql_only("backend process to measure")
@pytest.mark.parametrize("q, found", [
    ('"peace development"', True),  # issue 10: +500 MB a request before the window
    ("peace development " * 11, True),  # the same words again and again: time, not memory
    ('"peace development peace development peace development peace development"', False),
])
def test_a_phrase_search_on_a_150_kb_passage_answers_with_bounded_backend_memory(client, q, found):
    text = long_text(16_000)
    assert len(text) > 140_000
    document = make_document(title="A very long statement", sections=[text])
    client.get(URL, {"q": "friendship"})  # the backend's dictionaries and plans, loaded
    before = backend_peak_kb()
    if before is None:
        pytest.skip("/proc/<pid>/status of the PostgreSQL backend is not readable from the tests")
    response = client.get(URL, {"q": q})
    grown_mb = (backend_peak_kb() - before) / 1024
    assert response.status_code == 200
    html = response.content.decode()
    assert (document.get_absolute_url() in html) is found
    if found:
        assert "<mark>peace</mark> <mark>development</mark>" in html
    assert grown_mb < 50, f"the backend grew by {grown_mb:.0f} MB for one search"


def test_a_match_far_into_a_long_passage_is_shown_marked():
    far = " ".join(itertools.islice(itertools.cycle(FILLER), 12_000))  # about 70 KB, no query word
    make_document(title="Memorandum", sections=[f"{far} China upholds the Five Principles of Peaceful "
                                                f"Coexistence in all its relations. {far}"])
    for q in ('"peaceful coexistence"', "coexistence"):
        (hit,) = search.search(q).hits
        excerpt = str(hit.excerpt)
        assert "<mark>Coexistence</mark>" in excerpt, q
        assert excerpt.startswith("… ") and excerpt.endswith(" …")
        assert len(excerpt) < 1_000  # an excerpt, not the passage


def test_a_long_passage_found_by_its_title_alone_shows_its_first_words():
    text = " ".join(itertools.islice(itertools.cycle(FILLER), 20_000))
    make_document(title="On kleptarchy", sections=[text])
    (hit,) = search.search("kleptarchy").hits
    excerpt = str(hit.excerpt)
    assert excerpt.startswith("the nation pursues independent foreign policies")
    assert excerpt.endswith(" …") and len(excerpt) < 1_000


def test_an_excerpt_never_shows_a_word_the_window_cut_in_two(settings):
    settings.POLICYARCHIVE_HEADLINE_CHARS = 300
    words = [f"word{n:04d}" for n in range(2_000)]
    words[1_000] = "sovereignty"
    make_document(title="Numbered", sections=[" ".join(words)])
    (hit,) = search.search("sovereignty").hits
    excerpt = str(hit.excerpt)
    assert "<mark>sovereignty</mark>" in excerpt
    shown = excerpt.removeprefix("… ").removesuffix(" …").replace("<mark>", "").replace("</mark>", "").split()
    assert shown and all(w == "sovereignty" or re.fullmatch(r"word\d{4}", w) for w in shown), shown


def test_an_excerpt_of_an_unspaced_script_in_a_long_passage_is_marked():
    make_document(title="长文", languages=["zh"], sections=["国际关系" * 20_000 + "和平共处五项原则" + "国际关系" * 5_000])
    (hit,) = search.search("和平共处").hits
    excerpt = str(hit.excerpt)
    assert "<mark>和平共处</mark>" in excerpt and len(excerpt) < 1_000
