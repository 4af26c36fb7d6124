"""Evidence: the words each principle and era of a passage was assigned from, and the pairs
(principle, era) that one sentence supports.

``classify`` finds *which* rules match a section quickly (``matching``); this module is run only
for what matched, so its cost is the matches', not the taxonomy's. For each matched principle
and era it finds every match of the combined expression (RE2, linear) in the section, and:

- drops a principle's match that is a part of a longer era cue's match: "since the Reform and
  Opening-up" is evidence of an era, never by itself of the principle of opening up. (A phrase
  that is whole both a cue and a principle's rule, "the Belt and Road", states both.) A principle
  left with no match is not assigned;
- splits the section into sentences and pairs each principle stated in a sentence with the eras
  of that sentence: those it names or dates, else the passage's own time cue in force there (the
  latest sentence before it, in the passage, that named or dated an era).

Offsets are in the section's normalised text (``rules.normalise_text``), which keeps the length
of the text it was given wherever the section has no dropped character.
"""

from __future__ import annotations

import bisect
import re

from .compiled import CompiledTaxonomy

# Where a sentence ends: ., ! or ? before a space and a capital, digit, quote, bracket or Chinese
# character; or a Chinese or Japanese full stop, exclamation or question mark, or a semicolon.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(\[A-Z0-9\u00c0-\u024f\u0400-\u04ff\u3400-\u9fff])"
                           r"|(?<=[。！？；;])\s*")
MAX_EVIDENCE_CHARS = 200  # the words kept for one match: a rule's match is a phrase, not a page


def sentence_starts(text: str) -> list[int]:
    """The offset where each sentence of ``text`` starts (the first is 0)."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text) if 0 < m.end() < len(text)]


def _inside_word(text: str, i: int) -> bool:
    """Whether offset ``i`` falls between two letters of one word (never in Chinese or Japanese
    text, whose words are not spaced)."""
    if not 0 < i < len(text):
        return False
    before, after = text[i - 1], text[i]
    return before.isalnum() and after.isalnum() and not (_unspaced(before) or _unspaced(after))


def _unspaced(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _spans(pattern, text: str) -> list[tuple[int, int]]:
    """Where ``pattern`` matches ``text``, the spaces and punctuation at the edges left out, and
    so is the end of a word the match began inside, when more words follow: a rule that looks at
    the characters before its words, as RE2 has no look-behind, quotes its words only. (A match
    that ends inside a word is a stem, "hegemon" in "hegemonism", and is kept whole.)"""
    spans = []
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        if _inside_word(text, start) and any(not c.isalnum() for c in text[start:end]):
            while start < end and text[start].isalnum():  # the tail of the word before: context
                start += 1
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def section_evidence(
    text: str,
    themes: set[str],
    periods: set[str],
    time_mentions: list[tuple[int, int, set[str]]],
    compiled: CompiledTaxonomy,
) -> tuple[set[str], list[dict], set[tuple[str, str]]]:
    """For one section's normalised ``text``, with the principles and era cues that matched it
    and its time mentions ((start, end, eras), offsets in ``text``): the principles kept, the
    evidence ({"kind", "slug", "how": "rule", "text", "start", "end"}, in text order) and the
    (principle, era) pairs one sentence supports."""
    cue_spans: dict[str, list[tuple[int, int]]] = {}
    for slug in periods:
        pattern = compiled.cue_patterns.get(slug)
        cue_spans[slug] = _spans(pattern, text) if pattern is not None else []
    every_cue = [span for spans in cue_spans.values() for span in spans]
    theme_spans: dict[str, list[tuple[int, int]]] = {}
    for slug in themes:
        pattern = compiled.theme_patterns.get(slug)
        found = _spans(pattern, text) if pattern is not None else []
        found = [(s, e) for s, e in found if not any(cs <= s and e <= ce and e - s < ce - cs for cs, ce in every_cue)]
        if found:
            theme_spans[slug] = found
    era_spans: list[tuple[int, int, str]] = [(s, e, slug) for slug, spans in cue_spans.items() for s, e in spans]
    era_spans += [(s, e, slug) for s, e, eras in time_mentions for slug in eras]

    evidence = [{"kind": "theme", "slug": slug, "how": "rule", "text": text[s:e][:MAX_EVIDENCE_CHARS], "start": s, "end": e}
                for slug, spans in theme_spans.items() for s, e in spans]
    evidence += [{"kind": "period", "slug": slug, "how": "rule", "text": text[s:e][:MAX_EVIDENCE_CHARS], "start": s, "end": e}
                 for s, e, slug in era_spans]
    evidence.sort(key=lambda item: (item["start"], item["kind"], item["slug"]))

    starts = sentence_starts(text)
    eras_by_sentence: dict[int, set[str]] = {}
    for s, _e, slug in era_spans:
        eras_by_sentence.setdefault(bisect.bisect_right(starts, s) - 1, set()).add(slug)
    in_force: list[set[str]] = []
    current: set[str] = set()
    for index in range(len(starts)):
        current = eras_by_sentence.get(index, current)
        in_force.append(current)
    pairs = {(slug, era) for slug, spans in theme_spans.items() for s, _e in spans
             for era in in_force[bisect.bisect_right(starts, s) - 1]}
    return set(theme_spans), evidence, pairs
