"""documents/importing/classifying/re2_syntax.py: a rule written for RE2 keeps Python's meaning."""

from __future__ import annotations

import re

import pytest

from documents.importing.classifying import classify, compile_taxonomy
from documents.importing.classifying.rules import normalise_text, rule_pattern
from documents.importing.types import ParsedSection, TaxonomyRules, ThemeRule


# --------------------------------------------------------------------------------------------
# Same answers as Python's reading of the rule (Unicode \w, \b at the edges, case)
# --------------------------------------------------------------------------------------------

PARITY = [
    (r"re:\bsécurité\b", ["la sécurité.", "insécurité", "SÉCURITÉ", "sécuritée", "sécurité"]),
    (r"re:\b和平\b", ["和平", "的和平发展", "（和平）", "peace 和平 peace", "a和平"]),
    (r"re:\bhegemon(?:y|ism)\b",
     ["hegemony", "éhegemony", "hegemonyé", "_hegemony", "αhegemonism."]),
    (r"re:\b(?-i:UN)\b", ["the UN.", "the un", "UNESCO", "éUN"]),
    (r"re:\bpeace\w*\s+\d+", ["peace 1956", "peacekeeping\u2003١٩٥٦", "peace x"]),
    (r"re:[^\W\d]+ism\b", ["hegemonism", "9ism", "éism", "ism"]),
    (r"re:^peace", ["peace first", "first peace"]),
    (r"re:peace$", ["make peace", "peace made"]),
    ("non-interference",
     ["non interference", "noninterference", "non-interférence", "xnon-interference"]),
    ("Sécurité commune", ["la sécurité  commune", "sécurité-commune", "sécurité communes"]),
]


@pytest.mark.parametrize(("rule", "texts"), PARITY)
def test_classify_answers_as_python_reads_the_rule(rule, texts):
    """Python's engine, used here as the reference on short texts, and RE2 agree."""
    reference = re.compile(rule_pattern(rule), re.IGNORECASE)
    compiled = compile_taxonomy(TaxonomyRules(periods=(), themes=(ThemeRule("t", None, (rule,)),)))
    sections = [ParsedSection("paragraph", text) for text in texts]
    found = classify(sections=sections, date=None, taxonomy=compiled).section_themes
    expected = [{"t"} if reference.search(normalise_text(text)) else set() for text in texts]
    assert found == expected
