"""On the seeds, as a historian checks them: the matrix holds no cell that no sentence supports,
and a principle page's era tabs, groups and counts tell the same story."""

from __future__ import annotations

import pytest

from documents.models import PassagePair, Section, Theme

pytestmark = pytest.mark.django_db


def _cell(client, principle: str, era: str) -> int:
    response = client.get("/matrix/?by=about")
    for theme, cells in response.context["table"]:
        if theme.slug == principle:
            return next(c["count"] for c, (period, _, _) in zip(cells, response.context["columns"])
                        if period is not None and period.slug == era)
    raise AssertionError(f"no row for {principle}")


@pytest.mark.parametrize("principle, era", [
    ("non-alignment", "opening-to-the-united-states"),  # China's non-alignment came in 1982
    ("major-country-relations", "reform-and-opening-up"),  # a policy of the 1990s on
    ("neighbourhood-diplomacy", "opening-to-the-united-states"),  # a policy of the 1990s on
])
def test_the_matrix_has_no_anachronistic_cell(client, seeded_db, principle, era):
    # Each of these pairs is in the cross product: some passage has both the principle and the era.
    assert Section.objects.filter(themes__slug=principle).filter(periods__slug=era).exists()

    assert _cell(client, principle, era) == 0
    assert not PassagePair.objects.filter(theme__slug=principle, period__slug=era).exists()


def test_the_matrix_counts_what_sentences_support(client, seeded_db):
    assert _cell(client, "five-principles", "five-principles-and-bandung") > 0
    assert _cell(client, "non-alignment", "reform-and-opening-up") > 0


def _page(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    context = response.context
    shown = sum(len(passages) for _, passages in context["groups"])
    return context, shown


def test_a_principle_pages_tabs_groups_and_counts_agree(client, seeded_db):
    checked = 0
    for theme in Theme.objects.all():
        context, shown = _page(client, f"/principles/{theme.slug}/?page=1")
        if not context["total"]:
            continue
        checked += 1
        tabs = {era.slug: count for era, count in context["eras"]}
        assert sum(tabs.values()) + context["undated_count"] == context["total"], theme.slug
        if context["total"] <= 20:
            groups = {(era.slug if era else "none"): len(passages) for era, passages in context["groups"]}
            assert groups == {**tabs, **({"none": context["undated_count"]} if context["undated_count"] else {})}
        for slug, count in tabs.items():
            narrowed, shown = _page(client, f"/principles/{theme.slug}/?issued={slug}")
            assert narrowed["page_obj"].paginator.count == count, (theme.slug, slug)
            assert shown == min(count, narrowed["page_obj"].paginator.per_page)
            assert {era.slug for era, _ in narrowed["groups"]} == {slug}
    assert checked >= 10


def test_a_principle_page_says_which_era_it_groups_by(client, seeded_db):
    body = client.get("/principles/five-principles/").content.decode()
    assert "grouped by the era in which their document was issued" in body
    assert "the tabs count the same way" in body
