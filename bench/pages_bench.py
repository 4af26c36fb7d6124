#!/usr/bin/env python
"""Reader pages benchmark: requests/s and p50/p95 latency of the reader pages at archive scale.

    python bench/pages_bench.py [--documents 10000] [--requests 300] [--threads 2] [--drop]

1. A database of its own (``pa_bench_pages`` on the PostgreSQL that DATABASE_URL points at, else
   127.0.0.1:5432) is created, migrated and filled with a synthetic archive (bench/synthetic.py:
   N published documents of ~40 passages, a few drafts); one already filled is reused.
2. Static files are collected and gunicorn (2 sync workers, bench/pages_settings.py: DEBUG off,
   whitenoise, persistent connections) starts on a free port of 127.0.0.1.
3. Each page type is requested ``--requests`` times by ``--threads`` client threads (a new
   connection each time, as gunicorn's sync workers close them), after a warm-up, rotating over
   several URLs of the type (documents, eras, principles, filter combinations); the page types
   take turns over ``--rounds`` rounds so that a burst of other load on the machine falls on all
   of them. A static file of the pages' median size, served by the same gunicorn through
   whitenoise, is measured the same way in the same run: each page's ratio to it is printed.
   Archive-wide counts are cached per version of the archive (documents/filters.py,
   ArchiveCounts) in a cache the workers share; ``--no-cache`` measures without it.

Target: p95 under 100 ms for every page at 10,000 documents. Not a test: ``make bench-pages``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))


def database_urls(name: str) -> tuple[str, str]:
    """(the bench database's URL, the maintenance database's URL) on the configured server."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(base)
    return (urlunsplit(parts._replace(path=f"/{name}")), urlunsplit(parts._replace(path="/postgres")))


def ensure_database(name: str, maintenance_url: str, *, drop_first: bool) -> None:
    import psycopg

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and drop_first:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str, maintenance_url: str) -> None:
    import psycopg

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(documents: int) -> dict:
    """Migrate and fill the database (or reuse it), collect static files; returns URLs to measure."""
    import django
    from django.core.management import call_command

    django.setup()
    from documents.models import Document, Period, Theme

    call_command("migrate", verbosity=0)
    published = Document.objects.published().count()
    if published != documents:
        if published or Period.objects.exists():
            raise SystemExit(f"The bench database holds {published} documents, not {documents}: run with --rebuild.")
        from bench.synthetic import build_archive

        started = time.perf_counter()
        written = build_archive(documents=documents, log=lambda m: print(f"  {m}", flush=True))
        print(f"  built in {time.perf_counter() - started:.0f} s: {written}", flush=True)
    else:
        print(f"  reusing the archive of {published:,} documents", flush=True)
    call_command("collectstatic", verbosity=0, interactive=False)

    rng = random.Random(7)
    slugs = list(Document.objects.published().order_by("?").values_list("slug", flat=True)[:60])
    eras = list(Period.objects.values_list("slug", flat=True))
    parents = list(Theme.objects.filter(children__isnull=False).distinct().values_list("slug", flat=True))
    themes = list(Theme.objects.values_list("slug", flat=True))
    tags = ["topic-0", "topic-3", "topic-12"]
    return {
        "home": ["/"],
        "filtered list": [
            f"/documents/?principle={rng.choice(parents or themes)}&type=speech&from=1978&to=2012",
            f"/documents/?era={rng.choice(eras)}&language=zh",
            f"/documents/?tag={rng.choice(tags)}&sort=title",
            f"/documents/?principle={rng.choice(themes)}&source=Xinhua&page=2",
            f"/documents/?about={rng.choice(eras)}&principle={rng.choice(themes)}&sort=oldest",
        ],
        "document": [f"/documents/{slug}/" for slug in slugs],
        "era": [f"/eras/{slug}/" for slug in eras] + [f"/eras/{eras[3]}/?page=3"],
        "principle": [f"/principles/{slug}/" for slug in themes] + [
            f"/principles/{parents[0] if parents else themes[0]}/?issued={eras[-1]}&page=2"],
        "matrix": ["/matrix/", "/matrix/?by=about"],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Encoding": "identity"})
        response = conn.getresponse()
        return response.status, len(response.read())
    finally:
        conn.close()


def warm(port: int, paths: list[str]) -> None:
    for path in paths:  # every URL twice: the shared cache then holds its counts
        for _ in range(2):
            status, _ = fetch(port, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")


def measure(port: int, paths: list[str], *, requests: int, threads: int) -> tuple[list[float], list[int], int, float]:
    """``requests`` GETs over ``paths`` from ``threads`` threads: latencies, sizes, errors, wall time."""
    latencies: list[float] = []
    sizes: list[int] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker():
        nonlocal errors
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            path = paths[i % len(paths)]
            started = time.perf_counter()
            status, size = fetch(port, path)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                sizes.append(size)
                errors += status != 200

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return latencies, sizes, errors, time.perf_counter() - started


def summary(latencies: list[float], sizes: list[int], errors: int, wall: float) -> dict:
    latencies = sorted(latencies)
    return {
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "size": statistics.median(sizes),
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300, help="requests per page type")
    parser.add_argument("--rounds", type=int, default=3, help="the page types take turns this many times")
    parser.add_argument("--threads", type=int, default=2, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database", default="pa_bench_pages")
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the bench database first")
    parser.add_argument("--drop", action="store_true", help="drop the bench database at the end")
    parser.add_argument("--no-cache", action="store_true",
                        help="no cache: archive-wide counts (matrix, facets, passages per era) computed on every request")
    args = parser.parse_args()

    url, maintenance = database_urls(args.database)
    static_root = OUT / "pages-static"
    cache_dir = OUT / "pages-cache"
    shutil.rmtree(cache_dir, ignore_errors=True)  # every run starts cold
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="bench.pages_settings", BENCH_CACHE_DIR=str(cache_dir),
               DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(40),
               BENCH_STATIC_ROOT=str(static_root), PYTHONPATH=str(ROOT), BENCH_CACHE="off" if args.no_cache else "on")
    os.environ.update(env)
    print(f"Reader pages benchmark: {args.documents:,} documents in database {args.database}", flush=True)
    ensure_database(args.database, maintenance, drop_first=args.rebuild)
    targets = prepare(args.documents)

    # A static file as large as a typical page, served by the same gunicorn (whitenoise).
    from django.test import Client

    client = Client()
    sizes = sorted(len(client.get(paths[0], HTTP_HOST="127.0.0.1").content) for paths in targets.values())
    static_name = "bench-page.html"
    (static_root / static_name).write_bytes(b"<!doctype html><title>static</title>\n" +
                                            b"x" * max(0, sizes[len(sizes) // 2] - 40) + b"\n")
    from django.db import connections

    connections.close_all()

    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "policyarchive.wsgi:application", "--workers",
         str(args.workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--chdir", str(ROOT)],
        env=env, start_new_session=True)
    try:
        for _ in range(100):
            try:
                if fetch(port, "/robots.txt")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not start")
        targets = {"static file": [f"/static/{static_name}"], **targets}
        for paths in targets.values():
            warm(port, paths)
        # Page types take turns, round after round, so a burst of load on this machine falls on all.
        runs = {name: ([], [], 0, 0.0) for name in targets}
        for round_number in range(args.rounds):
            for name, paths in targets.items():
                offset = round_number * len(paths) // args.rounds
                latencies, sizes, errors, wall = measure(port, paths[offset:] + paths[:offset],
                                                         requests=args.requests // args.rounds, threads=args.threads)
                before = runs[name]
                runs[name] = (before[0] + latencies, before[1] + sizes, before[2] + errors, before[3] + wall)
        results = {name: summary(*run) for name, run in runs.items()}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if args.drop:
            drop_database(args.database, maintenance)

    static = results["static file"]
    print(f"\ngunicorn {args.workers} workers, {args.threads} client threads, {args.requests} requests per page, "
          f"127.0.0.1, counts cache {'off' if args.no_cache else 'on (shared by the workers)'}, {args.rounds} rounds; "
          "target p95 < 100 ms\n")
    print(f"{'page':<14} {'size':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p50 ×static':>12} "
          f"{'p95 ×static':>12} {'req/s ÷static':>14} {'errors':>7}  target")
    failed = []
    for name, r in results.items():
        ok = r["p95"] < 100
        if not ok:
            failed.append(name)
        print(f"{name:<14} {r['size']:>8,.0f} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} "
              f"{r['p50'] / static['p50']:>12.1f} {r['p95'] / static['p95']:>12.1f} "
              f"{static['rps'] / r['rps']:>14.1f} {r['errors']:>7}  {'ok' if ok else 'MISSED'}")
    print("\nall pages under 100 ms at p95" if not failed else f"\np95 over 100 ms: {', '.join(failed)}")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
