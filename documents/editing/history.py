"""Every change to a document is kept in its history (django-reversion), one revision per
document, so that reverting one document never reverts another."""

from __future__ import annotations

from collections.abc import Iterable

import reversion
from django.db import transaction
from reversion.models import Version

from ..models import Document


@transaction.atomic
def record_versions(*, documents: Iterable[Document], user=None, comment: str) -> None:
    """Save the current state of each document (with its passages and tags) in its history.

    One revision per document: reverting a document to it never touches another one.
    """
    for document in documents:
        with reversion.create_revision(manage_manually=True):
            if user is not None:
                reversion.set_user(user)
            reversion.set_comment(comment)
            reversion.add_to_revision(document)


@transaction.atomic
def ensure_baseline_versions(*, documents: Iterable[Document]) -> None:
    """Give every document that has no history yet a first version of how it is now.

    Documents imported from the command line have no history; without this, an editor's
    first change could not be reverted.
    """
    documents = list(documents)
    if not documents:
        return
    known = set(
        Version.objects.get_for_model(Document)
        .filter(object_id__in=[str(d.pk) for d in documents])
        .values_list("object_id", flat=True)
    )
    record_versions(
        documents=[d for d in documents if str(d.pk) not in known],
        comment="The document as it was before its first change in the admin.",
    )
