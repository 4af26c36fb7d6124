#!/usr/bin/env python
"""Hostile search benchmark: does the search page's time grow with the length of the passages?

    python bench/hostile_search.py [--sizes 15000 150000] [--documents 20] [--repeat 5]

Builds published passages shaped like issue 10's reproduction (one "peace development." and then
words in which "peace" and "development" recur, never adjacent), ``--documents`` of them (one a
document, so that the page shows one excerpt of each), at each length of ``--sizes`` characters,
and times the search page for the phrase ``"peace development"`` and for the two words unquoted,
exactly as a reader gets it (the view, rendered). Prints each time and the ratio of the longest to
the shortest: for 10x the length, about 10 or less is linear (or bounded); about 100 is quadratic,
as highlighting whole passages was (PostgreSQL's ``ts_headline`` with a phrase over 150 KB:
seconds and 500 MB a passage; SQLite's ``snippet`` with many matches: seconds).

``search_page_ratio()`` is what ``bench/hostile_bench.py`` calls. The database: with Django
already set up by the caller, the one it uses; otherwise a database of its own
(``pa_bench_hostile_search`` on the PostgreSQL that DATABASE_URL points at, default
127.0.0.1:5432, or a file under bench/out/ when DATABASE_URL is a SQLite one), migrated. The
passages are written in a transaction that is rolled back: nothing is left behind.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

DATABASE = "pa_bench_hostile_search"
QUERIES = ('"peace development"', "peace development")
FILLER = ("the", "nation", "pursues", "independent", "foreign", "policies", "of", "friendship", "with",
          "neighbouring", "countries", "throughout", "every", "historical", "region", "internationally")


def hostile_passage(chars: int) -> str:
    """About ``chars`` characters: "peace development." then "peace" and "development" every
    seven words, never side by side (issue 10's reproduction, at any length)."""
    filler = itertools.cycle(FILLER)
    words, length, n = ["peace", "development."], len("peace development."), 0
    while length < chars:
        word = "peace" if n % 7 == 0 else "development" if n % 7 == 3 else next(filler)
        words.append(word)
        length += len(word) + 1
        n += 1
    return " ".join(words)


def _setup() -> None:
    """Django, on the caller's database if it set Django up, else on a database of our own."""
    import django
    from django.conf import settings

    if settings.configured:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policyarchive.settings.test")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("sqlite"):
        OUT.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{OUT / 'hostile-search.sqlite3'}"
    else:
        from bench.pages_bench import database_urls, ensure_database

        own, maintenance = database_urls(DATABASE)
        ensure_database(DATABASE, maintenance, drop_first=False)
        os.environ["DATABASE_URL"] = own
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _page_seconds(query: str, *, repeat: int) -> float:
    """The median time of the search page for ``query`` (the view, rendered), after one warm-up."""
    from django.test import RequestFactory

    from documents.views import SearchView

    view = SearchView.as_view()
    times = []
    for run in range(repeat + 1):
        request = RequestFactory().get("/search/", {"q": query}, HTTP_HOST="localhost")
        started = time.perf_counter()
        response = view(request)
        response.render()
        elapsed = time.perf_counter() - started
        if response.status_code != 200 or b"<mark>" not in response.content:
            raise SystemExit(f"the search page answered {response.status_code} without an excerpt")
        if run:
            times.append(elapsed)
    return statistics.median(times)


def search_page_times(sizes: tuple[int, ...] = (15_000, 150_000), *, documents: int = 20, repeat: int = 5,
                      queries: tuple[str, ...] = QUERIES) -> dict[str, dict[int, float]]:
    """Seconds the search page takes for each of ``queries`` when ``documents`` published
    passages of each length in ``sizes`` (characters) match it: {query: {size: seconds}}.
    Leaves the database as it found it."""
    _setup()
    from django.db import transaction

    from tests.factories import make_document

    times: dict[str, dict[int, float]] = {query: {} for query in queries}
    for size in sizes:
        with transaction.atomic():
            text = hostile_passage(size)
            for n in range(documents):
                make_document(title=f"Hostile passage {n} of {size} characters", slug=f"hostile-{size}-{n}",
                              sections=[text])
            for query in queries:
                times[query][size] = _page_seconds(query, repeat=repeat)
            transaction.set_rollback(True)
    return times


def search_page_ratio(sizes: tuple[int, int] = (15_000, 150_000), *, documents: int = 20, repeat: int = 5) -> float:
    """The search page's time on the longest passages over its time on the shortest, for the
    query whose time grows most (see the module's docstring): about ``max(sizes) / min(sizes)``
    or less is linear."""
    times = search_page_times(tuple(sizes), documents=documents, repeat=repeat)
    return max(by_size[max(sizes)] / by_size[min(sizes)] for by_size in times.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[15_000, 150_000])
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = tuple(sorted(args.sizes))
    times = search_page_times(sizes, documents=args.documents, repeat=args.repeat)
    from django.db import connection

    for query, by_size in times.items():
        print(f"search page, q={query}, {args.documents} matching passages, {connection.vendor}:")
        for size, seconds in by_size.items():
            print(f"  {size:>9,} characters a passage: {seconds * 1000:8.1f} ms")
        print(f"  ratio for {sizes[-1] / sizes[0]:g}x the length: {by_size[sizes[-1]] / by_size[sizes[0]]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
