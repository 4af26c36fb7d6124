#!/usr/bin/env python
"""Fault tests: the site and the importer under the failures production will meet.

    python bench/faults.py [--only postgres|import|redis]

Everything runs on a throwaway PostgreSQL cluster of its own (initdb + pg_ctl in a temporary
folder, on a free port of 127.0.0.1: restarting it disturbs nobody), a private redis-server on a
free port, and gunicorn with the production settings on a free port. Each fault is bounded in
time and prints one PASS or FAIL line; the exit status is 1 if any failed.

1. postgres: PostgreSQL restarted (``pg_ctl restart -m fast``) under load. Pass: every answer is
   200 or 503 (with Retry-After), never a 500 or a dropped connection; /healthz says 503 while
   the server is down; within a few seconds of its return every answer is 200 again, from the
   same gunicorn workers (nothing restarted).
2. import: ``import_documents`` killed with SIGKILL mid-way. Pass: every document in the
   database has exactly the passages its file produces (all or nothing), and a re-run imports
   the rest, reports the first ones unchanged, and leaves every file's document complete.
3. redis: the cache server killed (SIGKILL) under load. Pass: every answer is still 200, pages
   come from the cache before and are rendered after, and none takes more than a few seconds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.loadtest import (  # noqa: E402
    BIN, OUT, ROOT, django_env, free_port, import_files, manage, start_gunicorn, start_redis, stop,
)

DOCUMENTS = 400


# --------------------------------------------------------------------------- a throwaway cluster


class Cluster:
    """A PostgreSQL cluster in a temporary folder, on a free port, deleted at the end."""

    def __init__(self):
        found = shutil.which("initdb") or max(Path("/usr/lib/postgresql").glob("*/bin/initdb"), default=None)
        if not found:
            raise SystemExit("No PostgreSQL server binaries (initdb, pg_ctl): apt-get install -y postgresql")
        self.bin = Path(found).parent
        self.folder = Path(tempfile.mkdtemp(prefix="policyarchive-faults-pg-"))
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            subprocess.run(["id", "postgres"], check=True, capture_output=True)
            shutil.chown(self.folder, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.folder / "data"), "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([*self.as_user, str(self.bin / tool), *args], check=check, capture_output=True,
                              text=True, timeout=60)

    def _ctl(self, action: str, *extra: str) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "log"), "-w", *extra,
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off", action)

    def start(self) -> None:
        self._ctl("start")

    def restart(self) -> None:
        self._ctl("restart", "-m", "fast")

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


# --------------------------------------------------------------------------- load with a timeline


@dataclass
class Answer:
    at: float  # seconds since the load started
    path: str
    status: int  # 0: no answer (refused, reset, timed out)
    ms: float
    hit: bool = False
    retry_after: str | None = None


@dataclass
class Load:
    """Client threads requesting ``paths`` in turn until stopped, recording every answer."""

    port: int
    paths: list[str]
    threads: int = 4
    answers: list[Answer] = field(default_factory=list)

    def __post_init__(self):
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.started = time.monotonic()
        self._pool = [threading.Thread(target=self._work, args=(n,), daemon=True) for n in range(self.threads)]
        for thread in self._pool:
            thread.start()

    def _work(self, n: int) -> None:
        i = n * 7
        while not self._stop.is_set():
            path = self.paths[i % len(self.paths)]
            i += 1
            began = time.monotonic()
            status, hit, retry = 0, False, None
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
                conn.request("GET", path, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
                response = conn.getresponse()
                response.read()
                status, hit, retry = response.status, response.getheader("X-Cache") == "hit", \
                    response.getheader("Retry-After")
                conn.close()
            except OSError:
                pass
            with self._lock:
                self.answers.append(Answer(began - self.started, path, status, (time.monotonic() - began) * 1000,
                                           hit, retry))

    def now(self) -> float:
        return time.monotonic() - self.started

    def stop(self) -> list[Answer]:
        self._stop.set()
        for thread in self._pool:
            thread.join(timeout=20)
        return sorted(self.answers, key=lambda a: a.at)


def workers_of(server: subprocess.Popen) -> set[int]:
    """gunicorn's worker processes (the master's children)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return {int(pid) for pid in children.read_text().split()} if children.exists() else set()


def p95(answers: list[Answer]) -> float:
    times = sorted(a.ms for a in answers)
    return times[int(0.95 * (len(times) - 1))] if times else 0.0


def result(name: str, ok: bool, detail: str) -> bool:
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}", flush=True)
    return ok


def verdict(name: str, detail: str, problems: list[str]) -> bool:
    """PASS when there is no problem; the problems, if any, follow the detail."""
    return result(name, not problems, "; ".join([detail, *problems]))


# --------------------------------------------------------------------------- the faults


def database_paths(slugs: list[str]) -> list[str]:
    """Pages that need the database on every request: searches no cache holds, and the health check."""
    words = ["peace", "sovereignty", "hegemonism", "development", "cooperation", "independence"]
    paths = []
    for n in range(400):
        paths.append(f"/search/?q={words[n % len(words)]}&page=1&n={n}")
        paths.append(f"/documents/{slugs[n % len(slugs)]}/?passage=n{n}")
        paths.append("/healthz")
    return paths


def fault_postgres(cluster: Cluster, env: dict, slugs: list[str]) -> bool:
    port = free_port()
    server = start_gunicorn(env, port=port, workers=3, log=OUT / "faults-gunicorn.log")
    try:
        load = Load(port, database_paths(slugs))
        time.sleep(3)
        before = workers_of(server)
        down_at = load.now()
        cluster.restart()
        up_at = load.now()
        time.sleep(8)
        after = workers_of(server)
        answers = load.stop()
    finally:
        stop(server)
    statuses = {a.status for a in answers}
    unavailable = [a for a in answers if a.status == 503]
    recovered_at = max((a.at for a in answers if a.status != 200), default=up_at)
    tail = [a for a in answers if a.at > up_at + 5]
    problems = []
    if statuses - {200, 503}:
        problems.append(f"answers other than 200/503: {sorted(statuses - {200, 503})} "
                        f"({sum(a.status not in (200, 503) for a in answers)})")
    if any(a.retry_after is None for a in unavailable):
        problems.append("a 503 without Retry-After")
    if not tail or any(a.status != 200 for a in tail):
        problems.append("not all 200 five seconds after the restart")
    if before != after or not before:
        problems.append(f"gunicorn workers changed: {sorted(before)} -> {sorted(after)}")
    healthz_down = [a for a in unavailable if a.path == "/healthz"]
    detail = (f"{len(answers)} requests; restart took {up_at - down_at:.1f} s; {len(unavailable)} answered 503 "
              f"({len(healthz_down)} of them /healthz), between {min((a.at for a in unavailable), default=0):.1f} s "
              f"and {max((a.at for a in unavailable), default=0):.1f} s; all 200 again "
              f"{max(0.0, recovered_at - up_at):.1f} s after the server was back; same {len(after)} workers")
    return verdict("PostgreSQL restarted under load", detail, problems)


def fault_redis(env: dict, slugs: list[str]) -> bool:
    redis, redis_url = start_redis()
    if redis is None:
        return result("cache server killed under load", False, "redis-server is not installed")
    port = free_port()
    server = start_gunicorn(dict(env, REDIS_URL=redis_url, DJANGO_PAGE_CACHE_SECONDS="600"), port=port, workers=3,
                            log=OUT / "faults-gunicorn.log")
    try:
        paths = [f"/documents/{slug}/" for slug in slugs[:30]] + ["/", "/eras/", "/principles/", "/documents/"]
        for path in paths:  # every page once, so that the cache holds them before the load starts
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
            conn.getresponse().read()
            conn.close()
        load = Load(port, paths)
        time.sleep(4)
        killed_at = load.now()
        os.killpg(redis.pid, signal.SIGKILL)
        redis.wait(timeout=10)
        time.sleep(6)
        answers = load.stop()
    finally:
        stop(server)
        stop(redis)
    before = [a for a in answers if a.at < killed_at]
    after = [a for a in answers if a.at >= killed_at + 0.5]
    bad = [a for a in answers if a.status != 200]
    slow = max((a.ms for a in answers), default=0)
    problems = []
    if bad:
        problems.append(f"{len(bad)} answers not 200: {sorted({a.status for a in bad})}")
    if not any(a.hit for a in before):
        problems.append("no page came from the cache before the kill")
    if any(a.hit for a in after):
        problems.append("pages still came from a dead cache")
    if slow > 5000:
        problems.append(f"an answer took {slow:.0f} ms")
    detail = (f"{len(answers)} requests, all {'200' if not bad else 'NOT 200'}; before the kill "
              f"{100 * sum(a.hit for a in before) / max(1, len(before)):.0f}% from the cache, p95 {p95(before):.0f} ms; "
              f"after it {100 * sum(a.hit for a in after) / max(1, len(after)):.0f}% (rendered), p95 {p95(after):.0f} ms; "
              f"slowest {slow:.0f} ms")
    return verdict("cache server killed under load", detail, problems)


EXPECTED_SECTIONS = """
import django, json, sys
from pathlib import Path
django.setup()
from documents.importing.pipeline import ImportContext
from documents.importing.preparing import prepare_path
from documents.importing.types import ImportRejected
context = ImportContext.load()
out = {}
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    prepared = prepare_path(path=path, taxonomy=context.taxonomy, max_bytes=context.max_bytes)
    if not isinstance(prepared, ImportRejected):
        out[prepared.source.key] = len(prepared.parsed.sections)
print(json.dumps(out))
"""


def imported(database_url: str) -> dict[str, int]:
    """{import key: passages} of every imported document."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        return dict(conn.execute(
            "SELECT d.import_key, count(s.id) FROM documents_document d LEFT JOIN documents_section s "
            "ON s.document_id = d.id WHERE d.import_key LIKE 'doc-%%' GROUP BY d.import_key").fetchall())


def fault_import(env: dict, database_url: str, *, files: int = 300) -> bool:
    folder = import_files(files, skip=1000)
    try:
        expected = json.loads(subprocess.run([str(BIN / "python"), "-c", EXPECTED_SECTIONS, str(folder)], cwd=ROOT,
                                             env=env, check=True, capture_output=True, text=True).stdout)
        process = subprocess.Popen([str(BIN / "python"), "manage.py", "import_documents", str(folder), "--json"],
                                   cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        deadline = time.monotonic() + 40
        while len(imported(database_url)) < files // 5 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        finished_early = process.poll() is not None
        os.killpg(process.pid, signal.SIGKILL)  # the command and its worker processes, mid-way
        process.wait(timeout=10)
        first = imported(database_url)
        partial = {key: n for key, n in first.items() if n != expected.get(key)}

        rerun = manage(env, "import_documents", str(folder), "--json", capture_output=True, timeout=120, check=False)
        rows = json.loads(rerun.stdout) if rerun.stdout.strip() else []
        unchanged = sum(r["status"] == "unchanged" for r in rows)
        created = sum(r["status"] == "created" for r in rows)
        final = imported(database_url)
        wrong = {key: (final.get(key), n) for key, n in expected.items() if final.get(key) != n}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    problems = []
    if finished_early:
        problems.append("the import finished before it could be killed")
    if partial:
        problems.append(f"{len(partial)} partial documents after the kill: {list(partial.items())[:3]}")
    if rerun.returncode != 0:
        problems.append(f"the re-run exited {rerun.returncode}: {rerun.stderr[-300:]}")
    if wrong or len(final) != len(expected):
        problems.append(f"{len(wrong)} documents wrong after the re-run: {list(wrong.items())[:3]}")
    if unchanged != len(first):
        problems.append(f"the re-run found {unchanged} unchanged, not the {len(first)} imported before the kill")
    detail = (f"{len(expected)} files; killed with {len(first)} documents saved, each with all its passages "
              f"({sum(first.values()):,}), none partial; the re-run: {unchanged} unchanged, {created} created, "
              f"{len(final)} documents, every one with the passages its file produces")
    return verdict("import killed with SIGKILL", detail, problems)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["postgres", "import", "redis"])
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "faults-gunicorn.log").write_text("")
    print("Fault tests on a throwaway PostgreSQL cluster", flush=True)
    cluster = Cluster()
    outcomes = []
    try:
        database_url = cluster.create_database("pa_faults")
        env = django_env(database_url, DJANGO_PAGE_CACHE_SECONDS="0")
        manage(env, "migrate", "--noinput", "-v0")
        script = ("import django, json; django.setup()\n"
                  "from bench.synthetic import build_archive\n"
                  f"build_archive(documents={DOCUMENTS}, log=lambda m: None)\n"
                  "from documents.archive_version import bump_archive_version; bump_archive_version()\n")
        subprocess.run([str(BIN / "python"), "-c", script], cwd=ROOT, env=env, check=True)
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:  # search vectors, as an import writes them
            conn.execute("UPDATE documents_section SET search_vector = NULL")
            slugs = [r[0] for r in conn.execute(
                "SELECT slug FROM documents_document WHERE status = 'published' ORDER BY id LIMIT 200")]
        manage(env, "collectstatic", "--noinput", "-v0")
        print(f"  {DOCUMENTS} documents on 127.0.0.1:{cluster.port}\n", flush=True)
        if args.only in (None, "postgres"):
            outcomes.append(fault_postgres(cluster, env, slugs))
        if args.only in (None, "import"):
            outcomes.append(fault_import(env, database_url))
        if args.only in (None, "redis"):
            outcomes.append(fault_redis(env, slugs))
    finally:
        cluster.destroy()
    passed = sum(outcomes)
    print(f"\n{passed} passed, {len(outcomes) - passed} failed")
    return 0 if all(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
