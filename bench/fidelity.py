#!/usr/bin/env python
"""How often the importer agrees with a cataloguer, on the hand-labelled real-world set.

    python bench/fidelity.py [--verbose]

The set: ``tests/fixtures/realworld/gold-*.json`` and the page texts in ``pages/`` beside them,
each modelled on one real page (its address is in the gold file). For every page the importer's
pure stages run (``documents.importing.preparing.prepare``: read, clean, parse, classify; no
database), and each value is checked against the gold label:

- metadata: title, date, date precision, issuer, outlet, type, languages, and whether every
  furniture line was removed (one check per page and field);
- principles and eras: precision and recall over (passage, slug) pairs, the gold passages found
  by their opening words wherever they stand in the importer's passage (a gold passage whose
  opening the importer dropped counts as missed).

Beside the importer's figures it prints a naive importer's on the same pages: the first line as
title, no cleaning, a passage per block of lines, the same rules; the difference is what cleaning,
parsing and the sentence-level rules earn. The targets (issue 12) are printed with each figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policyarchive.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from documents.importing.classifying import classify, compile_taxonomy  # noqa: E402
from documents.importing.preparing import prepare  # noqa: E402
from documents.importing.taxonomy import load_taxonomy  # noqa: E402
from documents.importing.types import ImportRejected, ParsedSection  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "realworld"
FIELDS = ("title", "date", "date_precision", "issuer", "outlet", "type", "languages", "furniture")
TARGETS = {"metadata": 0.95, "principles P": 0.85, "principles R": 0.75, "eras P": 0.9, "eras R": 0.85}
MAX_BYTES = 5_000_000


def norm(text: str | None) -> str:
    """Compared as a cataloguer reads: case, width, dashes, quotes and spacing aside."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[\u2010-\u2015\u2212―—–-]+", "-", text)
    text = re.sub(r"[\u2018\u2019\u201c\u201d\"'「」『』《》〈〉]", "", text)
    return " ".join(text.split())


def same_name(gold: str | None, ours: str | None) -> bool:
    """A name matches when one contains the other ("Tang Jiaxuan" in "H.E. Mr. Tang Jiaxuan")."""
    g, o = norm(gold), norm(ours)
    return g == o or bool(g and o and (g in o or o in g))


@dataclass
class Result:
    """What one importer got right: metadata checks per field, and label pairs."""

    checks: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)
    labels: dict = field(default_factory=lambda: {k: Counter() for k in ("principles", "eras")})
    misses: list = field(default_factory=list)

    def check(self, name: str, ok: bool, page: str, detail: str = "") -> None:
        self.checks[name] += 1
        self.right[name] += ok
        if not ok:
            self.misses.append(f"{page}: {name}: {detail}")

    def score(self, kind: str, gold: set, ours: set) -> None:
        c = self.labels[kind]
        c["tp"] += len(gold & ours)
        c["fp"] += len(ours - gold)
        c["fn"] += len(gold - ours)

    def pr(self, kind: str) -> tuple[float, float]:
        c = self.labels[kind]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        return p, r

    def metadata(self) -> float:
        return sum(self.right.values()) / max(1, sum(self.checks.values()))


@dataclass
class Imported:
    title: str
    date: str | None
    date_precision: str
    issuer: str
    outlet: str
    type: str
    languages: list
    passages: list  # [(text, principles, eras)]


def ours(entry: dict, data: bytes, taxonomy) -> Imported | None:
    try:
        prepared = prepare(data=data, name=entry["file"], taxonomy=taxonomy, max_bytes=MAX_BYTES)
    except ImportRejected:
        return None
    parsed, c = prepared.parsed, prepared.classification
    date = _iso(parsed.date, parsed.date_precision)
    return Imported(parsed.title, date, parsed.date_precision, parsed.issuer, parsed.source, parsed.doc_type,
                    parsed.languages, [(s.text, t, p) for s, t, p in
                                       zip(parsed.sections, c.section_themes, c.section_periods)])


def naive(entry: dict, data: bytes, compiled) -> Imported:
    """First line as title, no cleaning, a passage per block of lines, the same rules."""
    text = data.decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines()]
    title = next((line for line in lines if line), "")
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]
    sections = [ParsedSection(kind="paragraph", text=b) for b in blocks]
    c = classify(sections=sections, date=None, taxonomy=compiled)
    return Imported(title, None, "unknown", "", "", "article", [],
                    [(s.text, t, p) for s, t, p in zip(sections, c.section_themes, c.section_periods)])


def _iso(date, precision: str) -> str | None:
    if date is None:
        return None
    return {"day": date.isoformat(), "month": date.isoformat()[:7], "year": str(date.year)}.get(precision)


def judge(entry: dict, got: Imported | None, result: Result) -> None:
    page = entry["file"]
    if got is None:
        for name in FIELDS:
            result.check(name, False, page, "rejected")
        for passage in entry["passages"]:
            result.score("principles", set(passage["principles"]), set())
            result.score("eras", set(passage["eras"]), set())
        return
    result.check("title", norm(entry["title"]) == norm(got.title), page, f"{got.title!r}")
    result.check("date", (entry["date"] or None) == got.date, page, f"{got.date} for {entry['date']}")
    result.check("date_precision", entry["date_precision"] == got.date_precision, page, got.date_precision)
    result.check("issuer", same_name(entry["issuer"], got.issuer), page, f"{got.issuer!r}")
    result.check("outlet", same_name(entry["outlet"], got.outlet), page, f"{got.outlet!r}")
    result.check("type", entry["type"] == got.type, page, f"{got.type} for {entry['type']}")
    result.check("languages", set(entry["languages"]) == set(got.languages), page, f"{got.languages}")
    texts = {norm(text) for text, _, _ in got.passages}
    left = [line for line in entry["furniture"] if norm(line) in texts]
    result.check("furniture", not left, page, f"left as passages: {left[:2]}")
    kept = [(norm(text), themes, eras) for text, themes, eras in got.passages]
    for passage in entry["passages"]:
        # The passage that holds the gold passage's opening words, wherever cleaning put its
        # start (a line rejoined to the one before, a label split off).
        key = norm(passage["starts"])[:40]
        found = next(((t, e) for text, t, e in kept if key in text), (set(), set()))
        result.score("principles", set(passage["principles"]), set(found[0]))
        result.score("eras", set(passage["eras"]), set(found[1]))


def load_gold() -> list[dict]:
    entries = []
    for path in sorted(GOLD.glob("gold-*.json")):
        entries += json.loads(path.read_text(encoding="utf-8"))
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss of the importer")
    args = parser.parse_args(argv)
    entries = load_gold()
    if not entries:
        print(f"no gold file in {GOLD}")
        return 1
    taxonomy = load_taxonomy(path=ROOT / "seeds" / "taxonomy.yaml").taxonomy
    compiled = compile_taxonomy(taxonomy)
    mine, base = Result(), Result()
    for entry in entries:
        data = (GOLD / "pages" / entry["file"]).read_bytes()
        judge(entry, ours(entry, data, taxonomy), mine)
        judge(entry, naive(entry, data, compiled), base)

    sites = {e["site"] for e in entries}
    languages = Counter(lang for e in entries for lang in e["languages"][:1])
    decades = Counter(e["decade"] for e in entries)
    passages = sum(len(e["passages"]) for e in entries)
    print(f"fidelity: {len(entries)} pages, {len(sites)} sites, {passages} labelled passages")
    print("  languages: " + ", ".join(f"{k} {v}" for k, v in sorted(languages.items())))
    print("  decades:   " + ", ".join(f"{k}s {v}" for k, v in sorted(decades.items())))
    print(f"{'':18}{'ours':>8}{'naive':>8}   target")
    for name in FIELDS:
        print(f"  {name:16}{mine.right[name] / max(1, mine.checks[name]):8.0%}"
              f"{base.right[name] / max(1, base.checks[name]):8.0%}")
    rows = [("metadata", mine.metadata(), base.metadata())]
    for kind in ("principles", "eras"):
        (p, r), (bp, br) = mine.pr(kind), base.pr(kind)
        rows += [(f"{kind} P", p, bp), (f"{kind} R", r, br)]
    failed = []
    for name, value, baseline in rows:
        target = TARGETS[name]
        mark = "ok" if value >= target else "BELOW"
        if value < target:
            failed.append(name)
        print(f"  {name:16}{value:8.2f}{baseline:8.2f}   ≥ {target:.2f} {mark}")
    print("  ratio ours/naive, metadata: "
          f"{mine.metadata() / base.metadata() if base.metadata() else float('inf'):.2f}")
    if args.verbose:
        print("\n".join(["misses:"] + mine.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
