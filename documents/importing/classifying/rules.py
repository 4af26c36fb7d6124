"""How one rule is read: the text rules match against, plain phrases, and validation.

A rule (a principle's rule or an era's cue) is a plain phrase or, after ``re:``, a regular
expression in Python's syntax; how rules are written is described at the top of
``seeds/taxonomy.yaml``. ``read_rule`` turns one rule into a ``RulePattern``: the expression in
Python's syntax (which the anchor analysis parses) and the same expression written for RE2
(``re2_syntax``), which is what matches. ``validate_rule`` is the check every way a rule enters
the archive uses (admin, taxonomy file, export loader). Rules and texts are compared in the
form ``normalise_text`` gives, ignoring case.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .re2_syntax import Re2Writer, compile_re2

from re import _parser as _sre_parse  # the parser behind re.compile, which reads every rule

REGEX_PREFIX = "re:"

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
DROPPED = ("\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff")


def normalise_text(text: str) -> str:
    """Return ``text`` with apostrophes, quotes, dashes and spaces in one form each.

    Curly apostrophes become ``'``, curly double quotes ``"``, every dash ``-``, unusual spaces a
    plain space, and the four letters that match ASCII letters when case is ignored (İ ı ſ K)
    those letters; soft hyphens and zero-width characters are removed. Rules are matched against
    this form, so a rule writes ``'`` and ``-`` and matches every variant.
    """
    for old, new in _SAME_LENGTH:
        text = text.replace(old, new)
    for old in DROPPED:
        text = text.replace(old, "")
    return text


def normalise_same_length(text: str) -> str:
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


# In a plain phrase, "*" stands for the rest of a word: "seek* hegemony" matches "seeks
# hegemony" and "seeking hegemony": any more letters or digits, in any script (和平共*). RE2 runs
# it in linear time; a bounded repeat of \w would blow its program up (one Unicode class a letter).
WILDCARD = "*"
WILDCARD_REGEX = r"\w*"


def _phrase_regex(phrase: str) -> str:
    """Regular expression for a plain phrase (see ``rule_pattern``)."""
    phrase = " ".join(normalise_text(phrase).split())
    if not phrase.replace(WILDCARD, "").strip(" -"):
        raise ValueError("a phrase needs a letter or a digit besides '*'")
    parts = _PHRASE_SEPARATOR.split(phrase.strip("-"))
    pieces = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            pieces.append(WILDCARD_REGEX.join(re.escape(piece) for piece in part.split(WILDCARD)))
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


MAX_RULE_LENGTH = 1000  # characters; the longest seed rule has about 300


@dataclass(frozen=True)
class RulePattern:
    """One rule, read: ``source`` in Python's syntax, which only the anchor analysis (``anchors``)
    parses (Python's engine never runs a rule), and ``re2``, the same expression written for
    RE2, which is what matches. Both are used ignoring case, on ``normalise_text`` output."""

    source: str
    re2: str


def rule_pattern(rule: str) -> str:
    """Return the regular expression (Python syntax, used ignoring case) for one theme rule
    or era cue.

    A rule is either a plain phrase or, after the prefix ``re:``, a regular expression in
    Python's syntax without the constructs RE2 cannot run in linear time (look-around,
    backreferences, conditional and atomic groups, possessive quantifiers). A plain phrase
    matches as whole words wherever it starts or ends with a Latin letter or digit; a space in
    it matches one to six spaces or hyphens, a hyphen matches a hyphen (with or without spaces
    around it), a space or nothing, and ``*`` stands for the rest of a word ("seek* hegemony"). Both kinds are applied to ``normalise_text`` output,
    ignoring case, by RE2 (see ``read_rule``).

    Raises ``ValueError`` with a short reason when the rule is empty or too long, is not a
    valid regular expression, uses a construct RE2 does not have, has a capturing group, or
    can match an empty text (it would tag every passage).
    """
    return read_rule(rule).source


def validate_rule(rule: object) -> None:
    """Raise ``ValueError`` with a one-line reason when ``rule`` cannot be used as a theme rule
    or era cue. Every way a rule enters the archive (the admin, the taxonomy file, an export
    being loaded) checks it here."""
    read_rule(rule)  # type: ignore[arg-type]


def read_rule(rule: str) -> RulePattern:
    """The rule read in both syntaxes (see ``RulePattern``); errors as for ``rule_pattern``."""
    if not isinstance(rule, str):
        raise ValueError(f"a rule is text, not {type(rule).__name__}")
    if not rule.strip():
        raise ValueError("empty rule")
    if len(rule) > MAX_RULE_LENGTH:
        raise ValueError(f"longer than {MAX_RULE_LENGTH:,} characters")
    return _read_rule(rule)


@functools.lru_cache(maxsize=4096)
def _read_rule(rule: str) -> RulePattern:
    is_regex = rule.startswith(REGEX_PREFIX)
    if is_regex:
        source = normalise_text(rule[len(REGEX_PREFIX) :])
        if not source.strip():
            raise ValueError("empty regular expression after 're:'")
    else:
        source = _phrase_regex(rule)
    try:
        parsed = _sre_parse.parse(source, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    except RecursionError:
        raise ValueError("not a valid regular expression (nested too deeply)") from None
    try:
        written = Re2Writer(guards=not is_regex).sequence(
            list(parsed), parsed.state.flags, at_start=True, at_end=True
        )
    except RecursionError:
        raise ValueError("not a valid regular expression (nested too deeply)") from None
    if parsed.state.groups > 1:
        raise ValueError("must not contain capturing groups; write (?:...) instead")
    if parsed.getwidth()[0] == 0:
        raise ValueError("can match an empty text, so it would tag every passage")
    compile_re2((written,))
    return RulePattern(source=source, re2=written)

