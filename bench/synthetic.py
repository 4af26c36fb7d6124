"""A synthetic archive for benchmarks of the reader pages: published documents with ~40
passages each, classified into eras and principles and tagged, written in bulk (COPY).

    from bench.synthetic import build_archive
    build_archive(documents=10_000)           # into the database Django is configured for

The text is sentences of the seed documents, shuffled; the shape follows what the importer
produces: a date with its precision (undated ones too), the era issued in from the date, press
conferences as question and answer turns with speakers, headings and list items, a third of the
passages stating a principle (a few principles far more often than others), a quarter speaking
about an era, tags with a long tail, and a few drafts that readers must never see. The output
depends only on the arguments, so figures stay comparable from one run to the next.

Triggers are off while loading (``session_replication_role = replica``, PostgreSQL superuser):
the search vectors are not needed to read pages, and the load takes a minute, not ten. What the
triggers would write and the pages read, the passages' ``visible_from``, is written here.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ERAS = [  # slug, name, start, end
    ("founding", "Founding of New China", 1949, 1955),
    ("bandung", "The Five Principles and Bandung", 1954, 1959),
    ("two-superpowers", "Against the two superpowers", 1960, 1968),
    ("opening-to-the-us", "Opening to the United States", 1969, 1977),
    ("reform-and-opening-up", "Reform and opening-up", 1978, 1991),
    ("after-the-cold-war", "After the Cold War", 1992, 2001),
    ("peaceful-development", "Peaceful development", 2002, 2011),
    ("new-era", "The new era", 2012, None),
]
THEMES = [  # slug, name, parent
    ("independence", "Independence and self-reliance", None),
    ("non-alignment", "Non-alignment", None),
    ("five-principles", "Five Principles of Peaceful Coexistence", None),
    ("mutual-respect", "Mutual respect for sovereignty and territorial integrity", "five-principles"),
    ("non-aggression", "Mutual non-aggression", "five-principles"),
    ("non-interference", "Non-interference in each other's internal affairs", "five-principles"),
    ("equality", "Equality and mutual benefit", "five-principles"),
    ("peaceful-coexistence", "Peaceful coexistence", "five-principles"),
    ("common-ground", "Seeking common ground while reserving differences", None),
    ("anti-hegemonism", "Opposition to hegemonism and power politics", None),
    ("peaceful-settlement", "Peaceful settlement of disputes", None),
    ("new-order", "A fair and rational new international order", None),
    ("multilateralism", "Multilateralism and the United Nations", None),
    ("south-south", "Solidarity with developing countries", None),
    ("neighbourhood", "Neighbourhood diplomacy", None),
    ("major-countries", "Major-country relations", None),
    ("win-win", "Opening up and win-win cooperation", None),
    ("counter-terrorism", "Counter-terrorism", None),
    ("civilizations", "Diversity of civilizations", None),
    ("shared-future", "A community with a shared future for mankind", None),
]
DOC_TYPES = [("speech", 25), ("press_conference", 20), ("statement", 20), ("article", 15), ("white_paper", 5),
             ("communique", 10), ("interview", 5)]
SPEAKERS = ["Hua Chunying", "Wang Wenbin", "Zhao Lijian", "Ma Zhaoxu", "Qin Gang", "Geng Shuang"]
OUTLETS = ["Reuters", "AFP", "Xinhua", "CCTV", "Phoenix TV", "Bloomberg", "NHK", "TASS", "Al Jazeera"]


def _sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    found = [" ".join(s.split()) for s in re.split(r"(?<=[.!?])\s+", text)]
    return [s for s in found if 40 <= len(s) <= 400 and not any(c in s for c in "|©")]


def _weighted(rng: random.Random, items: list[tuple[str, int]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def build_archive(*, documents: int = 10_000, sections_per_document: int = 40, drafts: int = 100,
                  seed: int = 42, log=print) -> dict:
    """Fill the (empty) database Django is configured for; returns what was written."""
    from django.db import connection, transaction
    from django.utils import timezone
    from taggit.models import Tag

    from documents.models import Document, DocumentTag, Period, Section, Theme

    rng = random.Random(seed)
    sentences = _sentences()
    now = timezone.now()

    with transaction.atomic():
        periods = Period.objects.bulk_create([
            Period(slug=slug, name=name, start_year=start, end_year=end, order=n,
                   summary=f"{name}: " + " ".join(rng.sample(sentences, 2)))
            for n, (slug, name, start, end) in enumerate(ERAS, start=1)])
        themes = {}
        for n, (slug, name, parent) in enumerate(THEMES, start=1):
            themes[slug] = Theme.objects.create(slug=slug, name=name, parent=themes.get(parent), order=n,
                                                description=rng.choice(sentences))
        theme_ids = [t.pk for t in themes.values()]
        theme_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(theme_ids))]
        rng.shuffle(theme_weights)
        tags = Tag.objects.bulk_create([Tag(name=f"topic {n}", slug=f"topic-{n}") for n in range(300)])
        tag_weights = [1 / (rank + 1) for rank in range(len(tags))]

    def era_of(year: int) -> Period:
        return [p for p in periods if p.start_year <= year and (p.end_year is None or year <= p.end_year)][-1]

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM documents_document")
        next_document = cursor.fetchone()[0] + 1
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM documents_section")
        next_section = cursor.fetchone()[0] + 1

        doc_rows, section_rows = [], []
        links = {"section_themes": [], "section_periods": [], "document_themes": [], "document_periods": [],
                 "tags": []}
        total = documents + drafts
        for n in range(total):
            doc_id = next_document + n
            year = rng.randint(1949, 2024)
            precision = _weighted(rng, [("day", 70), ("month", 15), ("year", 10), ("unknown", 5)])
            if precision == "unknown":
                issued_on, era = None, None
            else:
                month = rng.randint(1, 12) if precision != "year" else 1
                day = rng.randint(1, 28) if precision == "day" else 1
                issued_on, era = datetime.date(year, month, day), era_of(year)
            doc_type = _weighted(rng, DOC_TYPES)
            title = " ".join(rng.choice(sentences).split()[: rng.randint(5, 11)]).rstrip(",;:")
            published = n < documents
            published_at = now - datetime.timedelta(minutes=total - n) if published else None
            count = max(5, int(rng.gauss(sections_per_document, 6)))
            passages, doc_themes, doc_periods = [], set(), set()
            for position in range(1, count + 1):
                if doc_type == "press_conference" and position > 1:
                    kind = "question" if position % 2 == 0 else "answer"
                    speaker = rng.choice(OUTLETS) if kind == "question" else rng.choice(SPEAKERS)
                else:
                    kind = _weighted(rng, [("paragraph", 80), ("heading", 6), ("list_item", 10), ("quotation", 4)])
                    speaker = ""
                    if position == 1:
                        kind = "heading"
                words = " ".join(rng.sample(sentences, 1 if kind == "heading" else rng.randint(2, 4)))
                if kind == "heading":
                    words = words[:120]
                section_id = next_section + len(section_rows)
                anchor = "s-" + hashlib.sha1(f"{doc_id}:{position}".encode()).hexdigest()[:8]
                section_rows.append((section_id, doc_id, position, kind, speaker, words, anchor, published_at))
                passages.append(words)
                r = rng.random()
                if r < 0.45:
                    chosen = set(rng.choices(theme_ids, weights=theme_weights, k=1 if r < 0.35 else 2))
                    for theme_id in chosen:
                        links["section_themes"].append((section_id, theme_id))
                    doc_themes |= chosen
                if rng.random() < 0.25:
                    period = era if era is not None and rng.random() < 0.5 else rng.choice(periods)
                    links["section_periods"].append((section_id, period.pk))
                    doc_periods.add(period.pk)
            links["document_themes"] += [(doc_id, t) for t in doc_themes]
            links["document_periods"] += [(doc_id, p) for p in doc_periods]
            for tag in set(rng.choices(tags, weights=tag_weights, k=rng.randint(1, 4))):
                links["tags"].append((tag.pk, doc_id))
            language = _weighted(rng, [('["en"]', 80), ('["en", "zh"]', 12), ('["zh"]', 8)])
            raw = "\n\n".join(passages)
            doc_rows.append((
                doc_id, title, f"bench-{doc_id}", f"bench-{doc_id}.txt", doc_type,
                rng.choices(["Ministry of Foreign Affairs", "Xinhua", "People's Daily", "China Daily",
                             "State Council Information Office", "Permanent Mission to the UN"] +
                            [f"Embassy {k}" for k in range(40)], weights=[30, 20, 10, 10, 5, 5] + [1] * 40)[0],
                f"https://example.org/{doc_id}", issued_on, precision, language,
                " ".join(rng.sample(sentences, 1)) if rng.random() < 0.6 else "",
                "published" if published else "draft",
                published_at,
                raw, "[]", hashlib.sha256(raw.encode()).hexdigest(), "{}", now, "synthetic",
                now, now, era.pk if era else None,
            ))
        log(f"writing {total:,} documents, {len(section_rows):,} passages…")
        _copy(cursor.cursor, Document._meta.db_table,
              ["id", "title", "slug", "import_key", "doc_type", "source", "source_url", "issued_on",
               "date_precision", "languages", "summary", "status", "published_at", "raw_text", "removed_text",
               "content_hash", "imported_values", "imported_at", "imported_by", "created_at", "updated_at",
               "issued_in_id"], doc_rows)
        _copy(cursor.cursor, Section._meta.db_table,
              ["id", "document_id", "position", "kind", "speaker", "text", "anchor", "visible_from"], section_rows)
        _copy(cursor.cursor, Section.themes.through._meta.db_table, ["section_id", "theme_id"],
              links["section_themes"])
        _copy(cursor.cursor, Section.periods.through._meta.db_table, ["section_id", "period_id"],
              links["section_periods"])
        _copy(cursor.cursor, Document.themes.through._meta.db_table, ["document_id", "theme_id"],
              links["document_themes"])
        _copy(cursor.cursor, Document.periods.through._meta.db_table, ["document_id", "period_id"],
              links["document_periods"])
        _copy(cursor.cursor, DocumentTag._meta.db_table, ["tag_id", "content_object_id"], links["tags"])
        for table in (Document._meta.db_table, Section._meta.db_table):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    with connection.cursor() as cursor:  # as autovacuum would, later: statistics and visibility map
        cursor.execute("VACUUM ANALYZE")
    return {"documents": documents, "drafts": drafts, "sections": len(section_rows),
            "section_themes": len(links["section_themes"]), "section_periods": len(links["section_periods"])}


if __name__ == "__main__":  # pragma: no cover - a convenience: DATABASE_URL=... python bench/synthetic.py N
    import os
    import sys

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policyarchive.settings.test")
    import django

    django.setup()
    print(json.dumps(build_archive(documents=int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)))
