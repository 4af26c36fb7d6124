"""The SQLite search index kept whole: Django alters a SQLite table by building a new one and
dropping the old, and the old one's triggers go with it."""

from __future__ import annotations

import importlib

from django.db import connection

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
