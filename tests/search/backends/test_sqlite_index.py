"""documents.search.backends.sqlite_index: the SQLite search index repaired after a table rebuild."""

import pytest
from django.db import connection

from documents import search
from documents.choices import Status
from documents.models import Document, Section
from tests.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps its triggers when a table is altered")
def test_sqlite_index_is_repaired_after_a_table_rebuild_drops_its_triggers():
    document = make_document(title="Rebuilt", sections=["Before the rebuild."])
    with connection.cursor() as cursor:  # what a migration rebuilding the table leaves behind
        cursor.execute("DROP TRIGGER documents_section_fts_update")
        cursor.execute("DROP TRIGGER documents_document_visibility")
    assert search.ensure_sqlite_index() is True
    assert search.ensure_sqlite_index() is False
    Section.objects.filter(document=document).update(text="After the rebuild: phoenixite.")
    assert search.search("phoenixite").total == 1
    Document.objects.filter(pk=document.pk).update(status=Status.DRAFT)
    assert search.search("phoenixite").total == 0
