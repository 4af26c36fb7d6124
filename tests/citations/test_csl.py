"""The CSL-JSON record: the issuer or the speaker as author, the date as precise as known,
inferred values left out, paragraphs counted as a reader counts them."""

from __future__ import annotations

import datetime

from documents.choices import SectionKind
from documents.citations.csl import document_record, paragraph_number, passage_record
from documents.models import Document, Section

DAY = datetime.date(2026, 3, 4)


def test_a_documents_record_names_its_issuer_its_date_and_the_archive(cited):
    record = document_record(cited.speech, url="https://archive.example/documents/bandung-speech/", accessed=DAY)
    assert record["author"] == [{"literal": "Zhou Enlai"}]
    assert record["issued"] == {"date-parts": [[1955, 4, 19]]}
    assert record["accessed"] == {"date-parts": [[2026, 3, 4]]}
    assert record["publisher"] == record["container-title"] == "Policy Archive"
    assert record["original-publisher"] == "People's Daily"  # the outlet: where it was first published
    assert record["language"] == "en" and record["type"] == "webpage"


def test_an_answers_record_has_the_speaker_as_author_and_the_issuer_as_container(cited):
    sections = list(cited.press.sections.order_by("position"))
    record = passage_record(cited.press, cited.answer, url="https://a.example/p/", accessed=DAY,
                            paragraph=paragraph_number(cited.answer, sections))
    assert record["author"] == [{"literal": "Qi Huaiyuan"}]
    assert record["container-title"] == "Ministry of Foreign Affairs"
    assert record["publisher"] == "Policy Archive"
    assert record["id"] == f"press-1984/{cited.answer.anchor}"
    assert record["note"] == "Paragraph 1"  # neither the heading nor the question is a paragraph


def test_an_inferred_issuer_and_date_are_left_out(cited):
    record = document_record(cited.guessed, url="https://a.example/g/", accessed=DAY)
    assert "author" not in record and "issued" not in record
    assert record["accessed"] == {"date-parts": [[2026, 3, 4]]}


def test_a_date_is_only_as_precise_as_it_is_known():
    month = Document(title="T", slug="t", issued_on=datetime.date(2014, 6, 1), date_precision="month", languages=[])
    year = Document(title="T", slug="t", issued_on=datetime.date(1954, 1, 1), date_precision="year", languages=[])
    assert document_record(month, url="u", accessed=DAY)["issued"] == {"date-parts": [[2014, 6]]}
    assert document_record(year, url="u", accessed=DAY)["issued"] == {"date-parts": [[1954]]}
    assert "language" not in document_record(year, url="u", accessed=DAY)


def test_paragraphs_are_counted_as_a_reader_counts_them():
    kinds = [SectionKind.HEADING, SectionKind.PARAGRAPH, SectionKind.LIST_ITEM, SectionKind.QUESTION,
             SectionKind.ANSWER, SectionKind.QUOTATION]
    sections = [Section(position=i, kind=kind) for i, kind in enumerate(kinds, start=1)]
    assert [paragraph_number(s, sections) for s in sections] == [None, 1, 2, None, 3, 4]
