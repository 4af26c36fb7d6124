"""``holdings()``: what the published documents are, counted by type (most first) with the years
they span, in one query; and the sentence made of it, which never claims what is not there."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.choices import DocumentType
from documents.holdings import Holdings, holdings
from documents.models import Document
from tests.factories import make_document

pytestmark = pytest.mark.django_db


def on(year: int) -> datetime.date:
    return datetime.date(year, 6, 1)


@pytest.fixture
def shelf(db):
    for year in (1982, 1984):
        make_document(doc_type=DocumentType.SPEECH, issued_on=on(year))
    make_document(doc_type=DocumentType.WHITE_PAPER, issued_on=on(2011))
    make_document(doc_type=DocumentType.WHITE_PAPER, issued_on=None, date_precision="unknown")
    make_document(doc_type=DocumentType.COMMUNIQUE, issued_on=on(1972))
    make_document(doc_type=DocumentType.TREATY, issued_on=on(1950), published=False)  # a draft


def test_the_published_documents_are_counted_by_type_most_first_in_one_query(shelf):
    with CaptureQueriesContext(connection) as queries:
        held = holdings()

    assert len(queries) == 1
    assert held.by_type == ((DocumentType.SPEECH, 2), (DocumentType.WHITE_PAPER, 2), (DocumentType.COMMUNIQUE, 1))
    assert (held.documents, held.first_year, held.last_year) == (5, 1972, 2011)  # the draft's 1950 is not there


def test_the_sentence_names_each_type_in_its_number_and_the_years(shelf):
    assert holdings().sentence() == ("Policy Archive holds 5 documents on China's foreign policy: 2 speeches, "
                                     "2 white papers and 1 communiqué, issued from 1972 to 2011.")


def test_holdings_of_a_chosen_set_and_of_one_year(shelf):
    held = holdings(Document.objects.published().filter(doc_type=DocumentType.SPEECH, issued_on__year=1984))

    assert held.sentence() == "Policy Archive holds 1 document on China's foreign policy: 1 speech, issued in 1984."


def test_undated_documents_of_no_named_type_claim_neither_a_type_nor_years():
    held = Holdings(by_type=((DocumentType.OTHER, 2),), first_year=None, last_year=None)

    assert held.sentence() == "Policy Archive holds 2 documents on China's foreign policy."
    assert Holdings(by_type=(), first_year=None, last_year=None).sentence() == "No document has been published yet."
