"""Full-text search over passages.

PostgreSQL
- ``documents_section.search_vector``: the passage's words, weighted for ranking: its document's
  title A, a heading's text B, any other passage's text C, the speaker D (English configuration).
  Triggers write it on every insert and on every update of the passage's kind, speaker, text or
  document, and on every change of a document's title, so imports (bulk_create), admin edits and
  bulk actions all keep it right. A GIN index serves ``@@``.
  To rebuild every vector: ``UPDATE documents_section SET search_vector = NULL`` (the trigger
  recomputes it).
- The vector also holds each pair of adjacent words ('foreign polici', ``documents_bigrams``):
  a quoted phrase of common words ("new era") then finds its passages through the index instead
  of rechecking the positions in every passage holding both words.
- pg_trgm and a trigram GIN index on the text of passages written in unspaced scripts (Chinese,
  Japanese, Thai, Lao, Khmer, Burmese), which have no spaces to split words on: a query in those
  scripts is matched as a substring (``LIKE``), served by the index.

SQLite
- ``documents_section_fts``: an FTS5 table (title, heading, body, speaker; Porter stemming) whose
  rowid is the passage's id, kept in step by triggers on passages and on document titles.

The SQL is frozen here, as migrations must be; ``documents/search.py`` queries what it creates.
"""

import django.contrib.postgres.search
from django.db import migrations

import documents.models
from documents.migrations._vendor import run_sql_per_vendor

# Characters of scripts written without spaces between words; the same class is in
# documents/search.py (UNSPACED), and the trigram index is restricted to passages containing one.
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

POSTGRESQL_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Adjacent pairs of lexemes ('foreign polici'), from the positions of a vector. A lexeme never
    # holds a space, so a pair cannot be mistaken for a word. Lexemes over 100 bytes (a run of
    # Chinese is one lexeme) are not paired: a pair must stay under the 2047-byte lexeme limit.
    """
    CREATE FUNCTION documents_bigrams(vector tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme)), ''::tsvector)
      FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)
            WHERE octet_length(lexeme) <= 100) a
      JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)
            WHERE octet_length(lexeme) <= 100) b ON b.position = a.position + 1
    $$
    """,
    # The pairs a quoted phrase needs (paired as above), AND-ed; the phrase itself when it has none.
    """
    CREATE FUNCTION documents_phrase_bigrams(phrase text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(string_agg(quote_literal(a.lexeme || ' ' || b.lexeme), ' & ')::tsquery,
                      phraseto_tsquery('english', phrase))
      FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(to_tsvector('english', phrase))
            WHERE octet_length(lexeme) <= 100) a
      JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest(to_tsvector('english', phrase))
            WHERE octet_length(lexeme) <= 100) b ON b.position = a.position + 1
    $$
    """,
    # The words, weighted (title A, heading B, other text C, speaker D), and their adjacent pairs,
    # which make quoted phrases fast: "new era" intersects the short list of passages holding the
    # pair instead of rechecking the positions in every passage holding both words.
    """
    CREATE FUNCTION documents_section_search_vector(title text, kind text, speaker text, body text)
    RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    DECLARE
      words tsvector := setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig,
                                 CASE WHEN kind = 'heading' THEN coalesce(body, '') ELSE '' END), 'B')
        || setweight(to_tsvector('english'::regconfig,
                                 CASE WHEN kind = 'heading' THEN '' ELSE coalesce(body, '') END), 'C')
        || setweight(to_tsvector('english'::regconfig, coalesce(speaker, '')), 'D');
    BEGIN
      RETURN words || documents_bigrams(words);
    END
    $$
    """,
    """
    CREATE FUNCTION documents_section_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_vector := documents_section_search_vector(
        (SELECT title FROM documents_document WHERE id = NEW.document_id),
        NEW.kind, NEW.speaker, NEW.text);
      RETURN NEW;
    END
    $$
    """,
    # search_vector is in the column list so that any write to it (a stale value from save(),
    # or NULL to ask for a rebuild) is replaced by the computed one.
    """
    CREATE TRIGGER documents_section_search
    BEFORE INSERT OR UPDATE OF document_id, kind, speaker, text, search_vector ON documents_section
    FOR EACH ROW EXECUTE FUNCTION documents_section_search_trigger()
    """,
    """
    CREATE FUNCTION documents_document_title_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE documents_section SET search_vector = NULL WHERE document_id = NEW.id;
      RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER documents_document_title_search
    AFTER UPDATE OF title ON documents_document
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION documents_document_title_search_trigger()
    """,
    # Keep the vector in the row (compressing the text first, then moving it out): ranking and
    # rechecks read the vector of every match, and a vector moved to the TOAST table costs one
    # more random read each. (A passage with its pairs of words weighs about 2 kB.)
    "ALTER TABLE documents_section ALTER COLUMN search_vector SET STORAGE MAIN",
    "UPDATE documents_section SET search_vector = NULL",
    f"""
    CREATE INDEX section_unspaced_trgm_idx ON documents_section
    USING gin (text gin_trgm_ops) WHERE text ~ '{UNSPACED}'
    """,
]

POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS section_unspaced_trgm_idx",
    "DROP TRIGGER IF EXISTS documents_document_title_search ON documents_document",
    "DROP FUNCTION IF EXISTS documents_document_title_search_trigger()",
    "DROP TRIGGER IF EXISTS documents_section_search ON documents_section",
    "DROP FUNCTION IF EXISTS documents_section_search_trigger()",
    "DROP FUNCTION IF EXISTS documents_section_search_vector(text, text, text, text)",
    "DROP FUNCTION IF EXISTS documents_phrase_bigrams(text)",
    "DROP FUNCTION IF EXISTS documents_bigrams(tsvector)",
    # pg_trgm stays: other objects may use it by now.
]

# The FTS row of a passage: its id, its document's title, its text as heading or body, its speaker.
_FTS_VALUES = """
    {row}.id, d.title,
    CASE WHEN {row}.kind = 'heading' THEN {row}.text ELSE '' END,
    CASE WHEN {row}.kind = 'heading' THEN '' ELSE {row}.text END,
    {row}.speaker
"""
_FTS_INSERT = "INSERT INTO documents_section_fts (rowid, title, heading, body, speaker)"
_FTS_NEW_ROW = (f"{_FTS_INSERT} SELECT {_FTS_VALUES.format(row='new')} "
                "FROM documents_document d WHERE d.id = new.document_id")

SQLITE_FORWARDS = [
    """
    CREATE VIRTUAL TABLE documents_section_fts USING fts5(
      title, heading, body, speaker, tokenize = 'porter unicode61 remove_diacritics 2'
    )
    """,
    f"""
    CREATE TRIGGER documents_section_fts_insert AFTER INSERT ON documents_section BEGIN
      {_FTS_NEW_ROW};
    END
    """,
    f"""
    CREATE TRIGGER documents_section_fts_update
    AFTER UPDATE OF id, document_id, kind, speaker, text ON documents_section BEGIN
      DELETE FROM documents_section_fts WHERE rowid = old.id;
      {_FTS_NEW_ROW};
    END
    """,
    """
    CREATE TRIGGER documents_section_fts_delete AFTER DELETE ON documents_section BEGIN
      DELETE FROM documents_section_fts WHERE rowid = old.id;
    END
    """,
    """
    CREATE TRIGGER documents_document_fts_title AFTER UPDATE OF title ON documents_document
    WHEN old.title IS NOT new.title BEGIN
      UPDATE documents_section_fts SET title = new.title
      WHERE rowid IN (SELECT id FROM documents_section WHERE document_id = new.id);
    END
    """,
    f"{_FTS_INSERT} SELECT {_FTS_VALUES.format(row='s')} "
    "FROM documents_section s JOIN documents_document d ON d.id = s.document_id",
]

SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS documents_document_fts_title",
    "DROP TRIGGER IF EXISTS documents_section_fts_delete",
    "DROP TRIGGER IF EXISTS documents_section_fts_update",
    "DROP TRIGGER IF EXISTS documents_section_fts_insert",
    "DROP TABLE IF EXISTS documents_section_fts",
]

STATEMENTS = {
    "postgresql": (POSTGRESQL_FORWARDS, POSTGRESQL_BACKWARDS),
    "sqlite": (SQLITE_FORWARDS, SQLITE_BACKWARDS),
}


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_editors_group")]

    operations = [
        migrations.AddField(
            model_name="section",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="The passage's words for full-text search: document title, heading, text, speaker.",
                null=True,
            ),
        ),
        migrations.AddIndex(
            model_name="section",
            index=documents.models.PostgresGinIndex(fields=["search_vector"], name="section_search_idx"),
        ),
        run_sql_per_vendor(STATEMENTS),
    ]
