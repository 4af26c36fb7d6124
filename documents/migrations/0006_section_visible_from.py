"""Which passages readers may see, on the passage itself.

Search read up to 10,001 matching passages and kept those whose document was published, by
joining them to a hash of every published document's id, built again for every search (4 ms of a
40 ms search at 25,000 documents, whatever the query). ``documents_section.visible_from`` holds
the document's publication time while it is published (NULL otherwise), so the test is one
comparison on the row the search reads anyway: ``visible_from <= now`` means what
``DocumentQuerySet.published()`` means.

Triggers keep it, as those of migration 0003 keep the search vector: on a passage's insert and on
any write to its document or to the column itself (Django's save() writes every column, an edit
form's stale value included, and the trigger puts the true one back), and on every change of a
document's status or publication time (save(), queryset.update(), bulk actions alike).
"""

from django.db import migrations, models

from documents.migrations._vendor import run_sql_per_vendor

_OF_DOCUMENT = ("(SELECT CASE WHEN d.status = 'published' THEN d.published_at END "
                "FROM documents_document d WHERE d.id = {row}.document_id)")

POSTGRESQL_FORWARDS = [
    f"""
    CREATE FUNCTION documents_section_visibility_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.visible_from := {_OF_DOCUMENT.format(row="NEW")};
      RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER documents_section_visibility
    BEFORE INSERT OR UPDATE OF document_id, visible_from ON documents_section
    FOR EACH ROW EXECUTE FUNCTION documents_section_visibility_trigger()
    """,
    """
    CREATE FUNCTION documents_document_visibility_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE documents_section SET visible_from = NULL WHERE document_id = NEW.id;
      RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER documents_document_visibility
    AFTER UPDATE OF status, published_at ON documents_document
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION documents_document_visibility_trigger()
    """,
    "UPDATE documents_section SET visible_from = NULL",
]

POSTGRESQL_BACKWARDS = [
    "DROP TRIGGER IF EXISTS documents_document_visibility ON documents_document",
    "DROP FUNCTION IF EXISTS documents_document_visibility_trigger()",
    "DROP TRIGGER IF EXISTS documents_section_visibility ON documents_section",
    "DROP FUNCTION IF EXISTS documents_section_visibility_trigger()",
]

# SQLite has no BEFORE trigger that can change the row: the passage is put right after the write,
# and only when it is wrong, so that the correcting UPDATE does not fire the trigger again.
_SQLITE_SET = (f"UPDATE documents_section SET visible_from = {_OF_DOCUMENT.format(row='new')} "
               "WHERE id = new.id")

SQLITE_FORWARDS = [
    f"""
    CREATE TRIGGER documents_section_visibility_insert AFTER INSERT ON documents_section BEGIN
      {_SQLITE_SET};
    END
    """,
    f"""
    CREATE TRIGGER documents_section_visibility_update AFTER UPDATE OF document_id, visible_from
    ON documents_section WHEN new.visible_from IS NOT {_OF_DOCUMENT.format(row="new")} BEGIN
      {_SQLITE_SET};
    END
    """,
    """
    CREATE TRIGGER documents_document_visibility AFTER UPDATE OF status, published_at ON documents_document
    WHEN old.status IS NOT new.status OR old.published_at IS NOT new.published_at BEGIN
      UPDATE documents_section SET visible_from = CASE WHEN new.status = 'published' THEN new.published_at END
      WHERE document_id = new.id;
    END
    """,
    f"UPDATE documents_section SET visible_from = {_OF_DOCUMENT.format(row='documents_section')}",
]

SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS documents_document_visibility",
    "DROP TRIGGER IF EXISTS documents_section_visibility_update",
    "DROP TRIGGER IF EXISTS documents_section_visibility_insert",
]

STATEMENTS = {
    "postgresql": (POSTGRESQL_FORWARDS, POSTGRESQL_BACKWARDS),
    "sqlite": (SQLITE_FORWARDS, SQLITE_BACKWARDS),
}


class Migration(migrations.Migration):
    dependencies = [("documents", "0005_document_published_index")]

    operations = [
        migrations.AddField(
            model_name="section",
            name="visible_from",
            field=models.DateTimeField(
                editable=False, null=True,
                help_text="When readers may see the passage: its document's publication time, if published.",
            ),
        ),
        run_sql_per_vendor(STATEMENTS),
    ]
