"""Archive-wide counts (the matrix, passages per era, documents per principle, the list's facet
counts, related documents), computed at most once per archive version and kept in the cache.

Counting every passage of the archive costs hundreds of milliseconds at 10,000 documents
(400,000 passages), and grows with the archive; reading it back costs nothing. The key holds
the **archive version** of ``documents/archive_version.py``, the one that keys the reader pages: it is
replaced after every write to an archive table (documents, passages, eras, principles, tags and
every link between them, whatever wrote it) and when a scheduled document's publication time
passes. So a count is never older than the archive it counts, and reading the version costs no
database query (it is in the cache; see ``archive_version.archive_version``).

When the cache does not answer, there is no version: counts are computed on every page, never
stored, never wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet

from .archive_version import archive_version
from .models import Document, PassagePair, Period, Section
from .querysets import issued_era
from .taxonomy import TaxonomyTree, count_per_theme

# Seconds an entry of a replaced version may still occupy the cache: memory, not correctness
# (a new version makes every older entry unreachable at once).
KEEP_SECONDS = 3600


class ArchiveCounts:
    """The counts of one request; ``taxonomy`` is needed by the counts per principle only."""

    def __init__(self, taxonomy: TaxonomyTree | None = None):
        self.taxonomy = taxonomy

    @cached_property
    def version(self) -> str | None:
        """The archive version's token, read once per request; None when the cache does not answer."""
        record = archive_version()
        return record["token"] if record is not None else None

    def get(self, name: str, compute: Callable[[], Any], *args) -> Any:
        """The value of ``compute()`` for this version of the archive, from the cache if it is there."""
        if self.version is None:
            return compute()
        key = f"policyarchive:counts:{name}:{self.version}:{':'.join(map(str, args))}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, KEEP_SECONDS)
        return value

    def matrix(self, by: str) -> dict[tuple, int]:
        """{(theme id, era id): passages}; ``by`` the era "issued" in (None: undated) or spoken
        "about": then a passage counts in a cell only when one of its sentences states the
        principle in that era (``PassagePair``), never for every principle times every era."""
        def compute():
            published = Section.objects.published()
            if by == "issued":
                rows = Section.themes.through.objects.filter(section__in=published).annotate(
                    era=issued_era("section__document"))
                return count_per_theme(rows, count="section_id", group=("era",), taxonomy=self.taxonomy)
            rows = PassagePair.objects.filter(section__in=published)
            return count_per_theme(rows, count="section_id", group=("period_id",), taxonomy=self.taxonomy)
        return self.get("matrix", compute, by)

    def passages_about(self, period: Period) -> int:
        """How many published passages speak about the era."""
        return self.get("about", lambda: Section.objects.published().filter(periods=period).count(), period.pk)

    def passages_about_each_era(self) -> dict[int, int]:
        """{era id: published passages that speak about it}, for the era cards."""
        return self.get("about-each", lambda: dict(
            Section.periods.through.objects.filter(section__in=Section.objects.published())
            .values_list("period_id").annotate(n=Count("section_id")).order_by()))

    def passages_per_era(self, passages: QuerySet, *key) -> dict[int | None, int]:
        """{era id (None: undated, or no era): passages} by the era their document was issued in
        (``querysets.issued_era``: an undated document's inferred era does not count), for a
        selection of published passages named by ``key`` (a principle's, for its page)."""
        return self.get("per-era", lambda: dict(
            passages.annotate(era=issued_era("document")).values_list("era").annotate(n=Count("pk")).order_by()), *key)

    def documents_per_theme(self) -> dict[tuple, int]:
        """{(theme id,): published documents stating it or one of its members}."""
        return self.get("themes", lambda: count_per_theme(
            Document.themes.through.objects.filter(document__in=Document.objects.published()),
            count="document_id", taxonomy=self.taxonomy))


class TaxonomyAndCounts:
    """For a view (a reader page or an API resource): the taxonomy, read once per request, and
    the archive-wide counts over it."""

    @cached_property
    def taxonomy(self) -> TaxonomyTree:
        return TaxonomyTree.load()

    @cached_property
    def counts(self) -> ArchiveCounts:
        return ArchiveCounts(self.taxonomy)
