#!/usr/bin/env python
"""Classify stage under a hostile rule: the time ratio of a 1 MB passage to a 100 KB one.

    python bench/hostile_classify.py

The rule set is the seed taxonomy plus the rule that hung every import before rules ran in
RE2 (issue 10): ``re:\\bpeace\\b(?:\\s?[a-z]+)+;`` on a principle. The passage is one
paragraph (one section) of seed-document words, with "peace" recurring and no ";", so the rule
never matches and a backtracking engine would try every way of splitting each run of words.
About 10 is linear (10 times the text, 10 times the time), 100 quadratic.
``bench/hostile_bench.py`` prints this ratio with the other stages'.

Needs no database: the taxonomy is read from seeds/taxonomy.yaml.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from documents.importing.classifying import classify, compile_taxonomy  # noqa: E402
from documents.importing.taxonomy import load_taxonomy  # noqa: E402
from documents.importing.types import ParsedSection, TaxonomyRules, ThemeRule  # noqa: E402

HOSTILE_RULE = r"re:\bpeace\b(?:\s?[a-z]+)+;"
SMALL = 100_000  # characters
FACTOR = 10


def hostile_taxonomy() -> TaxonomyRules:
    """The seed taxonomy with one more principle whose only rule is ``HOSTILE_RULE``."""
    seeds = load_taxonomy(path=ROOT / "seeds" / "taxonomy.yaml").taxonomy
    hostile = ThemeRule(slug="hostile", parent=None, rules=(HOSTILE_RULE,))
    return dataclasses.replace(seeds, themes=seeds.themes + (hostile,))


def hostile_passage(size: int) -> str:
    """One line of ``size`` characters: seed-document words, "peace" every few words, no ";"."""
    words = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        words += path.read_text(encoding="utf-8").replace(";", ",").split()
    pieces, length, index = [], 0, 0
    while length < size:
        word = "peace" if index % 7 == 0 else words[index % len(words)]
        pieces.append(word)
        length += len(word) + 1
        index += 1
    return " ".join(pieces)[:size]


def classify_seconds(*, size: int, taxonomy: TaxonomyRules, repeat: int = 5) -> float:
    """The fastest of ``repeat`` classifications of a ``size``-character passage."""
    compiled = compile_taxonomy(taxonomy)
    sections = [ParsedSection("paragraph", hostile_passage(size))]
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        classify(sections=sections, date=None, taxonomy=compiled)
        best = min(best, time.perf_counter() - started)
    return best


def classify_ratio(*, small: int = SMALL, factor: int = FACTOR) -> float:
    """Time to classify ``small * factor`` characters over the time for ``small`` (about
    ``factor`` when linear), with the seed rules and ``HOSTILE_RULE``."""
    taxonomy = hostile_taxonomy()
    classify_seconds(size=small, taxonomy=taxonomy, repeat=1)  # warm up: RE2 builds its DFAs
    return classify_seconds(size=small * factor, taxonomy=taxonomy) / classify_seconds(
        size=small, taxonomy=taxonomy
    )


def main() -> None:
    taxonomy = hostile_taxonomy()
    classify_seconds(size=SMALL, taxonomy=taxonomy, repeat=1)
    small = classify_seconds(size=SMALL, taxonomy=taxonomy)
    large = classify_seconds(size=SMALL * FACTOR, taxonomy=taxonomy)
    print(
        f"classify, hostile rule: {SMALL // 1000} KB {small * 1000:.1f} ms, "
        f"{SMALL * FACTOR // 1000} KB {large * 1000:.1f} ms, ratio {large / small:.1f}"
    )


if __name__ == "__main__":
    main()
