"""PostgreSQL: the weighted tsvector ``Section.search_vector``, its GIN index, ``ts_rank`` and
``ts_headline``.

The vector (document title A, heading B, text C, speaker D) is written by the triggers of
migration 0003. Matches are found through the index; at most ``result_cap`` + 1 of them are ranked
(``ts_rank`` with the weights) and counted, and facets count the ``facet_cap`` documents with the
best passages, so a word found in most passages costs no more than one found in ten thousand.
What readers may see is decided on the passage's own row (``Section.visible_from``, kept by the
triggers of migration 0006), not by a join with the published documents. ``ts_headline`` runs on
the page shown only, over the passage's excerpt window (``excerpts``), never the whole passage.
The vector also holds the pairs of adjacent words, so a quoted phrase is looked up by its pairs in
the index ("new era" reads the passages holding the pair, not every passage holding both words).
Words of unspaced scripts (Chinese, Japanese, Thai...) are matched as substrings with ``LIKE``
through a pg_trgm index.
"""

from __future__ import annotations

from ...models import Period, Theme
from ..excerpts import HIGHLIGHT_WORDS, START, STOP
from ..query import ENGLISH_STOP_WORDS, UNSPACED, Query, Term, phrase_forms, word_families
from .base import Backend


class PostgreSQLBackend(Backend):
    vendor = "postgresql"
    # ts_rank weights {D, C, B, A}: speaker, text, heading, document title.
    WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"
    HEADLINE_OPTIONS = (f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, ShortWord=3, "
                        'MaxFragments=2, FragmentDelimiter=" … "')
    FIND = "strpos"
    GREATEST = "greatest"

    def tsquery(self, websearch: str, families: list[tuple[str, ...]]) -> tuple[str, list]:
        """websearch_to_tsquery, with each family word rewritten to the whole family (ts_rewrite)."""
        return self.with_families("websearch_to_tsquery('english', %s)", [websearch], families)

    @staticmethod
    def with_families(sql: str, params: list, families: list[tuple[str, ...]]) -> tuple[str, list]:
        """The tsquery ``sql`` with each family word rewritten to the whole family (ts_rewrite)."""
        params = list(params)
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
        common, common_params = self.common_conditions(query, documents=documents, within=within)
        conditions += common
        sql = (f"SELECT s.id, s.document_id, {rank} AS rank FROM documents_section s "
               f"WHERE {' AND '.join(conditions)} LIMIT {int(limit)}")
        return sql, [*rank_params, *params, *common_params]

    def term_condition(self, term: Term) -> tuple[str, list]:
        positive = Term(term.text, phrase=term.phrase)
        tsquery, params = self.tsquery(positive.websearch(), word_families([positive]))
        return f"(s.search_vector @@ {tsquery})", params

    def highlight_tsquery(self, query: Query) -> tuple[str, list] | None:
        """The tsquery excerpts are highlighted with: the wanted words, AND between the query's
        groups and OR inside one, each word once, at most HIGHLIGHT_WORDS, a phrase as its words.

        ts_headline with a phrase (<->) allocates memory that grows with the square of the text
        (a phrase of two words over 8 KB: 40 MB; over 150 KB: 500 MB and more), and its time grows
        with every repetition of a word in the query; with distinct words and no phrase, its cost
        stays proportional to the window it reads. The phrase still decides which passages match
        and where the window is (``excerpt_needles``), and its words are marked inside it."""
        seen: set[str] = set()
        groups: list[list[str]] = []
        for group in query.positive_text_groups():
            terms = []
            for term in group:
                words = [w for w in dict.fromkeys(term.words) if w not in seen and w not in ENGLISH_STOP_WORDS]
                words = words[: max(0, HIGHLIGHT_WORDS - len(seen))]
                if words:
                    seen.update(words)
                    terms.append(" ".join(words))
            if terms:
                groups.append(terms)
        if not groups:
            return None
        sql = " && ".join("(" + " || ".join(["plainto_tsquery('english', %s)"] * len(terms)) + ")"
                          for terms in groups)
        return self.with_families(f"({sql})", [text for terms in groups for text in terms],
                                  word_families(Term(text) for terms in groups for text in terms))

    def headline_sql(self, query, *, chars):
        tsquery = self.highlight_tsquery(query)
        if not tsquery:
            return "NULL", []
        window = f"translate(substr(s.text, windows.start, {int(chars)}), chr(1) || chr(2), '')"
        return f"ts_headline('english', {window}, {tsquery[0]}, %s)", [*tsquery[1], self.HEADLINE_OPTIONS]

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
