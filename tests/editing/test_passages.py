"""documents/editing/passages.py: an editor's principles and eras on passages, positions, anchors."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from documents.editing.passages import (
    assign_era, assign_principle, decide_suggestion, new_anchor, set_passage_taxonomy,
)
from documents.models import Document, Section
from tests.factories import make_document


@pytest.mark.parametrize("before, after, editor, rejected, confirm, editor_after, rejected_after", [
    # suggested {a}; the editor adds b
    ({"a"}, {"a", "b"}, set(), set(), False, {"b"}, set()),
    # suggested {a, b}; the editor removes a
    ({"a", "b"}, {"b"}, set(), set(), False, set(), {"a"}),
    # the editor puts back what they had removed
    ({"b"}, {"a", "b"}, set(), {"a"}, False, {"a"}, set()),
    # the editor removes what they had added
    ({"a", "b"}, {"a"}, {"b"}, set(), False, set(), {"b"}),
    # confirming makes every shown one the editor's
    ({"a", "b"}, {"a", "b"}, set(), {"c"}, True, {"a", "b"}, {"c"}),
])
def test_passage_decisions(taxonomy, before, after, editor, rejected, confirm, editor_after, rejected_after):
    themes = {"a": taxonomy["sovereignty"], "b": taxonomy["interference"], "c": taxonomy["hegemonism"]}
    ids = lambda keys: {themes[k].pk for k in keys}  # noqa: E731
    section = make_document(sections=["Text."], themes=[themes[k] for k in before]).sections.get()
    section.editor_themes.set(ids(editor))
    section.rejected_themes.set(ids(rejected))

    set_passage_taxonomy(section=section, themes=ids(after), periods=[], confirm=confirm)

    assert set(section.themes.values_list("pk", flat=True)) == ids(after)
    assert set(section.editor_themes.values_list("pk", flat=True)) == ids(editor_after)
    assert set(section.rejected_themes.values_list("pk", flat=True)) == ids(rejected_after)


def test_new_anchor_is_unique_in_the_document(db):
    document = make_document(sections=["Same words."])
    assert new_anchor(document=document, text="Same words.") == document.sections.get().anchor + "-2"


def test_set_passage_taxonomy_shows_on_the_document(taxonomy):
    section = make_document(sections=["Text."]).sections.get()
    set_passage_taxonomy(section=section, themes=[taxonomy["hegemonism"].pk], periods=[taxonomy["reform"].pk])
    document = section.document
    assert list(document.themes.all()) == [taxonomy["hegemonism"]]
    assert list(document.periods.all()) == [taxonomy["reform"]]


@pytest.mark.django_db(transaction=True)
def test_set_passage_taxonomy_is_all_or_nothing(taxonomy):
    """An era that does not exist (deleted meanwhile) fails the whole change: the principles the
    editor set in the same call are not half-saved."""
    section = make_document(sections=["Text."]).sections.get()
    with pytest.raises(IntegrityError):
        set_passage_taxonomy(section=section, themes=[taxonomy["hegemonism"].pk], periods=[999_999])
    assert not section.themes.exists() and not section.editor_themes.exists()


def test_assign_principle_and_era_to_every_passage(taxonomy):
    document = make_document(sections=["One.", "Two."])
    principle, era = taxonomy["sovereignty"], taxonomy["founding"]
    assert assign_principle(documents=Document.objects.all(), principle=principle) == [document.pk]
    assert assign_era(documents=Document.objects.all(), era=era, issued_in=True) == [document.pk]
    document.refresh_from_db()
    assert document.issued_in == era
    for section in Section.objects.filter(document=document):
        assert list(section.themes.all()) == list(section.editor_themes.all()) == [principle]
        assert list(section.periods.all()) == list(section.editor_periods.all()) == [era]
    assert assign_principle(documents=Document.objects.all(), principle=principle) == []  # nothing left to do


def _suggested(taxonomy):
    """Two passages suggested "Non-interference" with the rule's words, one passage without it."""
    interference = taxonomy["interference"]
    words = {"kind": "theme", "slug": interference.slug, "how": "rule", "text": "internal affairs", "start": 0, "end": 16}
    first = make_document(sections=["Internal affairs first.", "Internal affairs again."], themes=[interference])
    second = make_document(sections=["Trade."])
    first.sections.update(evidence=[words])
    return interference, first, second, words


def test_accepting_a_suggestion_makes_it_the_editors_with_the_rules_words_kept(taxonomy):
    interference, first, second, words = _suggested(taxonomy)

    changed = decide_suggestion(sections=Section.objects.all(), target=interference, accept=True)

    assert changed == [first.pk]  # the passage without it is left alone
    for section in first.sections.all():
        assert list(section.editor_themes.all()) == [interference]
        assert section.evidence == [words, {"kind": "theme", "slug": interference.slug, "how": "editor", "text": ""}]
    assert not second.sections.get().editor_themes.exists()
    # accepting again changes nothing
    assert decide_suggestion(sections=Section.objects.all(), target=interference, accept=True) == []


def test_rejecting_a_suggestion_takes_it_and_its_words_away_for_good(taxonomy):
    interference, first, second, words = _suggested(taxonomy)
    one, other = first.sections.order_by("position")

    assert decide_suggestion(sections=Section.objects.filter(pk=one.pk), target=interference, accept=False) == [first.pk]
    one.refresh_from_db()
    assert not one.themes.exists() and list(one.rejected_themes.all()) == [interference] and one.evidence == []
    # the other passage still has it, so the document keeps it
    assert list(first.themes.all()) == [interference] and list(other.themes.all()) == [interference]

    decide_suggestion(sections=Section.objects.filter(pk=other.pk), target=interference, accept=False)
    assert not first.themes.exists()


def test_a_decision_on_many_passages_is_one_transaction(taxonomy, monkeypatch):
    interference, first, _, _ = _suggested(taxonomy)

    def fail(**kwargs):
        raise RuntimeError("the pairs could not be written")

    monkeypatch.setattr("documents.editing.passages.sync_pairs", fail)
    with pytest.raises(RuntimeError):
        decide_suggestion(sections=Section.objects.all(), target=interference, accept=False)
    assert all(list(s.themes.all()) == [interference] for s in first.sections.all())
    assert not Section.rejected_themes.through.objects.exists()
