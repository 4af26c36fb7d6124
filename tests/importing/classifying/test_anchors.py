"""documents/importing/classifying/anchors.py: the word or text every match of a rule contains."""

from __future__ import annotations

import re

import pytest

from documents.importing.classifying.anchors import rule_anchor
from documents.importing.classifying.rules import rule_pattern


@pytest.mark.parametrize(
    ("rule", "strings", "words"),
    [
        ("re:\\bhegemon(?:y|ism)\\b", {"hegemony", "hegemonism"}, True),
        ("non-interference", {"interference", "noninterference"}, True),  # hyphen or nothing
        ("the use or threat of force", {"threat"}, True),
        ("re:\\bhegemon", {"hegemon"}, False),  # not a whole word: looked for as text
        ("霸权", {"霸权"}, False),
    ],
)
def test_a_rule_is_anchored_on_what_every_match_contains(rule, strings, words):
    anchor = rule_anchor(rule_pattern(rule))
    assert (set(anchor.strings), anchor.words) == (strings, words)


def test_a_rule_without_fixed_text_has_no_anchor():
    """It is searched in every section instead."""
    assert rule_anchor(rule_pattern("re:[A-Z]{3}\\d")) is None


def test_every_seed_rule_is_anchored_on_a_word_or_chinese_text(compiled):
    """No rule of the seed taxonomy in Latin script or Chinese falls back to searching every
    section or the whole text for ASCII text: classify stays fast (see the module docstring).
    Russian rules (cased, non-ASCII: no anchor) are the exception: one RE2 pass, linear, per
    principle that has them."""
    for index in compiled.unanchored:
        pattern = compiled.rules[index].regex.pattern
        assert "\\x{4" in pattern and not re.search(r"[a-z]{2}", pattern.replace("(?i)", "")), pattern
    assert len(compiled.unanchored) <= 8
    assert [text for text, chars, _users in compiled.text_anchors if not chars] == []
