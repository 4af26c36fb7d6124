"""Chicago 17th (note and bibliography), APA 7 and MLA 9, rendered by citeproc-py from the
records: a speech, a press-conference answer with its speaker, an undated document with the
access date, and a title that keeps its own capitalisation."""

from __future__ import annotations

import datetime

import pytest

from documents.citations.csl import document_record, paragraph_number, passage_record
from documents.citations.styles import render
from documents.models import Document

DAY = datetime.date(2026, 3, 4)
SPEECH_URL = "https://archive.example/documents/bandung-speech/"
UNDATED_URL = "https://archive.example/documents/undated-statement/"
ANSWER_URL = "https://archive.example/documents/press-1984/passages/a/"


@pytest.fixture
def speech(cited):
    return document_record(cited.speech, url=SPEECH_URL, accessed=DAY)


@pytest.fixture
def answer(cited):
    paragraph = paragraph_number(cited.answer, list(cited.press.sections.order_by("position")))
    return passage_record(cited.press, cited.answer, url=ANSWER_URL, accessed=DAY, paragraph=paragraph), paragraph


@pytest.fixture
def undated(cited):
    return document_record(cited.statement, url=UNDATED_URL, accessed=DAY)


def test_a_speech_in_each_style(speech):
    chicago = render(speech, "chicago")
    # Chicago 14.206: the website's name before the date, commas inside the quotation marks
    assert chicago.note == f"Zhou Enlai, “Speech at the Asian-African Conference,” Policy Archive, April 19, 1955, {SPEECH_URL}."
    assert chicago.bibliography == (
        f"Zhou Enlai. “Speech at the Asian-African Conference.” Policy Archive, April 19, 1955. {SPEECH_URL}.")
    assert render(speech, "apa").bibliography == (
        f"Zhou Enlai. (1955, April 19). Speech at the Asian-African Conference. Policy Archive. {SPEECH_URL}")
    assert render(speech, "apa").note == "(Zhou Enlai, 1955)"
    assert render(speech, "mla").bibliography == (
        f"Zhou Enlai. “Speech at the Asian-African Conference.” Policy Archive, 19 Apr. 1955, {SPEECH_URL}.")


def test_a_press_conference_answer_is_cited_by_its_speaker_and_paragraph(answer):
    record, paragraph = answer
    chicago = render(record, "chicago", paragraph=paragraph)
    assert chicago.note == ("Qi Huaiyuan, “Regular Press Conference of 7 May 1984,” Ministry of Foreign Affairs, "
                            f"Policy Archive, May 7, 1984, para. 1, {ANSWER_URL}.")
    assert chicago.bibliography == ("Qi Huaiyuan. “Regular Press Conference of 7 May 1984.” Ministry of Foreign "
                                    f"Affairs, Policy Archive, May 7, 1984. {ANSWER_URL}.")
    assert render(record, "apa", paragraph=paragraph).note == "(Qi Huaiyuan, 1984, para. 1)"
    assert render(record, "apa", paragraph=paragraph).bibliography == (
        "Qi Huaiyuan. (1984, May 7). Regular Press Conference of 7 May 1984. Policy Archive. "
        f"Ministry of Foreign Affairs. {ANSWER_URL}")
    assert render(record, "mla", paragraph=paragraph).note == (
        "(Qi Huaiyuan, “Regular Press Conference of 7 May 1984,” par. 1)")
    assert render(record, "mla", paragraph=paragraph).bibliography == (
        "Qi Huaiyuan. “Regular Press Conference of 7 May 1984.” Ministry of Foreign Affairs, Policy Archive, "
        f"7 May 1984, {ANSWER_URL}.")


def test_an_undated_document_is_cited_with_the_access_date(undated):
    chicago = render(undated, "chicago")
    assert chicago.note == ("State Council Information Office, “On the Independent Foreign Policy,” Policy Archive, "
                            f"accessed March 4, 2026, {UNDATED_URL}.")
    assert chicago.bibliography == ("State Council Information Office. “On the Independent Foreign Policy.” Policy "
                                    f"Archive. Accessed March 4, 2026. {UNDATED_URL}.")
    assert render(undated, "apa").bibliography == (
        "State Council Information Office. (n.d.). On the Independent Foreign Policy. Policy Archive. "
        f"Retrieved March 4, 2026, from {UNDATED_URL}")
    assert render(undated, "mla").bibliography == (
        "State Council Information Office. “On the Independent Foreign Policy.” Policy Archive, "
        f"{UNDATED_URL}. Accessed 4 Mar. 2026.")


def test_an_inferred_issuer_is_not_printed_and_the_title_stands_first(cited):
    record = document_record(cited.guessed, url="https://a.example/g/", accessed=DAY)
    assert render(record, "chicago").note == "“A Note on Hegemonism,” Policy Archive, accessed March 4, 2026, https://a.example/g/."
    assert "Xinhua" not in render(record, "apa").bibliography and "1982" not in render(record, "mla").bibliography
    assert render(record, "mla").note == "(“A Note on Hegemonism”)"  # printed once, not twice


def test_a_title_keeps_its_own_capitalisation():
    document = Document(title="Joint statement of China and India on the CPC", slug="j", languages=["en"],
                        issued_on=datetime.date(1954, 6, 28), date_precision="day", issuer="Xinhua")
    record = document_record(document, url="https://a.example/j/", accessed=DAY)
    for style in ("chicago", "mla", "apa"):
        assert "Joint statement of China and India on the CPC" in render(record, style).bibliography, style
