"""Documents to cite: a dated speech with its issuer, a press conference (a question, then the
spokesman's answers), an undated statement, and one whose issuer and date were only inferred."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
import time_machine

from documents.choices import DocumentType, SectionKind
from tests.factories import make_document, make_section, make_theme

TODAY = datetime.date(2030, 3, 4)  # the day the citations are made (the access date), after the documents are published


@pytest.fixture
def today():
    with time_machine.travel(datetime.datetime(2030, 3, 4, 12, tzinfo=datetime.timezone.utc), tick=False):
        yield TODAY


@pytest.fixture
def cited(db) -> SimpleNamespace:
    c = SimpleNamespace()
    c.peace = make_theme(name="Peaceful coexistence", slug="peaceful-coexistence")
    c.speech = make_document(
        title="Speech at the Asian-African Conference", slug="bandung-speech", doc_type=DocumentType.SPEECH,
        issuer="Zhou Enlai", source="People's Daily", issued_on=datetime.date(1955, 4, 19), date_precision="day",
        languages=["en", "zh"], themes=[c.peace],
        sections=["The Chinese delegation has come here to seek unity.", "We hold to the five principles."],
    )
    c.press = make_document(
        title="Regular Press Conference of 7 May 1984", slug="press-1984", doc_type=DocumentType.PRESS_CONFERENCE,
        issuer="Ministry of Foreign Affairs", issued_on=datetime.date(1984, 5, 7), date_precision="day",
        languages=["en"], sections=["Opening remarks"],
    )
    heading = c.press.sections.get()
    heading.kind = SectionKind.HEADING
    heading.save()
    c.question = make_section(document=c.press, position=2, kind=SectionKind.QUESTION, speaker="A reporter",
                              text="Will China join any bloc?")
    c.answer = make_section(document=c.press, position=3, kind=SectionKind.ANSWER, speaker="Qi Huaiyuan",
                            text="China does not join any bloc and stands for peace.", themes=[c.peace])
    c.statement = make_document(
        title="On the Independent Foreign Policy", slug="undated-statement", doc_type=DocumentType.STATEMENT,
        issuer="State Council Information Office", issued_on=None, date_precision="unknown", languages=["fr"],
        sections=["La Chine ne se lie à aucune grande puissance."],
    )
    c.guessed = make_document(
        title="A Note on Hegemonism", slug="guessed-note", issuer="Xinhua", issued_on=datetime.date(1982, 1, 1),
        date_precision="year", provenance={"issuer": {"how": "inferred", "evidence": "a byline"},
                                           "date": {"how": "inferred", "evidence": "the Twelfth Congress"}},
    )
    return c
