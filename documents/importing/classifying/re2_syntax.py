"""Writing a rule for RE2: a parsed Python regular expression in RE2's syntax, Python's meaning.

Rules run in RE2. Editors write them, so their cost must not depend on how they are written:
RE2 matches in time linear in the text, whatever the pattern. A rule is written in Python's
syntax, parsed by Python's parser (never run by its engine) and written out here for RE2 with
Python's meaning: \\w, \\d and \\s are Unicode, and a \\b at either end of a rule knows every
script's letters (RE2's own \\b knows only ASCII ones; in the middle of a rule, \\b is RE2's).
``Re2Writer`` refuses, naming the construct, what RE2 cannot run (look-around, backreferences,
atomic groups, possessive quantifiers); ``compile_re2`` compiles the result.
"""

from __future__ import annotations

import re

import re2

from re import _parser as _sre_parse  # the parser behind re.compile, whose output is written for RE2 here
_ATOMIC_GROUP = _sre_parse.ATOMIC_GROUP

_RE2_WHY = "rules run in RE2, which guarantees linear time"


def compile_re2(forms: tuple[str, ...]) -> re2._Regexp:
    """One RE2 expression matching any of ``forms`` (RE2 syntax), ignoring case; ``ValueError``
    when RE2 refuses it (too large for its memory budget, for instance)."""
    try:
        return re2.compile("(?i)" + "|".join(f"(?:{form})" for form in forms), _RE2_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args else "unknown error"
        raise ValueError(f"RE2 cannot compile it ({reason})") from None


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # errors are raised, with their reason, not logged

# Python's meaning of \w, \d and \s in a text pattern (Unicode), written for RE2, whose own
# \w, \d, \s and \b know only ASCII. \w: str.isalnum() or "_"; \d: decimal digits;
# \s: str.isspace().
_WORD_CLASS = r"\pL\pN_"
_DIGIT_CLASS = r"\p{Nd}"
_SPACE_CLASS = (
    r"\t-\r\x{1c}- \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}"
    r"\x{3000}"
)
_ASCII_CLASSES = {"word": "0-9A-Za-z_", "digit": "0-9", "space": r"\t-\r "}
_UNICODE_CLASSES = {"word": _WORD_CLASS, "digit": _DIGIT_CLASS, "space": _SPACE_CLASS}
_CATEGORY_NAMES = {
    _sre_parse.CATEGORY_WORD: ("word", False),
    _sre_parse.CATEGORY_NOT_WORD: ("word", True),
    _sre_parse.CATEGORY_DIGIT: ("digit", False),
    _sre_parse.CATEGORY_NOT_DIGIT: ("digit", True),
    _sre_parse.CATEGORY_SPACE: ("space", False),
    _sre_parse.CATEGORY_NOT_SPACE: ("space", True),
}
_LOOKAROUND_NAMES = {
    (_sre_parse.ASSERT, 1): "lookahead (?=...)",
    (_sre_parse.ASSERT_NOT, 1): "negative lookahead (?!...)",
    (_sre_parse.ASSERT, -1): "lookbehind (?<=...)",
    (_sre_parse.ASSERT_NOT, -1): "negative lookbehind (?<!...)",
}
_LOOKAROUND_HINTS = {
    1: "; write what may follow instead, such as (?:[^x]|$)",
    -1: "; write what may come before instead, such as (?:^|[^x])",
}
_UNSUPPORTED_NAMES = {
    _sre_parse.GROUPREF: "a backreference (\\1, (?P=name))",
    _sre_parse.GROUPREF_EXISTS: "a conditional group (?(1)...|...)",
    _ATOMIC_GROUP: "an atomic group (?>...)",
    getattr(_sre_parse, "POSSESSIVE_REPEAT", object()): (
        "a possessive quantifier (*+, ++, ?+, {m,n}+)"
    ),
}
_MAX_RE2_REPEAT = 1000  # RE2's limit for {m,n}


def _unsupported(construct: str, hint: str = "") -> ValueError:
    return ValueError(f"{construct} is not supported: {_RE2_WHY}{hint}")


def _is_word_char(char: str) -> bool:
    """Python's \\w for text: a letter or digit of any script, or "_"."""
    return char.isalnum() or char == "_"


def _re2_char(code: int) -> str:
    """One character, as a literal for RE2 (in or out of a [...] class)."""
    char = chr(code)
    if char.isascii() and (char.isalnum() or char == " "):
        return char
    if char.isascii() and char.isprintable():
        return "\\" + char
    return f"\\x{{{code:x}}}"


class Re2Writer:
    """Write a parsed Python regular expression in RE2's syntax, with Python's meaning.

    Refuses (``ValueError`` naming the construct) what RE2 has not. RE2's \\b knows only
    ASCII letters, so a \\b at the start or end of the rule, next to a letter or digit, is
    written as "not a letter or digit here, or the edge of the text" (consumed, which gives
    the same answer to "does the passage match"); elsewhere it is RE2's \\b. With
    ``guards`` (plain phrases only, which ``rules._phrase_regex`` writes), a look-behind at the
    start and a look-ahead at the end that forbid one character class are written the same way.
    """

    def __init__(self, *, guards: bool):
        self.guards = guards

    def sequence(self, items, flags: int, *, at_start: bool, at_end: bool) -> str:
        written = []
        for index, (op, av) in enumerate(items):
            first = at_start and index == 0
            last = at_end and index == len(items) - 1
            written.append(self.item(op, av, flags, items[:index], items[index + 1 :], first, last))
        return "".join(written)

    def item(self, op, av, flags: int, before, after, first: bool, last: bool) -> str:
        if op in _UNSUPPORTED_NAMES:
            raise _unsupported(_UNSUPPORTED_NAMES[op])
        if op is _sre_parse.LITERAL:
            return _re2_char(av)
        if op is _sre_parse.NOT_LITERAL:
            return f"[^{_re2_char(av)}]"
        if op is _sre_parse.ANY:
            return "(?s:.)" if flags & re.DOTALL else "(?-s:.)"
        if op is _sre_parse.IN:
            return self.charset(av, flags)
        if op is _sre_parse.BRANCH:
            alternatives = (
                self.sequence(alt, flags, at_start=first, at_end=last) for alt in av[1]
            )
            return "(?:" + "|".join(alternatives) + ")"
        if op is _sre_parse.SUBPATTERN:
            _group, add, remove, sub = av
            inner = self.sequence(sub, (flags | add) & ~remove, at_start=first, at_end=last)
            switches = "".join(name for flag, name in _RE2_FLAGS if add & flag)
            if remove & sum(flag for flag, _name in _RE2_FLAGS):
                switches += "-" + "".join(name for flag, name in _RE2_FLAGS if remove & flag)
            return f"(?{switches}:{inner})"
        if op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT):
            low, high, sub = av
            if low > _MAX_RE2_REPEAT or (high != _sre_parse.MAXREPEAT and high > _MAX_RE2_REPEAT):
                raise _unsupported(f"a repeat count over {_MAX_RE2_REPEAT}")
            inner = self.sequence(sub, flags, at_start=False, at_end=False)
            lazy = "?" if op is _sre_parse.MIN_REPEAT else ""
            return f"(?:{inner}){_repeat(low, high)}{lazy}"
        if op is _sre_parse.AT:
            return self.at(av, flags, before, after, first, last)
        if op in (_sre_parse.ASSERT, _sre_parse.ASSERT_NOT):
            return self.lookaround(op, av, flags, first, last)
        raise _unsupported(f"the construct {op}")  # pragma: no cover - a new parser opcode

    def at(self, av, flags: int, before, after, first: bool, last: bool) -> str:
        if av is _sre_parse.AT_BEGINNING:
            return "(?m:^)" if flags & re.MULTILINE else r"\A"
        if av is _sre_parse.AT_BEGINNING_STRING:
            return r"\A"
        if av is _sre_parse.AT_END:
            return "(?m:$)" if flags & re.MULTILINE else r"(?:\n?\z)"
        if av is _sre_parse.AT_END_STRING:
            return r"\z"
        if av is _sre_parse.AT_BOUNDARY and not flags & re.ASCII:
            word = _WORD_CLASS
            if first and not last:
                kind = _edge_kind(after, forward=True)
                if kind is not None:
                    return rf"(?:\A|[^{word}])" if kind else f"[{word}]"
            if last and not first:
                kind = _edge_kind(before, forward=False)
                if kind is not None:
                    return rf"(?:[^{word}]|\z)" if kind else f"[{word}]"
        return r"\b" if av is _sre_parse.AT_BOUNDARY else r"\B"

    def lookaround(self, op, av, flags: int, first: bool, last: bool) -> str:
        direction, sub = av
        guard = (
            self.guards
            and op is _sre_parse.ASSERT_NOT
            and len(sub) == 1
            and sub[0][0] is _sre_parse.IN
            and ((direction == -1 and first) or (direction == 1 and last))
        )
        if not guard:
            raise _unsupported(_LOOKAROUND_NAMES[(op, direction)], _LOOKAROUND_HINTS[direction])
        other = self.charset(sub[0][1], flags, negate=True)
        return rf"(?:\A|{other})" if direction == -1 else rf"(?:{other}|\z)"

    def charset(self, items, flags: int, *, negate: bool = False) -> str:
        """A [...] class; Python's \\w, \\d, \\s keep their Unicode meaning (or ASCII with
        (?a)). A \\W, \\D or \\S joined to other characters becomes an alternation."""
        classes = _ASCII_CLASSES if flags & re.ASCII else _UNICODE_CLASSES
        negated = negate != any(op is _sre_parse.NEGATE for op, _av in items)
        parts, others = [], []
        for op, av in items:
            if op is _sre_parse.NEGATE:
                continue
            if op is _sre_parse.LITERAL:
                parts.append(_re2_char(av))
            elif op is _sre_parse.RANGE:
                parts.append(f"{_re2_char(av[0])}-{_re2_char(av[1])}")
            elif op is _sre_parse.CATEGORY and av in _CATEGORY_NAMES:
                name, inverted = _CATEGORY_NAMES[av]
                (others if inverted else parts).append(
                    f"[^{classes[name]}]" if inverted else classes[name]
                )
            else:  # pragma: no cover - a new parser opcode
                raise _unsupported(f"the class item {op} {av}")
        if not others:
            return f"[{'^' if negated else ''}{''.join(parts)}]"
        if not negated:
            return "(?:" + "|".join(([f"[{''.join(parts)}]"] if parts else []) + others) + ")"
        # [^\W...] is "a word character but none of ...": by De Morgan, (a letter and none of
        # ...) or (a digit and none of ...) or (an underscore and none of ...).
        inverted = [av for op, av in items if op is _sre_parse.CATEGORY and _CATEGORY_NAMES[av][1]]
        listed = "".join(parts)
        if inverted == [_sre_parse.CATEGORY_NOT_WORD] and not flags & re.ASCII:
            return rf"(?:[^\PL{listed}]|[^\PN{listed}]|[^\x00-\x5e\x60-\x{{10ffff}}{listed}])"
        if inverted == [_sre_parse.CATEGORY_NOT_DIGIT] and not flags & re.ASCII:
            return rf"[^\P{{Nd}}{listed}]"
        if len(others) == 1 and not parts:  # [^\S] is \s
            return others[0].replace("[^", "[", 1)
        raise _unsupported(r"\S, or more than one of \W \D \S, inside [^...] with other characters")


_RE2_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))


def _repeat(low: int, high: int) -> str:
    if high == _sre_parse.MAXREPEAT:
        return {0: "*", 1: "+"}.get(low, f"{{{low},}}")
    if (low, high) == (0, 1):
        return "?"
    return f"{{{low}}}" if low == high else f"{{{low},{high}}}"


def _edge_kind(items, *, forward: bool) -> bool | None:
    """Whether the first (``forward``) or last character ``items`` match is always a word
    character (True), never one (False), or either (None)."""
    kinds = set()
    for op, av in items if forward else reversed(items):
        if op is _sre_parse.AT:
            continue  # zero width: the character comes from the next item
        if op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT) and av[0] == 0:
            kinds.add(_edge_kind(av[2], forward=forward))  # or, when it is left out, the next
            continue
        kinds.add(_item_kind(op, av, forward))
        return kinds.pop() if len(kinds) == 1 else None
    return None


def _item_kind(op, av, forward: bool) -> bool | None:
    if op is _sre_parse.LITERAL:
        return _is_word_char(chr(av))
    if op is _sre_parse.IN:
        kinds = set()
        negated = False
        for item_op, item_av in av:
            if item_op is _sre_parse.NEGATE:
                negated = True
            elif item_op is _sre_parse.LITERAL:
                kinds.add(_is_word_char(chr(item_av)))
            elif item_op is _sre_parse.RANGE and item_av[1] - item_av[0] <= 0x3000:
                kinds |= {_is_word_char(chr(c)) for c in range(item_av[0], item_av[1] + 1)}
            elif item_op is _sre_parse.CATEGORY and item_av in _CATEGORY_KINDS:
                kinds.add(_CATEGORY_KINDS[item_av])
            else:
                return None
        if negated:  # [^\w...] is never a word character; other negated classes may be
            excluded = {item_av for item_op, item_av in av if item_op is _sre_parse.CATEGORY}
            return False if _sre_parse.CATEGORY_WORD in excluded else None
        return kinds.pop() if len(kinds) == 1 else None
    if op is _sre_parse.SUBPATTERN:
        return _edge_kind(av[3], forward=forward)
    if op is _sre_parse.BRANCH:
        kinds = {_edge_kind(alternative, forward=forward) for alternative in av[1]}
        return kinds.pop() if len(kinds) == 1 else None
    if op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT) and av[0] >= 1:
        return _edge_kind(av[2], forward=forward)
    return None


# Categories whose characters are all word characters (True) or none is (False).
_CATEGORY_KINDS = {
    _sre_parse.CATEGORY_WORD: True,
    _sre_parse.CATEGORY_DIGIT: True,
    _sre_parse.CATEGORY_NOT_WORD: False,
    _sre_parse.CATEGORY_SPACE: False,
}

