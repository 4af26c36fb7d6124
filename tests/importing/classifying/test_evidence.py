"""The evidence of one passage: the words each principle and era was assigned from, a principle's
match inside an era's name not counted, and the (principle, era) pairs that one sentence supports,
the era in force carried from sentence to sentence. Run on a small taxonomy of its own, so that
each rule the tests lean on is in sight."""

from __future__ import annotations

import pytest
import yaml

from documents.importing.classifying import compile_taxonomy
from documents.importing.classifying.evidence import MAX_EVIDENCE_CHARS, section_evidence, sentence_starts
from documents.importing.taxonomy import load_taxonomy

TAXONOMY = {
    "periods": [
        {"slug": "reform", "name": "Reform", "start_year": 1978, "end_year": 1991, "order": 1,
         "summary": "First sentence. Second sentence.", "cues": ["the reform and opening-up"]},
        {"slug": "now", "name": "Now", "start_year": 1991, "end_year": None, "order": 2,
         "summary": "First sentence. Second sentence.", "cues": ["the new era", "新时代"]},
    ],
    "themes": [
        {"slug": "opening", "name": "Opening up", "order": 1, "description": "Opening.", "rules": ["opening-up"]},
        {"slug": "peace", "name": "Peace", "order": 2, "description": "Peace.",
         "rules": ["peaceful coexistence", "和平共处", "re:\\bpeace\\w*(?: \\w+){0,300}"]},
        # RE2 has no look-behind: "not after 'of '" is written with the characters before the words.
        {"slug": "detente", "name": "Détente", "order": 3, "description": "Détente.",
         "rules": ["re:(?:^|[^f]) détente\\b", "re:缓和(?:$|[^政])"]},
    ],
}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    path = tmp_path_factory.mktemp("taxonomy") / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(TAXONOMY, allow_unicode=True), encoding="utf-8")
    return compile_taxonomy(load_taxonomy(path=path).taxonomy)


def evidence_of(text, compiled, *, themes=("opening", "peace"), periods=("reform", "now"), mentions=()):
    return section_evidence(text, set(themes), set(periods), list(mentions), compiled)


def test_sentences_start_after_a_full_stop_before_a_capital_and_after_a_chinese_stop():
    text = "One thing. Two things! 三件事。四件事 and more"

    assert [text[s:s + 3] for s in sentence_starts(text)] == ["One", "Two", "三件事", "四件事"]
    assert sentence_starts("a.b c. d") == [0]  # no capital after the stop: one sentence


def test_a_principle_named_only_inside_an_eras_name_is_not_assigned(compiled):
    kept, evidence, _ = evidence_of("Since the reform and opening-up the country has grown.", compiled)

    assert "opening" not in kept
    assert [(e["kind"], e["slug"], e["text"]) for e in evidence] == [("period", "reform", "the reform and opening-up")]


def test_a_principle_stated_on_its_own_is_kept_with_the_words_it_came_from(compiled):
    text = "Opening-up continued. Peaceful coexistence guides relations."
    kept, evidence, _ = evidence_of(text, compiled)

    assert kept == {"opening", "peace"}
    for item in evidence:
        assert text[item["start"]:item["end"]] == item["text"] and item["how"] == "rule"
    assert [e["text"] for e in evidence if e["slug"] == "peace"][0].lower().startswith("peaceful coexistence")


def test_a_principle_pairs_with_the_era_in_force_in_its_sentence(compiled):
    text = ("In the new era the country keeps its course. Peaceful coexistence remains the rule. "
            "Under the reform and opening-up, trade grew. 和平共处是基础。")
    _, _, pairs = evidence_of(text, compiled)

    # the second sentence names no era: the first one's is in force; the last follows the third's
    assert pairs == {("peace", "now"), ("peace", "reform")}
    _, _, alone = evidence_of("Peaceful coexistence remains the rule.", compiled)
    assert alone == set()  # no era named or dated before it: no pair is guessed


def test_a_dated_sentence_pairs_its_principle_with_the_era_of_its_date(compiled):
    text = "In 1982 peaceful coexistence was restated."
    _, evidence, pairs = evidence_of(text, compiled, mentions=[(3, 7, {"reform"})])

    assert pairs == {("peace", "reform")}
    assert ("period", "reform", "1982") in {(e["kind"], e["slug"], e["text"]) for e in evidence}


def test_a_match_hundreds_of_words_long_keeps_only_its_opening_words(compiled):
    text = "Peace " + "and more words " * 400
    _, evidence, _ = evidence_of(text, compiled)

    assert evidence and all(len(e["text"]) <= MAX_EVIDENCE_CHARS for e in evidence)
    assert all(e["end"] - e["start"] > MAX_EVIDENCE_CHARS for e in evidence if e["slug"] == "peace")


@pytest.mark.parametrize("text, quoted", [
    ("Trade and détente went together.", "détente"),  # not "d détente": the end of "and" is context
    ("Trade, détente.", "détente"),
    ("局势缓和了。", "缓和了"),  # unspaced text has no word to trim to: the context character stays
])
def test_a_rule_that_looks_around_its_words_quotes_the_words(compiled, text, quoted):
    _, evidence, _ = evidence_of(text, compiled, themes=("detente",))
    assert [item["text"] for item in evidence] == [quoted]
    assert text[evidence[0]["start"]:evidence[0]["end"]] == quoted
