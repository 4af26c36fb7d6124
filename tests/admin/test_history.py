"""The differences between two versions of a document, as an editor reads them
(``documents/admin/history.py``). Recording, the history pages and revert: ``test_revisions.py``."""

from __future__ import annotations

import datetime

import reversion
from django.urls import reverse
from reversion.models import Version

from documents.models import Document
from tests.factories import make_document

from .test_documents import change_url, edit, passage_prefix


def history_url(document: Document) -> str:
    return reverse("admin:documents_document_history", args=[document.pk])


def revision_url(document: Document, version: Version) -> str:
    return reverse("admin:documents_document_revision", args=[document.pk, version.pk])


def compare_url(document: Document) -> str:
    return reverse("admin:documents_document_compare", args=[document.pk])


def heavy_edit(client, document: Document):
    """Change the title, rewrite one passage, delete another, swap two, retag."""
    page = client.get(change_url(document))
    first, second, third = document.sections.order_by("position")
    changes = {
        "title": "Revised title",
        "tags": ["New tag"],
        f"{passage_prefix(page, first)}-text": "Alpha, rewritten by the editor.",
        f"{passage_prefix(page, first)}-position": "2",
        f"{passage_prefix(page, second)}-position": "1",
        f"{passage_prefix(page, third)}-DELETE": "on",
    }
    response = edit(client, document, **changes)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_editor_sees_the_differences_between_two_versions(editor_client):
    document = make_document(title="Original title", sections=["Alpha.", "Beta.", "Gamma."], tags=["Old tag"])
    heavy_edit(editor_client, document)
    latest, baseline = Version.objects.get_for_object(document)

    response = editor_client.get(compare_url(document), {"from": baseline.pk, "to": latest.pk})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<del>Original</del><ins>Revised</ins> title" in html
    assert "<ins>New tag</ins>" in html and "<del>Old tag</del>" in html
    assert "<del>Alpha.</del><ins>Alpha, rewritten by the editor.</ins>" in html
    assert "<del>Gamma.</del>" in html  # the deleted passage
    assert "Position: <del>1</del> → <ins>2</ins>" in html


def test_a_publication_time_that_differs_below_the_minute_shown_is_no_change(editor_client):
    """A time saved by the publish action (with seconds and microseconds) and the same time saved
    again through the form (whose widgets drop microseconds) read alike: no "Published at" row."""
    document = make_document(title="Same time", sections=["Alpha."])
    for published_at, title in ((datetime.datetime(2026, 12, 4, 20, 7, 31, 123456, tzinfo=datetime.UTC), "Same time"),
                                (datetime.datetime(2026, 12, 4, 20, 7, 31, tzinfo=datetime.UTC), "Retitled")):
        with reversion.create_revision():
            Document.objects.filter(pk=document.pk).update(published_at=published_at, title=title)
            reversion.add_to_revision(Document.objects.get(pk=document.pk))
    latest, baseline = Version.objects.get_for_object(document)[:2]

    html = editor_client.get(compare_url(document), {"from": baseline.pk, "to": latest.pk}).content.decode()

    assert "<ins>Retitled</ins>" in html  # the comparison is shown
    assert "Published at" not in html and "published at" not in html
