"""Anchors: a word (or, failing that, a piece of text) every match of a rule contains.

``classify`` searches a section with a rule only when the section has the rule's anchor:
"hegemony" or "hegemonism" for ``\\bhegemon(?:y|ism)\\b``. ``rule_anchor`` finds the cheapest
anchor of one rule's expression (Python's syntax, ``RulePattern.source``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from re import _parser as _sre_parse  # the parser behind re.compile, used to find each rule's anchor

# A rule's regular expression is parsed with the parser behind re.compile and its fixed parts
# are spelled out: "\bhegemon(?:y|ism)\b" matches only "hegemony" or "hegemonism", each a whole
# word at the start of the match. The analysis must never claim something a match might lack
# (that would lose matches), so whatever it does not understand counts as "could be anything";
# a rule with no anchor at all is simply searched in every section.

_GUARD = "\x01"  # marks a place where a word must begin or end: \b, (?<![a-z...]), (?![a-z...])
_OPEN = "\x02"  # marks an edge of a spelled-out piece where the text may continue a word
_MAX_FORMS = 64  # a piece is spelled out when it has at most this many forms
_MAX_TEXTS = 8  # a text anchor has at most this many forms (each costs a search of the text)
_WORD = re.compile(r"[0-9a-z]+")
ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
# Words too frequent to anchor on when a rule offers anything else (each occurrence costs a
# check): function words and the words every foreign-policy text repeats, most frequent first
# (measured on the seed documents).
_COMMON_WORDS_RANKED = tuple(
    """the and of to a in china is for on with as by be are s it its that this at or an was we
    will all our their other not no nor any from has which they also should each one two own
    world development countries international relations peace cooperation policy peaceful new
    common mutual foreign developing principles independent through diplomatic strategic
    interests up national future shared country security economic community promote between
    affairs situation good building based respect benefit more further people human work
    stability prosperity principle diplomacy global partnership fundamental maintain chinese
    always core political develop trust establish issues peoples regional actively safeguard
    environment basic important same first only""".split()
)
_COMMON_WORDS = frozenset(_COMMON_WORDS_RANKED)
_COMMONNESS = {
    word: len(_COMMON_WORDS_RANKED) - rank for rank, word in enumerate(_COMMON_WORDS_RANKED)
}
_REPEATS = tuple(
    getattr(_sre_parse, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_sre_parse, name)
)
_BOUNDARIES = (_sre_parse.AT_BOUNDARY, _sre_parse.AT_UNI_BOUNDARY)
_WORD_CATEGORIES = (_sre_parse.CATEGORY_WORD, _sre_parse.CATEGORY_UNI_WORD)
_DIGIT_CATEGORIES = (_sre_parse.CATEGORY_DIGIT, _sre_parse.CATEGORY_UNI_DIGIT)
_SEPARATOR_CATEGORIES = (
    _sre_parse.CATEGORY_SPACE,
    _sre_parse.CATEGORY_UNI_SPACE,
    _sre_parse.CATEGORY_NOT_WORD,
    _sre_parse.CATEGORY_UNI_NOT_WORD,
)


@dataclass(frozen=True)
class _Anchor:
    """Strings one of which every match of a rule contains.

    ``words`` True: whole lower-case words ([0-9a-z]+) of the text; False: pieces of text,
    lower-case when ASCII.
    """

    strings: frozenset[str]
    words: bool

    def score(self) -> tuple:
        """Higher is cheaper to use. First the kind: uncommon words (a set lookup per section),
        Chinese text (looked for only in documents with its characters), common words (in
        many sections, so many searches), ASCII text (searched for in the whole document).
        Then the least common word, length, fewer forms."""
        shortest = min(len(string) for string in self.strings)
        if self.words:
            tier = 1 if self.strings & _COMMON_WORDS else 3
        else:
            tier = 0 if any(string.isascii() for string in self.strings) else 2
        commonness = max(_COMMONNESS.get(string, 0) for string in self.strings)
        return (tier, -commonness, min(shortest, 6), -len(self.strings), shortest)


def _class_has(items, char: str) -> bool:
    """Whether a parsed character class (without NEGATE) contains ``char`` in either case."""
    for op, av in items:
        if op is _sre_parse.LITERAL and chr(av) in (char, char.upper()):
            return True
        if op is _sre_parse.RANGE and any(av[0] <= ord(c) <= av[1] for c in (char, char.upper())):
            return True
        if op is _sre_parse.CATEGORY and (
            av in _WORD_CATEGORIES or (char.isdigit() and av in _DIGIT_CATEGORIES)
        ):
            return True
    return False


def _is_word_guard(sub) -> bool:
    """A look-around body such as [0-9a-z...] or \\w: it forbids every letter and digit."""
    if len(sub) != 1 or sub[0][0] is not _sre_parse.IN:
        return False
    items = sub[0][1]
    if any(op is _sre_parse.NEGATE for op, _ in items):
        return False
    return all(_class_has(items, char) for char in ALNUM)


def _is_separator(op, av) -> bool:
    """An item that always consumes at least one character that is not a letter or digit."""
    if op is _sre_parse.IN:
        return not any(op is _sre_parse.NEGATE for op, _ in av) and not any(
            _class_has(av, char) for char in ALNUM
        ) and all(
            item_op in (_sre_parse.LITERAL, _sre_parse.RANGE)
            or (item_op is _sre_parse.CATEGORY and item_av in _SEPARATOR_CATEGORIES)
            for item_op, item_av in av
        )
    if op in _REPEATS:
        low, _high, sub = av
        return low >= 1 and len(sub) == 1 and _is_separator(*sub[0])
    return False


def _spelled(op, av) -> frozenset[str] | None:
    """Every string one regex item can match, lower-case, with _GUARD where a word must end;
    None when there are too many or they cannot be told."""
    if op is _sre_parse.LITERAL:
        return frozenset({chr(av).lower()})
    if op is _sre_parse.AT:
        return frozenset({_GUARD if av in _BOUNDARIES else ""})
    if op is _sre_parse.ASSERT_NOT:
        return frozenset({_GUARD if _is_word_guard(av[1]) else ""})
    if op is _sre_parse.ASSERT:
        return frozenset({""})
    if op is _sre_parse.IN:
        if len(av) > 4 or any(item_op is not _sre_parse.LITERAL for item_op, _ in av):
            return None
        return frozenset(chr(code).lower() for _, code in av)
    if op is _sre_parse.SUBPATTERN:
        return _spelled_sequence(av[3])
    if op is _sre_parse.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            forms = _spelled_sequence(alternative)
            if forms is None:
                return None
            union |= forms
            if len(union) > _MAX_FORMS:
                return None
        return frozenset(union)
    if op in _REPEATS:
        low, high, sub = av
        forms = _spelled_sequence(sub) if high <= 1 else None
        if forms is None:
            return None
        return forms | {""} if low == 0 else forms
    return None


def _spelled_sequence(items) -> frozenset[str] | None:
    forms = frozenset({""})
    for op, av in items:
        item_forms = _spelled(op, av)
        if item_forms is None:
            return None
        forms = _concatenate(forms, item_forms)
        if len(forms) > _MAX_FORMS:
            return None
    return forms


def _concatenate(forms: frozenset[str], more: frozenset[str]) -> frozenset[str]:
    return frozenset(a + b for a, b in itertools.product(forms, more))


def _visible_length(string: str) -> int:
    """Length in characters of text (the markers take none)."""
    return len(string) - string.count(_GUARD) - string.count(_OPEN)


def _word_rarity(word: str) -> tuple[bool, int, int]:
    """Sort key: words not in the common list first, then rarer common words, then longer."""
    return (word not in _COMMON_WORDS, -_COMMONNESS.get(word, 0), len(word))


def _whole_words(form: str, left_guard: bool, right_guard: bool) -> dict[str, list[int]]:
    """The whole words of a spelled-out form, with their offsets in it."""
    full = ("" if left_guard else _OPEN) + form + ("" if right_guard else _OPEN)
    words: dict[str, list[int]] = {}
    for match in _WORD.finditer(full):
        begin, end = match.span()
        if (begin and full[begin - 1] == _OPEN) or (end < len(full) and full[end] == _OPEN):
            continue  # the text may continue this word beyond the spelled-out piece
        words.setdefault(match.group(), []).append(_visible_length(full[:begin]))
    return words


def _piece_anchors(
    pieces: list[frozenset[str]], left_guard: bool, right_guard: bool
) -> list[_Anchor]:
    """Candidate anchors in a run of spelled-out pieces, given whether its edges are guarded."""
    forms = frozenset({""})
    for index, piece in enumerate(pieces):
        forms = _concatenate(forms, piece)
        if len(forms) > _MAX_FORMS:  # too many forms: look in either half instead
            half = max(1, index)
            return _piece_anchors(pieces[:half], left_guard, False) + _piece_anchors(
                pieces[half:], False, right_guard
            )
    candidates = []
    words_of_forms = [_whole_words(form, left_guard, right_guard) for form in forms]
    if all(words_of_forms):
        # A word all forms share; the rarest word of each form; its first uncommon word.
        shared = set.intersection(*(set(words) for words in words_of_forms))
        candidates += [_Anchor(frozenset({word}), True) for word in shared]
        for choose in (_rarest_word, _first_uncommon_word):
            chosen = frozenset(choose(words) for words in words_of_forms)
            candidates.append(_Anchor(chosen, True))
    return candidates + _text_anchors(pieces)


def _rarest_word(words: dict[str, list[int]]) -> str:
    return max(words, key=_word_rarity)


def _first_uncommon_word(words: dict[str, list[int]]) -> str:
    uncommon = [word for word in words if word not in _COMMON_WORDS]
    return min(uncommon, key=lambda word: words[word][0]) if uncommon else _rarest_word(words)


def _text_anchors(pieces: list[frozenset[str]]) -> list[_Anchor]:
    """Pieces of text every match contains: each stretch of consecutive pieces spelled out."""
    candidates = []
    for first in range(len(pieces)):
        forms = frozenset({""})
        for piece in pieces[first:]:
            forms = frozenset(a + b.replace(_GUARD, "") for a, b in itertools.product(forms, piece))
            if len(forms) > _MAX_TEXTS:
                break
            # Not cased non-ASCII text: Chinese is looked for as written, ASCII in lower case.
            if "" not in forms and all(f.isascii() or f.lower() == f.upper() for f in forms):
                candidates.append(_Anchor(forms, False))
    return candidates


def _best_anchor(items) -> _Anchor | None:
    """The best anchor of a sequence of parsed regex items, or None if it has none."""
    candidates: list[_Anchor] = []
    pieces: list[frozenset[str]] = []
    left_guard = after_separator = False
    for op, av in items:
        forms = _spelled(op, av)
        if forms is not None:
            if not pieces:
                left_guard = after_separator
            if pieces and len(pieces[-1]) == 1 and len(forms) == 1:  # plain text: one piece
                pieces[-1] = _concatenate(pieces[-1], forms)
            else:
                pieces.append(forms)
        else:
            if pieces:
                candidates += _piece_anchors(pieces, left_guard, _is_separator(op, av))
                pieces = []
            inner = _inner_anchor(op, av)
            if inner is not None:
                candidates.append(inner)
        after_separator = forms is None and _is_separator(op, av)
    if pieces:
        candidates += _piece_anchors(pieces, left_guard, False)
    return max(candidates, key=_Anchor.score, default=None)


def _inner_anchor(op, av) -> _Anchor | None:
    """The anchor inside an item too varied to spell out: a group, alternation or repeat."""
    if op is _sre_parse.SUBPATTERN:
        return _best_anchor(av[3])
    if op in _REPEATS and av[0] >= 1:
        return _best_anchor(av[2])
    if op is _sre_parse.BRANCH:
        anchors = [_best_anchor(alternative) for alternative in av[1]]
        if any(anchor is None for anchor in anchors) or len({a.words for a in anchors}) != 1:
            return None
        return _Anchor(frozenset().union(*(anchor.strings for anchor in anchors)), anchors[0].words)
    return None


def rule_anchor(source: str) -> _Anchor | None:
    """The anchor of one rule's regular expression, or None when it has none."""
    try:
        return _best_anchor(list(_sre_parse.parse(source, re.IGNORECASE)))
    except Exception:  # pragma: no cover - the parser changed: search everywhere instead
        return None

