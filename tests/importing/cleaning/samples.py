"""What the cleaning tests read: the seeds, the fixtures and sample paragraphs."""

from __future__ import annotations

from pathlib import Path

from documents.importing.reading import read_text

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"  # tests/importing/fixtures


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return read_text(data=path.read_bytes(), name=path.name)


def fixture_text(name: str) -> str:
    return read_text(data=(FIXTURES / name).read_bytes(), name=name)


ARTICLE = (
    "China pursues an independent foreign policy of peace, and its fundamental goals are to preserve "
    "independence and sovereignty and to promote world peace and common development."
)
ARTICLE_2 = (
    "China is ready to establish and develop friendly relations with all countries on the basis of the "
    "Five Principles of Peaceful Coexistence."
)
ZH_ARTICLE = "中方一贯坚持独立自主的和平外交政策，坚持在和平共处五项原则基础上同世界各国发展友好合作关系。"
