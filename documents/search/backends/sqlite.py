"""SQLite: an FTS5 table with Porter stemming (migration 0003), ranked with ``bm25`` weighted by
column; excerpts from ``snippet`` for passages that fit the excerpt window; unspaced scripts with
``LIKE`` (a scan). The differences from PostgreSQL are listed in ``SQLITE_GAPS``. The FTS5 table
and its triggers are put back after a table rebuild by ``sqlite_index.ensure_sqlite_index``.
"""

from __future__ import annotations

import difflib
import sqlite3

from ...models import Period, Theme
from ..excerpts import EXCERPT_WORDS, headline_chars
from ..query import ENGLISH_STOP_WORDS, WORD, Query, Term, phrase_forms
from .base import Backend

SQLITE_GAPS = (
    "Ranking is FTS5's bm25 weighted by column, not PostgreSQL's ts_rank; the orders differ a little.",
    "Stemming is Porter's (FTS5), not PostgreSQL's Snowball; a few words stem differently.",
    "Stop words are dropped from the query outside quoted phrases; inside a phrase they must match "
    "exactly, where PostgreSQL lets any word take their place.",
    "Chinese and other unspaced scripts are matched by scanning the passages (no trigram index).",
    "Excerpts come from FTS5's snippet(), one fragment per passage instead of two. A passage longer "
    "than the excerpt window (POLICYARCHIVE_HEADLINE_CHARS) is excerpted around the first match of "
    "a query word's beginning (peace marks peaceful), not of its stem.",
    "Search suggestions compare theme and era names with difflib instead of pg_trgm similarity.",
)


class SQLiteBackend(Backend):
    vendor = "sqlite"
    # bm25 column weights: title, heading, body, speaker.
    BM25 = "bm25(documents_section_fts, 10.0, 4.0, 1.0, 0.5)"
    FIND = "instr"
    GREATEST = "max"
    MATERIALIZED = "MATERIALIZED " if sqlite3.sqlite_version_info >= (3, 35) else ""

    def window_start_sql(self, query):
        # A passage that fits the window is excerpted whole by snippet(): its window is all of it.
        start, params = super().window_start_sql(query)
        return f"CASE WHEN length(s.text) <= {headline_chars()} THEN 1 ELSE {start} END", params

    @staticmethod
    def fts_term(term: Term) -> str:
        """An FTS5 expression for a term: quoted words (no FTS5 syntax can slip in), families OR-ed."""
        if term.phrase:
            forms = phrase_forms(term) or [term.text]
            return "(" + " OR ".join('"' + form.replace('"', " ") + '"' for form in forms) + ")"
        words = [w for w in WORD.findall(term.text) if w.lower() not in ENGLISH_STOP_WORDS]
        words = words or WORD.findall(term.text)
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
        common, common_params = self.common_conditions(query, documents=documents, within=within)
        conditions += common
        params += common_params
        if match:
            sql = (f"SELECT s.id, s.document_id, -{self.BM25} AS rank "
                   "FROM documents_section_fts JOIN documents_section s ON s.id = documents_section_fts.rowid "
                   f"WHERE documents_section_fts MATCH %s AND {' AND '.join(conditions)} LIMIT {int(limit)}")
            return sql, [match, *params]
        sql = (f"SELECT s.id, s.document_id, CASE WHEN s.kind = 'heading' THEN 0.4 ELSE 0.2 END AS rank "
               f"FROM documents_section s WHERE {' AND '.join(conditions)} LIMIT {int(limit)}")
        return sql, params

    def headline_sql(self, query, *, chars):
        match = self.match_expression(query)
        if not match:
            return "NULL", []
        # snippet() needs the MATCH in its own query: look the page's rows up again, by rowid.
        # It reads the whole column, in time that grows with the square of the matches in it:
        # only for passages that fit the window; longer ones are excerpted from their window.
        sql = (
            f"CASE WHEN length(s.text) <= {int(chars)} THEN "
            "(SELECT CASE WHEN documents_section_fts.heading != '' "
            f"THEN snippet(documents_section_fts, 1, char(1), char(2), ' … ', {EXCERPT_WORDS}) "
            f"ELSE snippet(documents_section_fts, 2, char(1), char(2), ' … ', {EXCERPT_WORDS}) END "
            "FROM documents_section_fts WHERE documents_section_fts MATCH %s "
            "AND documents_section_fts.rowid = windows.id) END"
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
