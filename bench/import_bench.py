#!/usr/bin/env python
"""Import benchmark: documents/s and sections/s for a first import and a re-import, peak memory.

    python bench/import_bench.py [--docs 2000]

Synthetic documents shaped like the seeds (a title, a dateline, ~40 passages, page furniture)
are made from the shared deterministic corpus (../shared/bench/corpus.py), written as files
under bench/out/, and imported into a database of their own on the PostgreSQL that
DATABASE_URL points at (``make bench`` provides one). Each phase runs in a fresh process, so
its peak memory (max RSS) is its own. Printed, all measured in this one run:

- first import of N documents; re-import of the unchanged corpus and its speed-up;
- peak memory of a first import of N/4 and of N documents (flat: the ratio stays near 1);
- a baseline: the same documents saved the naive way (one INSERT per passage and per link),
  and our speed as a multiple of it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT))

from bench.shared_corpus import corpus_generator  # noqa: E402

DATELINES = [
    "{d:%Y-%m-%d %H:%M:%S} Click Num:{n}",
    "Updated: {d:%B %d, %Y}",
    "Source: Xinhua | {d:%Y-%m-%d}",
    "{d:%d %B %Y}",
]
FURNITURE = [
    "Tools: Save | Print | E-mail | Most Read",
    "Related Stories",
    "SiteMap | About Us | RSS | Newsletter | Feedback",
    "Copyright © All Rights Reserved",
    "<  1  2  3  >",
]


def write_documents(n_docs: int) -> Path:
    """Write n_docs synthetic document files (cached) and return their folder."""
    folder = OUT / f"docs-{n_docs}"
    if folder.is_dir() and len(list(folder.glob("*.txt"))) == n_docs:
        return folder
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = OUT / f"corpus-{n_docs}.jsonl"
    if not corpus.exists():
        subprocess.run([sys.executable, str(corpus_generator()), str(n_docs * 40), str(corpus), "--seed", "42",
                        "--seeds-dir", str(SEEDS)], check=True, stdout=subprocess.DEVNULL)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(42)
    import datetime

    docs: dict[int, list[dict]] = {}
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            docs.setdefault(row["doc"], []).append(row)
            if len(docs) > 1:  # a document is complete when the next one starts
                done = min(docs)
                _write_one(folder, docs.pop(done), rng, datetime)
    for rows in docs.values():
        _write_one(folder, rows, rng, datetime)
    return folder


def _write_one(folder: Path, rows: list[dict], rng: random.Random, datetime) -> None:
    day = datetime.datetime(1950, 1, 1) + datetime.timedelta(days=rng.randrange(27000), seconds=rng.randrange(86400))
    head = [rng.choice(FURNITURE[:1]), "", rows[0]["title"], "",
            rng.choice(DATELINES).format(d=day, n=rng.randrange(10, 9999)), ""]
    body = "\n\n".join(r["text"] for r in rows)
    tail = ["", ""] + FURNITURE[1:]
    (folder / f"doc-{rows[0]['doc']:06d}.txt").write_text("\n".join(head) + "\n" + body + "\n" + "\n".join(tail),
                                                        encoding="utf-8")


def database_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/policyarchive")
    if not base.startswith("postgres"):
        sys.exit("import_bench needs PostgreSQL: set DATABASE_URL (make bench does).")
    return base.rsplit("/", 1)[0] + "/" + name


def fresh_database(name: str) -> str:
    import psycopg

    url = database_url(name)
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "policyarchive.settings.test"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return url


def run_phase(phase: str, *, url: str, folder: Path, limit: int) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "policyarchive.settings.test"}
    out = subprocess.run([sys.executable, __file__, "--phase", phase, "--folder", str(folder), "--limit", str(limit)],
                         cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- phases, each in its own process -------------------------------------------------------


def phase(name: str, folder: Path, limit: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from documents.choices import ImportStatus
    from documents.importing.pipeline import ImportContext, import_paths
    from documents.models import Section

    paths = sorted(folder.glob("*.txt"))[:limit]
    if name == "taxonomy":
        call_command("import_seeds", verbosity=0)
        print(json.dumps({}))
        return
    context = ImportContext.load(publish=True, imported_by="bench")
    before = Section.objects.count()
    start = time.perf_counter()
    if name == "naive":
        statuses = naive_import(paths, context)
    else:
        statuses = [r.status for r in import_paths(paths=paths, context=context)]
    seconds = time.perf_counter() - start
    failed = statuses.count(ImportStatus.FAILED)
    if failed:
        sys.exit(f"{failed} files failed to import")
    print(json.dumps({
        "seconds": seconds,
        "docs": len(paths),
        "sections": Section.objects.count() - before if name != "reimport" else Section.objects.count(),
        "statuses": {s: statuses.count(s) for s in set(statuses)},
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


def naive_import(paths: list[Path], context) -> list[str]:
    """The baseline: the same pipeline, but every passage and link saved with its own INSERT."""
    from django.db import transaction

    from documents.choices import ImportStatus
    from documents.importing.classifying import classify
    from documents.importing.cleaning import clean
    from documents.importing.parsing import parse, split_front_matter
    from documents.importing.reading import read_text
    from documents.models import Document, Section

    statuses = []
    for path in paths:
        text = read_text(data=path.read_bytes(), name=path.name)
        meta, body = split_front_matter(text, name=path.name)
        parsed = parse(clean(body).text, name=path.name, meta=meta)
        result = classify(sections=parsed.sections, date=parsed.date, taxonomy=context.compiled)
        with transaction.atomic():
            doc = Document.objects.create(title=parsed.title[:500], slug=f"naive-{path.stem}",
                                          import_key=f"naive-{path.name}", issued_on=parsed.date,
                                          raw_text=text)
            for position, (ps, themes, periods) in enumerate(
                    zip(parsed.sections, result.section_themes, result.section_periods), start=1):
                section = Section.objects.create(document=doc, position=position, kind=ps.kind, text=ps.text,
                                                 anchor=f"{Section.anchor_of(ps.text)}-{position}")
                for slug in themes:
                    section.themes.add(context.theme_ids[slug])
                for slug in periods:
                    section.periods.add(context.period_ids[slug])
        statuses.append(ImportStatus.CREATED)
    return statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents in the synthetic corpus")
    parser.add_argument("--baseline-docs", type=int, default=200, help="documents for the naive baseline")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policyarchive.settings.test")
        return phase(args.phase, args.folder, args.limit)

    corpus_generator()  # before any work: a plain clone lacks it
    n = args.docs
    folder = write_documents(n)
    print(f"import benchmark: {n:,} synthetic documents in {folder.relative_to(ROOT)}, "
          f"PostgreSQL via DATABASE_URL, 2 runs of each import in fresh processes\n")

    url = fresh_database("pa_bench_import")
    run_phase("taxonomy", url=url, folder=folder, limit=0)
    first = run_phase("import", url=url, folder=folder, limit=n)
    again = run_phase("reimport", url=url, folder=folder, limit=n)

    small_url = fresh_database("pa_bench_import_small")
    run_phase("taxonomy", url=small_url, folder=folder, limit=0)
    small = run_phase("import", url=small_url, folder=folder, limit=max(1, n // 4))

    base_url = fresh_database("pa_bench_import_naive")
    run_phase("taxonomy", url=base_url, folder=folder, limit=0)
    naive = run_phase("naive", url=base_url, folder=folder, limit=min(n, args.baseline_docs))
    ours_small = run_phase("import", url=base_url, folder=folder, limit=min(n, args.baseline_docs))

    def rate(r, key="docs"):
        return r[key] / r["seconds"]

    print(f"first import   {first['docs']:>7,} docs {first['sections']:>9,} sections {first['seconds']:7.2f} s"
          f"  {rate(first):8.0f} docs/s  {rate(first, 'sections'):9.0f} sections/s  peak {first['maxrss_mb']:.0f} MB")
    print(f"re-import      {again['docs']:>7,} docs (unchanged: {again['statuses'].get('unchanged', 0):,})"
          f" {again['seconds']:7.2f} s  {rate(again):8.0f} docs/s  peak {again['maxrss_mb']:.0f} MB")
    print(f"  re-import is {rate(again) / rate(first):.1f}x faster than the first import (target >= 10x)")
    print(f"peak memory    first import of {small['docs']:,} docs: {small['maxrss_mb']:.0f} MB, of {first['docs']:,} docs:"
          f" {first['maxrss_mb']:.0f} MB  ratio {first['maxrss_mb'] / small['maxrss_mb']:.2f} for {first['docs'] / small['docs']:.0f}x the documents")
    print(f"baseline       naive one-INSERT-per-row save of {naive['docs']:,} docs: {rate(naive):.0f} docs/s;"
          f" ours on the same docs: {rate(ours_small):.0f} docs/s  ratio {rate(ours_small) / rate(naive):.1f}x")
    verdict = "meets" if rate(first) >= 200 else "MISSES"
    print(f"target         first import >= 200 docs/s: {verdict} ({rate(first):.0f} docs/s)")


if __name__ == "__main__":
    main()
