"""What every search backend shares: the shape of the page query, the facet counts, the
documents condition and substring matching. A backend per database builds its own matches
(``hits_sql``) and excerpts (``headline_sql``) on top; see ``postgresql`` and ``sqlite``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from ...models import Document
from ..excerpts import EXCERPT_MARGIN, excerpt_needles, headline_chars
from ..query import Query, Term, chinese_variants
from ..results import Limits, Row, Totals

if TYPE_CHECKING:
    from ...taxonomy import TaxonomyTree


def like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def documents_condition(documents: QuerySet[Document] | None) -> tuple[str, list]:
    """The condition (SQL, params) on a passage ``s`` that its document is one of ``documents``,
    or, for None, that readers may see it: ``visible_from`` (migration 0006) is read on the row
    the search reads anyway, where looking each match up among the published documents cost a
    hash of all their ids on every search."""
    if documents is None:
        return "s.visible_from <= %s", [connection.ops.adapt_datetimefield_value(timezone.now())]
    try:
        sql, params = documents.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # ``.none()``, or a filter that can match nothing (``pk__in=[]``)
        return "1 = 0", []
    return f"s.document_id IN ({sql})", list(params)


# One statement per page: the matches (at most ``result_cap`` + 1, ranked as they are found), the
# documents found (each with its best rank, its matches, and the entries it takes in the result
# list: at most ``per_document`` passages unless one document is searched), the page, and the totals,
# which survive an empty page through the LEFT JOIN. Documents are ordered by their best passage;
# only those that can reach the page are sorted and numbered (each takes at least one entry, so
# they are among the first offset + ``page_size``), never every match. Each passage of the page is
# read through its window (``windows``: where its first match is, computed once) for the excerpt.
PAGE_SQL = """
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
), windows AS {materialized}(
  SELECT page.*, {window_start} AS start
  FROM page JOIN documents_section s ON s.id = page.id
)
SELECT totals.passages, totals.documents, totals.shown_rows, totals.facets,
       windows.id, windows.document_id, windows.rank, windows.in_document, {headline},
       substr(s.text, windows.start, {window_chars} + 1), windows.start
FROM totals
LEFT JOIN windows ON true
LEFT JOIN documents_section s ON s.id = windows.id
ORDER BY windows.best DESC, windows.document_id, windows.n
"""


class Backend:
    """Builds the SQL of one database; see ``PAGE_SQL`` for the shape of the page query."""

    vendor = ""
    FIND = ""  # the SQL function giving where a string is in another (from 1; 0: absent)
    GREATEST = ""  # the SQL function giving the greatest of its arguments
    MATERIALIZED = "MATERIALIZED "  # a CTE computed once, not copied into each use of its columns

    def hits_sql(self, query: Query, *, documents: tuple[str, list], within: int | None,
                 limit: int) -> tuple[str, list]:
        """The matching passages (SQL, params) whose document meets ``documents`` (a condition,
        see ``documents_condition``), at most ``limit``, as rows (id, document_id, rank)."""
        raise NotImplementedError

    def term_condition(self, term: Term) -> tuple[str, list]:
        """The condition (SQL, params) on a passage ``s`` that it holds ``term`` (read as wanted)."""
        raise NotImplementedError

    def common_conditions(self, query: Query, *, documents: tuple[str, list],
                          within: int | None) -> tuple[list[str], list]:
        """The conditions (SQL each, params) every backend's matches meet besides its own text
        match: the query's other groups (unspaced scripts), ``within`` one document, ``documents``."""
        conditions, params = [], []
        for group in query.other_groups():
            sql, group_params = self.unspaced_condition(group, self.term_condition)
            conditions.append(sql)
            params += group_params
        if within is not None:
            conditions.append(f"s.document_id = {int(within)}")
        conditions.append(documents[0])
        return conditions, [*params, *documents[1]]

    def facet_documents_sql(self, taxonomy: TaxonomyTree | None, *, facet_cap: int) -> str:
        """The documents found (the ``facet_cap`` best when there are more), one row each, with the
        columns facets count: facet counting costs one pass over each document's eras and
        principles, and is bounded like the rest of the page."""
        if taxonomy is None:
            return "SELECT document_id AS id FROM found WHERE 1 = 0"
        return (f"SELECT d.id, d.doc_type, d.issued_in_id, CAST(d.languages AS TEXT) AS languages, "
                f"{self.decade_sql('d.issued_on')} AS decade, d.source "
                "FROM (SELECT document_id FROM found "
                f"ORDER BY best DESC, document_id LIMIT {int(facet_cap)}) AS best "
                "JOIN documents_document d ON d.id = best.document_id")

    def headline_sql(self, query: Query, *, chars: int) -> tuple[str, list]:
        """The excerpt column (SQL, params) of a page row, made from ``chars`` characters of the
        passage ``s`` from ``windows.start``; NULL when this database made none."""
        raise NotImplementedError

    def window_start_sql(self, query: Query) -> tuple[str, list]:
        """Where a passage's excerpt window starts: EXCERPT_MARGIN characters before the first of
        ``excerpt_needles`` found in it (case aside), or at its start. A few linear scans of the
        passage, whatever the query (at most HIGHLIGHT_WORDS needles)."""
        needles = excerpt_needles(query)
        if not needles:
            return "1", []
        found = ", ".join([f"nullif({self.FIND}(lower(s.text), %s), 0)"] * len(needles))
        return f"{self.GREATEST}(1, coalesce({found}, 0) - {EXCERPT_MARGIN})", needles

    def page(self, query: Query, *, documents: QuerySet[Document] | None, offset: int,
             within: int | None, taxonomy: TaxonomyTree | None, facet_size: int,
             limits: Limits) -> tuple[list[Row], Totals]:
        """The rows of one page (its passages' windows and excerpts) and the totals of the search:
        one statement (``PAGE_SQL``). With ``taxonomy``, the facet counts come along, the open-ended
        facets (tags, sources) cut to their ``facet_size`` largest values."""
        hits, hits_params = self.hits_sql(query, documents=documents_condition(documents), within=within,
                                          limit=limits.result_cap + 1)
        chars = headline_chars()
        window_start, window_params = self.window_start_sql(query)
        headline, headline_params = self.headline_sql(query, chars=chars)
        theme_tree, facets = self.facets_sql(taxonomy, facet_size=facet_size)
        sql = PAGE_SQL.format(hits=hits, headline=headline, theme_tree=theme_tree, facets=facets,
                              window_start=window_start, window_chars=int(chars), materialized=self.MATERIALIZED,
                              facet_documents=self.facet_documents_sql(taxonomy, facet_cap=limits.facet_cap),
                              facet_json=self.facet_json_sql(),
                              per_document=int(limits.result_cap + 1 if within else limits.per_document),
                              offset=int(offset), page_end=int(offset + limits.page_size))
        params = [*hits_params, *window_params, *headline_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            records = cursor.fetchall()
        totals = Totals()
        rows = []
        for (passages, docs, shown, facet_rows, pk, document_id, rank, in_document, headline, window,
             start) in records:
            if isinstance(facet_rows, str):
                facet_rows = json.loads(facet_rows)
            totals = Totals(int(passages or 0), docs, int(shown or 0), [tuple(row) for row in facet_rows or []])
            if pk is not None:
                window = window or ""
                rows.append(Row(pk, document_id, float(rank or 0), in_document, headline or "", window[:chars],
                                int(start or 1), len(window) > chars))
        return rows, totals

    def facets_sql(self, taxonomy: TaxonomyTree | None, *, facet_size: int) -> tuple[str, str]:
        """Rows (facet, value, label, count) over the documents found, one query for every facet
        the document list counts (``documents.facets.count_facets``), with the same meaning.
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
            "JOIN documents_documenttag ti ON ti.content_object_id = f.id JOIN taggit_tag tg ON tg.id = ti.tag_id "
            f"GROUP BY tg.name, tg.slug ORDER BY n DESC, tg.name LIMIT {int(facet_size)}) AS tags",
            f"SELECT * FROM (SELECT 'source', d.source, '', count(*) AS n {document} WHERE d.source <> '' "
            f"GROUP BY d.source ORDER BY n DESC, d.source LIMIT {int(facet_size)}) AS sources",
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

    def ranked_document_ids(self, query: Query, *, documents: QuerySet[Document], limit: int,
                            result_cap: int) -> list[int]:
        """Ids of the documents with a passage among the ``result_cap`` + 1 first matches, best first."""
        hits, params = self.hits_sql(query, documents=documents_condition(documents), within=None,
                                     limit=result_cap + 1)
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
                term_params = [like_pattern(v) for v in chinese_variants(term.text)]
            else:
                sql, term_params = text_condition(term)
            parts.append(f"NOT {sql}" if term.negated else sql)
            params.extend(term_params)
        return "(" + " OR ".join(parts) + ")", params

    def unspaced_guard(self) -> str:
        return ""
