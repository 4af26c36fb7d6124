"""A reader tells what the importer guessed from what the source states: on the seeds' pages an
inferred value carries an "inferred" mark with its words one click away; a stated one does not."""

from __future__ import annotations

import re

import pytest

from documents.choices import How
from documents.models import Document

pytestmark = pytest.mark.django_db


def _row(body: str, term: str) -> str:
    match = re.search(rf"<dt>{term}</dt><dd>(.*?)</dd></div>", body, re.S)
    assert match, term
    return match.group(1)


def _seed(key: str) -> Document:
    return Document.objects.get(import_key__startswith=key)


def test_an_inferred_era_is_marked_with_its_evidence(client, seeded_db):
    document = _seed("002")
    body = client.get(document.get_absolute_url()).content.decode()

    issued_in = _row(body, "Issued in")
    assert 'class="inferred"' in issued_in
    assert "18th CPC National Congress" in issued_in  # the words it was inferred from
    assert "Undated" in _row(body, "Date")


def test_a_stated_value_is_not_marked(client, seeded_db):
    document = _seed("004")
    assert document.provenance["date"]["how"] == How.SOURCE_TEXT
    body = client.get(document.get_absolute_url()).content.decode()

    date = _row(body, "Date")
    assert "31 October 2022" in date and 'class="inferred"' not in date
    assert "October 31, 2022" in date  # its source line, one click away


def test_a_repost_date_is_shown_as_posted_not_issued(client, seeded_db):
    document = _seed("003")
    body = client.get(document.get_absolute_url()).content.decode()

    assert "Undated" in _row(body, "Date")
    assert "29 November 2019" in _row(body, "Posted")
    assert "China South South Cooperation Network" in _row(body, "Published by")


def test_an_editor_confirming_a_value_removes_the_mark(client, seeded_db):
    document = _seed("002")
    document.provenance["issued_in"]["how"] = How.EDITOR
    document.save(update_fields=["provenance"])
    body = client.get(document.get_absolute_url()).content.decode()

    assert 'class="inferred"' not in _row(body, "Issued in")


def test_each_passage_shows_the_words_behind_its_principles(client, seeded_db):
    document = _seed("002")
    sections = list(document.sections.order_by("position"))
    index, passage = next((i, s) for i, s in enumerate(sections) if s.evidence)
    item = passage.evidence[0]
    body = client.get(document.get_absolute_url()).content.decode()
    block = body.split(f'id="{passage.anchor}"', 1)[1].split(f'id="{sections[index + 1].anchor}"', 1)[0]

    assert "Why these?" in block
    assert f"<q>{item['text']}</q>" in block
    assert 'class="inferred"' in block


def test_evidence_words_are_escaped(client, seeded_db):
    document = _seed("002")
    passage = document.sections.exclude(evidence=[]).first()
    passage.evidence = [{**passage.evidence[0], "text": "<script>alert(1)</script>"}]
    passage.save(update_fields=["evidence"])
    document.provenance["issued_in"]["evidence"] = '<img src=x onerror="alert(1)">'
    document.save(update_fields=["provenance"])
    body = client.get(document.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)" in body
