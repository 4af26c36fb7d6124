"""documents/importing/classifying/matching.py: the fast path, searching only where anchors
occur, gives the answers of the plain definition (every combined expression searched in every
normalised section)."""

from __future__ import annotations

import random

from documents.importing.classifying import CompiledTaxonomy, classify, compile_taxonomy
from documents.importing.classifying.rules import normalise_text
from documents.importing.types import ParsedSection, PeriodRule, TaxonomyRules, ThemeRule
from tests.importing.classifying.helpers import seed_paragraphs, seed_text


def _reference(sections: list[ParsedSection], compiled: CompiledTaxonomy):
    """The plain definition: each combined expression searched in each normalised section; a
    principle found only inside a longer era cue ("since the reform and opening") is not one."""
    texts = [normalise_text(section.text) for section in sections]
    cues = [{s for s, p in compiled.cue_patterns.items() if p.search(t)} for t in texts]
    themes = []
    for text in texts:
        cue_spans = [m.span() for p in compiled.cue_patterns.values() for m in p.finditer(text)]
        themes.append({slug for slug, pattern in compiled.theme_patterns.items()
                       if any(not any(cs <= m.start() and m.end() <= ce and m.end() - m.start() < ce - cs
                                      for cs, ce in cue_spans) for m in pattern.finditer(text))})
    return themes, cues


def _assert_agrees_with_the_reference(documents: list[list[ParsedSection]], compiled: CompiledTaxonomy) -> None:
    """``classify`` finds each document's principles as the reference does, and at least its era cues."""
    for sections in documents:
        result = classify(sections=sections, date=None, taxonomy=compiled)
        themes, cues = _reference(sections, compiled)
        assert result.section_themes == themes
        for found, cued in zip(result.section_periods, cues):
            assert cued <= found  # eras also come from years and decades


def _mixed_documents(count: int) -> list[list[ParsedSection]]:
    """Documents of sentences from all seeds, shuffled and cut at odd places (deterministic)."""
    rng = random.Random(7)
    text = " ".join(seed_text(number) for number in ("000", "001", "002", "003", "004"))
    words = text.split(" ")
    documents = []
    for _ in range(count):
        sections = []
        for _ in range(rng.randint(1, 12)):
            start = rng.randrange(len(words))
            text = " ".join(words[start : start + rng.randint(3, 120)])
            sections.append(ParsedSection("paragraph", text))
        documents.append(sections)
    return documents


def test_classify_agrees_with_the_combined_expressions(compiled):
    documents = [
        [ParsedSection("paragraph", paragraph) for paragraph in seed_paragraphs(number)]
        for number in ("000", "001", "002", "003", "004")
    ]
    documents += _mixed_documents(300)
    _assert_agrees_with_the_reference(documents, compiled)


def test_rules_of_every_shape_agree_with_the_combined_expressions():
    """Rules without a whole-word anchor (a prefix, Chinese) or without any (a bare class)."""
    taxonomy = TaxonomyRules(
        periods=(PeriodRule("era", 1949, None, ("re:[A-Z]{3}\\d",)),),
        themes=(
            ThemeRule("prefix", None, ("re:\\bhegemon",)),
            ThemeRule("chinese", None, ("霸权", "re:干涉[^。]{0,6}内政")),
            ThemeRule("case", None, ("re:\\b(?-i:UN)\\b",)),
            ThemeRule("gap", None, ("re:\\bnot\\b[^.]{0,40}\\balliances?\\b",)),
            ThemeRule("phrase", None, ("use or threat of force", "non-interference")),
        ),
    )
    compiled = compile_taxonomy(taxonomy)
    texts = [
        "Hegemonic acts; the un-aligned UN; ABC1 and abc1.",
        "反对霸权主义，不干涉别国内政。 China will not, under any condition, join alliances.",
        "the use  or threat of  force; non - interference; noninterference",
        "nothing here",
    ]
    unusual = [
        "naïve hegemonyé, αhegemony, éhegemony",
        "NON-İNTERFERENCE and the ſecurity of the UN",
        "use\u00a0or threat of\u2011force",
        "霸權 and 霸权; 不干涉他国内政",
    ]
    documents = [[ParsedSection("paragraph", text) for text in texts]]
    documents += [[ParsedSection("paragraph", text) for text in unusual]] + _mixed_documents(50)
    _assert_agrees_with_the_reference(documents, compiled)
    first = classify(sections=documents[0], date=None, taxonomy=compiled)
    assert first.section_themes == [{"prefix", "case"}, {"chinese", "gap"}, {"phrase"}, set()]
    assert first.section_periods == [{"era"}, set(), set(), set()]
