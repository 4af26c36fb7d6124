"""The metadata a reference manager or a search engine reads from a document page and from a
passage page, read with extruct (JSON-LD, Dublin Core) and lxml (Highwire ``citation_*``)."""

from __future__ import annotations

import extruct
import lxml.html

from documents.citations.embedded import json_ld


def _read(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    data = extruct.extract(body, base_url=f"http://testserver{url}", syntaxes=["json-ld", "dublincore"],
                           uniform=True)
    tags: dict[str, list[str]] = {}
    for meta in lxml.html.fromstring(body).iter("meta"):
        if meta.get("name", "").startswith("citation_"):
            tags.setdefault(meta.get("name"), []).append(meta.get("content"))
    [dc] = data["dublincore"]
    dublin_core = {e["name"]: e["content"] for e in dc["elements"] + dc["terms"]}
    [ld] = data["json-ld"]
    return ld, dublin_core, tags


def test_a_document_page_says_its_title_issuer_date_language_and_address(client, cited):
    url = cited.speech.get_absolute_url()
    ld, dublin_core, tags = _read(client, url)
    assert ld["@type"] == "ArchiveComponent" and ld["@id"] == f"http://testserver{url}"
    assert ld["name"] == "Speech at the Asian-African Conference"
    assert ld["author"] == [{"@type": "Organization", "name": "Zhou Enlai"}]
    assert ld["datePublished"] == "1955-04-19" and ld["inLanguage"] == ["en", "zh"]
    assert ld["about"][0]["name"] == "Peaceful coexistence"
    assert ld["holdingArchive"]["name"] == "Policy Archive"
    assert tags["citation_title"] == ["Speech at the Asian-African Conference"]
    assert tags["citation_author"] == ["Zhou Enlai"]
    assert tags["citation_publication_date"] == ["1955/04/19"]
    assert tags["citation_public_url"] == [f"http://testserver{url}"]
    assert tags["citation_language"] == ["en"] and tags["citation_publisher"] == ["Policy Archive"]
    assert dublin_core["DC.title"] == "Speech at the Asian-African Conference"
    assert dublin_core["DC.creator"] == "Zhou Enlai" and dublin_core["DC.date"] == "1955-04-19"
    assert dublin_core["DC.language"] == "en" and dublin_core["DC.identifier"] == f"http://testserver{url}"


def test_a_passage_page_is_a_creative_work_part_of_its_document(client, cited):
    url = f"/documents/press-1984/passages/{cited.answer.anchor}/"
    ld, dublin_core, tags = _read(client, url)
    assert ld["@type"] == "CreativeWork" and ld["url"] == f"http://testserver{url}"
    assert ld["isPartOf"]["@id"] == "http://testserver/documents/press-1984/"
    assert ld["isPartOf"]["name"] == "Regular Press Conference of 7 May 1984"
    assert ld["author"] == [{"@type": "Person", "name": "Qi Huaiyuan"}]
    assert ld["datePublished"] == "1984-05-07" and ld["inLanguage"] == "en" and ld["position"] == 1
    assert ld["text"] == "China does not join any bloc and stands for peace."
    assert tags["citation_title"] == ["Regular Press Conference of 7 May 1984"]
    assert tags["citation_author"] == ["Qi Huaiyuan"] and tags["citation_publication_date"] == ["1984/05/07"]
    assert tags["citation_public_url"] == [f"http://testserver{url}"]
    assert dublin_core["DCTERMS.isPartOf"] == "http://testserver/documents/press-1984/"


def test_an_inferred_issuer_and_date_are_not_in_the_metadata(client, cited):
    ld, dublin_core, tags = _read(client, cited.guessed.get_absolute_url())
    assert "author" not in ld and "datePublished" not in ld
    assert "citation_author" not in tags and "citation_publication_date" not in tags
    assert "DC.creator" not in dublin_core and "DC.date" not in dublin_core


def test_the_document_page_describes_the_document_while_it_cites_a_passage(client, cited):
    ld, _, tags = _read(client, f"/documents/press-1984/?passage={cited.answer.anchor}")
    assert ld["@type"] == "ArchiveComponent" and tags["citation_author"] == ["Ministry of Foreign Affairs"]


def test_json_ld_cannot_close_its_element():
    text = str(json_ld({"name": "</script><script>alert(1)</script> & more"}))
    assert "</script>" not in text and "<" not in text and "&" not in text
    assert "\\u003C/script\\u003E" in text
