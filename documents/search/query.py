"""What a reader typed, cleaned and understood: ``parse_query`` turns it into a ``Query``.

Never an exception: whatever cannot be searched becomes a ``problem`` the page explains, and what
was changed becomes a ``note``. Query syntax (that of PostgreSQL's ``websearch_to_tsquery``, on
both databases)::

    non-interference            passages with the word (or its forms: interfere, interfering)
    five principles             both words
    "peaceful coexistence"      the exact phrase
    hegemony OR hegemonism      either word
    hegemony -soviet            the first word but not the second
    超级大国                     Chinese (Simplified finds Traditional, and the reverse)

Word families the English stemmer splits (hegemony/hegemonism, socialism/socialist...) are
searched together: see ``WORD_FAMILIES``. Words of unspaced scripts (Chinese, Japanese, Thai...)
become terms of their own, matched as substrings, in their Chinese variants (``chinese_variants``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200  # characters; longer queries are cut, and the page says so

# Characters of scripts written without spaces between words (the same class as the partial
# trigram index of migration 0003: keep them identical, or PostgreSQL cannot use the index).
UNSPACED = (
    "["
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf"  # CJK Extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\uf900-\ufaff"  # CJK Compatibility Ideographs
    "]"
)
UNSPACED_RUN = re.compile(UNSPACED + "+")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# PostgreSQL's english.stop: words the English configuration does not index.
ENGLISH_STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the and
    but if or because as until while of at by for with about against between into through during
    before after above below to from up down in out on off over under again further then once here
    there when where why how all any both each few more most other some such no nor not only own
    same so than too very s t can will just don should now""".split()
)

# Words of one family that the Snowball English stemmer gives different stems (hegemony ->
# hegemoni, hegemonism -> hegemon, hegemonist -> hegemonist): a query for any of them finds all.
WORD_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("hegemony", "hegemonism", "hegemonic", "hegemonist"),
    ("imperialism", "imperialist"),
    ("colonialism", "colonialist"),
    ("socialism", "socialist"),
    ("communism", "communist"),
    ("expansionism", "expansionist", "expansion"),
    ("militarism", "militarist", "military"),
    ("protectionism", "protectionist"),
    ("revisionism", "revisionist"),
    ("terrorism", "terrorist"),
    ("diplomacy", "diplomatic", "diplomat"),
    ("economy", "economic"),
    ("sovereignty", "sovereign"),
    ("intervention", "intervene"),
    ("globalization", "globalisation"),
    ("nonalignment", "non-alignment"),
    ("cooperation", "co-operation"),
)
_FAMILY_OF = {word: family for family in WORD_FAMILIES for word in family}
# Inflected forms typed by readers (hegemonies, hegemonistic) still find their family.
_FAMILY_PREFIXES = sorted(((min(f, key=len)[:7], f) for f in WORD_FAMILIES), key=lambda p: -len(p[0]))

_OR = "or"
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u300c": '"', "\u300d": '"', "\u2018": "'", "\u2019": "'"})
_TOKEN = re.compile(r'(-?)"([^"]*)("?)|(\S+)')
WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


@dataclass(frozen=True)
class Term:
    """One thing to look for: a word, a quoted phrase, or a run of Chinese (unspaced) text."""

    text: str
    phrase: bool = False
    negated: bool = False
    unspaced: bool = False

    @property
    def words(self) -> list[str]:
        return [w.lower() for w in WORD.findall(self.text)]

    @property
    def searchable(self) -> bool:
        """False for a term the English configuration would ignore (stop words, punctuation)."""
        if self.unspaced:
            return True
        words = self.words
        if self.phrase:
            return any(w not in ENGLISH_STOP_WORDS for w in words)
        return bool(words) and any(w not in ENGLISH_STOP_WORDS for w in words)

    def websearch(self) -> str:
        """The term in websearch_to_tsquery syntax (quotes removed from inside words)."""
        body = " ".join(self.text.replace('"', " ").split())
        body = f'"{body}"' if self.phrase else body.lstrip("-")
        return f"-{body}" if self.negated else body


@dataclass(frozen=True)
class Query:
    """A reader's query, cleaned: groups of terms, AND between groups, OR inside a group."""

    raw: str
    text: str  # the cleaned query, shown back in the search box
    groups: tuple[tuple[Term, ...], ...] = ()
    notes: tuple[str, ...] = ()  # what was changed, in words a reader understands
    problem: str = ""  # why there is nothing to search for; empty when there is

    @property
    def is_empty(self) -> bool:
        return not self.text

    @property
    def searchable(self) -> bool:
        return not self.problem

    @property
    def terms(self) -> list[Term]:
        return [term for group in self.groups for term in group]

    @property
    def has_phrase(self) -> bool:
        return any(t.phrase for t in self.terms)

    @property
    def has_exclusion(self) -> bool:
        return any(t.negated for t in self.terms)

    @property
    def word_count(self) -> int:
        return sum(len(t.words) or 1 for t in self.terms if not t.negated)

    def text_groups(self) -> list[tuple[Term, ...]]:
        """Groups of English-searchable terms only (what the full-text index answers)."""
        return [g for g in self.groups if all(not t.unspaced for t in g)]

    def other_groups(self) -> list[tuple[Term, ...]]:
        """Groups with an unspaced-script term (answered by substring matching)."""
        return [g for g in self.groups if any(t.unspaced for t in g)]

    def positive_text_groups(self) -> list[tuple[Term, ...]]:
        """Full-text groups with no exclusion in them: what ranking and highlighting look for."""
        return [g for g in self.text_groups() if not any(t.negated for t in g)]

    def websearch(self, groups: list[tuple[Term, ...]] | None = None) -> str:
        """The full-text part in websearch_to_tsquery syntax."""
        groups = self.text_groups() if groups is None else groups
        return " ".join(" OR ".join(t.websearch() for t in group) for group in groups)

    def family_words(self) -> list[tuple[str, ...]]:
        return word_families(self.terms)


def _family(word: str) -> tuple[str, ...] | None:
    word = word.lower()
    return _FAMILY_OF.get(word) or next(
        (f for prefix, f in _FAMILY_PREFIXES if len(word) >= len(prefix) and word.startswith(prefix)), None
    )


def word_families(terms: Iterable[Term]) -> list[tuple[str, ...]]:
    """The word families (``WORD_FAMILIES``) that words of ``terms`` belong to."""
    families: list[tuple[str, ...]] = []
    for term in terms:
        if term.unspaced:
            continue
        for word in term.words + ([term.text.lower()] if "-" in term.text else []):
            family = _family(word)
            if family and family not in families:
                families.append(family)
    return families


def phrase_forms(term: Term, limit: int = 16) -> list[str] | None:
    """The phrase as written, and with each family word replaced by its relatives
    ("diplomatic activities", "diplomacy activities", "diplomat activities"); None past ``limit``."""
    forms = [term.text]
    for match in reversed(list(WORD.finditer(term.text))):  # from the right: spans stay valid
        relatives = [w for w in _family(match.group()) or () if w != match.group().lower()]
        start, end = match.span()
        forms = [*forms, *(form[:start] + relative + form[end:] for form in forms for relative in relatives)]
        if len(forms) > limit:
            return None
    return forms


def _clean(raw: str) -> tuple[str, list[str]]:
    """NFKC (full-width letters, ligatures), straight quotes, no control or format characters
    (NUL included: PostgreSQL refuses it in text), single spaces, at most MAX_QUERY_LENGTH."""
    head = raw[: MAX_QUERY_LENGTH * 4]  # enough to clean, whatever was sent
    text = unicodedata.normalize("NFKC", head).translate(_QUOTES)
    text = " ".join("".join(" " if unicodedata.category(ch) in _CONTROL else ch for ch in text).split())
    if len(text) > MAX_QUERY_LENGTH or (len(raw) > len(head) and text):
        cut = text[: MAX_QUERY_LENGTH + 1]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_QUERY_LENGTH]
        return text, [f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters."]
    return text, []


def _split_unspaced(term: Term) -> list[Term]:
    """A term with Chinese (or Thai...) in it: each run of such text becomes a term of its own."""
    runs = UNSPACED_RUN.findall(term.text)
    if not runs:
        return [term]
    rest = " ".join(UNSPACED_RUN.sub(" ", term.text).split())
    terms = [Term(run, negated=term.negated, unspaced=True) for run in runs]
    if WORD.search(rest):
        terms.append(Term(rest, phrase=term.phrase and " " in rest, negated=term.negated))
    return terms


def parse_query(raw: str | None) -> Query:
    """Clean and parse what a reader typed. Never raises; explains in ``problem`` and ``notes``."""
    raw = raw if isinstance(raw, str) else ""
    text, notes = _clean(raw)
    if not text:
        return Query(raw=raw, text="", notes=tuple(notes), problem="Type a word or a phrase to search for.")

    groups: list[list[Term]] = []
    join_next = False
    saw_words = False  # some term had a word in it, searchable or not (a stop word)
    for match in _TOKEN.finditer(text):
        minus, quoted, closing, bare = match.groups()
        if bare is not None:
            if bare.lower() == _OR:
                join_next = bool(groups)
                continue
            negated = bare.startswith("-")
            bare = bare.lstrip("-").replace('"', " ").strip()
            term = Term(bare, negated=negated) if bare else None
        else:
            if not closing:
                notes.append("A quotation mark was not closed; the phrase runs to the end of your search.")
            term = Term(" ".join(quoted.split()), phrase=True, negated=bool(minus)) if quoted.strip() else None
        if term is None:
            continue
        saw_words = saw_words or bool(WORD.search(term.text))
        pieces = [t for t in _split_unspaced(term) if t.searchable]
        if not pieces:
            join_next = False
            continue
        if join_next and groups:
            groups[-1].extend(pieces)
        else:
            groups.append(pieces[:1])
            groups.extend([p] for p in pieces[1:])
        join_next = False

    query = Query(raw=raw, text=text, groups=tuple(tuple(g) for g in groups), notes=tuple(notes))
    if not groups:
        if saw_words:
            problem = ("Every word of your search is too common to search for (the, of, and…). "
                       "Add a more specific word, or put a phrase in quotation marks.")
        else:
            problem = "Your search has no words in it, only punctuation or symbols. Type a word to search for."
        return Query(raw=raw, text=text, notes=tuple(notes), problem=problem)
    if all(any(t.negated for t in g) for g in groups):
        return Query(raw=raw, text=text, groups=query.groups, notes=tuple(notes),
                     problem="A search needs at least one word to look for, not only words to leave out (-word).")
    return query


@functools.cache
def _converter(config: str):
    from opencc import OpenCC

    return OpenCC(config)


def chinese_variants(text: str) -> list[str]:
    """``text`` and its Simplified and Traditional forms (OpenCC), without duplicates."""
    variants = [text]
    if _HAN.search(text):
        for config in ("t2s", "s2t", "s2tw"):
            converted = _converter(config).convert(text)
            if converted not in variants:
                variants.append(converted)
    return variants

