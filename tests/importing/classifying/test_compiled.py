"""documents/importing/classifying/compiled.py: compiling a taxonomy's rules for classify."""

from __future__ import annotations

import pytest

from documents.importing.classifying import compile_taxonomy
from documents.importing.types import PeriodRule, TaxonomyRules, ThemeRule


def test_compile_names_the_theme_and_rule_of_an_unusable_rule():
    taxonomy = TaxonomyRules(periods=(), themes=(ThemeRule("broken", None, ("fine", "re:(x")),))
    with pytest.raises(ValueError, match=r"theme 'broken': rule 're:\(x'"):
        compile_taxonomy(taxonomy)


def test_each_theme_and_era_with_rules_is_one_expression_matching_any_of_them():
    compiled = compile_taxonomy(
        TaxonomyRules(
            periods=(PeriodRule("thaw", 1978, None, ("opening-up",)), PeriodRule("calm", 1949, 1977)),
            themes=(
                ThemeRule("concord", None, ("peaceful coexistence", "re:\\bconcord\\b")),
                ThemeRule("silent", None, ()),
            ),
        )
    )
    assert set(compiled.theme_patterns) == {"concord"}  # a theme without rules matches nothing
    assert set(compiled.cue_patterns) == {"thaw"}
    concord = compiled.theme_patterns["concord"]
    assert concord.search("Peaceful-coexistence") and concord.search("in CONCORD.")
    assert not concord.search("concordance")
    assert compiled.cue_patterns["thaw"].search("reform and opening up")
    assert (compiled.era_of_year[1960], compiled.era_of_year[1990]) == ("calm", "thaw")
