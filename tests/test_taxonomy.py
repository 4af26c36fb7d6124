"""The reader's taxonomy tree (documents/taxonomy.py): principles in tree order with their
depth, members rolled up into their parent's counts, and a broken tree still shown."""

from __future__ import annotations

import pytest

from documents.models import Document, Theme
from documents.taxonomy import TaxonomyTree, count_per_theme
from tests.factories import make_document, make_period, make_theme


@pytest.fixture
def tree(db) -> TaxonomyTree:
    make_period(name="Later", slug="later", start_year=1978, order=2)
    make_period(name="Earlier", slug="earlier", start_year=1949, end_year=1977, order=1)
    five = make_theme(name="Five", slug="five", order=1)
    make_theme(name="Independence", slug="independence", order=2)
    respect = make_theme(name="Respect", slug="respect", parent=five, order=3)
    make_theme(name="Sovereignty", slug="sovereignty", parent=respect, order=4)
    return TaxonomyTree.load()


def test_principles_in_tree_order_with_their_depth(tree, django_assert_num_queries):
    assert [(t.slug, t.depth) for t in tree.themes] == [
        ("five", 0), ("respect", 1), ("sovereignty", 2), ("independence", 0)]
    with django_assert_num_queries(0):  # parents and children are cached: templates never query
        sovereignty = tree.theme_by_slug["sovereignty"]
        assert sovereignty.parent.parent.slug == "five"
        assert [c.slug for c in tree.theme_by_slug["five"].child_list] == ["respect"]
        assert [t.slug for t in tree.ancestors(sovereignty)] == ["five", "respect"]


def test_with_descendants(tree):
    ids = tree.with_descendants(tree.theme_by_slug["five"])
    assert {tree.theme_by_id[i].slug for i in ids} == {"five", "respect", "sovereignty"}
    assert tree.with_descendants(tree.theme_by_slug["independence"]) == [tree.theme_by_slug["independence"].pk]


def test_eras_in_order_and_their_neighbours(tree):
    earlier, later = tree.periods
    assert (earlier.slug, later.slug) == ("earlier", "later")
    assert tree.neighbours(earlier) == (None, later)
    assert tree.neighbours(later) == (earlier, None)


def test_a_cycle_in_the_tree_is_shown_not_followed(tree):
    five = tree.theme_by_slug["five"]
    Theme.objects.filter(pk=five.pk).update(parent=tree.theme_by_slug["sovereignty"])
    broken = TaxonomyTree.load()
    assert sorted(t.slug for t in broken.themes) == ["five", "independence", "respect", "sovereignty"]
    assert broken.ancestors(broken.theme_by_slug["respect"]) is not None  # terminates


def test_a_parent_counts_each_document_of_its_members_once(tree, django_assert_num_queries):
    five, respect, sovereignty = (tree.theme_by_slug[s] for s in ("five", "respect", "sovereignty"))
    independence = tree.theme_by_slug["independence"]
    make_document(themes=[respect, sovereignty])
    make_document(themes=[sovereignty, independence])
    rows = Document.themes.through.objects.all()
    with django_assert_num_queries(3):  # principles without members, then one per depth with members
        counts = count_per_theme(rows, count="document_id", taxonomy=tree)
    assert counts == {(five.pk,): 2, (respect.pk,): 2, (sovereignty.pk,): 2, (independence.pk,): 1}
