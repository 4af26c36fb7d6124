"""A small archive shaped like the seeds: eras, the principle tree, documents of every kind and
date precision, passages of every kind, a draft and a scheduled document that readers must
never see. Used by the reader page tests (tests/views) and the browser walk (tests/browser)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone

from documents.choices import DocumentType, SectionKind, Status
from tests.factories import make_document, make_period, make_section, make_theme


def build_archive() -> SimpleNamespace:
    a = SimpleNamespace()
    a.founding = make_period(name="Founding of New China", slug="founding", start_year=1949, end_year=1955, order=1,
                             summary="New China stands up and leans to one side.")
    a.bandung = make_period(name="The Five Principles and Bandung", slug="bandung", start_year=1953, end_year=1959,
                            order=2, summary="The Five Principles are stated with India and carried to Bandung.")
    a.reform = make_period(name="Reform and opening-up", slug="reform", start_year=1978, end_year=1991, order=3,
                           summary="An independent foreign policy of peace and true non-alignment.")
    a.new_era = make_period(name="The new era", slug="new-era", start_year=2012, end_year=None, order=4,
                            summary="A community with a shared future for mankind.")

    a.five = make_theme(name="Five Principles of Peaceful Coexistence", slug="five-principles", order=1,
                        description="Mutual respect, non-aggression, non-interference, equality, coexistence.")
    a.non_interference = make_theme(name="Non-interference in internal affairs", slug="non-interference",
                                    parent=a.five, order=2, description="No country interferes in another's affairs.")
    a.mutual_respect = make_theme(name="Mutual respect for sovereignty", slug="mutual-respect", parent=a.five,
                                  order=3)
    a.independence = make_theme(name="Independence and self-reliance", slug="independence", order=4,
                                description="China decides its own affairs.")
    a.hegemonism = make_theme(name="Opposition to hegemonism", slug="anti-hegemonism", order=5)

    # A press conference, dated to the day, bilingual, with question and answer turns.
    a.press = make_document(
        title="Press conference on the 20th CPC National Congress", slug="press-conference-2022",
        doc_type=DocumentType.PRESS_CONFERENCE, source="Press Center of the 20th CPC National Congress",
        source_url="https://example.org/press/4", issued_on=datetime.date(2022, 10, 31), date_precision="day",
        languages=["en", "zh"], issued_in=a.new_era, summary="Ma Zhaoxu on China's foreign policy goals.",
        sections=["What is China's goal in the world?"], tags=["press conference", "congress"],
    )
    q = a.press.sections.get()
    q.kind, q.speaker = SectionKind.QUESTION, "Phoenix TV"
    q.save()
    a.answer = make_section(document=a.press, position=2, kind=SectionKind.ANSWER, speaker="Ma Zhaoxu",
                            text="China opposes hegemonism and power politics in all their forms.",
                            themes=[a.hegemonism], periods=[a.new_era])
    a.answer2 = make_section(document=a.press, position=3, kind=SectionKind.ANSWER, speaker="Ma Zhaoxu",
                             text="China never interferes in the internal affairs of other countries.",
                             themes=[a.non_interference])
    a.press.themes.set([a.hegemonism, a.non_interference])
    a.press.periods.set([a.new_era])

    # A narrative with a month precision date: a heading, list items, a quotation, eras it speaks about.
    a.narrative = make_document(
        title="Independent Foreign Policy of Peace", slug="independent-foreign-policy",
        doc_type=DocumentType.ARTICLE, source="Ministry of Foreign Affairs", source_url="",
        issued_on=datetime.date(2014, 6, 1), date_precision="month", languages=["en"], issued_in=a.new_era,
        sections=["1. The origins"], tags=["history"],
    )
    heading = a.narrative.sections.get()
    heading.kind = SectionKind.HEADING
    heading.save()
    a.founding_passage = make_section(document=a.narrative, position=2,
                                      text="In June 1949 Mao Zedong declared that China must be independent.",
                                      themes=[a.independence], periods=[a.founding])
    a.item1 = make_section(document=a.narrative, position=3, kind=SectionKind.LIST_ITEM,
                           text="Mutual respect for each other's sovereignty and territorial integrity.",
                           themes=[a.mutual_respect], periods=[a.bandung])
    a.item2 = make_section(document=a.narrative, position=4, kind=SectionKind.LIST_ITEM,
                           text="Non-interference in each other's internal affairs.",
                           themes=[a.non_interference, a.five], periods=[a.bandung])
    a.quote = make_section(document=a.narrative, position=5, kind=SectionKind.QUOTATION,
                           text="China's affairs must be decided and run by the Chinese people themselves.",
                           themes=[a.independence], periods=[a.founding])
    a.reform_passage = make_section(document=a.narrative, position=6,
                                    text="Since the reform and opening-up, China has kept to true non-alignment <script>alert(1)</script>.",
                                    themes=[a.independence], periods=[a.reform])
    a.narrative.themes.set([a.independence, a.mutual_respect, a.non_interference, a.five])
    a.narrative.periods.set([a.founding, a.bandung, a.reform])

    # A communiqué known only to the year, issued in the Bandung era.
    a.communique = make_document(
        title="Joint statement of China and India", slug="joint-statement-1954", doc_type=DocumentType.COMMUNIQUE,
        source="Xinhua", issued_on=datetime.date(1954, 1, 1), date_precision="year", languages=["en"],
        issued_in=a.bandung, sections=["The two governments agree on the five principles."],
        themes=[a.five], periods=[a.bandung], tags=["india", "history"],
    )
    # Undated, in English only, no era.
    a.undated = make_document(
        title="China's policy of independence", slug="undated-independence", doc_type=DocumentType.STATEMENT,
        source="Xinhua", issued_on=None, date_precision="unknown", languages=["fr"],
        sections=["China does not form alliances with any big power."], themes=[a.independence],
    )
    # Never to be seen by readers.
    a.draft = make_document(
        title="Secret draft on hegemony", slug="secret-draft", published=False, issued_on=datetime.date(2023, 1, 1),
        issued_in=a.new_era, sections=["DRAFT PASSAGE about hegemonism."], themes=[a.hegemonism],
        periods=[a.new_era, a.founding], tags=["draft-only-tag", "history"], languages=["de"], source="Draft source",
    )
    a.scheduled = make_document(
        title="Scheduled statement", slug="scheduled-statement", status=Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=3), issued_on=datetime.date(2023, 2, 1),
        issued_in=a.new_era, sections=["SCHEDULED PASSAGE about hegemonism."], themes=[a.hegemonism],
        periods=[a.new_era], tags=["scheduled-only-tag"],
    )
    a.hidden = [a.draft, a.scheduled]
    return a
