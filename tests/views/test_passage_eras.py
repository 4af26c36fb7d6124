"""The document page shows, beside each passage, the eras it speaks about (not only the
document's eras lumped in its header), and folds the header's facts behind one line."""

from __future__ import annotations

import re

import pytest

from tests.factories import make_document, make_period, make_theme


def passage_html(html: str, anchor: str) -> str:
    """The markup of one passage: from its anchor to the next passage."""
    start = html.index(f'id="{anchor}"')
    following = re.compile(r'id="s-[0-9a-f]+"').search(html, start + 1)
    return html[start: following.start() if following else None]


def test_each_passage_shows_its_own_eras(client, archive):
    html = client.get(archive.narrative.get_absolute_url()).content.decode()
    founding = passage_html(html, archive.founding_passage.anchor)
    reform = passage_html(html, archive.reform_passage.anchor)
    assert 'class="chip chip--era"' in founding and "Founding of New China" in founding
    assert "Reform and opening-up" not in founding
    assert "Reform and opening-up" in reform and "Founding of New China" not in reform
    assert f'href="{archive.reform.get_absolute_url()}"' in reform


def test_a_passage_of_no_era_shows_none(client, archive):
    html = client.get(archive.press.get_absolute_url()).content.decode()
    assert "chip--era" not in passage_html(html, archive.answer2.anchor)


def test_the_header_folds_behind_one_line_of_counts(client, db):
    eras = [make_period(name=f"Era {i}", slug=f"e{i}", start_year=1949 + i, order=i) for i in range(8)]
    principles = [make_theme(name=f"P {i}", slug=f"p{i}") for i in range(19)]
    document = make_document(themes=principles, periods=eras, sections=["One passage."])
    html = client.get(document.get_absolute_url()).content.decode()
    details = re.search(r"<details class=\"document__facts\"[^>]*>\s*<summary[^>]*>(.*?)</summary>", html, re.S)
    assert details, "the facts are not folded in a <details>"
    assert "8 eras · 19 principles" in details.group(1)
    assert html.index('<dl class="document__meta">') > details.start()
    assert 'src="/static/js/details.js"' in html and "<script>" not in html


def test_one_era_and_one_principle_read_in_the_singular(client, db):
    document = make_document(themes=[make_theme()], periods=[make_period()])
    html = client.get(document.get_absolute_url()).content.decode()
    assert "1 era · 1 principle<" in html


def test_permalinks_of_a_preview_carry_the_public_address(staff_client):
    draft = make_document(slug="coming-soon", published=False, sections=["Not yet public."])
    anchor = draft.sections.get().anchor
    html = staff_client.get(draft.get_absolute_url(), {"preview": "1"}).content.decode()
    assert "Draft: not public." in html
    assert f'data-public-url="/documents/coming-soon/#{anchor}"' in html
    assert "preview" not in re.search(r'data-public-url="([^"]*)"', html).group(1)


def test_the_admin_preview_permalinks_carry_the_public_address(admin_client):
    draft = make_document(slug="admin-preview", published=False, sections=["Still a draft."])
    response = admin_client.get(f"/admin/documents/document/{draft.pk}/preview/")
    html = response.content.decode()
    assert response.status_code == 200 and "Draft: not public." in html
    assert f'data-public-url="/documents/admin-preview/#{draft.sections.get().anchor}"' in html
