"""documents/querysets.py: the one definition of what readers may see, and the reads pages share."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from taggit.models import Tag

from documents.editing.publishing import publish, unpublish
from documents.editing.tags import merge_tags
from documents.models import Document, Section, TagRedirect
from tests.factories import make_document, make_theme


def visible_passages() -> set[int]:
    return set(Section.objects.published().values_list("pk", flat=True))


def passages_of_published_documents() -> set[int]:
    return set(Section.objects.filter(document__in=Document.objects.published()).values_list("pk", flat=True))


@pytest.fixture
def archive(db):
    later = timezone.now() + datetime.timedelta(days=1)
    return {
        "live": make_document(sections=["Live one.", "Live two."]),
        "draft": make_document(published=False, sections=["Draft words."]),
        "scheduled": make_document(published=False, published_at=later, sections=["Scheduled words."]),
    }


def test_published_passages_are_the_passages_of_published_documents(archive):
    publish(documents=Document.objects.filter(pk=archive["scheduled"].pk))  # keeps its future time
    assert visible_passages() == passages_of_published_documents()
    assert {s.document_id for s in Section.objects.published()} == {archive["live"].pk}
    assert list(Document.objects.published()) == [archive["live"]]
    assert list(Document.objects.scheduled()) == [archive["scheduled"]]


def test_published_passages_follow_publish_and_unpublish(archive):
    publish(documents=Document.objects.filter(pk=archive["draft"].pk))
    assert visible_passages() == passages_of_published_documents()
    assert archive["draft"].sections.get().pk in visible_passages()
    unpublish(documents=Document.objects.filter(pk=archive["live"].pk))
    assert visible_passages() == passages_of_published_documents() == {archive["draft"].sections.get().pk}


def test_a_scheduled_document_appears_when_its_time_comes(archive):
    soon = timezone.now() + datetime.timedelta(seconds=5)
    publish(documents=Document.objects.filter(pk=archive["draft"].pk), at=soon)
    assert archive["draft"].sections.get().pk not in visible_passages()
    Document.objects.filter(pk=archive["draft"].pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    assert archive["draft"].sections.get().pk in visible_passages()
    assert visible_passages() == passages_of_published_documents()
    assert archive["draft"] in Document.objects.published()


def test_stating_includes_every_principle_given(db):
    parent = make_theme()
    child = make_theme(parent=parent)
    stated = make_document(themes=[child]).sections.get()
    make_document(themes=[make_theme()])
    assert list(Section.objects.published().stating([parent.pk, child.pk])) == [stated]
    assert not Section.objects.published().stating([parent.pk]).exists()


def test_in_time_order_puts_undated_documents_last(db):
    undated = make_document(issued_on=None, sections=["Undated."])
    old = make_document(issued_on=datetime.date(1955, 4, 18), sections=["Bandung.", "More."])
    ordered = list(Section.objects.published().with_card_data().in_time_order())
    assert [(s.document_id, s.position) for s in ordered] == [(old.pk, 1), (old.pk, 2), (undated.pk, 1)]


def test_a_merged_tag_slug_leads_to_the_survivor(db):
    make_document(tags=["Hegemony", "Hegemonism"])
    merge_tags(tags=[Tag.objects.get(name="Hegemony")], into=Tag.objects.get(name="Hegemonism"))
    assert TagRedirect.objects.surviving_slug("hegemony") == "hegemonism"
    assert TagRedirect.objects.surviving_slug("hegemonism") is None  # a tag of its own, no redirect


def test_pks_by_slug_maps_known_slugs_only_and_asks_nothing_for_none(db, django_assert_num_queries):
    document = make_document(slug="known")
    assert Document.objects.pks_by_slug(["known", "unknown"]) == {"known": document.pk}
    with django_assert_num_queries(0):
        assert Document.objects.pks_by_slug([]) == {}
