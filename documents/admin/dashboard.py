"""The editors' dashboard, the admin's home page: drafts waiting, scheduled publications, recent
imports with their reports, what re-imports kept of an editor's work, and the passages whose
principles the classifier was least sure of.

Every list is bounded (``ROWS``), and so is what is read to find the least sure passages
(``UNSURE_WINDOW`` passages of the most recently imported documents): the page costs a fixed
number of queries whatever the archive's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch

from ..choices import EvidenceHow, Status
from ..importing.pipeline import summarize_counts
from ..models import Document, ImportRun, Section, Theme

ROWS = 10
RECENT_IMPORTS = 5
REPORT_ROWS_SHOWN = 20
UNSURE_WINDOW = 400
DOCUMENT_FIELDS = ("pk", "title", "slug", "status", "published_at", "updated_at", "imported_by")


@dataclass
class Unsure:
    """A passage whose principles rest on few words: ``matches`` rule matches for its least
    supported principle (0: a principle with no words of its own, carried from the document)."""

    section: Section
    matches: int
    weakest: list[str]


def dashboard(user) -> dict:
    """The dashboard's context for ``user``; empty for a user who may not see documents."""
    if not user.has_perm("documents.view_document"):
        return {}
    drafts = Document.objects.filter(status=Status.DRAFT)
    scheduled = Document.objects.scheduled()
    runs = list(ImportRun.objects.defer("files").select_related("created_by").order_by("-created_at")[:RECENT_IMPORTS])
    return {
        "drafts": drafts.only(*DOCUMENT_FIELDS).order_by("-updated_at")[:ROWS],
        "drafts_count": drafts.count(),
        "scheduled": scheduled.only(*DOCUMENT_FIELDS).order_by("published_at")[:ROWS],
        "scheduled_count": scheduled.count(),
        "imports": [(run, summarize_counts(run.counts, dry_run=run.dry_run), run.report[:REPORT_ROWS_SHOWN])
                    for run in runs],
        "conflicts": _conflicts(runs),
        "unsure": least_sure(),
    }


def _conflicts(runs: list[ImportRun]) -> list[dict]:
    """The files of recent imports whose document kept what an editor had changed."""
    rows = [{"run": run, "path": row.get("path", ""), "slug": row.get("slug", ""), "kept": row["conflicts"]}
            for run in runs for row in run.report if row.get("conflicts")][:ROWS]
    pks = Document.objects.pks_by_slug(r["slug"] for r in rows if r["slug"])
    return [{**row, "pk": pks.get(row["slug"])} for row in rows]


def least_sure(*, rows: int = ROWS, window: int = UNSURE_WINDOW) -> list[Unsure]:
    """Passages with principles no editor has decided, weakest evidence first, among the latest
    ``window`` passages of imported documents (two queries)."""
    undecided = Section.objects.filter(Exists(Section.themes.through.objects.filter(section_id=OuterRef("pk")))).exclude(
        Exists(Section.editor_themes.through.objects.filter(section_id=OuterRef("pk"))))
    candidates = (undecided.filter(document__imported_at__isnull=False)
                  .select_related("document").only("pk", "position", "anchor", "text", "evidence", "document__title",
                                                   "document__slug", "document__status")
                  .prefetch_related(Prefetch("themes", Theme.objects.only("pk", "name", "slug")))
                  .order_by("-document__imported_at", "position")[:window])
    found = []
    for section in candidates:
        matches = {}
        for item in section.evidence or []:
            if item.get("kind") == "theme" and item.get("how") == EvidenceHow.RULE:
                matches[item.get("slug")] = matches.get(item.get("slug"), 0) + 1
        counts = {theme.name: matches.get(theme.slug, 0) for theme in section.themes.all()}
        fewest = min(counts.values())
        found.append(Unsure(section=section, matches=fewest, weakest=sorted(n for n, c in counts.items() if c == fewest)))
    found.sort(key=lambda u: u.matches)  # stable: the latest first among equals
    return found[:rows]
