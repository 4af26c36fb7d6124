"""OAI-PMH 2.0 at /oai/, read by a real harvester (sickle) and checked against the protocol's
XSD (tests/fixtures/oai/, source noted there)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree
from sickle import Sickle
from sickle.oaiexceptions import BadArgument, BadResumptionToken, IdDoesNotExist, NoRecordsMatch

from documents.choices import How, Status
from documents.models import DeletedDocument, Document

from .factories import make_document, make_period, make_theme

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "fixtures" / "oai" / "OAI-PMH.xsd")))
NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/"}


def valid(response) -> etree._Element:
    """The response, parsed, after checking it against the OAI-PMH 2.0 schema."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    root = etree.fromstring(response.content)
    SCHEMA.assertValid(root)
    return root


def error_code(root) -> str | None:
    error = root.find("oai:error", NS)
    return None if error is None else error.get("code")


@pytest.fixture
def archive(db, settings):
    settings.POLICYARCHIVE_OAI_PAGE_SIZE = 3
    era = make_period(slug="reform-and-opening-up", name="Reform and opening-up", start_year=1978, end_year=1991)
    principle = make_theme(slug="peaceful-coexistence", name="Peaceful coexistence")
    published = [make_document(title=f"Statement {i} & <co>", periods=[era] if i % 2 else [],
                               themes=[principle] if i < 3 else [], issuer="Ministry of Foreign Affairs")
                 for i in range(10)]
    draft = make_document(title="A draft nobody may see", published=False)
    scheduled = make_document(title="Scheduled for next week",
                              published_at=timezone.now() + datetime.timedelta(days=7))
    return {"published": published, "draft": draft, "scheduled": scheduled, "era": era, "principle": principle}


@pytest.fixture
def harvester(live_server):
    return Sickle(f"{live_server.url}/oai/", max_retries=0)


@pytest.mark.django_db(transaction=True)
def test_a_harvester_gets_every_published_record_through_resumption_tokens(archive, harvester):
    records = list(harvester.ListRecords(metadataPrefix="oai_dc"))
    titles = [r.metadata["title"][0] for r in records]
    assert len(records) == len(archive["published"]) == Document.objects.published().count()
    assert sorted(titles) == sorted(d.title for d in archive["published"])  # escaped and read back intact
    assert "A draft nobody may see" not in titles and "Scheduled for next week" not in titles
    first = next(r for r in records if r.metadata["title"][0] == "Statement 1 & <co>")
    assert first.metadata["creator"] == ["Ministry of Foreign Affairs"]
    assert first.metadata["coverage"] == ["Reform and opening-up"]
    assert first.metadata["identifier"][0].endswith(archive["published"][1].get_absolute_url())
    assert "era:reform-and-opening-up" in first.header.setSpecs
    identifiers = list(harvester.ListIdentifiers(metadataPrefix="oai_dc"))
    assert len({h.identifier for h in identifiers}) == 10


@pytest.mark.django_db(transaction=True)
def test_sets_select_by_era_and_by_principle(archive, harvester):
    assert {s.setSpec for s in harvester.ListSets()} >= {"era:reform-and-opening-up", "principle:peaceful-coexistence"}
    in_era = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="era:reform-and-opening-up"))
    assert len(in_era) == 5
    stating = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="principle:peaceful-coexistence"))
    assert len(stating) == 3


@pytest.mark.django_db(transaction=True)
def test_the_protocols_errors_reach_the_harvester(archive, harvester):
    assert 'code="badVerb"' in harvester.harvest(verb="Harvest").raw  # sickle's raw call does not raise
    with pytest.raises(BadArgument):
        harvester.ListRecords(metadataPrefix="oai_dc", sort="title")
    with pytest.raises(BadResumptionToken):
        list(harvester.ListRecords(resumptionToken="not-a-token"))
    with pytest.raises(IdDoesNotExist):
        harvester.GetRecord(identifier="oai:elsewhere:x", metadataPrefix="oai_dc")
    with pytest.raises(NoRecordsMatch):
        harvester.ListRecords(metadataPrefix="oai_dc", **{"from": "2999-01-01"})


def test_every_verb_and_every_error_validates_against_the_schema(archive, client):
    slug = archive["published"][0].slug
    host_id = "oai:testserver:"
    requests = [
        {"verb": "Identify"},
        {"verb": "ListMetadataFormats"},
        {"verb": "ListMetadataFormats", "identifier": host_id + slug},
        {"verb": "ListSets"},
        {"verb": "GetRecord", "identifier": host_id + slug, "metadataPrefix": "oai_dc"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2000-01-01", "until": "2999-12-31"},
    ]
    for params in requests:
        root = valid(client.get("/oai/", params))
        assert error_code(root) is None, params
    errors = [
        ({}, "badVerb"),
        ({"verb": "Nope"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01", "until": "2019-01-01T00:00:00Z"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "era:nowhere"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListRecords", "resumptionToken": "x" * 50}, "badResumptionToken"),
        ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "GetRecord", "identifier": host_id + "no-such-document", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "GetRecord", "identifier": host_id + archive["draft"].slug, "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "GetRecord", "identifier": host_id + slug}, "badArgument"),
        ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
    ]
    for params, code in errors:
        assert error_code(valid(client.get("/oai/", params))) == code, params
    assert error_code(valid(client.post("/oai/", {"verb": "Identify"}))) is None  # POST is allowed too


def test_a_document_unpublished_or_deleted_after_publication_is_reported_deleted(archive, client):
    unpublished, deleted = archive["published"][0], archive["published"][1]
    Document.objects.filter(pk=unpublished.pk).update(status=Status.DRAFT, updated_at=timezone.now())
    deleted.delete()
    assert DeletedDocument.objects.get(slug=deleted.slug).sets == ["era:reform-and-opening-up",
                                                                   "principle:peaceful-coexistence"]
    headers = []
    params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    while True:
        root = valid(client.get("/oai/", params))
        headers += root.findall(".//oai:header", NS)
        token = root.findtext(".//oai:resumptionToken", namespaces=NS)
        if not token:
            break
        params = {"verb": "ListIdentifiers", "resumptionToken": token}
    status = {h.findtext("oai:identifier", namespaces=NS).rsplit(":", 1)[1]: h.get("status") for h in headers}
    assert status[unpublished.slug] == "deleted" and status[deleted.slug] == "deleted"
    assert sum(s is None for s in status.values()) == 8
    assert archive["draft"].slug not in status  # never public: harvesters never learn of it
    record = valid(client.get("/oai/", {"verb": "GetRecord", "identifier": f"oai:testserver:{deleted.slug}",
                                        "metadataPrefix": "oai_dc"}))
    assert record.find(".//oai:header", NS).get("status") == "deleted"
    assert record.find(".//oai:metadata", NS) is None


def test_an_inferred_date_or_issuer_is_not_harvested_as_stated(archive, client):
    document = archive["published"][0]
    document.provenance = {"date": {"how": How.INFERRED, "evidence": "the Cold War"},
                           "issuer": {"how": How.INFERRED, "evidence": "a guess"}}
    document.save()
    root = valid(client.get("/oai/", {"verb": "GetRecord", "identifier": f"oai:testserver:{document.slug}",
                                      "metadataPrefix": "oai_dc"}))
    assert root.find(".//dc:date", NS) is None and root.find(".//dc:creator", NS) is None
    assert root.findtext(".//dc:title", namespaces=NS) == document.title


def test_a_list_page_costs_the_same_queries_at_4_and_at_50_documents(db, client, settings, django_assert_num_queries):
    settings.POLICYARCHIVE_OAI_PAGE_SIZE = 3
    for _ in range(4):
        make_document()
    params = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    with django_assert_num_queries(3):  # the page, its principles, its eras
        client.get("/oai/", params)
    for _ in range(46):
        make_document()
    with django_assert_num_queries(3):
        client.get("/oai/", params)
