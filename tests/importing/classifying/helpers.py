"""Seed texts and one-passage classification, shared by the classifying tests."""

from __future__ import annotations

import re
from pathlib import Path

from documents.importing.classifying import CompiledTaxonomy, classify
from documents.importing.types import ParsedSection

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def _flat(text: str) -> str:
    return " ".join(text.split())


def seed_text(number: str) -> str:
    """The text of the seed document whose file name starts with ``number`` ("002")."""
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def seed_paragraphs(number: str) -> list[str]:
    """The blank-line-separated blocks of a seed document."""
    return [block.strip() for block in re.split(r"\n\s*\n", seed_text(number)) if block.strip()]


def assert_quoted_from_seed(number: str, passage: str) -> None:
    """The test quotes the seed faithfully (spacing aside)."""
    assert _flat(passage) in _flat(seed_text(number)), f"not in seed {number}: {passage[:60]}"


def classify_one(text: str, compiled: CompiledTaxonomy):
    return classify(sections=[ParsedSection("paragraph", text)], date=None, taxonomy=compiled)


def themes_of(text: str, compiled: CompiledTaxonomy) -> set[str]:
    return classify_one(text, compiled).section_themes[0]


def eras_of(text: str, compiled: CompiledTaxonomy) -> set[str]:
    return classify_one(text, compiled).section_periods[0]
