"""The CPU-bound stages for one file, read -> clean -> parse -> classify, with no database.

``prepare`` runs in the importing process; for a large import, ``prepare_path`` runs the same
stages in worker processes (``start_workers``) while the importing process saves, so that both
cores work. Nothing here touches the database or needs Django's settings.

Every way of preparing a file (``prepare_data``, ``prepare_path``, ``fingerprint_path``, in
this process or a worker) goes through ``guarded``: whatever goes wrong with one file, an
``ImportRejected``, a ``MemoryError``, a ``RecursionError`` or a defect of ours, becomes that
file's one-line rejection, and the other files of the batch go on.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from .classifying import classify, compile_taxonomy
from .cleaning import clean
from .parsing import DEFAULT_MAX_PASSAGE_CHARS, parse, split_front_matter
from .reading import read_text
from .types import ImportRejected, Prepared, Source, TaxonomyRules

logger = logging.getLogger(__name__)

T = TypeVar("T")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_key(*, name: str, meta: dict) -> str:
    """The stable identifier of an imported file: its front-matter slug, else its file name."""
    return str(meta.get("slug") or Path(name).name)[:255]


def prepare(*, data: bytes, name: str, taxonomy: TaxonomyRules, max_bytes: int,
            max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Prepared:
    """Run the pure stages on one file's bytes. Raises ImportRejected for unusable input."""
    if len(data) > max_bytes:
        raise ImportRejected(name, f"file is larger than the {max_bytes:,}-byte limit")
    text = read_text(data=data, name=name, max_bytes=max_bytes)
    meta, body = split_front_matter(text, name=name)
    cleaned = clean(body)
    parsed = parse(cleaned.text, name=name, meta=meta, page=cleaned.meta, max_passage_chars=max_passage_chars)
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


def guarded(name: str, work: Callable[[], T]) -> T | ImportRejected:
    """``work()`` for the file ``name``; any exception comes back as its one-line rejection.

    A rejection is returned, not raised: it crosses processes, and a batch goes on past it.
    """
    try:
        return work()
    except ImportRejected as exc:
        return exc
    except MemoryError:
        # No traceback: its frames may still hold what filled the memory.
        logger.error("out of memory preparing %s", name)
        return ImportRejected(name, "could not be imported: preparing it ran out of memory")
    except RecursionError:
        logger.error("recursion limit reached preparing %s", name)
        return ImportRejected(name, "could not be imported: its structure is nested too deeply")
    except Exception as exc:  # a defect of ours on one odd file must not stop a large import
        logger.exception("unexpected error preparing %s", name)
        detail = " ".join(str(exc).split())[:200]
        return ImportRejected(name, f"could not be imported ({type(exc).__name__}: {detail}); "
                                    "please report this file")


def prepare_data(*, data: bytes, name: str, taxonomy: TaxonomyRules, max_bytes: int,
                 max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Prepared | ImportRejected:
    """``prepare``, guarded: any failure is returned as the file's rejection."""
    return guarded(name, lambda: prepare(data=data, name=name, taxonomy=taxonomy, max_bytes=max_bytes,
                                         max_passage_chars=max_passage_chars))


def prepare_path(*, path: Path, taxonomy: TaxonomyRules, max_bytes: int,
                 max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Prepared | ImportRejected:
    """``prepare`` for a file on disk, guarded (a rejection is returned, not raised)."""
    return guarded(str(path), lambda: prepare(data=read_file(path=path, max_bytes=max_bytes), name=str(path),
                                              taxonomy=taxonomy, max_bytes=max_bytes,
                                              max_passage_chars=max_passage_chars))


def _fingerprint(path: Path, max_bytes: int) -> tuple[str, str]:
    name = str(path)
    data = read_file(path=path, max_bytes=max_bytes)
    meta: dict = {}
    head = data[:16].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \r\n\t")
    if head.startswith(b"---") or head.startswith(b"-\x00-\x00-"):
        meta, _ = split_front_matter(read_text(data=data, name=name, max_bytes=max_bytes), name=name)
    return source_key(name=name, meta=meta), content_hash(data)


def fingerprint_path(*, path: Path, max_bytes: int) -> tuple[str, str] | ImportRejected:
    """(key, content hash) of a file on disk, guarded: reading it and its front matter only.

    The rejection is the one ``prepare_path`` would give: both read the file and its front
    matter the same way, and a front matter fails before anything else is parsed.
    """
    return guarded(str(path), lambda: _fingerprint(path, max_bytes))


_worker: dict = {}


def _init_worker(taxonomy: TaxonomyRules, max_bytes: int, max_passage_chars: int) -> None:
    _worker.update(taxonomy=taxonomy, max_bytes=max_bytes, max_passage_chars=max_passage_chars)


def _prepare_in_worker(path: Path) -> Prepared | ImportRejected:
    return prepare_path(path=path, **_worker)


class Workers:
    """A pool of processes preparing files in order; ``map`` yields as ``prepare_path`` would."""

    def __init__(self, *, taxonomy: TaxonomyRules, max_bytes: int, processes: int,
                 max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS):
        # "spawn": a fresh interpreter, never a copy of the parent's database connections.
        self._pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_init_worker,
                                         initargs=(taxonomy, max_bytes, max_passage_chars))

    def map(self, paths: list[Path]):
        return self._pool.map(_prepare_in_worker, paths, chunksize=4)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)
