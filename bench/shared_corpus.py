"""Where the shared deterministic corpus generator is: ``../shared/bench/corpus.py`` beside the
repository, or the path in ``POLICYARCHIVE_BENCH_CORPUS``. A plain clone does not have it, so the
benchmarks that need it say so in one line and stop, instead of failing in a subprocess."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "bench" / "corpus.py"


def corpus_generator() -> Path:
    """The generator's path; exits with status 2 and one clear line when it is not there."""
    path = Path(os.environ.get("POLICYARCHIVE_BENCH_CORPUS") or DEFAULT)
    if not path.is_file():
        sys.exit(f"bench needs {path} (the deterministic corpus generator beside the repository); "
                 "put the shared folder beside the clone, or set POLICYARCHIVE_BENCH_CORPUS to its path.")
    return path
