"""Classify stage: suggest the themes and the eras of every passage of a document.

``classify`` is a pure function over parsed sections. For each section it returns

- the theme slugs whose rules match the section's text (``section_themes``). A parent theme is
  not added because a child matched: the reader site shows a parent with its children;
- the eras the section speaks about (``section_periods``), from the years it mentions
  ("in 1956" -> the most specific era containing 1956), the decades it mentions ("the mid-1950s",
  "the late 1960s and early 1970s", "20世纪50年代") and the era cues of the taxonomy ("since the
  18th CPC National Congress");

and, for the whole document, the era it was issued in (``issued_in``): the most specific era
containing its date or, for an undated document, the latest era its text speaks about (a
document cannot be older than the latest era it mentions).

How rules are written (plain phrases, "re:" patterns, Chinese) is described at the top of
``seeds/taxonomy.yaml``; ``rule_pattern`` turns one rule into a regular expression, and
``CompiledTaxonomy.theme_patterns`` holds each theme's rules as one combined expression: a
section has a theme exactly when that expression matches its normalised text.

Speed. The importer must classify about 40 sections of about 100 words at 200 documents a
second, so ``classify`` gets well under 2 ms per document. Searching every section with every
theme's expression takes about 10 ms: Python's regex engine tries every alternative at every
position. So ``compile_taxonomy`` also works out, for each rule, an anchor: a word every match
contains ("hegemony" or "hegemonism" for ``\\bhegemon(?:y|ism)\\b``) and how far into the match
it can be. ``classify`` collects each section's words into a set, intersects it with the anchor
words, and tries a rule only where its anchor occurs, with ``match`` at the few places the
match can begin. Rules whose anchor is not a whole word (Chinese text, for instance) are looked
for with ``str.find``; a rule without any anchor is searched in every section. The answers are
the same as searching every section with every combined expression; a test checks that.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import re
from dataclasses import dataclass

from documents.importing.types import Classification, ParsedSection, Taxonomy

try:  # Python 3.11+: the parser behind re.compile, used to find each rule's anchor.
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_parse as _sre_parse  # type: ignore[no-redef]

REGEX_PREFIX = "re:"
FIRST_YEAR = 1949  # numbers outside FIRST_YEAR..LAST_YEAR are not read as years
LAST_YEAR = 2100

# --------------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------------

# One character for one character, so that offsets stay valid.
_SAME_LENGTH = (
    ("\u2019", "'"),  # right single quotation mark, the usual curly apostrophe
    ("\u2018", "'"),
    ("\u02bc", "'"),  # modifier letter apostrophe
    ("\u2032", "'"),  # prime
    ("\uff07", "'"),  # fullwidth apostrophe
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2010", "-"),  # hyphen
    ("\u2011", "-"),  # non-breaking hyphen
    ("\u2012", "-"),  # figure dash
    ("\u2013", "-"),  # en dash
    ("\u2014", "-"),  # em dash
    ("\u2015", "-"),  # horizontal bar
    ("\u2212", "-"),  # minus sign
    ("\ufe63", "-"),
    ("\uff0d", "-"),  # fullwidth hyphen-minus
    ("\u00a0", " "),  # no-break space
    ("\u2009", " "),  # thin space
    ("\u202f", " "),  # narrow no-break space
    ("\u3000", " "),  # ideographic space
    # The only non-ASCII letters that match ASCII letters when case is ignored.
    ("\u0130", "I"),  # dotted capital I
    ("\u0131", "i"),  # dotless i
    ("\u017f", "s"),  # long s
    ("\u212a", "K"),  # Kelvin sign
)
# Invisible characters that split words: removed.
_DROPPED = ("\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff")


def normalise_text(text: str) -> str:
    """Return ``text`` with apostrophes, quotes, dashes and spaces in one form each.

    Curly apostrophes become ``'``, curly double quotes ``"``, every dash ``-``, unusual spaces a
    plain space, and the four letters that match ASCII letters when case is ignored (İ ı ſ K)
    those letters; soft hyphens and zero-width characters are removed. Rules are matched against
    this form, so a rule writes ``'`` and ``-`` and matches every variant.
    """
    for old, new in _SAME_LENGTH:
        text = text.replace(old, new)
    for old in _DROPPED:
        text = text.replace(old, "")
    return text


def _normalise_same_length(text: str) -> str:
    """``normalise_text`` without the removals, so offsets into ``text`` stay valid."""
    for old, new in _SAME_LENGTH:
        text = text.replace(old, new)
    return text


# --------------------------------------------------------------------------------------------
# Rules -> regular expressions
# --------------------------------------------------------------------------------------------

_LATIN = "0-9a-z\u00c0-\u024f"  # letters and digits that make up a Latin-script word
_LATIN_CHAR = re.compile(f"[{_LATIN}]", re.IGNORECASE)
_PHRASE_SEPARATOR = re.compile(r"([\s-]+)")


def _phrase_regex(phrase: str) -> str:
    """Regular expression for a plain phrase (see ``rule_pattern``)."""
    phrase = " ".join(normalise_text(phrase).split())
    parts = _PHRASE_SEPARATOR.split(phrase.strip("-"))
    pieces = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            pieces.append(re.escape(part))
        elif "-" in part:
            # A hyphen may also be a space or nothing. Written this way (not [\s-]{0,6}) the
            # forms can be spelled out, so "non-interference" anchors on its words.
            pieces.append(r"(?: ?- ?| |)")
        else:
            pieces.append(r"[\s-]{1,6}")
    body = "".join(pieces)
    if _LATIN_CHAR.match(phrase[:1]):
        body = f"(?<![{_LATIN}]){body}"
    if _LATIN_CHAR.match(phrase[-1:]):
        body = f"{body}(?![{_LATIN}])"
    return body


def rule_pattern(rule: str) -> str:
    """Return the regular expression (used ignoring case) for one theme rule or era cue.

    A rule is either a plain phrase or, after the prefix ``re:``, a Python regular expression.
    A plain phrase matches as whole words wherever it starts or ends with a Latin letter or
    digit; a space in it matches one to six spaces or hyphens, a hyphen matches a hyphen (with
    or without spaces around it), a space or nothing. Both kinds are applied to
    ``normalise_text`` output, ignoring case.

    Raises ``ValueError`` with a short reason when the rule is empty, is not a valid regular
    expression, has a capturing group, or can match an empty text (it would tag every passage).
    """
    if not isinstance(rule, str) or not rule.strip():
        raise ValueError("empty rule")
    if rule.startswith(REGEX_PREFIX):
        source = normalise_text(rule[len(REGEX_PREFIX) :])
        if not source.strip():
            raise ValueError("empty regular expression after 're:'")
    else:
        source = _phrase_regex(rule)
    try:
        # Wrapped as it will be inside a theme's combined alternation.
        compiled = re.compile(f"(?:{source})", re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    if compiled.groups:
        raise ValueError("must not contain capturing groups; write (?:...) instead")
    if _sre_parse.parse(source, re.IGNORECASE).getwidth()[0] == 0:
        raise ValueError("can match an empty text, so it would tag every passage")
    return source


# --------------------------------------------------------------------------------------------
# Anchors: a word (or, failing that, a piece of text) every match of a rule contains
# --------------------------------------------------------------------------------------------
#
# A rule's regular expression is parsed with the parser behind re.compile and its fixed parts
# are spelled out: "\bhegemon(?:y|ism)\b" matches only "hegemony" or "hegemonism", each a whole
# word at the start of the match. The analysis must never claim something a match might lack
# (that would lose matches), so whatever it does not understand counts as "could be anything";
# a rule with no anchor at all is simply searched in every section.

_GUARD = "\x01"  # marks a place where a word must begin or end: \b, (?<![a-z...]), (?![a-z...])
_OPEN = "\x02"  # marks an edge of a spelled-out piece where the text may continue a word
_MAX_FORMS = 64  # a piece is spelled out when it has at most this many forms
_MAX_TEXTS = 8  # a text anchor has at most this many forms (each costs a search of the text)
_MAX_LEADS = 8  # the possible offsets of an anchor in a match are listed when this few
_WORD = re.compile(r"[0-9a-z]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
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
_ATOMIC_GROUP = getattr(_sre_parse, "ATOMIC_GROUP", object())
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
class _Lead:
    """How many characters of a match can come before some point of it.

    ``high`` None: unbounded. ``values``: every possible number when there are few, else None.
    """

    low: int
    high: int | None
    values: frozenset[int] | None

    def plus(self, low: int, high: int | None, values: frozenset[int] | None) -> _Lead:
        """This lead followed by something of the given width."""
        both = None
        if self.values is not None and values is not None:
            both = frozenset(a + b for a in self.values for b in values)
            both = both if len(both) <= _MAX_LEADS else None
        return _Lead(
            self.low + low, None if self.high is None or high is None else self.high + high, both
        )


_START = _Lead(0, 0, frozenset({0}))


@dataclass(frozen=True)
class _Anchor:
    """Strings one of which every match of a rule contains, and how far into the match.

    ``words`` True: whole lower-case words ([0-9a-z]+) of the text; False: pieces of text,
    lower-case when ASCII.
    """

    strings: frozenset[str]
    words: bool
    lead: _Lead

    def score(self) -> tuple:
        """Higher is cheaper to use. First the kind: uncommon words (a set lookup per section),
        Chinese text (looked for only in documents with its characters), common words (checked
        at each occurrence), ASCII text (searched for in the whole document). Then a known
        place in the match (one ``match`` call), the least common word, length, fewer forms."""
        shortest = min(len(string) for string in self.strings)
        if self.words:
            tier = 1 if self.strings & _COMMON_WORDS else 3
        else:
            tier = 0 if any(string.isascii() for string in self.strings) else 2
        places = len(self.lead.values) if self.lead.values is not None else _MAX_LEADS + 1
        commonness = max(_COMMONNESS.get(string, 0) for string in self.strings)
        return (
            tier, places <= 2, -commonness, min(shortest, 6), -len(self.strings), -places, shortest
        )


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
    return all(_class_has(items, char) for char in _ALNUM)


def _is_separator(op, av) -> bool:
    """An item that always consumes at least one character that is not a letter or digit."""
    if op is _sre_parse.IN:
        return not any(op is _sre_parse.NEGATE for op, _ in av) and not any(
            _class_has(av, char) for char in _ALNUM
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
    if op is _ATOMIC_GROUP:
        return _spelled_sequence(av)
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


def _widths(forms: frozenset[str]) -> tuple[int, int, frozenset[int]]:
    lengths = frozenset(_visible_length(form) for form in forms)
    return min(lengths), max(lengths), lengths


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


def _word_anchor(words: set[str], offsets: list[int], lead: _Lead) -> _Anchor:
    low, high = min(offsets), max(offsets)
    return _Anchor(
        frozenset(words), True, lead.plus(low, high, frozenset(offsets))
    )


def _piece_anchors(
    pieces: list[frozenset[str]], left_guard: bool, right_guard: bool, lead: _Lead
) -> list[_Anchor]:
    """Candidate anchors in a run of spelled-out pieces, given whether its edges are guarded."""
    forms = frozenset({""})
    for index, piece in enumerate(pieces):
        forms = _concatenate(forms, piece)
        if len(forms) > _MAX_FORMS:  # too many forms: look in either half instead
            half = max(1, index)
            low, high, values = _widths(_spelled_pieces(pieces[:half]))
            return _piece_anchors(pieces[:half], left_guard, False, lead) + _piece_anchors(
                pieces[half:], False, right_guard, lead.plus(low, high, values)
            )
    candidates = []
    words_of_forms = [_whole_words(form, left_guard, right_guard) for form in forms]
    if all(words_of_forms):
        # A word all forms share; the rarest word of each form; its first uncommon word (at a
        # known place more often).
        shared = set.intersection(*(set(words) for words in words_of_forms))
        for word in shared:
            offsets = [offset for words in words_of_forms for offset in words[word]]
            candidates.append(_word_anchor({word}, offsets, lead))
        for choose in (_rarest_word, _first_uncommon_word):
            chosen, offsets = set(), []
            for words in words_of_forms:
                best = choose(words)
                chosen.add(best)
                offsets += words[best]
            candidates.append(_word_anchor(chosen, offsets, lead))
    return candidates + _text_anchors(pieces, lead)


def _rarest_word(words: dict[str, list[int]]) -> str:
    return max(words, key=_word_rarity)


def _first_uncommon_word(words: dict[str, list[int]]) -> str:
    uncommon = [word for word in words if word not in _COMMON_WORDS]
    return min(uncommon, key=lambda word: words[word][0]) if uncommon else _rarest_word(words)


def _spelled_pieces(pieces: list[frozenset[str]]) -> frozenset[str]:
    forms = frozenset({""})
    for piece in pieces:
        forms = _concatenate(forms, piece)
    return forms


def _text_anchors(pieces: list[frozenset[str]], lead: _Lead) -> list[_Anchor]:
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
                candidates.append(_Anchor(forms, False, lead))
        lead = lead.plus(*_widths(pieces[first]))
    return candidates


def _best_anchor(items, state, lead: _Lead) -> _Anchor | None:
    """The best anchor of a sequence of parsed regex items, or None if it has none."""
    candidates: list[_Anchor] = []
    pieces: list[frozenset[str]] = []
    pieces_lead = lead
    left_guard = after_separator = False
    for op, av in items:
        forms = _spelled(op, av)
        if forms is not None:
            if not pieces:
                pieces_lead, left_guard = lead, after_separator
            if pieces and len(pieces[-1]) == 1 and len(forms) == 1:  # plain text: one piece
                pieces[-1] = _concatenate(pieces[-1], forms)
            else:
                pieces.append(forms)
        else:
            if pieces:
                candidates += _piece_anchors(pieces, left_guard, _is_separator(op, av), pieces_lead)
                pieces = []
            inner = _inner_anchor(op, av, state, lead)
            if inner is not None:
                candidates.append(inner)
        after_separator = forms is None and _is_separator(op, av)
        lead = lead.plus(*_item_width(op, av, state, forms))
    if pieces:
        candidates += _piece_anchors(pieces, left_guard, False, pieces_lead)
    return max(candidates, key=_Anchor.score, default=None)


def _item_width(op, av, state, forms: frozenset[str] | None):
    """(fewest, most or None, every possible width or None) of one parsed regex item."""
    if forms is not None:
        return _widths(forms)
    low, high = _sre_parse.SubPattern(state, [(op, av)]).getwidth()
    if high >= _sre_parse.MAXREPEAT:
        return low, None, None
    return low, high, (frozenset(range(low, high + 1)) if high - low < _MAX_LEADS else None)


def _inner_anchor(op, av, state, lead: _Lead) -> _Anchor | None:
    """The anchor inside an item too varied to spell out: a group, alternation or repeat."""
    if op is _sre_parse.SUBPATTERN:
        return _best_anchor(av[3], state, lead)
    if op is _ATOMIC_GROUP:
        return _best_anchor(av, state, lead)
    if op in _REPEATS and av[0] >= 1:
        return _best_anchor(av[2], state, lead)
    if op is _sre_parse.BRANCH:
        anchors = [_best_anchor(alternative, state, lead) for alternative in av[1]]
        if any(anchor is None for anchor in anchors) or len({a.words for a in anchors}) != 1:
            return None
        return _Anchor(
            frozenset().union(*(anchor.strings for anchor in anchors)),
            anchors[0].words,
            _union_leads([anchor.lead for anchor in anchors]),
        )
    return None


def _union_leads(leads: list[_Lead]) -> _Lead:
    highs = [lead.high for lead in leads]
    values = None
    if all(lead.values is not None for lead in leads):
        values = frozenset().union(*(lead.values for lead in leads))
        values = values if len(values) <= _MAX_LEADS else None
    return _Lead(min(lead.low for lead in leads), None if None in highs else max(highs), values)


def _rule_anchor(source: str) -> _Anchor | None:
    """The anchor of one rule's regular expression, or None when it has none."""
    try:
        parsed = _sre_parse.parse(source, re.IGNORECASE)
        return _best_anchor(list(parsed), parsed.state, _START)
    except Exception:  # pragma: no cover - the parser changed: search everywhere instead
        return None


def _lookahead_width(items) -> int | None:
    """The most characters a look-ahead (or \\b, $) in ``items`` reads past its own position."""
    widest = 0
    for op, av in items:
        if op is _sre_parse.AT:
            widest = max(widest, 1)
        elif op in (_sre_parse.ASSERT, _sre_parse.ASSERT_NOT):
            high = av[1].getwidth()[1]
            if high >= _sre_parse.MAXREPEAT:
                return None
            widest = max(widest, high + 1)
        for sub in _subpatterns(op, av):
            inner = _lookahead_width(sub)
            if inner is None:
                return None
            widest = max(widest, inner)
    return widest


def _subpatterns(op, av) -> list:
    if op is _sre_parse.SUBPATTERN:
        return [av[3]]
    if op is _sre_parse.BRANCH:
        return list(av[1])
    if op in _REPEATS:
        return [av[2]]
    if op is _ATOMIC_GROUP:
        return [av]
    if op in (_sre_parse.ASSERT, _sre_parse.ASSERT_NOT):
        return [av[1]]
    return []


def _rule_reach(source: str) -> int | None:
    """The most characters a match and the look-aheads at its end read from its start, or None
    when unbounded: a search for a match that must begin by some offset can stop that far on."""
    try:
        parsed = _sre_parse.parse(source, re.IGNORECASE)
        width = parsed.getwidth()[1]
        lookahead = _lookahead_width(parsed)
    except Exception:  # pragma: no cover - the parser changed: search to the section's end
        return None
    if width >= _sre_parse.MAXREPEAT or lookahead is None:
        return None
    return width + lookahead + 1


# --------------------------------------------------------------------------------------------
# The compiled taxonomy
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    """The rules of one theme (or era) that share an anchor, as one regular expression."""

    target: int  # index of ("theme" or "period", slug) in CompiledTaxonomy.targets
    regex: re.Pattern[str]
    reach: int | None  # see _rule_reach


# Who to check when an anchor occurs: (rule index, possible offsets of the anchor in a match
# or None, fewest offset, most offset or None, target).
_Users = tuple[tuple[int, tuple[int, ...] | None, int, int | None, int], ...]


@dataclass(frozen=True)
class CompiledTaxonomy:
    """A taxonomy ready for ``classify``. Build it once with ``compile_taxonomy``.

    ``theme_patterns`` and ``cue_patterns`` hold one combined regular expression (the rules as
    one alternation) per theme and per era: the plain definition of what matches, to use on
    ``normalise_text`` output. ``classify`` gets the same answers faster through the anchors.
    """

    theme_patterns: dict[str, re.Pattern[str]]
    cue_patterns: dict[str, re.Pattern[str]]
    targets: tuple[tuple[str, str], ...]  # ("theme" or "period", slug)
    rules: tuple[_Rule, ...]
    # anchor word (and every word in _YEAR_WORDS) -> (b" word ", users, whether in _YEAR_WORDS)
    word_anchors: dict[bytes, tuple[bytes, _Users, bool]]
    anchor_words: frozenset[bytes]  # the keys of word_anchors
    text_anchors: tuple[tuple[str, frozenset[str], _Users], ...]  # text, its non-ASCII chars
    unanchored: tuple[int, ...]  # rules without an anchor: searched in every section
    era_of_year: dict[int, str]  # the most specific era of each year FIRST_YEAR..LAST_YEAR
    era_rank: dict[str, int]  # later-starting eras rank higher


# Words that may be years or decades ("1956", "1950s"); they are in every word_anchors.
_YEAR_WORDS = frozenset(
    [str(year).encode("ascii") for year in range(1900, 2200)]
    + [f"{decade}s".encode("ascii") for decade in range(1900, 2200, 10)]
)


@functools.lru_cache(maxsize=16)
def compile_taxonomy(taxonomy: Taxonomy) -> CompiledTaxonomy:
    """Compile the rules and cues of ``taxonomy`` for ``classify`` (cached per taxonomy).

    Raises ``ValueError`` naming the theme or era and the rule when a rule is unusable.
    """
    patterns: dict[str, dict[str, re.Pattern[str]]] = {"theme": {}, "period": {}}
    targets: list[tuple[str, str]] = []
    # anchor -> target -> [(rule source, lead)]
    by_word: dict[str, dict[int, list[tuple[str, _Lead]]]] = {}
    by_text: dict[str, dict[int, list[tuple[str, _Lead]]]] = {}
    unanchored: dict[int, list[tuple[str, _Lead]]] = {}
    groups = [("theme", theme.slug, theme.rules) for theme in taxonomy.themes]
    groups += [("period", period.slug, period.cues) for period in taxonomy.periods]
    for kind, slug, rule_texts in groups:
        sources = []
        for rule_text in rule_texts:
            try:
                sources.append(rule_pattern(rule_text))
            except ValueError as exc:
                raise ValueError(f"{kind} {slug!r}: rule {rule_text!r}: {exc}") from None
        if not sources:
            continue
        patterns[kind][slug] = re.compile(
            "|".join(f"(?:{source})" for source in sources), re.IGNORECASE
        )
        target = len(targets)
        targets.append((kind, slug))
        for source in sources:
            anchor = _rule_anchor(source)
            if anchor is None:
                unanchored.setdefault(target, []).append((source, _Lead(0, None, None)))
                continue
            table = by_word if anchor.words else by_text
            for string in anchor.strings:
                table.setdefault(string, {}).setdefault(target, []).append((source, anchor.lead))

    # One check per anchor occurrence and theme: the theme's rules with that anchor are joined
    # into one regular expression.
    rules: list[_Rule] = []
    rule_index: dict[tuple[int, tuple[str, ...]], int] = {}

    def users(by_target: dict[int, list[tuple[str, _Lead]]]) -> _Users:
        found = []
        for target, entries in by_target.items():
            sources = tuple(dict.fromkeys(source for source, _lead in entries))
            if (target, sources) not in rule_index:
                reaches = [_rule_reach(source) for source in sources]
                regex = re.compile("|".join(f"(?:{source})" for source in sources), re.IGNORECASE)
                rule_index[(target, sources)] = len(rules)
                rules.append(_Rule(target, regex, None if None in reaches else max(reaches)))
            lead = _union_leads([lead for _source, lead in entries])
            values = None if lead.values is None else tuple(sorted(lead.values))
            found.append((rule_index[(target, sources)], values, lead.low, lead.high, target))
        return tuple(found)

    word_users = {word.encode("ascii"): users(by_target) for word, by_target in by_word.items()}
    word_anchors = {
        word: (b" " + word + b" ", word_users.get(word, ()), word in _YEAR_WORDS)
        for word in word_users.keys() | _YEAR_WORDS
    }
    text_anchors = tuple(
        (text, frozenset(_NON_ASCII.findall(text)), users(by_target))
        for text, by_target in by_text.items()
    )
    unanchored_rules = tuple(entry[0] for entry in users(unanchored))

    ranked = sorted(enumerate(taxonomy.periods), key=lambda pair: (pair[1].start_year, pair[0]))
    era_rank = {period.slug: rank for rank, (_index, period) in enumerate(ranked)}
    era_of_year: dict[int, str] = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        containing = [
            period.slug
            for period in taxonomy.periods
            if period.start_year <= year and (period.end_year is None or year <= period.end_year)
        ]
        if containing:
            era_of_year[year] = max(containing, key=era_rank.__getitem__)
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


# --------------------------------------------------------------------------------------------
# Years and decades
# --------------------------------------------------------------------------------------------

_NOT_A_YEAR_BEFORE = set("0123456789.,:#$£€¥+")
_NOT_A_YEAR_AFTER = re.compile(
    r"[\s-]?(?:years?\b|yrs\b|km\b|kilomet|metres\b|meters\b|miles\b|tons\b|tonnes\b|people\b"
    r"|persons\b|yuan\b|dollars\b|percent\b|per cent\b|%|times\b|members\b|troops\b|soldiers\b"
    r"|delegates\b|copies\b|pieces\b|units\b|多年|余年|餘年|多人|人|万|萬|亿|億|元|公里|个|個|名)",
    re.IGNORECASE,
)
_NUMBER_LABEL_BEFORE = re.compile(
    r"(?:\bno|\bnum|\bnumber|\btel|\bfax|\bpage|\bpp?|\bclick|\bviews?|\bhits?)\.?\s*:?\s*$",
    re.IGNORECASE,
)
_QUALIFIER_BEFORE = re.compile(
    r"\b(early|mid|late)(?:[\s-]{0,3}(?:to|and|or)[\s-]{0,3}(mid|late))?[\s-]{0,3}$",
    re.IGNORECASE,
)
_DECADE_SUFFIX = re.compile(r"'?s(?![a-z])|年代", re.IGNORECASE)
_DECADE_TAIL = re.compile(
    r"'?s[\s,]{0,3}(?:and|to|through|until|till|or|-)[\s-]{0,3}(?:the[\s-]{1,3})?"
    r"(?:(early|mid|late)[\s-]{0,3})?((?:19|20)\d0|'\d0|\d0)'?s\b",
    re.IGNORECASE,
)
_PART_OF_DECADE = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), None: (0, 9)}
_ZH_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_ZH_YEAR = re.compile(r"([一二][九〇零○][〇零○一二三四五六七八九]{2})年")
_ZH_DECADE = re.compile(
    r"(?:(?:20|二十)\s?世[纪紀]|上\s?世[纪紀])?\s?(?<!\d)([5-9]0|[五六七八九]十)\s?年代"
    r"(初期?|前期|中期?|中叶|中葉|末期?|后期|後期)?"
)
_ZH_PART = {"初": "early", "初期": "early", "前期": "early", "中": "mid", "中期": "mid",
            "中叶": "mid", "中葉": "mid", "末": "late", "末期": "late", "后期": "late",
            "後期": "late"}  # fmt: skip


def _decade_span(decade: int, first_part: str | None, last_part: str | None) -> tuple[int, int]:
    """Years of a (part of a) decade: 1960 with ("early", None) -> 1960..1963."""
    start = decade + _PART_OF_DECADE[first_part][0]
    end = decade + _PART_OF_DECADE[last_part if last_part else first_part][1]
    return start, end


def _eras_of_span(start: int, end: int, compiled: CompiledTaxonomy) -> set[str]:
    """The eras a span of years speaks about: each era that is the most specific era of at
    least a third of its years. "The 1950s" -> founding and Five Principles; "the 1950s and
    1960s" (1950-1969) -> against the two superpowers only."""
    counts: dict[str, int] = {}
    for year in range(start, end + 1):
        era = compiled.era_of_year.get(year)
        if era is not None:
            counts[era] = counts.get(era, 0) + 1
    span = end - start + 1
    return {era for era, count in counts.items() if 3 * count >= span}


def _time_mentions(
    text: str, offsets: list[int], compiled: CompiledTaxonomy
) -> list[tuple[int, set[str]]]:
    """(offset, eras) for the years and decades at ``offsets`` (where a word such as "1956" or
    "1950s" starts; each is checked here) and for dates written in Chinese."""
    found: list[tuple[int, set[str]]] = []
    skip_until = -1
    for start in sorted(offsets):
        end = start + 4
        if start < skip_until or not text[start:end].isdigit():
            continue
        before = text[start - 1] if start else " "
        after = text[end : end + 1]
        if before in _NOT_A_YEAR_BEFORE or (before.isascii() and before.isalpha()):
            continue
        if after.isdigit() or (after in ".," and text[end + 1 : end + 2].isdigit()):
            continue
        if _NUMBER_LABEL_BEFORE.search(text, max(0, start - 10), start):
            continue
        year = int(text[start:end])
        if year % 10 == 0 and _DECADE_SUFFIX.match(text, end):
            qualifier = _QUALIFIER_BEFORE.search(text, max(0, start - 25), start)
            first = qualifier.group(1).lower() if qualifier else None
            last = qualifier.group(2).lower() if qualifier and qualifier.group(2) else None
            span_start, span_end = _decade_span(year, first, last)
            tail = _DECADE_TAIL.match(text, end)
            if tail:
                second = tail.group(2).lstrip("'")
                second_decade = int(second) if len(second) == 4 else year // 100 * 100 + int(second)
                second_part = tail.group(1).lower() if tail.group(1) else None
                second_span = _decade_span(second_decade, second_part, None)
                skip_until = tail.end()
                if second_decade == year + 10:  # neighbouring decades: one span
                    found.append((start, _eras_of_span(span_start, second_span[1], compiled)))
                    continue
                found.append((start, _eras_of_span(*second_span, compiled)))
            found.append((start, _eras_of_span(span_start, span_end, compiled)))
            continue
        if after.isascii() and after.isalpha():  # "2019th", "1949A": not a year
            continue
        if _NOT_A_YEAR_AFTER.match(text, end) or not FIRST_YEAR <= year <= LAST_YEAR:
            continue
        era = compiled.era_of_year.get(year)
        if era is not None:
            found.append((start, {era}))
    if "年" in text:
        found += _chinese_time_mentions(text, compiled)
    return found


def _chinese_time_mentions(text: str, compiled: CompiledTaxonomy) -> list[tuple[int, set[str]]]:
    """Years in Chinese numerals (一九五六年) and decades (20世纪50年代中期, 六十年代)."""
    found: list[tuple[int, set[str]]] = []
    for match in _ZH_YEAR.finditer(text):
        year = int("".join(str(_ZH_DIGITS[char]) for char in match.group(1)))
        era = compiled.era_of_year.get(year)
        if era is not None:
            found.append((match.start(), {era}))
    for match in _ZH_DECADE.finditer(text):
        tens = match.group(1)
        decade = 1900 + (int(tens) if tens.isdigit() else _ZH_DIGITS[tens[0]] * 10)
        part = _ZH_PART.get(match.group(2) or "")
        found.append((match.start(), _eras_of_span(*_decade_span(decade, part, None), compiled)))
    return found


# --------------------------------------------------------------------------------------------
# classify
# --------------------------------------------------------------------------------------------

_SEPARATOR = "\n\n"
# Bytes of lower-cased ASCII text that make up words; every other byte separates them.
_WORD_BYTES = bytes(code if chr(code) in _ALNUM else 32 for code in range(256))


def _join(sections: list[ParsedSection]) -> tuple[str, list[int], list[int]]:
    """The normalised text of all sections, joined, with each section's start and end offset."""
    raw = _SEPARATOR.join(section.text for section in sections)
    if any(char in raw for char in _DROPPED):
        texts = [normalise_text(section.text) for section in sections]
        raw = _SEPARATOR.join(texts)
    else:
        texts = [section.text for section in sections]
    starts, ends, offset = [], [], 0
    for text in texts:
        starts.append(offset)
        ends.append(offset + len(text))
        offset += len(text) + len(_SEPARATOR)
    return _normalise_same_length(raw), starts, ends


def _non_ascii_characters(text: str, ascii_text: bytes) -> frozenset[str]:
    """The non-ASCII characters of ``text`` (cheap when there are few; may include "?")."""
    others = ascii_text.count(b"?") - text.count("?")  # characters the encoding made "?"
    if others == 0:
        return frozenset()
    if others > 64:
        return frozenset(text)
    found = set()
    position = ascii_text.find(b"?")
    while position >= 0:
        found.add(text[position])
        position = ascii_text.find(b"?", position + 1)
    return frozenset(found)


class _Matching:
    """The theme and cue matches of one document, and where its years are."""

    def __init__(self, text: str, starts: list[int], ends: list[int], compiled: CompiledTaxonomy):
        self.text, self.starts, self.ends = text, starts, ends
        self.rules = compiled.rules
        self.width = len(compiled.targets)
        self.found: set[int] = set()  # section * width + target, for each match
        self.searched: dict[tuple[int, int], int] = {}  # (section, rule): searched from here

    def check(
        self,
        section: int,
        index: int,
        anchor: int,
        leads: tuple[int, ...] | None,
        fewest: int,
        most: int | None,
    ) -> None:
        """Check one rule in one section, knowing its anchor is at offset ``anchor``."""
        rule = self.rules[index]
        text, start, end = self.text, self.starts[section], self.ends[section]
        if leads is not None:  # the match can only begin at these few places
            for lead in leads:
                begin = anchor - lead
                if begin >= start and rule.regex.match(text, begin, end):
                    self.found.add(section * self.width + rule.target)
                    return
            return
        begin = start if most is None else max(start, anchor - most)
        if rule.reach is not None:
            # Only a match beginning by ``latest`` contains this anchor, and it ends (with its
            # look-aheads) within ``reach`` characters: no need to search further.
            latest = anchor - fewest
            match = rule.regex.search(text, begin, min(end, latest + rule.reach))
            if match and match.start() <= latest:
                self.found.add(section * self.width + rule.target)
            return
        if self.searched.get((section, index), end + 1) <= begin:
            return  # already searched from an earlier place to the end, in vain
        self.searched[(section, index)] = begin
        if rule.regex.search(text, begin, end):
            self.found.add(section * self.width + rule.target)

    def search_section(self, section: int, index: int) -> None:
        """Search a whole section for a rule that has no anchor."""
        rule = self.rules[index]
        if rule.regex.search(self.text, self.starts[section], self.ends[section]):
            self.found.add(section * self.width + rule.target)

    def check_everywhere(self, haystack: str | bytes, needle: str | bytes, users: _Users) -> None:
        """Check the rules anchored on ``needle`` wherever it occurs in ``haystack``."""
        position = haystack.find(needle)
        while position >= 0:
            section = bisect.bisect_right(self.starts, position) - 1
            if position + len(needle) <= self.ends[section]:
                base = section * self.width
                for index, leads, fewest, most, target in users:
                    if base + target not in self.found:
                        self.check(section, index, position, leads, fewest, most)
            position = haystack.find(needle, position + 1)


def _matches(
    text: str, starts: list[int], ends: list[int], compiled: CompiledTaxonomy
) -> tuple[set[int], list[int]]:
    """The matches, as ``section * len(compiled.targets) + target``, and the offsets of the
    words that may be years."""
    matching = _Matching(text, starts, ends, compiled)
    found, width = matching.found, matching.width
    years: list[int] = []
    ascii_text = text.encode("ascii", "replace").lower()  # same offsets as ``text``
    # The words separated by spaces, one space in front: " word " is at the offset of "word"
    # in ``text``, and finding " word " finds whole words only.
    spaced = b" " + ascii_text.translate(_WORD_BYTES) + b" "
    anchors, rules = compiled.word_anchors, compiled.rules
    for section, (start, end) in enumerate(zip(starts, ends)):
        stop, base = end + 2, section * width
        for word in compiled.anchor_words.intersection(spaced[start:stop].split()):
            needle, users, is_year = anchors[word]
            position = spaced.find(needle, start, stop)
            while position >= 0:
                if is_year:
                    years.append(position)
                pending = False  # a rule of this word still unmatched in this section
                for index, leads, fewest, most, target in users:
                    if base + target in found:
                        continue
                    if leads is None:
                        matching.check(section, index, position, leads, fewest, most)
                    else:  # the common case, inlined: the match can begin at a few places
                        match = rules[index].regex.match
                        for lead in leads:
                            if position - lead >= start and match(text, position - lead, end):
                                found.add(base + target)
                                break
                    pending = pending or base + target not in found
                if not (pending or is_year):
                    break
                position = spaced.find(needle, position + 1, stop)
    non_ascii = None
    for string, chars, users in compiled.text_anchors:
        if chars:  # Chinese: finding it in a long text is slow, so first check its characters
            if non_ascii is None:
                non_ascii = _non_ascii_characters(text, ascii_text)
            if chars <= non_ascii:
                matching.check_everywhere(text, string, users)
        else:
            matching.check_everywhere(ascii_text, string.encode("ascii"), users)
    for index in compiled.unanchored:
        for section in range(len(starts)):
            if section * width + compiled.rules[index].target not in found:
                matching.search_section(section, index)
    return found, years


def classify(
    *,
    sections: list[ParsedSection],
    date: datetime.date | None,
    taxonomy: Taxonomy | CompiledTaxonomy,
) -> Classification:
    """Suggest themes and eras for each section, and the era the document was issued in.

    ``taxonomy`` may be a ``Taxonomy`` (compiled on first use and cached) or the result of
    ``compile_taxonomy``. Section order is kept: ``section_themes[i]`` and
    ``section_periods[i]`` belong to ``sections[i]``.
    """
    compiled = taxonomy if isinstance(taxonomy, CompiledTaxonomy) else compile_taxonomy(taxonomy)
    section_themes: list[set[str]] = [set() for _ in sections]
    section_periods: list[set[str]] = [set() for _ in sections]
    if sections:
        text, starts, ends = _join(sections)
        found, years = _matches(text, starts, ends, compiled)
        width = len(compiled.targets)
        for key in found:
            section, target = divmod(key, width)
            kind, slug = compiled.targets[target]
            (section_themes if kind == "theme" else section_periods)[section].add(slug)
        for offset, eras in _time_mentions(text, years, compiled):
            section_periods[bisect.bisect_right(starts, offset) - 1] |= eras
    return Classification(
        section_themes=section_themes,
        section_periods=section_periods,
        issued_in=_issued_in(date, section_periods, compiled),
    )


def _issued_in(
    date: datetime.date | None, section_periods: list[set[str]], compiled: CompiledTaxonomy
) -> str | None:
    """The most specific era containing ``date``; undated: the latest era the text speaks of."""
    if date is not None:
        return compiled.era_of_year.get(date.year)
    mentioned = set().union(*section_periods)
    return max(mentioned, key=compiled.era_rank.__getitem__, default=None)
