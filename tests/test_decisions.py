"""documents/decisions.py: an editor's decisions win over the classifier, for import and editing alike."""

from __future__ import annotations

from documents.decisions import editor_decisions, effective, refresh_document_taxonomy
from tests.factories import make_document, make_period, make_theme


def test_effective_is_the_editors_choice_plus_the_suggestions_not_rejected():
    assert effective(suggested={1, 2, 3}, editor={4}, rejected={2}) == {1, 3, 4}
    assert effective(suggested=set(), editor=set(), rejected={1}) == set()


def test_editor_decisions_per_passage(db):
    kept, removed, era = make_theme(), make_theme(), make_period()
    first, second = make_document(sections=["One.", "Two."]).sections.order_by("position")
    first.editor_themes.add(kept)
    first.rejected_themes.add(removed)
    second.rejected_periods.add(era)
    assert editor_decisions(section_ids=[first.pk, second.pk]) == {
        first.pk: {"editor_themes": {kept.pk}, "rejected_themes": {removed.pk}},
        second.pk: {"rejected_periods": {era.pk}},
    }
    assert editor_decisions(section_ids=[]) == {}


def test_a_document_states_what_its_passages_state(db):
    principle, era = make_theme(), make_period()
    document = make_document(sections=["One.", "Two."])
    document.sections.get(position=2).themes.add(principle)
    document.sections.get(position=1).periods.add(era)
    refresh_document_taxonomy(document=document)
    assert list(document.themes.all()) == [principle] and list(document.periods.all()) == [era]
