#!/usr/bin/env python
"""Load test: the production stack under a mixed read workload while an import runs alongside.

    python bench/loadtest.py [--seconds 20] [--connections 8] [--import-files 100] [--rebuild]

1. A synthetic archive of 10,000 published documents (~400,000 passages, bench/synthetic.py)
   with its search index is built once into ``pa_loadtest_base`` on the PostgreSQL server that
   DATABASE_URL points at (127.0.0.1:5432 otherwise); every run starts from a fresh copy of it,
   ``pa_loadtest`` (CREATE DATABASE ... TEMPLATE), so runs are comparable.
2. A private redis-server on a free port (the shared cache, as in production), and gunicorn with
   the production settings (``make serve``'s configuration: 2 sync workers per core + 1) on a
   free port of 127.0.0.1. Requests carry ``X-Forwarded-Proto: https``, as from the TLS proxy.
3. wrk drives a mixed read workload for ``--seconds`` per phase (home 10 %, lists with filters
   20 %, documents 30 %, eras 10 %, principles 10 %, search 20 %; within each kind a few pages
   are hot and most are visited rarely, after Zipf's law), in four phases: page cache off, then
   on, each without and with an import alongside. Each import is ``manage.py import_documents
   --publish --json`` of new files (import_bench's synthetic documents): every document it
   publishes changes what readers see, so each commit makes every cached page stale. The
   documents counted before and after must differ by exactly the number it reports created.

Printed: requests/s, p50/p95/p99 latency, errors (socket errors and any status but 200) and
cache hits per phase, the cached/uncached ratios, and the import's documents/s. Exit status 1
on any error or lost write. Loopback only; every phase stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote_plus, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

BASE_DB, RUN_DB = "pa_loadtest_base", "pa_loadtest"
DOCUMENTS = 10_000
SEARCHES = ["hegemonism", "peaceful coexistence", "\"five principles\"", "sovereignty", "non-interference",
            "development", "multilateralism", "win-win cooperation", "independent foreign policy",
            "\"shared future\"", "Bandung", "territorial integrity", "common prosperity", "reform -soviet",
            "hegemony OR hegemonism", "United Nations", "neighbourhood", "developing countries"]


# --------------------------------------------------------------------------- shared helpers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_url(name: str, base: str | None = None) -> str:
    base = base or os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    return urlunsplit(urlsplit(base)._replace(path=f"/{name}"))


def admin_sql(sql: str, *, base: str | None = None) -> list[tuple]:
    import psycopg

    with psycopg.connect(server_url("postgres", base), autocommit=True) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else []


def django_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="policyarchive.settings.production",
               DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
               DJANGO_LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT), **extra)
    return env


def manage(env: dict, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=check,
                          text=True, **kwargs)


def start_redis() -> tuple[subprocess.Popen | None, str]:
    """A private redis-server on a free port (none if it is not installed)."""
    binary = shutil.which("redis-server")
    if not binary:
        return None, ""
    port = free_port()
    process = subprocess.Popen([binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly",
                                "no", "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    wait_for_port(port)
    return process, f"redis://127.0.0.1:{port}/0"


def wait_for_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def start_gunicorn(env: dict, *, port: int, workers: int | None = None, log: Path) -> subprocess.Popen:
    env = dict(env, PORT=str(port), GUNICORN_ACCESS_LOG="0")  # errors only: no line per request
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "python:policyarchive.gunicorn", "--access-logfile", "/dev/null",
         "policyarchive.wsgi:application"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
    wait_for_port(port)
    return process


def stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def import_files(count: int, *, skip: int = 0) -> Path:
    """``count`` document files (import_bench's synthetic documents, made once and kept in
    bench/out/docs-2000), copied into a new temporary folder."""
    from bench.import_bench import write_documents

    source = write_documents(2000)
    folder = Path(tempfile.mkdtemp(prefix="policyarchive-load-"))
    for path in sorted(source.glob("*.txt"))[skip: skip + count]:
        shutil.copy(path, folder / path.name)
    return folder


# --------------------------------------------------------------------------- the archive


def build_base(env: dict, *, rebuild: bool) -> None:
    """The 10,000-document archive with its search vectors, built once into BASE_DB."""
    exists = admin_sql(f"SELECT 1 FROM pg_database WHERE datname = '{BASE_DB}'")
    if exists and not rebuild:
        import psycopg

        with psycopg.connect(server_url(BASE_DB)) as conn:
            ready = conn.execute("SELECT count(*) FROM documents_document WHERE status = 'published'").fetchone()[0]
            if ready == DOCUMENTS:
                print(f"  reusing {BASE_DB} ({ready:,} documents)", flush=True)
                return
    admin_sql(f'DROP DATABASE IF EXISTS "{BASE_DB}" WITH (FORCE)')
    admin_sql(f'CREATE DATABASE "{BASE_DB}"')
    base_env = dict(env, DATABASE_URL=server_url(BASE_DB))
    print(f"  building {BASE_DB}: {DOCUMENTS:,} documents (once)…", flush=True)
    manage(base_env, "migrate", "--noinput", "-v0")
    script = (
        "import django, json; django.setup()\n"
        "from bench.synthetic import build_archive\n"
        f"print(json.dumps(build_archive(documents={DOCUMENTS}, log=lambda m: None)))\n"
    )
    started = time.perf_counter()
    subprocess.run([str(BIN / "python"), "-c", script], cwd=ROOT, env=base_env, check=True)
    print(f"  archive written in {time.perf_counter() - started:.0f} s; indexing the passages for search…", flush=True)
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(server_url(BASE_DB), autocommit=True) as conn:
        top = conn.execute("SELECT max(id) FROM documents_section").fetchone()[0]
        for low in range(0, top + 1, 50_000):  # the search trigger writes each vector, as an import does
            conn.execute("UPDATE documents_section SET search_vector = NULL WHERE id >= %s AND id < %s",
                         [low, low + 50_000])
        conn.execute("VACUUM ANALYZE")
    print(f"  search vectors written in {time.perf_counter() - started:.0f} s", flush=True)


def fresh_run_database() -> str:
    admin_sql(f'DROP DATABASE IF EXISTS "{RUN_DB}" WITH (FORCE)')
    admin_sql(f'CREATE DATABASE "{RUN_DB}" TEMPLATE "{BASE_DB}"')
    return server_url(RUN_DB)


def workload(database_url: str, *, size: int = 4000, seed: int = 11) -> list[str]:
    """A shuffled list of URLs in the workload's proportions. Within each kind, a few pages are
    asked for far more often than the rest (Zipf's law, as readers' visits are), so a page
    cache sees what it would see in production: hot pages again and again, a long tail once."""
    import psycopg

    rng = random.Random(seed)
    with psycopg.connect(database_url) as conn:
        slugs = [r[0] for r in conn.execute(
            "SELECT slug FROM documents_document WHERE status = 'published' ORDER BY md5(slug) LIMIT 2000")]
        eras = [r[0] for r in conn.execute("SELECT slug FROM documents_period ORDER BY md5(slug)")]
        themes = [r[0] for r in conn.execute("SELECT slug FROM documents_theme ORDER BY md5(slug)")]
        tags = [r[0] for r in conn.execute("SELECT slug FROM taggit_tag ORDER BY id LIMIT 60")]
    types = ["speech", "press_conference", "statement", "article", "communique"]

    def zipf(items: list):
        return rng.choices(items, weights=[1 / (rank + 1) for rank in range(len(items))])[0]

    lists = [f"era={e}" for e in eras] + [f"principle={t}&type={k}" for t in themes for k in types] + [
        f"tag={t}&sort=title" for t in tags] + [f"from={y}&to={y + 20}&language=en" for y in range(1949, 2005, 5)] + [
        f"about={e}&principle={t}&sort=oldest" for e in eras for t in themes] + [f"page={n}" for n in range(1, 60)]
    rng.shuffle(lists)
    searches = [f"q={quote_plus(q)}" for q in SEARCHES] + [
        f"q={quote_plus(q)}&era={e}" for q in SEARCHES for e in eras]
    rng.shuffle(searches)
    era_pages = [f"/eras/{e}/" for e in eras] + [f"/eras/{e}/?page={n}" for e in eras for n in range(2, 6)]
    principle_pages = [f"/principles/{t}/" for t in themes] + [
        f"/principles/{t}/?issued={e}" for t in themes for e in eras]
    rng.shuffle(era_pages)
    rng.shuffle(principle_pages)
    mix = [(lambda: "/", 10), (lambda: f"/documents/?{zipf(lists)}", 20),
           (lambda: f"/documents/{zipf(slugs)}/", 30), (lambda: zipf(era_pages), 10),
           (lambda: zipf(principle_pages), 10), (lambda: f"/search/?{zipf(searches)}", 20)]
    kinds = [k for k, w in mix for _ in range(w)]
    return [rng.choice(kinds)() for _ in range(size)]


# --------------------------------------------------------------------------- wrk

WRK_SCRIPT = r"""
local paths = {}
for line in io.lines(os.getenv("LOADTEST_PATHS")) do paths[#paths + 1] = line end
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  n = id * 997
  bad = 0
  hits = 0
  wrk.headers["X-Forwarded-Proto"] = "https"
  wrk.headers["Host"] = "127.0.0.1"
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
  if headers["X-Cache"] == "hit" then hits = hits + 1 end
end
function done(summary, latency, requests)
  local bad_total, hit_total = 0, 0
  for _, t in ipairs(threads) do
    bad_total = bad_total + t:get("bad")
    hit_total = hit_total + t:get("hits")
  end
  local e = summary.errors
  io.write(string.format(
    'LOADTEST {"requests": %d, "seconds": %.3f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f, ' ..
    '"not_200": %d, "hits": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, bad_total, hit_total, e.connect, e.read, e.write,
    e.timeout))
end
"""


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk is not installed: `make loadtest` installs it (apt-get install -y wrk).")
    return wrk


def run_wrk(port: int, paths_file: Path, script: Path, *, seconds: int, connections: int) -> dict:
    result = subprocess.run(
        [ensure_wrk(), "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
         f"http://127.0.0.1:{port}"],
        env=dict(os.environ, LOADTEST_PATHS=str(paths_file)), capture_output=True, text=True,
        timeout=seconds + 60)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("LOADTEST ")), None)
    if line is None:
        raise SystemExit(f"wrk failed:\n{result.stdout}\n{result.stderr}")
    stats = json.loads(line.removeprefix("LOADTEST "))
    stats["rps"] = stats["requests"] / stats["seconds"]
    stats["socket_errors"] = stats["connect"] + stats["read"] + stats["write"] + stats["timeout"]
    stats["errors"] = stats["socket_errors"] + stats["not_200"]
    return stats


def count_documents(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT count(*) FROM documents_document").fetchone()[0]


class Import:
    """``import_documents --publish --json`` of a folder, in the background."""

    def __init__(self, env: dict, folder: Path, database_url: str):
        self.folder, self.database_url = folder, database_url
        self.before = count_documents(database_url)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [str(BIN / "python"), "manage.py", "import_documents", str(folder), "--publish", "--json"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)

    def finish(self, timeout: float = 120) -> dict:
        out, err = self.process.communicate(timeout=timeout)
        elapsed = time.perf_counter() - self.started
        rows = json.loads(out) if out.strip() else []
        created = sum(r["status"] == "created" for r in rows)
        failed = [r for r in rows if r["status"] == "failed"]
        after = count_documents(self.database_url)
        shutil.rmtree(self.folder, ignore_errors=True)
        return {"files": len(rows), "created": created, "failed": len(failed), "before": self.before,
                "after": after, "lost": self.before + created - after, "seconds": elapsed,
                "returncode": self.process.returncode, "stderr": err.strip()[-500:]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=20, help="length of each phase (at most 60)")
    parser.add_argument("--connections", type=int, default=8, help="wrk's open connections")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: make serve's)")
    parser.add_argument("--import-files", type=int, default=100, help="files each import phase imports")
    parser.add_argument("--rebuild", action="store_true", help="build the 10,000-document archive again")
    parser.add_argument("--keep", action="store_true", help="keep the run's database afterwards")
    args = parser.parse_args()
    args.seconds = min(args.seconds, 60)
    ensure_wrk()

    OUT.mkdir(parents=True, exist_ok=True)
    print(f"Load test: {DOCUMENTS:,} documents on PostgreSQL, mixed reads, imports alongside", flush=True)
    build_base(django_env(server_url(BASE_DB)), rebuild=args.rebuild)
    database_url = fresh_run_database()
    redis, redis_url = start_redis()
    work = Path(tempfile.mkdtemp(prefix="policyarchive-loadtest-"))
    paths_file, script = work / "paths.txt", work / "mix.lua"
    paths = workload(database_url)
    paths_file.write_text("\n".join(paths) + "\n")
    script.write_text(WRK_SCRIPT)
    log = OUT / "loadtest-gunicorn.log"
    log.write_text("")
    extra = {"REDIS_URL": redis_url} if redis_url else {}
    results, imports, failures = {}, {}, []
    server = None
    try:
        env = django_env(database_url, **extra)
        manage(env, "migrate", "--noinput", "-v0")  # creates the version table when there is no Redis
        manage(env, "collectstatic", "--noinput", "-v0")
        phases = [("uncached", "0", False), ("uncached + import", "0", True),
                  ("cached", "600", False), ("cached + import", "600", True)]
        for name, page_cache, with_import in phases:
            phase_env = dict(env, DJANGO_PAGE_CACHE_SECONDS=page_cache)
            port = free_port()
            server = start_gunicorn(phase_env, port=port, workers=args.workers, log=log)
            run_wrk(port, paths_file, script, seconds=3, connections=args.connections)  # warm-up
            running = Import(phase_env, import_files(args.import_files, skip=len(imports) * args.import_files),
                             database_url) if with_import else None
            print(f"  {name}: {args.seconds} s…", flush=True)
            results[name] = run_wrk(port, paths_file, script, seconds=args.seconds, connections=args.connections)
            if running:
                imports[name] = running.finish()
                print(f"    import: {imports[name]['created']} documents in {imports[name]['seconds']:.0f} s", flush=True)
            stop(server)
            server = None
    finally:
        stop(server)
        stop(redis)
        shutil.rmtree(work, ignore_errors=True)
        if not args.keep:
            admin_sql(f'DROP DATABASE IF EXISTS "{RUN_DB}" WITH (FORCE)')

    workers = args.workers or (os.cpu_count() or 1) * 2 + 1
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"\ngunicorn {workers} sync workers (production settings), wrk 2 threads × {args.connections} connections, "
          f"{args.seconds} s per phase, {len(set(paths)):,} distinct URLs, "
          f"cache: {'Redis' if redis_url else 'local memory + database version'}; "
          f"{os.cpu_count()} cores, load average at the end {load} (the machine is shared)\n")
    print(f"{'phase':<20} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'hits':>6}")
    for name, r in results.items():
        print(f"{name:<20} {r['requests']:>9,} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
              f"{r['errors']:>7} {100 * r['hits'] / max(1, r['requests']):>5.0f}%")
        if r["errors"]:
            failures.append(f"{name}: {r['errors']} errors ({r['not_200']} not 200, {r['socket_errors']} socket)")
    for cached, uncached in (("cached", "uncached"), ("cached + import", "uncached + import")):
        c, u = results[cached], results[uncached]
        print(f"{cached} ÷ {uncached}: throughput ×{c['rps'] / u['rps']:.2f}, p50 ×{c['p50'] / u['p50']:.2f}, "
              f"p95 ×{c['p95'] / u['p95']:.2f}, p99 ×{c['p99'] / u['p99']:.2f}")
    print()
    for name, i in imports.items():
        print(f"import during '{name}': {i['files']} files, {i['created']} created, {i['failed']} failed, "
              f"{i['created'] / i['seconds']:.1f} documents/s; documents {i['before']:,} → {i['after']:,}, "
              f"lost writes: {i['lost']}")
        if i["lost"] or i["failed"] or i["returncode"] or i["created"] != args.import_files:
            failures.append(f"import during {name}: {i}")
    print("\nPASS: zero errors, zero lost writes" if not failures else "\nFAIL:\n  " + "\n  ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
