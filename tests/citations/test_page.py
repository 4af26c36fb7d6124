"""``page_citation``: the citation block and the embedded metadata of a reader page, as data.
A passage's block cites the passage (its paragraph, its speaker) while the document page embeds
the document; every download is a path the site answers."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import RequestFactory

from documents.citations.page import DOWNLOADS, FORMS, download_urls, page_citation, records

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    return RequestFactory().get("/")


def sections_of(document):
    return list(document.sections.order_by("position"))


def test_a_documents_block_has_every_form_and_download_and_embeds_the_document(client, cited, today, request_):
    block = page_citation(request_, cited.speech, sections=sections_of(cited.speech), principles=[cited.peace])

    assert [f["key"] for f in block.forms] == [key for key, _ in FORMS] and all(f["text"] for f in block.forms)
    assert block.record["title"] == "Speech at the Asian-African Conference" and block.paragraph is None
    assert "@" in block.bibtex and "Zhou" in block.bibtex
    assert [d["fmt"] for d in block.downloads] == [fmt for fmt, _ in DOWNLOADS]
    for download in block.downloads:
        answer = client.get(download["url"])
        assert answer.status_code == 200 and answer["Content-Type"].startswith(download["type"])
    data = json.loads(block.json_ld)
    assert data["name"] == block.record["title"]
    assert "Peaceful coexistence" in json.dumps(data, ensure_ascii=False)
    assert ("citation_title", "Speech at the Asian-African Conference") in block.meta


def test_a_passages_block_cites_its_paragraph_and_speaker(cited, today, request_):
    block = page_citation(request_, cited.press, cited.answer, sections=sections_of(cited.press))

    assert block.paragraph == 1  # the heading and the question are not the answer's paragraphs
    assert block.record["URL"].endswith(f"/documents/press-1984/passages/{cited.answer.anchor}/")
    assert "Qi Huaiyuan" in block.forms[0]["text"] and "para. 1" in block.forms[0]["text"]
    assert json.loads(block.json_ld)["text"] == cited.answer.text
    assert block.alternates == block.downloads  # its own page embeds the passage


def test_the_document_page_citing_a_chosen_passage_still_embeds_the_document(cited, today, request_):
    block = page_citation(request_, cited.press, cited.answer, sections=sections_of(cited.press), embed_document=True)

    assert "para. 1" in block.forms[0]["text"]  # the block cites the passage...
    assert "text" not in json.loads(block.json_ld)  # ...while the page describes the document
    assert [a["url"] for a in block.alternates] == list(download_urls(cited.press).values())


def test_the_access_date_is_today_unless_given(cited, today, request_):
    record, document_record, paragraph = records(request_, cited.statement)
    assert record is document_record and paragraph is None
    assert record["accessed"]["date-parts"] == [[2030, 3, 4]]

    given, _, _ = records(request_, cited.statement, accessed=datetime.date(2031, 1, 2))
    assert given["accessed"]["date-parts"] == [[2031, 1, 2]]
