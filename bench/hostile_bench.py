#!/usr/bin/env python
"""Hostile-input benchmark: is every import stage linear in its input, whatever its shape?

    python bench/hostile_bench.py [--size 100000] [--timeout 60] [--only parse] [--shape spaces]

Feeds each stage of the import (read, clean, parse, classify, and the whole ``prepare``) inputs
shaped like issue 10's reproductions -- one line of spaces between two letters, a Markdown
heading padded with spaces, ``**a `` and ``[a](b`` repeated, one long paragraph in English and
in Chinese, many short lines, a long press conference, years and decades -- at ``--size``
characters and at ten times that (classify, which is fast: ten times more), and prints, per
stage and per shape, the time ratio for 10x the input: about 10 is linear, about 100 quadratic.
Each timing is the best of 3 runs (each run repeated to last at least 50 ms), in a process of
its own that is stopped after ``--timeout`` seconds ("timeout (quadratic)").

Two more rows come from the other hostile benchmarks, when they exist: the classify stage under
an editor's backtracking rule (``bench/hostile_classify.py``, in RE2) and the search page over
long passages (``bench/hostile_search.py``, which needs PostgreSQL through DATABASE_URL;
``make bench-hostile`` provides one).

Exits with status 1 when a ratio is 15 or more, or a timing timed out or failed.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FACTOR = 10
LIMIT = 15.0  # a ratio at or above this fails the benchmark
REPEAT = 3
MIN_SECONDS = 0.05
STAGES = ("read", "clean", "parse", "classify", "prepare")
# classify reads 100,000 characters in under a millisecond, a time that says more about the
# processor's caches than about the code: it is timed on ten times the size of the others.
SCALE = {"classify": 10}
SENTENCE = "China pursues an independent foreign policy of peace and development with all countries. "
CHINESE = "中国坚定奉行独立自主的和平外交政策，同世界各国发展友好合作关系。"
# Years and decades, which the classifier reads for the eras a passage speaks about.
YEARS = "In 1956, the 1950s and the early-to-mid 1960s to 1970s, 一九五六年与二十世纪五十年代中期。 "


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _dialogue(size: int) -> str:
    turns = ["Reporter: What is China's position on the dispute?",
             "Wang Wenbin: China stands for peaceful settlement through dialogue and consultation."]
    return _repeat("\n\n".join(turns) + "\n\n", size)


# Each shape: the body of a file of about ``size`` characters, under a title line.
SHAPES: dict[str, Callable[[int], str]] = {
    "spaces": lambda size: "A" + " " * size + "B",
    "heading-spaces": lambda size: "# a" + " " * size + "b",
    "bold": lambda size: _repeat("**a ", size),
    "link": lambda size: _repeat("[a](b", size),
    "paragraph": lambda size: _repeat(SENTENCE, size),
    "chinese": lambda size: _repeat(CHINESE, size),
    "short-lines": lambda size: _repeat("peace and friendship\n", size),
    "dialogue": _dialogue,
    "years": lambda size: _repeat(YEARS, size),
}


def document(shape: str, size: int) -> bytes:
    """A whole file: a title, a blank line, and ``size`` characters of ``shape``."""
    return ("Hostile input\n\n" + SHAPES[shape](size) + "\n").encode("utf-8")


# --- one timing, in a process of its own -------------------------------------------------------


def time_stage(stage: str, shape: str, size: int) -> float:
    """The best of ``REPEAT`` runs of ``stage`` on a ``size``-character ``shape``, in seconds.

    The stage's own input is made by the stages before it, outside the timing.
    """
    from documents.importing.classifying import classify, compile_taxonomy
    from documents.importing.cleaning import clean
    from documents.importing.parsing import parse, split_front_matter
    from documents.importing.preparing import prepare
    from documents.importing.reading import read_text
    from documents.importing.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(path=ROOT / "seeds" / "taxonomy.yaml").taxonomy
    compiled = compile_taxonomy(taxonomy)
    name = "hostile.md"
    data = document(shape, size)
    max_bytes = 100 * len(data) + 1024 * 1024
    text = read_text(data=data, name=name, max_bytes=max_bytes)
    _meta, body = split_front_matter(text, name=name)
    cleaned = clean(body).text
    parsed = parse(cleaned, name=name) if stage == "classify" else None
    runs: dict[str, Callable[[], object]] = {
        "read": lambda: read_text(data=data, name=name, max_bytes=max_bytes),
        "clean": lambda: clean(body),
        "parse": lambda: parse(cleaned, name=name),
        "classify": lambda: classify(sections=parsed.sections, date=None, taxonomy=compiled),
        "prepare": lambda: prepare(data=data, name=name, taxonomy=taxonomy, max_bytes=max_bytes),
    }
    parse("Warm up\n\nThe language detector is built on first use.", name=name)
    # The inputs are made: the garbage collector's full collections need not walk them again
    # and again (their cost would grow with the input without being the stage's).
    gc.collect()
    gc.freeze()
    run = runs[stage]
    started = time.perf_counter()
    run()
    # A timing of under a few milliseconds says more about the machine than about the stage:
    # each of the REPEAT timings runs the stage enough times to last about MIN_SECONDS.
    number = max(1, min(1000, round(MIN_SECONDS / max(time.perf_counter() - started, 1e-6))))
    best = float("inf")
    for _ in range(REPEAT):
        started = time.perf_counter()
        for _ in range(number):
            run()
        best = min(best, (time.perf_counter() - started) / number)
    return best


def _child(argv: list[str], *, timeout: float, env: dict | None = None) -> tuple[str, float | None]:
    """Run this file with ``argv`` in a process of its own: ("ok", number) or (why not, None)."""
    try:
        done = subprocess.run([sys.executable, __file__, *argv], cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return f"timeout after {timeout:g} s (quadratic)", None
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        return f"failed: {lines[-1] if lines else f'exit status {done.returncode}'}", None
    return "ok", float(done.stdout.strip().splitlines()[-1])


# --- the rows from the other hostile benchmarks ------------------------------------------------


def _other_ratio(which: str) -> float:
    """``classify_ratio()`` or ``search_page_ratio()``; ``ImportError`` when not written yet."""
    if which == "rules":
        from bench.hostile_classify import classify_ratio

        return classify_ratio()
    from bench.hostile_search import search_page_ratio

    return search_page_ratio()


def _other_row(which: str, *, timeout: float) -> tuple[str, float | None]:
    env = dict(os.environ)
    if which == "search" and not env.get("DATABASE_URL", "").startswith("postgres"):
        return "needs PostgreSQL: set DATABASE_URL=postgres://... (make bench-hostile provides one)", None
    status, ratio = _child(["--other", which], timeout=timeout, env=env)
    if status.startswith("failed: pending"):
        return "pending (its benchmark is not written yet)", None
    return status, ratio


# --- the report --------------------------------------------------------------------------------


def _verdict(status: str, ratio: float | None) -> tuple[str, bool]:
    if ratio is None:
        return status, status.startswith("pending")
    ok = ratio < LIMIT
    return f"{ratio:6.1f}  {'linear' if ok else 'SUPERLINEAR'}", ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters of the smaller input")
    parser.add_argument("--timeout", type=float, default=60, help="seconds allowed for one timing")
    parser.add_argument("--only", choices=STAGES, action="append", help="these stages only")
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append", help="these shapes only")
    parser.add_argument("--skip-others", action="store_true", help="leave out the rules and search rows")
    parser.add_argument("--time", nargs=3, metavar=("STAGE", "SHAPE", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--other", choices=("rules", "search"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.time:  # a child: print one timing
        stage, shape, size = args.time
        print(time_stage(stage, shape, int(size)))
        return 0
    if args.other:  # a child: print another benchmark's ratio
        try:
            print(_other_ratio(args.other))
        except ImportError as exc:
            sys.exit(f"pending: {exc}")
        return 0

    print(f"hostile inputs: each stage at {args.size:,} and {args.size * FACTOR:,} characters "
          f"(classify: ten times more), best of {REPEAT}, at most {args.timeout:g} s a timing; "
          f"ratio for {FACTOR}x the input (about 10 linear, 100 quadratic; fails at {LIMIT:g})\n")
    print(f"{'stage':<10} {'shape':<16} {'small':>10} {'large':>10}  ratio")
    failures = 0
    for stage in args.only or STAGES:
        small = args.size * SCALE.get(stage, 1)
        large = small * FACTOR
        for shape in args.shape or SHAPES:
            status, first = _child(["--time", stage, shape, str(small)], timeout=args.timeout)
            second = None
            if first is not None:
                status, second = _child(["--time", stage, shape, str(large)], timeout=args.timeout)
            ratio = second / max(first, 1e-6) if first is not None and second is not None else None
            text, ok = _verdict(status, ratio)
            failures += not ok
            times = [f"{t * 1000:8.1f}ms" if t is not None else f"{'-':>10}" for t in (first, second)]
            print(f"{stage:<10} {shape:<16} {times[0]:>10} {times[1]:>10}  {text}", flush=True)

    if not args.skip_others:
        print()
        for which, label in (("rules", "classify, editor rule in RE2 (100 KB vs 1 MB)"),
                             ("search", "search page, long passages (15 KB vs 150 KB)")):
            status, ratio = _other_row(which, timeout=max(args.timeout, 600))
            text, ok = _verdict(status, ratio)
            failures += not ok
            print(f"{label:<60} {text}", flush=True)

    print(f"\n{'all stages linear' if not failures else f'{failures} row(s) failed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
