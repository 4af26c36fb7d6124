"""The benchmarks that need the shared corpus generator (``bench/shared_corpus.py``) say so in
one line, and fail, when it is not beside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("script, args", [("import_bench.py", ["--docs", "3"]),
                                          ("search_bench.py", ["--sections", "7", "--seed", "991"])])
def test_a_benchmark_says_what_it_needs_when_the_corpus_generator_is_absent(tmp_path, script, args):
    missing = tmp_path / "no-shared" / "corpus.py"
    env = {**os.environ, "POLICYARCHIVE_BENCH_CORPUS": str(missing)}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = (done.stdout + done.stderr).strip().splitlines()
    assert lines[-1].startswith(f"bench needs {missing} (the deterministic corpus generator beside the repository)")
