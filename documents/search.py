"""Full-text search over passages: one interface, a backend per database.

Readers type a query; ``parse_query`` turns it into a ``Query`` (never an exception: whatever
cannot be searched becomes a ``problem`` the page explains), and ``search`` returns one page of
passages, ranked, grouped by document, each with a highlighted excerpt. Editors search the same
way in the admin through ``document_ids_matching``.

Query syntax (that of PostgreSQL's ``websearch_to_tsquery``, on both databases)::

    non-interference            passages with the word (or its forms: interfere, interfering)
    five principles             both words
    "peaceful coexistence"      the exact phrase
    hegemony OR hegemonism      either word
    hegemony -soviet            the first word but not the second
    超级大国                     Chinese (Simplified finds Traditional, and the reverse)

How it runs
- PostgreSQL: ``Section.search_vector`` is a weighted tsvector (document title A, heading B,
  text C, speaker D) written by triggers (migration 0003) and indexed with GIN. Matches are
  found through the index; at most ``RESULT_CAP`` + 1 of them are ranked (``ts_rank`` with the
  weights) and counted, and facets count the ``FACET_CAP`` documents with the best passages, so
  a word found in most passages costs no more than one found in ten thousand; past the caps the
  page says so ("more than 10,000 passages"; counts among the 1,000 best documents).
  What readers may see is decided on the passage's own row (``Section.visible_from``, kept by the
  triggers of migration 0006), not by a join with the published documents.
  ``ts_headline`` runs on the page shown only. The vector also holds the pairs of adjacent words,
  so a quoted phrase is looked up by its pairs in the index ("new era" reads the passages holding
  the pair, not every passage holding both words). Facet counts come from the same statement.
  Words of unspaced scripts (Chinese, Japanese, Thai...) are matched as substrings with ``LIKE``
  through a pg_trgm index.
- SQLite: an FTS5 table with Porter stemming (migration 0003), ranked with ``bm25`` weighted by
  column, excerpts from ``snippet``; unspaced scripts with ``LIKE`` (a scan). The differences
  are listed in ``SQLITE_GAPS``.
- Word families the English stemmer splits (hegemony/hegemonism, socialism/socialist...) are
  searched together: see ``WORD_FAMILIES``.
"""

from __future__ import annotations

import difflib
import functools
import importlib
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .filters import FACET_SIZE, DocumentFilter, Facet, FacetValue, Taxonomy, language_name
from .models import Document, DocumentQuerySet, DocumentType, Period, Section, Theme

MAX_QUERY_LENGTH = 200  # characters; longer queries are cut, and the page says so
PAGE_SIZE = 20  # passages on a page
RESULT_CAP = 10_000  # passages counted and ranked at most
FACET_CAP = 1_000  # documents facet counts are made over at most: those with the best passages
PER_DOCUMENT = 3  # passages shown per document in the result list; the rest behind a link
EXCERPT_WORDS = 40

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
_UNSPACED_RUN = re.compile(UNSPACED + "+")
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

SQLITE_GAPS = (
    "Ranking is FTS5's bm25 weighted by column, not PostgreSQL's ts_rank; the orders differ a little.",
    "Stemming is Porter's (FTS5), not PostgreSQL's Snowball; a few words stem differently.",
    "Stop words are dropped from the query outside quoted phrases; inside a phrase they must match "
    "exactly, where PostgreSQL lets any word take their place.",
    "Chinese and other unspaced scripts are matched by scanning the passages (no trigram index).",
    "Excerpts come from FTS5's snippet(), one fragment per passage instead of two.",
    "Search suggestions compare theme and era names with difflib instead of pg_trgm similarity.",
)

_OR = "or"
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u300c": '"', "\u300d": '"', "\u2018": "'", "\u2019": "'"})
_TOKEN = re.compile(r'(-?)"([^"]*)("?)|(\S+)')
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
_START, _STOP = "\x01", "\x02"  # highlight markers: control characters, stripped from queries
_MARKED = re.compile(f"{_START}([^{_START}{_STOP}]*){_STOP}")


# --- The query -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One thing to look for: a word, a quoted phrase, or a run of Chinese (unspaced) text."""

    text: str
    phrase: bool = False
    negated: bool = False
    unspaced: bool = False

    @property
    def words(self) -> list[str]:
        return [w.lower() for w in _WORD.findall(self.text)]

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
    for match in reversed(list(_WORD.finditer(term.text))):  # from the right: spans stay valid
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
    runs = _UNSPACED_RUN.findall(term.text)
    if not runs:
        return [term]
    rest = " ".join(_UNSPACED_RUN.sub(" ", term.text).split())
    terms = [Term(run, negated=term.negated, unspaced=True) for run in runs]
    if _WORD.search(rest):
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
        saw_words = saw_words or bool(_WORD.search(term.text))
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


# --- Results ---------------------------------------------------------------------------------


@dataclass
class Hit:
    section: Section
    excerpt: SafeString
    rank: float
    in_document: int  # passages of this document that match

    @property
    def document(self) -> Document:
        return self.section.document

    @property
    def url(self) -> str:
        return f"{self.document.get_absolute_url()}#{self.section.anchor}"


@dataclass
class DocumentHits:
    document: Document
    hits: list[Hit]
    in_document: int
    more_url: str = ""  # the search within this document alone (set by search_page)

    @property
    def more(self) -> int:
        return max(self.in_document - len(self.hits), 0)


@dataclass
class Results:
    query: Query
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # matching passages, up to RESULT_CAP + 1
    documents_total: int = 0  # documents with a matching passage (among those counted)
    rows: int = 0  # entries of the result list (passages shown, at most PER_DOCUMENT a document)
    page: int = 1
    facet_rows: list[tuple] = field(default_factory=list)  # (facet, value, label, count), see facets_sql

    @property
    def capped(self) -> bool:
        return self.total > RESULT_CAP

    @property
    def facets_capped(self) -> bool:
        """Facet counts cover the FACET_CAP documents with the best passages, not all found."""
        return self.documents_total > FACET_CAP

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.rows / PAGE_SIZE))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def page_obj(self) -> Page:
        """A Django page for the pagination template (counts only: no query)."""
        return Paginator(range(self.rows), PAGE_SIZE).get_page(self.page)

    @functools.cached_property
    def groups(self) -> list[DocumentHits]:
        """The page's hits grouped by document, in rank order of each document's best passage."""
        grouped: dict[int, DocumentHits] = {}
        for hit in self.hits:
            group = grouped.setdefault(hit.document.pk, DocumentHits(hit.document, [], hit.in_document))
            group.hits.append(hit)
        return list(grouped.values())


def search(query: Query | str, *, documents: QuerySet[Document] | None = None, page: int = 1,
           within: Document | None = None, facets: Taxonomy | None = None) -> Results:
    """One page of passages matching ``query`` among ``documents`` (default: what readers see).

    ``within`` restricts the search to one document and shows all its matching passages. With
    ``facets`` (the taxonomy), the facet counts of the documents found come along (``facet_rows``).
    Runs two queries (matches with their counts, then the page's passages and documents).
    """
    query = parse_query(query) if isinstance(query, str) else query
    if not query.searchable:
        return Results(query=query)
    page = max(1, min(int(page), math.ceil(RESULT_CAP / PAGE_SIZE) + 1))
    backend = _backend()
    rows, totals = backend.page(query, documents=documents, offset=(page - 1) * PAGE_SIZE,
                                within=within.pk if within is not None else None, taxonomy=facets)
    sections = Section.objects.select_related("document").defer(
        "search_vector", "text", *(f"document__{name}" for name in DocumentQuerySet.HEAVY_FIELDS),
    ).in_bulk([row.id for row in rows])
    hits = [
        Hit(section=sections[row.id], excerpt=_excerpt(row, query), rank=row.rank, in_document=row.in_document)
        for row in rows
        if row.id in sections
    ]
    return Results(query=query, hits=hits, page=page, total=totals.passages, documents_total=totals.documents,
                   rows=totals.rows, facet_rows=totals.facet_rows)


def document_ids_matching(query: Query | str, *, documents: QuerySet[Document] | None = None,
                          limit: int = RESULT_CAP) -> list[int]:
    """Ids of documents with a passage matching ``query``, best first (drafts included by default).

    In ``DocumentAdmin.get_search_results``::

        ids = search.document_ids_matching(search_term, documents=queryset)
        return queryset.filter(pk__in=ids), False
    """
    query = parse_query(query) if isinstance(query, str) else query
    if not query.searchable:
        return []
    documents = Document.objects.all() if documents is None else documents
    return _backend().ranked_document_ids(query, documents=documents, limit=limit)


class PageNotFound(Exception):
    """The page number asked for is not a number or is past the last page."""


@dataclass
class SearchPage:
    """Everything the search page shows."""

    query: Query
    results: Results
    filters: DocumentFilter  # the list filters of the page (era, principle, type, year...)
    facets: list[Facet]  # counted over the documents with a matching passage
    within: Document | None  # the one document searched (``in=<slug>``), if any
    suggestions: list[Suggestion]

    @property
    def everywhere_url(self) -> str:
        """This search in every document (when ``within`` one)."""
        return self.filters.query(**{"in": None})


def search_page(params: QueryDict, *, taxonomy: Taxonomy | None = None) -> SearchPage:
    """The search page for GET ``params``: ``q``, ``page``, ``in`` (a document's slug) and the
    document list's filters (documents.filters), which narrow the search and get facet counts.

    Raises ``PageNotFound`` for a page number that is malformed or past the last page.
    """
    query = parse_query(params.get("q", ""))
    filters = DocumentFilter(params, taxonomy=taxonomy, keep=("q", "in"))
    raw_page = params.get("page") or "1"
    if not (raw_page.isascii() and raw_page.isdigit() and 0 < len(raw_page) < 6 and int(raw_page) > 0):
        raise PageNotFound(raw_page)
    within = None
    slug = params.get("in", "")
    if slug and query.searchable and len(slug) <= 200 and "\x00" not in slug:
        within = filters.queryset.defer(*DocumentQuerySet.HEAVY_FIELDS).filter(slug=slug).first()
    results = search(query, documents=filters.queryset if filters.narrows else None, page=int(raw_page),
                     within=within, facets=filters.taxonomy)
    if results.total and int(raw_page) > results.num_pages:
        raise PageNotFound(raw_page)
    facets = facets_of(filters, results.facet_rows)
    for group in results.groups:
        group.more_url = filters.query(**{"in": group.document.slug})
    found_nothing = query.searchable and not results.total
    return SearchPage(query=query, results=results, filters=filters, facets=facets, within=within,
                      suggestions=suggestions(query) if found_nothing else [])


def facets_of(filters: DocumentFilter, rows: list[tuple]) -> list[Facet]:
    """The facets of ``filters.facets()``, from the counts the page query made (``facets_sql``):
    the same facets, values, labels, order and links, counted in one query instead of nine.
    tests/search/test_search.py checks that both agree."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    tags, sources = [], []
    for facet, value, label, n in rows:
        counts[facet][value] = n
        if facet == "tag":
            tags.append((label, value, n))
        elif facet == "source":
            sources.append((value, n))
    taxonomy = filters.taxonomy

    def periods(name: str) -> list[FacetValue]:
        return [FacetValue(f"{p.name} ({p.span})", counts[name][str(p.pk)], filters.query(**{name: p.slug}))
                for p in taxonomy.periods if counts[name].get(str(p.pk))]

    languages: dict[str, int] = defaultdict(int)
    for value, n in counts["language"].items():
        for code in set(json.loads(value) or []):
            if isinstance(code, str) and code:
                languages[code.lower()] += n
    decades = sorted(int(value) for value in counts["year"])
    made = [
        Facet("principle", "Principle", [
            FacetValue(t.name, counts["principle"][str(t.pk)], filters.query(principle=t.slug), depth=t.depth)
            for t in taxonomy.themes if counts["principle"].get(str(t.pk))]),
        Facet("issued", "Issued in", periods("issued")),
        Facet("about", "Speaks about", periods("about")),
        Facet("type", "Type", [FacetValue(label, counts["type"][value], filters.query(type=value))
                               for value, label in DocumentType.choices if counts["type"].get(value)]),
        Facet("language", "Language", [
            FacetValue(language_name(code), n, filters.query(language=code))
            for code, n in sorted(languages.items(), key=lambda item: (-item[1], language_name(item[0])))]),
        Facet("year", "Decade", [
            FacetValue(f"{start}s", counts["year"][str(start)],
                       filters.query(**{"from": str(start), "to": str(start + 9)})) for start in decades]),
        Facet("tag", "Tag", [FacetValue(name, n, filters.query(tag=slug))
                             for name, slug, n in sorted(tags, key=lambda t: (-t[2], t[0]))]),
        Facet("source", "Source", [FacetValue(source, n, filters.query(source=source))
                                   for source, n in sorted(sources, key=lambda t: (-t[1], t[0]))]),
    ]
    active = set(filters.values)
    return [facet for facet in made if facet.values and facet.name not in active
            and not (facet.name == "year" and {"from", "to"} & active)]


@dataclass
class Suggestion:
    label: str
    url: str
    kind: str  # "principle" or "era"


def suggestions(query: Query, *, limit: int = 5) -> list[Suggestion]:
    """Principles and eras whose names look like the query, for a search that found nothing."""
    words = " ".join(t.text for t in query.terms if not t.negated) or query.text
    if not words:
        return []
    found = _backend().similar_names(words, limit=limit)
    return [Suggestion(label=str(obj), url=obj.get_absolute_url(),
                       kind="principle" if isinstance(obj, Theme) else "era") for obj in found]


# --- Excerpts --------------------------------------------------------------------------------


def mark_excerpt(marked: str) -> SafeString:
    """Escape text that marks matches with \\x01…\\x02, then turn the markers into <mark>."""
    escaped = escape(marked)
    html = _MARKED.sub(r"<mark>\1</mark>", escaped).replace(_START, "").replace(_STOP, "")
    return mark_safe(html)  # noqa: S308 - every character of the text went through escape()


def _first_words(text: str, count: int = EXCERPT_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _unspaced_excerpt(text: str, needles: Iterable[str], width: int = 60) -> str:
    """A window of ``text`` around the first needle found, with every needle marked."""
    needles = sorted({n for n in needles if n}, key=len, reverse=True)
    positions = [text.find(n) for n in needles if n in text]
    if not positions:
        return _first_words(text)
    start = max(0, min(positions) - width // 2)
    window = text[start : start + width * 2]
    pattern = re.compile("|".join(re.escape(n) for n in needles))
    window = pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", window)
    return ("… " if start else "") + window + (" …" if start + width * 2 < len(text) else "")


def _excerpt(row: _Row, query: Query) -> SafeString:
    if row.headline and _START in row.headline:
        return mark_excerpt(row.headline)
    needles = [v for t in query.terms if t.unspaced and not t.negated for v in chinese_variants(t.text)]
    if needles and row.text:
        return mark_excerpt(_unspaced_excerpt(row.text, needles))
    return mark_excerpt(row.headline or _first_words(row.text or ""))


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


def _like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# --- Backends --------------------------------------------------------------------------------


@dataclass
class _Row:
    id: int
    document_id: int
    rank: float
    in_document: int
    headline: str = ""
    text: str = ""


@dataclass
class _Totals:
    passages: int = 0
    documents: int = 0
    rows: int = 0
    facet_rows: list[tuple] = field(default_factory=list)


def _documents_condition(documents: QuerySet[Document] | None) -> tuple[str, list]:
    """The condition (SQL, params) on a passage ``s`` that its document is one of ``documents``,
    or, for None, that readers may see it: ``visible_from`` (migration 0006) is read on the row
    the search reads anyway, where looking each match up among the published documents cost a
    hash of all their ids on every search."""
    if documents is None:
        return "s.visible_from <= %s", [connection.ops.adapt_datetimefield_value(timezone.now())]
    sql, params = documents.order_by().values("pk").query.sql_with_params()
    return f"s.document_id IN ({sql})", list(params)


# One statement per page: the matches (at most RESULT_CAP + 1, ranked as they are found), the
# documents found (each with its best rank, its matches, and the entries it takes in the result
# list: at most PER_DOCUMENT passages unless one document is searched), the page, and the totals,
# which survive an empty page through the LEFT JOIN. Documents are ordered by their best passage;
# only those that can reach the page are sorted and numbered (each takes at least one entry, so
# they are among the first offset + PAGE_SIZE), never every match.
_PAGE_SQL = """
WITH {theme_tree}hits AS (
  {hits}
), found AS (
  SELECT document_id, max(rank) AS best, count(*) AS in_document,
         CASE WHEN count(*) < {per_document} THEN count(*) ELSE {per_document} END AS shown
  FROM hits GROUP BY document_id
), page_documents AS (
  SELECT document_id, best, in_document, shown,
         sum(shown) OVER (ORDER BY best DESC, document_id ROWS UNBOUNDED PRECEDING) - shown AS before
  FROM (SELECT * FROM found ORDER BY best DESC, document_id LIMIT {page_end}) AS first
), page AS (
  SELECT * FROM (
    SELECT h.id, h.document_id, h.rank, d.best, d.in_document, d.shown, d.before,
           row_number() OVER (PARTITION BY h.document_id ORDER BY h.rank DESC, h.id) AS n
    FROM hits h JOIN page_documents d ON d.document_id = h.document_id
    WHERE d.before < {page_end} AND d.before + d.shown > {offset}
  ) AS numbered
  WHERE n <= shown AND before + n > {offset} AND before + n <= {page_end}
), facet_documents AS (
  {facet_documents}
), facet_rows (facet, value, label, n) AS (
  {facets}
), totals AS (
  SELECT sum(in_document) AS passages, count(*) AS documents, sum(shown) AS shown_rows,
         {facet_json} AS facets
  FROM found
)
SELECT totals.passages, totals.documents, totals.shown_rows, totals.facets,
       page.id, page.document_id, page.rank, page.in_document, {headline}
FROM totals
LEFT JOIN page ON true
LEFT JOIN documents_section s ON s.id = page.id
ORDER BY page.best DESC, page.document_id, page.n
"""


class _Backend:
    """Builds the SQL of one database; see ``_PAGE_SQL`` for the shape of the page query."""

    vendor = ""

    def hits_sql(self, query: Query, *, documents: tuple[str, list], within: int | None,
                 limit: int) -> tuple[str, list]:
        """The matching passages (SQL, params) whose document meets ``documents`` (a condition,
        see ``_documents_condition``), at most ``limit``, as rows (id, document_id, rank)."""
        raise NotImplementedError

    def facet_documents_sql(self, taxonomy: Taxonomy | None) -> str:
        """The documents found (the FACET_CAP best when there are more), one row each, with the
        columns facets count: facet counting costs one pass over each document's eras and
        principles, and is bounded like the rest of the page."""
        if taxonomy is None:
            return "SELECT document_id AS id FROM found WHERE 1 = 0"
        return (f"SELECT d.id, d.doc_type, d.issued_in_id, CAST(d.languages AS TEXT) AS languages, "
                f"{self.decade_sql('d.issued_on')} AS decade, d.source "
                "FROM (SELECT document_id FROM found "
                f"ORDER BY best DESC, document_id LIMIT {FACET_CAP}) AS best "
                "JOIN documents_document d ON d.id = best.document_id")

    def headline_sql(self, query: Query) -> tuple[str, list]:
        raise NotImplementedError

    def page(self, query: Query, *, documents: QuerySet[Document] | None, offset: int,
             within: int | None, taxonomy: Taxonomy | None) -> tuple[list[_Row], _Totals]:
        hits, hits_params = self.hits_sql(query, documents=_documents_condition(documents), within=within,
                                          limit=RESULT_CAP + 1)
        headline, headline_params = self.headline_sql(query)
        theme_tree, facets = self.facets_sql(taxonomy)
        sql = _PAGE_SQL.format(hits=hits, headline=headline, theme_tree=theme_tree, facets=facets,
                               facet_documents=self.facet_documents_sql(taxonomy), facet_json=self.facet_json_sql(),
                               per_document=int(RESULT_CAP + 1 if within else PER_DOCUMENT),
                               offset=int(offset), page_end=int(offset + PAGE_SIZE))
        params = [*hits_params, *headline_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            records = cursor.fetchall()
        totals = _Totals()
        rows = []
        for passages, docs, shown, facet_rows, pk, document_id, rank, in_document, headline, text in records:
            if isinstance(facet_rows, str):
                facet_rows = json.loads(facet_rows)
            totals = _Totals(int(passages or 0), docs, int(shown or 0), [tuple(row) for row in facet_rows or []])
            if pk is not None:
                rows.append(_Row(pk, document_id, float(rank or 0), in_document, headline or "", text or ""))
        return rows, totals

    def facets_sql(self, taxonomy: Taxonomy | None) -> tuple[str, str]:
        """Rows (facet, value, label, count) over the documents found, one query for every facet
        of documents.filters.DocumentFilter.facets(), with the same meaning (see ``facets_of``).
        Returns the CTE of the principle tree (to put first in the WITH) and the rows' SQL."""
        if taxonomy is None:
            return "", "SELECT '', '', '', 0 WHERE 1 = 0"
        document = "FROM facet_documents d"
        parts = [
            f"SELECT 'type', d.doc_type, '', count(*) {document} GROUP BY d.doc_type",
            f"SELECT 'issued', CAST(d.issued_in_id AS TEXT), '', count(*) {document} "
            "WHERE d.issued_in_id IS NOT NULL GROUP BY d.issued_in_id",
            "SELECT 'about', CAST(p.period_id AS TEXT), '', count(*) FROM facet_documents f "
            "JOIN documents_document_periods p ON p.document_id = f.id GROUP BY p.period_id",
            f"SELECT 'language', d.languages, '', count(*) {document} GROUP BY d.languages",
            f"SELECT 'year', CAST(d.decade AS TEXT), '', count(*) {document} WHERE d.decade IS NOT NULL "
            "GROUP BY d.decade",
            "SELECT * FROM (SELECT 'tag', tg.slug, tg.name, count(*) AS n FROM facet_documents f "
            "JOIN taggit_taggeditem ti ON ti.object_id = f.id "
            "JOIN django_content_type ct ON ct.id = ti.content_type_id AND ct.app_label = 'documents' "
            "AND ct.model = 'document' JOIN taggit_tag tg ON tg.id = ti.tag_id "
            f"GROUP BY tg.name, tg.slug ORDER BY n DESC, tg.name LIMIT {FACET_SIZE}) AS tags",
            f"SELECT * FROM (SELECT 'source', d.source, '', count(*) AS n {document} WHERE d.source <> '' "
            f"GROUP BY d.source ORDER BY n DESC, d.source LIMIT {FACET_SIZE}) AS sources",
        ]
        pairs = [(int(d), int(t.pk)) for t in taxonomy.themes for d in taxonomy.with_descendants(t)]
        theme_tree = ""
        if pairs:
            values = ", ".join(f"({d}, {a})" for d, a in pairs)
            theme_tree = f"theme_tree (theme_id, ancestor_id) AS (VALUES {values}), "
            parts.append("SELECT 'principle', CAST(ancestor_id AS TEXT), '', count(*) FROM ("
                         "SELECT DISTINCT tt.ancestor_id, t.document_id FROM facet_documents f "
                         "JOIN documents_document_themes t ON t.document_id = f.id "
                         "JOIN theme_tree tt ON tt.theme_id = t.theme_id) AS stated GROUP BY ancestor_id")
        return theme_tree, "\n  UNION ALL ".join(parts)

    def decade_sql(self, column: str) -> str:
        raise NotImplementedError

    def facet_json_sql(self) -> str:
        raise NotImplementedError

    def ranked_document_ids(self, query: Query, *, documents: QuerySet[Document], limit: int) -> list[int]:
        hits, params = self.hits_sql(query, documents=_documents_condition(documents), within=None, limit=RESULT_CAP + 1)
        sql = (f"WITH hits AS ({hits}) SELECT document_id FROM hits "
               "GROUP BY document_id ORDER BY max(rank) DESC, document_id LIMIT %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return [pk for (pk,) in cursor.fetchall()]

    def similar_names(self, words: str, *, limit: int) -> list:
        raise NotImplementedError

    def unspaced_condition(self, group: tuple[Term, ...], text_condition) -> tuple[str, list]:
        """A group with Chinese (or Thai...) in it: OR of its terms, each a condition on the row."""
        parts, params = [], []
        for term in group:
            if term.unspaced:
                likes = " OR ".join(["s.text LIKE %s ESCAPE '\\'"] * len(chinese_variants(term.text)))
                sql = f"({self.unspaced_guard()}({likes}))"
                term_params = [_like_pattern(v) for v in chinese_variants(term.text)]
            else:
                sql, term_params = text_condition(term)
            parts.append(f"NOT {sql}" if term.negated else sql)
            params.extend(term_params)
        return "(" + " OR ".join(parts) + ")", params

    def unspaced_guard(self) -> str:
        return ""


class _PostgreSQL(_Backend):
    vendor = "postgresql"
    # ts_rank weights {D, C, B, A}: speaker, text, heading, document title.
    WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"
    HEADLINE_OPTIONS = (f"StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12, ShortWord=3, "
                        'MaxFragments=2, FragmentDelimiter=" … "')

    def tsquery(self, websearch: str, families: list[tuple[str, ...]]) -> tuple[str, list]:
        """websearch_to_tsquery, with each family word rewritten to the whole family (ts_rewrite)."""
        sql, params = "websearch_to_tsquery('english', %s)", [websearch]
        for family in families:
            for word in family:
                sql = f"ts_rewrite({sql}, plainto_tsquery('english', %s), to_tsquery('english', %s))"
                params += [word, " | ".join(f"'{w}'" for w in family)]
        return sql, params

    def query_tsquery(self, query: Query) -> tuple[str, list] | None:
        """The tsquery of the query's full-text groups, or None if it has none."""
        if not query.text_groups():
            return None
        return self.tsquery(query.websearch(), query.family_words())

    def ranking_tsquery(self, query: Query) -> tuple[str, list] | None:
        """The tsquery to rank and highlight with: the wanted words only (None if there are none)."""
        groups = query.positive_text_groups()
        if not groups:
            return None
        return self.tsquery(query.websearch(groups), word_families(t for g in groups for t in g))

    def unspaced_guard(self) -> str:
        # The predicate of the partial trigram index, verbatim, so that the planner can use it.
        return f"s.text ~ '{UNSPACED}' AND "

    @staticmethod
    def indexed_phrases(query: Query) -> list[list[str]]:
        """Quoted phrases every match must hold, each as its forms (one per member of a word family
        in it): their pairs of adjacent words, in the vector (migration 0003), narrow the search
        down through the index before positions are checked."""
        phrases = [phrase_forms(group[0]) for group in query.positive_text_groups()
                   if len(group) == 1 and group[0].phrase]
        return [forms for forms in phrases if forms]

    def hits_sql(self, query, *, documents, within, limit):
        conditions, params = [], []
        tsquery = self.query_tsquery(query)
        if tsquery:
            phrases = self.indexed_phrases(query)
            pairs = "".join(" && (" + " || ".join(["documents_phrase_bigrams(%s)"] * len(forms)) + ")"
                            for forms in phrases)
            conditions.append(f"s.search_vector @@ ({tsquery[0]}{pairs})")
            params += [*tsquery[1], *(form for forms in phrases for form in forms)]
        ranking = self.ranking_tsquery(query)
        if ranking:
            rank, rank_params = f"ts_rank({self.WEIGHTS}, s.search_vector, {ranking[0]})", list(ranking[1])
        else:
            rank, rank_params = "CASE WHEN s.kind = 'heading' THEN 0.4 ELSE 0.2 END", []
        for group in query.other_groups():
            sql, group_params = self.unspaced_condition(group, self.term_condition)
            conditions.append(sql)
            params += group_params
        if within is not None:
            conditions.append(f"s.document_id = {int(within)}")
        conditions.append(documents[0])
        sql = (f"SELECT s.id, s.document_id, {rank} AS rank FROM documents_section s "
               f"WHERE {' AND '.join(conditions)} LIMIT {int(limit)}")
        return sql, [*rank_params, *params, *documents[1]]

    def term_condition(self, term: Term) -> tuple[str, list]:
        positive = Term(term.text, phrase=term.phrase)
        tsquery, params = self.tsquery(positive.websearch(), word_families([positive]))
        return f"(s.search_vector @@ {tsquery})", params

    def headline_sql(self, query):
        tsquery = self.ranking_tsquery(query)
        if not tsquery:
            return "NULL, s.text", []
        sql = (f"ts_headline('english', translate(s.text, chr(1) || chr(2), ''), {tsquery[0]}, %s), s.text")
        return sql, [*tsquery[1], self.HEADLINE_OPTIONS]

    def decade_sql(self, column):
        return f"(CAST(EXTRACT(YEAR FROM {column}) AS integer) / 10 * 10)"

    def facet_json_sql(self):
        return "(SELECT json_agg(json_build_array(facet, value, label, n)) FROM facet_rows)"

    def similar_names(self, words, *, limit):
        from django.contrib.postgres.search import TrigramWordSimilarity

        found = []
        for model in (Theme, Period):
            found += list(model.objects.annotate(similarity=TrigramWordSimilarity(words, "name"))
                          .filter(similarity__gte=0.4).order_by("-similarity")[:limit])
        return sorted(found, key=lambda obj: -obj.similarity)[:limit]


class _SQLite(_Backend):
    vendor = "sqlite"
    # bm25 column weights: title, heading, body, speaker.
    BM25 = "bm25(documents_section_fts, 10.0, 4.0, 1.0, 0.5)"

    @staticmethod
    def fts_term(term: Term) -> str:
        """An FTS5 expression for a term: quoted words (no FTS5 syntax can slip in), families OR-ed."""
        if term.phrase:
            forms = phrase_forms(term) or [term.text]
            return "(" + " OR ".join('"' + form.replace('"', " ") + '"' for form in forms) + ")"
        words = [w for w in _WORD.findall(term.text) if w.lower() not in ENGLISH_STOP_WORDS]
        words = words or _WORD.findall(term.text)
        forms = phrase_forms(Term(" ".join(words))) or [" ".join(words)]
        return "(" + " OR ".join("(" + " AND ".join(f'"{w}"' for w in form.split()) + ")" for form in forms) + ")"

    def fts_group(self, group: tuple[Term, ...]) -> str:
        return "(" + " OR ".join(self.fts_term(t) for t in group) + ")"

    def match_expression(self, query: Query) -> str:
        """The FTS5 expression of the positive full-text groups (the ones without exclusions)."""
        return " AND ".join(self.fts_group(g) for g in query.positive_text_groups())

    def term_condition(self, term: Term) -> tuple[str, list]:
        sql = "s.id IN (SELECT rowid FROM documents_section_fts WHERE documents_section_fts MATCH %s)"
        return f"({sql})", [self.fts_term(Term(term.text, phrase=term.phrase))]

    def hits_sql(self, query, *, documents, within, limit):
        conditions, params = [], []
        match = self.match_expression(query)
        for group in query.text_groups():
            if any(t.negated for t in group):
                sql, group_params = self.unspaced_condition(group, self.term_condition)
                conditions.append(sql)
                params += group_params
        for group in query.other_groups():
            sql, group_params = self.unspaced_condition(group, self.term_condition)
            conditions.append(sql)
            params += group_params
        if within is not None:
            conditions.append(f"s.document_id = {int(within)}")
        conditions.append(documents[0])
        params += documents[1]
        if match:
            sql = (f"SELECT s.id, s.document_id, -{self.BM25} AS rank "
                   "FROM documents_section_fts JOIN documents_section s ON s.id = documents_section_fts.rowid "
                   f"WHERE documents_section_fts MATCH %s AND {' AND '.join(conditions)} LIMIT {int(limit)}")
            return sql, [match, *params]
        sql = (f"SELECT s.id, s.document_id, CASE WHEN s.kind = 'heading' THEN 0.4 ELSE 0.2 END AS rank "
               f"FROM documents_section s WHERE {' AND '.join(conditions)} LIMIT {int(limit)}")
        return sql, params

    def headline_sql(self, query):
        match = self.match_expression(query)
        if not match:
            return "NULL, s.text", []
        # snippet() needs the MATCH in its own query: look the page's rows up again, by rowid.
        sql = (
            "(SELECT CASE WHEN documents_section_fts.heading != '' "
            f"THEN snippet(documents_section_fts, 1, char(1), char(2), ' … ', {EXCERPT_WORDS}) "
            f"ELSE snippet(documents_section_fts, 2, char(1), char(2), ' … ', {EXCERPT_WORDS}) END "
            "FROM documents_section_fts WHERE documents_section_fts MATCH %s "
            "AND documents_section_fts.rowid = page.id), s.text"
        )
        return sql, [match]

    def decade_sql(self, column):
        return f"(CAST(strftime('%%Y', {column}) AS integer) / 10 * 10)"

    def facet_json_sql(self):
        return "(SELECT json_group_array(json_array(facet, value, label, n)) FROM facet_rows)"

    def similar_names(self, words, *, limit):
        candidates = {}
        for model in (Theme, Period):
            for obj in model.objects.all():
                candidates[obj.name.lower()] = obj
        lowered = words.lower()
        scored = []
        for name, obj in candidates.items():
            score = max([difflib.SequenceMatcher(None, lowered, name).ratio()]
                        + [difflib.SequenceMatcher(None, w, n).ratio()
                           for w in lowered.split() for n in name.split() if len(w) > 3])
            if score >= 0.75:
                scored.append((score, obj))
        return [obj for _, obj in sorted(scored, key=lambda pair: -pair[0])[:limit]]


# What migrations 0003 (the FTS5 table) and 0006 (passage visibility) create on SQLite, by migration.
_SQLITE_OBJECTS = {
    "0003_section_search": {"documents_section_fts", "documents_section_fts_insert", "documents_section_fts_update",
                            "documents_section_fts_delete", "documents_document_fts_title"},
    "0006_section_visible_from": {"documents_section_visibility_insert", "documents_section_visibility_update",
                                  "documents_document_visibility"},
}


def ensure_sqlite_index() -> bool:
    """On SQLite, put back the search objects of migrations 0003 and 0006 if they are gone, and
    recompute what they hold (the FTS5 table, the passages' visibility).

    Django alters a SQLite table by building a new one and dropping the old, and the old one's
    triggers go with it: after such a migration of documents_section or documents_document the
    index would silently stop following edits. Connect this to ``post_migrate``. It reuses the
    migrations' own SQL. Returns True when it had to repair.
    """
    if connection.vendor != "sqlite":
        return False
    from django.db.migrations.recorder import MigrationRecorder

    applied = {name for app, name in MigrationRecorder(connection).applied_migrations() if app == "documents"}
    repaired = False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s",
                       ["documents_%"])
        present = {name for (name,) in cursor.fetchall()}
        for name, objects in _SQLITE_OBJECTS.items():
            if name not in applied or objects <= present:
                continue
            migration = importlib.import_module(f"documents.migrations.{name}")
            for sql in [*migration.SQLITE_BACKWARDS, *migration.SQLITE_FORWARDS]:
                cursor.execute(sql)
            repaired = True
    return repaired


_BACKENDS = {"postgresql": _PostgreSQL(), "sqlite": _SQLite()}


def _backend() -> _Backend:
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {connection.vendor}.") from None
