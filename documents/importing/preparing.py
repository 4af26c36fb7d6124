"""The CPU-bound stages for one file, read -> clean -> parse -> classify, with no database.

``prepare`` runs in the importing process; for a large import, ``prepare_path`` runs the same
stages in worker processes (``start_workers``) while the importing process saves, so that both
cores work. Nothing here imports Django.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .classifying import classify, compile_taxonomy
from .cleaning import clean
from .parsing import parse, split_front_matter
from .reading import read_text
from .types import ImportRejected, Prepared, Source, Taxonomy

logger = logging.getLogger(__name__)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_key(*, name: str, meta: dict) -> str:
    """The stable identifier of an imported file: its front-matter slug, else its file name."""
    return str(meta.get("slug") or Path(name).name)[:255]


def prepare(*, data: bytes, name: str, taxonomy: Taxonomy, max_bytes: int) -> Prepared:
    """Run the pure stages on one file's bytes. Raises ImportRejected for unusable input."""
    if len(data) > max_bytes:
        raise ImportRejected(name, f"file is larger than the {max_bytes:,}-byte limit")
    text = read_text(data=data, name=name, max_bytes=max_bytes)
    meta, body = split_front_matter(text, name=name)
    cleaned = clean(body)
    parsed = parse(cleaned.text, name=name, meta={**cleaned.meta, **meta})
    if not parsed.sections:
        raise ImportRejected(name, "no text left after removing the page furniture")
    classification = classify(sections=parsed.sections, date=parsed.date, taxonomy=compile_taxonomy(taxonomy))
    source = Source(key=source_key(name=name, meta=meta), raw_text=text, removed=cleaned.removed,
                    content_hash=content_hash(data))
    return Prepared(name=name, parsed=parsed, classification=classification, source=source)


def read_file(*, path: Path, max_bytes: int) -> bytes:
    """A file's bytes; ImportRejected when it is too large or cannot be read."""
    name = str(path)
    try:
        if path.stat().st_size > max_bytes:
            raise ImportRejected(name, f"file is larger than the {max_bytes:,}-byte limit")
        return path.read_bytes()
    except OSError as exc:
        raise ImportRejected(name, f"cannot read: {exc.strerror or exc}") from None


def prepare_path(*, path: Path, taxonomy: Taxonomy, max_bytes: int) -> Prepared | ImportRejected:
    """``prepare`` for a file on disk; a rejection is returned, not raised (it crosses processes)."""
    try:
        return prepare(data=read_file(path=path, max_bytes=max_bytes), name=str(path),
                       taxonomy=taxonomy, max_bytes=max_bytes)
    except ImportRejected as exc:
        return exc
    except Exception as exc:  # a defect of ours on one odd file must not stop a large import
        logger.exception("unexpected error preparing %s", path)
        return ImportRejected(str(path), f"could not be imported ({type(exc).__name__}: {exc}); "
                                         "please report this file")


_worker: dict = {}


def _init_worker(taxonomy: Taxonomy, max_bytes: int) -> None:
    _worker.update(taxonomy=taxonomy, max_bytes=max_bytes)


def _prepare_in_worker(path: Path) -> Prepared | ImportRejected:
    return prepare_path(path=path, **_worker)


class Workers:
    """A pool of processes preparing files in order; ``map`` yields as ``prepare_path`` would."""

    def __init__(self, *, taxonomy: Taxonomy, max_bytes: int, processes: int):
        # "spawn": a fresh interpreter, never a copy of the parent's database connections.
        self._pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_init_worker, initargs=(taxonomy, max_bytes))

    def map(self, paths: list[Path]):
        return self._pool.map(_prepare_in_worker, paths, chunksize=4)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)
