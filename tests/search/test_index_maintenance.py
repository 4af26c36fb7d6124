"""The search index follows every write: imports (bulk_create), admin edits, bulk actions.

On PostgreSQL the triggers of migration 0003 write ``Section.search_vector``; on SQLite they keep
the FTS5 table in step. Those of migration 0006 keep ``Section.visible_from``, which readers'
search filters on, in step with the document's status and publication time. The tests search, so
they hold on both.
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from documents import search
from documents.choices import SectionKind, Status
from documents.models import Document, Section
from tests.factories import make_document

from .conftest import postgresql_only

pytestmark = pytest.mark.django_db


def test_passages_created_in_bulk_are_searchable():
    document = make_document(title="Bulk", sections=["First."])
    Section.objects.bulk_create([
        Section(document=document, position=n, text=f"Bulk passage {n} on xenarchy.", anchor=f"s-bulk{n}")
        for n in (2, 3)
    ])
    assert search.search("xenarchy").total == 2


def test_long_runs_of_chinese_are_stored_and_found():
    runs = "，".join(["中华人民共和国政府" * 40, "坚持独立自主的和平外交政策" * 40, "反对霸权主义和强权政治" * 40])
    make_document(title="长文", languages=["zh"], sections=[runs, f"{runs} international order"])
    assert search.search("霸权主义").total == 2
    assert search.search('"international order"').total == 1


def test_an_edited_passage_is_found_by_its_new_words_only():
    document = make_document(title="Edited", sections=["An old word: quondamite."])
    section = document.sections.get()
    section.text = "A new word: novelite."
    section.save()
    assert search.search("quondamite").total == 0
    assert search.search("novelite").total == 1


def test_a_bulk_update_of_passages_is_followed():
    document = make_document(title="Bulk edit", sections=["Nothing yet.", "Nothing either."])
    Section.objects.filter(document=document).update(text="Replaced with bulkedite.")
    assert search.search("bulkedite").total == 2


def test_a_passage_made_a_heading_ranks_as_one():
    make_document(title="One", sections=["Rankite, and rankite again, in a paragraph about rankite."])
    heading = make_document(title="Two", sections=["Rankite"])
    Section.objects.filter(document=heading).update(kind=SectionKind.HEADING)
    assert search.search("rankite").hits[0].document == heading


@pytest.mark.parametrize("how", ["save", "queryset update"])
def test_a_new_document_title_is_found_in_all_its_passages(how):
    document = make_document(title="Old title", sections=["One.", "Two.", "Three."])
    if how == "save":
        document.title = "Retitled with palimpsestry"
        document.save()
    else:
        Document.objects.filter(pk=document.pk).update(title="Retitled with palimpsestry")
    assert search.search("palimpsestry").total == 3
    assert search.search('"old title"').total == 0


def test_deleted_passages_and_documents_are_gone():
    document = make_document(title="Doomed", sections=["Ephemerite one.", "Ephemerite two."])
    document.sections.filter(position=1).delete()
    assert search.search("ephemerite").total == 1
    document.delete()
    assert search.search("ephemerite").total == 0


def _found(word: str) -> int:
    """How many passages readers find (the search page's default: what readers may see)."""
    return search.search(word).total


@pytest.mark.parametrize("how", ["save", "queryset update"])
def test_publishing_and_unpublishing_a_document_shows_and_hides_its_passages(how):
    document = make_document(title="Draft", published=False, sections=["Latentite one.", "Latentite two."])
    Section.objects.bulk_create([Section(document=document, position=3, text="Latentite three.", anchor="s-l3")])
    assert _found("latentite") == 0

    def change(**fields):
        if how == "save":
            for name, value in fields.items():
                setattr(document, name, value)
            document.save()
        else:
            Document.objects.filter(pk=document.pk).update(**fields)

    change(status=Status.PUBLISHED, published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert _found("latentite") == 3
    change(status=Status.DRAFT)
    assert _found("latentite") == 0


def test_a_scheduled_document_is_found_once_its_time_has_come():
    later = timezone.now() + datetime.timedelta(hours=1)
    document = make_document(title="Scheduled", published_at=later, sections=["Futurite."])
    assert _found("futurite") == 0
    Document.objects.filter(pk=document.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    assert _found("futurite") == 1


def test_a_passage_saved_with_a_stale_visibility_keeps_its_documents():
    """An edit form holds the passage as it was loaded; saving it writes every column back."""
    document = make_document(title="Stale", published=False, sections=["Stalite."])
    passage = document.sections.get()  # loaded while the document is a draft
    Document.objects.filter(pk=document.pk).update(status=Status.PUBLISHED,
                                                   published_at=timezone.now() - datetime.timedelta(minutes=1))
    passage.text = "Stalite, edited."
    passage.save()
    assert _found("stalite") == 1
    Section.objects.filter(pk=passage.pk).update(visible_from=None)  # nor can a direct write hide it
    assert _found("stalite") == 1


def test_a_passage_moved_to_a_draft_is_hidden():
    published = make_document(title="Published", sections=["Wanderite."])
    draft = make_document(title="Draft", published=False, sections=["Other."])
    Section.objects.filter(document=published).update(document=draft, position=2)
    assert _found("wanderite") == 0
    assert search.search("wanderite", documents=Document.objects.all()).total == 1  # editors still find it


@postgresql_only("stored tsvector (its FTS5 table has no weights to inspect)")
def test_the_stored_vector_weighs_title_heading_text_and_speaker_and_pairs_words():
    document = make_document(title="Sovereign matters", sections=["Plain paragraph."])
    Section.objects.create(document=document, position=2, kind=SectionKind.HEADING, text="Territorial integrity",
                           anchor="s-h", speaker="")
    Section.objects.create(document=document, position=3, text="Answer text.", anchor="s-a", speaker="Wang Yi")
    with connection.cursor() as cursor:
        cursor.execute("SELECT position, search_vector::text FROM documents_section WHERE document_id = %s "
                       "ORDER BY position", [document.pk])
        vectors = dict(cursor.fetchall())
    assert "'sovereign':1A" in vectors[1] and "'plain':3C" in vectors[1]
    assert "'plain paragraph'" in vectors[1]  # pairs of adjacent words, for phrases
    assert "'territori':3B" in vectors[2]
    assert "'wang':5 " in vectors[3] + " " and "'answer':3C" in vectors[3]  # D, the lowest, is not written
