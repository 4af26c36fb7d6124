"""SQL that differs by database, for the migrations that write triggers and virtual tables.

Not a migration (the loader skips modules whose name starts with "_"): 0003 and 0006 share it.
"""

from django.db import migrations


def run_sql_per_vendor(statements: dict[str, tuple[list[str], list[str]]]) -> migrations.RunPython:
    """A RunPython that executes ``statements[vendor]`` (forwards, backwards) on that vendor's
    database, and nothing on another (search falls back to what documents/search.py offers)."""

    def run(schema_editor, direction: int) -> None:
        for sql in statements.get(schema_editor.connection.vendor, ((), ()))[direction]:
            schema_editor.execute(sql, params=None)

    return migrations.RunPython(lambda apps, editor: run(editor, 0), lambda apps, editor: run(editor, 1))
