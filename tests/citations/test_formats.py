"""The downloads, read back by real clients: CSL-JSON against the CSL-JSON schema
(tests/fixtures/csl, jsonschema), biblatex by bibtexparser, RIS by rispy."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy

from documents.citations.csl import document_record, paragraph_number, passage_record
from documents.citations.formats import biblatex, csl_json, ris

DAY = datetime.date(2026, 3, 4)
SCHEMA = json.loads((Path(__file__).parent.parent / "fixtures" / "csl" / "csl-data.json").read_text())


@pytest.fixture
def records(cited):
    sections = list(cited.press.sections.order_by("position"))
    return {
        "speech": document_record(cited.speech, url="https://a.example/s/", accessed=DAY),
        "answer": passage_record(cited.press, cited.answer, url="https://a.example/a/", accessed=DAY,
                                 paragraph=paragraph_number(cited.answer, sections)),
        "undated": document_record(cited.statement, url="https://a.example/u/", accessed=DAY),
        "guessed": document_record(cited.guessed, url="https://a.example/g/", accessed=DAY),
    }


def test_csl_json_validates_against_the_schema(records):
    for name, record in records.items():
        jsonschema.validate(json.loads(csl_json(record)), SCHEMA)
    with pytest.raises(jsonschema.ValidationError):  # the schema is really applied
        jsonschema.validate([{**records["speech"], "paragraph": 1}], SCHEMA)


def test_biblatex_parses_with_no_failed_block_and_has_date_and_urldate(records):
    library = bibtexparser.parse_string("\n".join(biblatex(r) for r in records.values()))
    assert not library.failed_blocks and len(library.entries) == 4
    speech, answer, undated, guessed = library.entries
    assert speech.entry_type == "online" and speech.key == "bandung_speech"
    assert speech["date"] == "1955-04-19" and speech["urldate"] == "2026-03-04"
    assert speech["author"] == "{Zhou Enlai}" and speech["title"] == "{Speech at the Asian-African Conference}"
    assert answer["author"] == "{Qi Huaiyuan}" and answer["organization"] == "Ministry of Foreign Affairs"
    assert answer["note"].startswith("Paragraph 1")
    assert "date" not in undated.fields_dict and undated["urldate"] == "2026-03-04"
    assert "author" not in guessed.fields_dict and "date" not in guessed.fields_dict


def test_special_characters_are_escaped_for_bibtex(records):
    record = {**records["speech"], "title": "Peace & {development}: 100% win_win #1"}
    entry = bibtexparser.parse_string(biblatex(record)).entries[0]
    assert entry["title"] == r"{Peace \& \{development\}: 100\% win\_win \#1}"


def test_ris_parses_with_rispy(records):
    speech, answer, undated = (rispy.loads(ris(records[k]))[0] for k in ("speech", "answer", "undated"))
    assert speech["type_of_reference"] == "ELEC" and speech["title"] == "Speech at the Asian-African Conference"
    assert speech["authors"] == ["Zhou Enlai"] and speech["date"] == "1955/04/19/"
    assert speech["urls"] == ["https://a.example/s/"] and speech["access_date"] == "2026/03/04"
    assert answer["authors"] == ["Qi Huaiyuan"] and answer["secondary_title"] == "Ministry of Foreign Affairs"
    assert "date" not in undated and undated["access_date"] == "2026/03/04"
