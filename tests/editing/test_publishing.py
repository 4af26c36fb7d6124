"""documents/editing/publishing.py: publish and unpublish, called from anywhere.

The services lock the rows they change (``select_for_update``), which needs a transaction: run
with ``transaction=True``, these tests call them as a command or a task would, outside any
transaction, where the services must open their own.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError
from django.utils import timezone

from documents.choices import Status
from documents.editing.publishing import publish, unpublish
from documents.models import Document
from tests.factories import make_document


def test_publish_keeps_a_schedule_and_stamps_the_others(editor):
    later = timezone.now() + datetime.timedelta(days=1)
    draft, scheduled, live = (make_document(published=False), make_document(published=False, published_at=later),
                              make_document())
    changed = publish(documents=Document.objects.all(), user=editor)
    assert {d.pk for d in changed} == {draft.pk, scheduled.pk}
    scheduled.refresh_from_db()
    draft.refresh_from_db()
    assert scheduled.published_at == later and scheduled.status == Status.PUBLISHED
    assert draft.published_at <= timezone.now() and draft.edited_by == editor
    assert publish(documents=Document.objects.filter(pk=live.pk)) == []


@pytest.mark.django_db(transaction=True)
def test_publish_outside_any_transaction():
    draft = make_document(published=False)
    assert [d.pk for d in publish(documents=Document.objects.filter(pk=draft.pk))] == [draft.pk]
    assert list(Document.objects.published()) == [draft]


@pytest.mark.django_db(transaction=True)
def test_unpublish_outside_any_transaction():
    live = make_document()
    assert [d.pk for d in unpublish(documents=Document.objects.filter(pk=live.pk))] == [live.pk]
    assert not Document.objects.published().exists()
    live.refresh_from_db()
    assert live.status == Status.DRAFT


@pytest.mark.django_db(transaction=True)
def test_a_failed_publication_publishes_nothing():
    """The editor's account was deleted while they worked: recording them as the last editor
    fails, and none of the documents is left published."""
    drafts = [make_document(published=False) for _ in range(3)]
    gone = User(pk=999_999, username="gone")
    with pytest.raises(IntegrityError):
        publish(documents=Document.objects.filter(pk__in=[d.pk for d in drafts]), user=gone)
    assert not Document.objects.published().exists()
    assert set(Document.objects.values_list("status", flat=True)) == {Status.DRAFT}
