"""Plain factory functions for tests: every argument has a sensible default."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from documents.choices import DocumentType, SectionKind, Status
from documents.models import Document, PassagePair, Period, Section, Theme

_counter = itertools.count(1)


def make_period(**fields) -> Period:
    n = next(_counter)
    fields.setdefault("name", f"Era {n}")
    fields.setdefault("slug", f"era-{n}")
    fields.setdefault("start_year", 1949)
    fields.setdefault("order", n)
    return Period.objects.create(**fields)


def make_theme(**fields) -> Theme:
    n = next(_counter)
    fields.setdefault("name", f"Principle {n}")
    fields.setdefault("slug", f"principle-{n}")
    fields.setdefault("order", n)
    return Theme.objects.create(**fields)


def make_document(*, sections: list[str] | None = None, published: bool = True, tags=(), themes=(),
                  periods=(), **fields) -> Document:
    """A document with passages; ``themes``/``periods`` go on every passage and on the document."""
    n = next(_counter)
    fields.setdefault("title", f"Document {n}")
    fields.setdefault("slug", f"document-{n}")
    fields.setdefault("doc_type", DocumentType.ARTICLE)
    fields.setdefault("issued_on", datetime.date(2000, 1, 1) + datetime.timedelta(days=n))
    fields.setdefault("date_precision", "day")
    fields.setdefault("languages", ["en"])
    if published:
        fields.setdefault("status", Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(minutes=1))
    else:
        fields.setdefault("status", Status.DRAFT)
    document = Document.objects.create(**fields)
    for position, text in enumerate(sections or [f"Passage of document {n}."], start=1):
        make_section(document=document, position=position, text=text, themes=themes, periods=periods)
    if tags:
        document.tags.add(*tags)
    document.themes.set(themes)
    document.periods.set(periods)
    return document


def make_section(*, document: Document, position: int, text: str, themes=(), periods=(), pairs=None,
                 **fields) -> Section:
    """A passage. ``pairs``: the (principle, era) pairs its sentences support; by default every
    principle with every era, as for a passage of one sentence that states them all."""
    fields.setdefault("kind", SectionKind.PARAGRAPH)
    section = Section.objects.create(document=document, position=position, text=text,
                                     anchor=Section.anchor_of(text), **fields)
    section.themes.set(themes)
    section.periods.set(periods)
    pairs = [(t, p) for t in themes for p in periods] if pairs is None else pairs
    PassagePair.objects.bulk_create([PassagePair(section=section, theme=t, period=p) for t, p in pairs])
    return section
