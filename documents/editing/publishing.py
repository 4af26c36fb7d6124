"""Publishing: a document becomes visible to readers at its publication time; a future time
schedules it, and unpublishing turns it back into a draft."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ..choices import Status
from ..models import Document


@transaction.atomic
def publish(*, documents: QuerySet[Document], user=None, at: datetime.datetime | None = None) -> list[Document]:
    """Publish documents; return those that changed.

    ``at`` schedules them (a future time keeps them hidden until then). Without it, a
    document that already has a publication time keeps it, and one without gets now.
    """
    now = timezone.now()
    changed = []
    for document in documents.select_for_update():
        when = at or document.published_at or now
        if document.status == Status.PUBLISHED and document.published_at == when:
            continue
        document.status, document.published_at = Status.PUBLISHED, when
        changed.append(document)
    _save_status(changed, user=user, now=now)
    return changed


@transaction.atomic
def unpublish(*, documents: QuerySet[Document], user=None) -> list[Document]:
    """Turn published documents back into drafts; return those that changed."""
    changed = []
    for document in documents.select_for_update().exclude(status=Status.DRAFT):
        document.status = Status.DRAFT
        changed.append(document)
    _save_status(changed, user=user, now=timezone.now())
    return changed


def _save_status(documents: list[Document], *, user, now: datetime.datetime) -> None:
    for document in documents:
        document.updated_at = now
        document.edited_by = user if user is not None and user.pk else document.edited_by
    Document.objects.bulk_update(documents, ["status", "published_at", "updated_at", "edited_by"])
