"""The principle by era matrix: counts of passages, shades as CSS classes, links to the passages."""

from __future__ import annotations

import html
import re

import pytest

from .helpers import parse
from .test_themes import passages_on


def cells(response) -> dict[tuple[str, str], tuple[int, str, str]]:
    """{(principle, era): (count, shade class, link)} for the non-empty cells."""
    body = html.unescape(response.content.decode())
    found = {}
    for shade, link, count, theme, era in re.findall(
            r'<td class="(shade-\d)"><a href="([^"]+)">(\d+)<span class="visually-hidden"> passages?: (.+?), ([^<,]+)</span>',
            body):
        found[(theme, era)] = (int(count), shade, link)
    return found


def test_counts_by_era_issued_in(client, archive):
    response = client.get("/matrix/", {"by": "issued"})
    assert response.status_code == 200
    found = cells(response)
    assert {key: value[0] for key, value in found.items()} == {
        ("Five Principles of Peaceful Coexistence", "The Five Principles and Bandung"): 1,
        ("Five Principles of Peaceful Coexistence", "The new era"): 3,  # the members' passages, each once
        ("Non-interference in internal affairs", "The new era"): 2,
        ("Mutual respect for sovereignty", "The new era"): 1,
        ("Independence and self-reliance", "The new era"): 3,
        ("Independence and self-reliance", "No era"): 1,  # the undated statement
        ("Opposition to hegemonism", "The new era"): 1,  # not the draft's nor the scheduled passage
    }
    assert found[("Five Principles of Peaceful Coexistence", "The new era")][1] == "shade-5"
    assert found[("Opposition to hegemonism", "The new era")][1] in {"shade-2", "shade-3"}
    assert 'class="shade-0"' in response.content.decode()
    assert parse(response).inline_styles == 0


def test_counts_by_era_spoken_about_by_default(client, archive):
    found = cells(client.get("/matrix/"))
    assert {key: value[0] for key, value in found.items()} == {
        ("Five Principles of Peaceful Coexistence", "The Five Principles and Bandung"): 3,
        ("Non-interference in internal affairs", "The Five Principles and Bandung"): 1,
        ("Mutual respect for sovereignty", "The Five Principles and Bandung"): 1,
        ("Independence and self-reliance", "Founding of New China"): 2,
        ("Independence and self-reliance", "Reform and opening-up"): 1,
        ("Opposition to hegemonism", "The new era"): 1,
    }


@pytest.mark.parametrize("by", ["issued", "about"])
def test_each_cell_links_to_exactly_its_passages(client, archive, by):
    for (theme, era), (count, _, link) in cells(client.get("/matrix/", {"by": by})).items():
        assert len(passages_on(client.get(link))) == count, (theme, era, link)


@pytest.mark.parametrize("query", ["by=nonsense", "by=", "by=issued&by=about", "by=" + "x" * 5000])
def test_odd_parameters(client, archive, query):
    response = client.get(f"/matrix/?{query}")
    assert response.status_code == 200
    assert 'aria-current="page">Era spoken about<' in response.content.decode()


def test_counts_follow_publishing_at_once(client, archive):
    """Counts are cached per version of the archive: publishing and unpublishing show at once."""
    from django.utils import timezone

    from documents.choices import Status
    from documents.models import Document

    key = ("Opposition to hegemonism", "The new era")
    assert cells(client.get("/matrix/", {"by": "issued"}))[key][0] == 1
    # The scheduled document's time comes (no save: its updated_at does not move).
    Document.objects.filter(pk=archive.scheduled.pk).update(published_at=timezone.now())
    assert cells(client.get("/matrix/", {"by": "issued"}))[key][0] == 2
    archive.press.status = Status.DRAFT  # unpublished by an editor
    archive.press.save()
    assert cells(client.get("/matrix/", {"by": "issued"}))[key][0] == 1
    assert "Press conference" not in client.get("/principles/anti-hegemonism/").content.decode()


def test_renamed_principle_shows_at_once(client, archive):
    assert "Opposition to hegemonism" in client.get("/documents/").content.decode()
    archive.hegemonism.name = "Against hegemonism"
    archive.hegemonism.save()
    listing = client.get("/documents/").content.decode()
    assert "Against hegemonism" in listing and "Opposition to hegemonism" not in listing
    assert "Against hegemonism" in client.get("/matrix/").content.decode()
