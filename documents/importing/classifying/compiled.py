"""The compiled taxonomy: every rule read, compiled for RE2 and indexed by its anchor.

``compile_taxonomy`` builds, once per taxonomy, what ``classify`` needs: for each principle
and era one combined RE2 expression (the plain definition of what matches), the rules grouped
by anchor word or anchor text (``anchors``), and the era tables (``eras``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import re2

from ..types import TaxonomyRules
from .anchors import rule_anchor
from .eras import era_tables
from .re2_syntax import compile_re2
from .rules import read_rule

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class _Rule:
    """The rules of one theme (or era) that share an anchor, as one RE2 expression."""

    target: int  # index of ("theme" or "period", slug) in CompiledTaxonomy.targets
    regex: re2._Regexp


# Who to try when an anchor occurs in a section: (rule index, target) pairs.
AnchorUsers = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class CompiledTaxonomy:
    """A taxonomy ready for ``classify``. Build it once with ``compile_taxonomy``.

    ``theme_patterns`` and ``cue_patterns`` hold one combined RE2 expression (the rules as
    one alternation) per theme and per era: the plain definition of what matches, to use on
    ``normalise_text`` output. ``classify`` gets the same answers faster through the anchors.
    """

    theme_patterns: dict[str, re2._Regexp]
    cue_patterns: dict[str, re2._Regexp]
    targets: tuple[tuple[str, str], ...]  # ("theme" or "period", slug)
    rules: tuple[_Rule, ...]
    # anchor word (and every word in YEAR_WORDS) -> (users, whether in YEAR_WORDS)
    word_anchors: dict[bytes, tuple[AnchorUsers, bool]]
    anchor_words: frozenset[bytes]  # the keys of word_anchors
    # (anchor text, its non-ASCII characters, users)
    text_anchors: tuple[tuple[str, frozenset[str], AnchorUsers], ...]
    unanchored: tuple[int, ...]  # rules without an anchor: searched in every section
    era_of_year: dict[int, str]  # the most specific era of each year FIRST_YEAR..LAST_YEAR
    era_rank: dict[str, int]  # later-starting eras rank higher


# Words that may be years or decades ("1956", "1950s"); they are in every word_anchors.
YEAR_WORDS = frozenset(
    [str(year).encode("ascii") for year in range(1900, 2200)]
    + [f"{decade}s".encode("ascii") for decade in range(1900, 2200, 10)]
)


@functools.lru_cache(maxsize=16)
def compile_taxonomy(taxonomy: TaxonomyRules) -> CompiledTaxonomy:
    """Compile the rules and cues of ``taxonomy`` for ``classify`` (cached per taxonomy).

    Raises ``ValueError`` naming the theme or era and the rule when a rule is unusable.
    """
    patterns: dict[str, dict[str, re2._Regexp]] = {"theme": {}, "period": {}}
    targets: list[tuple[str, str]] = []
    # anchor -> target -> the rules (their RE2 form) anchored on it
    by_word: dict[str, dict[int, list[str]]] = {}
    by_text: dict[str, dict[int, list[str]]] = {}
    unanchored: dict[int, list[str]] = {}
    groups = [("theme", theme.slug, theme.rules) for theme in taxonomy.themes]
    groups += [("period", period.slug, period.cues) for period in taxonomy.periods]
    for kind, slug, rule_texts in groups:
        read = []
        for rule_text in rule_texts:
            try:
                read.append(read_rule(rule_text))
            except ValueError as exc:
                raise ValueError(f"{kind} {slug!r}: rule {rule_text!r}: {exc}") from None
        if not read:
            continue
        try:
            patterns[kind][slug] = compile_re2(tuple(rule.re2 for rule in read))
        except ValueError as exc:
            raise ValueError(f"{kind} {slug!r}: its rules together: {exc}") from None
        target = len(targets)
        targets.append((kind, slug))
        for rule in read:
            anchor = rule_anchor(rule.source)
            if anchor is None:
                unanchored.setdefault(target, []).append(rule.re2)
                continue
            table = by_word if anchor.words else by_text
            for string in anchor.strings:
                table.setdefault(string, {}).setdefault(target, []).append(rule.re2)

    # One search per section and theme for each anchor: the theme's rules with that anchor
    # are joined into one expression.
    rules: list[_Rule] = []
    rule_index: dict[tuple[int, tuple[str, ...]], int] = {}

    def users(by_target: dict[int, list[str]]) -> AnchorUsers:
        found = []
        for target, forms in by_target.items():
            key = (target, tuple(dict.fromkeys(forms)))
            if key not in rule_index:
                rule_index[key] = len(rules)
                rules.append(_Rule(target, compile_re2(key[1])))
            found.append((rule_index[key], target))
        return tuple(found)

    word_users = {word.encode("ascii"): users(by_target) for word, by_target in by_word.items()}
    word_anchors = {
        word: (word_users.get(word, ()), word in YEAR_WORDS)
        for word in word_users.keys() | YEAR_WORDS
    }
    text_anchors = tuple(
        (text, frozenset(_NON_ASCII.findall(text)), users(by_target))
        for text, by_target in by_text.items()
    )
    unanchored_rules = tuple(entry[0] for entry in users(unanchored))

    era_of_year, era_rank = era_tables(taxonomy.periods)
    return CompiledTaxonomy(
        theme_patterns=patterns["theme"],
        cue_patterns=patterns["period"],
        targets=tuple(targets),
        rules=tuple(rules),
        word_anchors=word_anchors,
        anchor_words=frozenset(word_anchors),
        text_anchors=text_anchors,
        unanchored=unanchored_rules,
        era_of_year=era_of_year,
        era_rank=era_rank,
    )

