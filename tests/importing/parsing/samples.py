"""What the parsing tests read: the seeds, the fixtures, sample paragraphs, and the pipeline in front of ``parse``."""

from __future__ import annotations

import datetime
from pathlib import Path

from documents.importing.cleaning import clean
from documents.importing.parsing import parse, split_front_matter
from documents.importing.reading import read_text
from documents.importing.types import ParsedDocument

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"  # tests/importing/fixtures
D = datetime.date


def seed_path(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def import_file(path: Path) -> ParsedDocument:
    """The pipeline in front of parse: read, front matter, clean; then parse."""
    text = read_text(data=path.read_bytes(), name=path.name)
    front, body = split_front_matter(text, name=path.name)
    cleaned = clean(body)
    return parse(cleaned.text, name=path.name, meta={**cleaned.meta, **front})


def parse_text(text: str, name: str = "doc.txt") -> ParsedDocument:
    cleaned = clean(text)
    return parse(cleaned.text, name=name, meta=cleaned.meta)


P1 = (
    "China pursues an independent foreign policy of peace, and its fundamental goals are to preserve "
    "independence and sovereignty and to promote world peace and common development."
)
P2 = (
    "China is ready to establish and develop friendly relations with all countries on the basis of the "
    "Five Principles of Peaceful Coexistence."
)
ZH1 = "中方一贯坚持独立自主的和平外交政策，坚持在和平共处五项原则基础上同世界各国发展友好合作关系。"
ZH2 = "中国从来不干涉别国内政，也绝不允许任何外部势力干涉中国内政，这是我们的一贯立场。"
