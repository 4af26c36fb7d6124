"""The five seed documents, imported the way `make run` imports them, as a reader sees them."""

import datetime

import pytest

from documents.choices import DocumentType, SectionKind
from documents.models import Document, Section
from tests.importing.classifying.test_classify import SEED_002_ERAS  # each passage's eras, by hand

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds(seeded_db):
    return {d.import_key[:3]: d for d in Document.objects.published().prefetch_related("sections")}


def test_titles_are_the_documents_not_the_sites(seeds):
    assert {k: d.title for k, d in seeds.items()} == {
        "000": "Foreign Policy",
        "001": "China's Independent Foreign Policy of Peace",
        "002": "Independent Foreign Policy of Peace",
        "003": "China Contributes to a Better World(四)",
        "004": "Press Center for 20th CPC National Congress: 4th press conference",
    }


def test_dates_where_the_text_gives_one(seeds):
    assert {k: (d.issued_on, d.date_precision) for k, d in seeds.items()} == {
        "000": (None, "unknown"),
        "001": (None, "unknown"),
        "002": (None, "unknown"),
        "003": (None, "unknown"),  # the portal's posting time beside its click counter: not the issue date
        "004": (datetime.date(2022, 10, 31), "day"),
    }


def test_seed_003_is_the_portals_repost_not_its_author(seeds):
    document = seeds["003"]
    assert document.source == "China South South Cooperation Network"  # the outlet
    assert document.issuer == ""  # the page does not say whose text it is
    assert document.posted_on == datetime.date(2019, 11, 29)
    assert document.provenance["outlet"]["how"] == "source_text"
    assert document.provenance["date"]["how"] == "inferred"
    assert "posted" in document.provenance["date"]["evidence"]
    assert document.provenance["issued_in"]["how"] == "inferred"


def test_seed_002_is_undated_and_its_era_is_inferred_with_its_words(seeds):
    document = seeds["002"]
    assert document.issued_on is None and document.issued_in.slug == "new-era"
    issued_in = document.provenance["issued_in"]
    assert issued_in["how"] == "inferred"
    assert "18th CPC National Congress" in issued_in["evidence"]


def test_an_era_cue_alone_gives_no_principle(seeds):
    [passage] = [s for s in seeds["002"].sections.all() if "Reform and Opening-up and socialist modernization" in s.text]
    slugs = {item["slug"] for item in passage.evidence if item["kind"] == "theme"}
    assert "opening-up-and-win-win-cooperation" not in slugs
    assert not passage.themes.filter(slug="opening-up-and-win-win-cooperation").exists()
    assert passage.periods.filter(slug="reform-and-opening-up").exists()
    for item in passage.evidence:  # every piece of evidence is the passage's own words, where it says
        assert passage.text[item["start"]:item["end"]].casefold() == item["text"].casefold()


def test_press_conference_has_its_two_speakers(seeds):
    document = seeds["004"]
    assert document.doc_type == DocumentType.PRESS_CONFERENCE
    turns = [(s.kind, s.speaker) for s in document.sections.all()]
    assert turns[0] == (SectionKind.QUESTION, "Phoenix TV")
    assert set(turns[1:]) == {(SectionKind.ANSWER, "Ma Zhaoxu")}


FURNITURE = [
    "Tools:", "Save | Print", "Adjust font size", "Related Stories", "Product Directory", "Hot Buys",
    "SiteMap", "Copyright", "ICP", "Welcome to", "Click Num", "Netizens commentary", "All Comments",
    "More Comments", "About NEWs", "International Forum on Biomass", "<  1", "1  2  3",
]


def test_no_furniture_left_in_any_passage(seeds):
    texts = list(Section.objects.values_list("text", flat=True))
    assert len(texts) > 30
    for text in texts:
        for marker in FURNITURE:
            assert marker.replace(" ", "") not in text.replace(" ", "").replace("\xa0", ""), (marker, text[:80])


def test_what_was_removed_is_kept_on_the_document(seeds):
    assert "Related Stories" in seeds["000"].removed_text
    assert any("Click Num" in line for line in seeds["003"].removed_text)
    assert "Tools: Save | Print | E-mail | Most Read" in seeds["000"].raw_text


def test_broken_paragraph_is_rejoined(seeds):
    texts = [s.text for s in seeds["003"].sections.all()]
    assert any("follow the same path can be partners" in t for t in texts)
    assert not any(t.startswith("can be partners") for t in texts)


def test_each_passage_of_seed_002_is_in_the_eras_it_narrates(seeds):
    sections = list(seeds["002"].sections.prefetch_related("periods"))
    assert len(sections) == len(SEED_002_ERAS)
    for section, expected in zip(sections, SEED_002_ERAS):
        assert expected <= {p.slug for p in section.periods.all()}, section.text[:60]
    # Narrating many eras, the document speaks about all of them …
    assert {p.slug for p in seeds["002"].periods.all()} >= set().union(*SEED_002_ERAS)


def test_issued_in_follows_the_date(seeds):
    assert seeds["003"].issued_in.slug == "new-era"
    assert seeds["004"].issued_in.slug == "new-era"
