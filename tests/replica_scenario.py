"""Run by tests/test_replicas.py in a process of its own, with ``DATABASE_URL`` set to a primary
and ``DATABASE_REPLICA_URLS`` to its streaming replica: the site as production runs it. Prints
one JSON object: which database alias ran each request's queries, and the status codes.

``python -m tests.replica_scenario <pg_ctl> <replica data folder> [runuser prefix...]``
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import close_old_connections, connections
    from django.test import Client

    from documents.models import Document

    pg_ctl, replica_data, *run_as = sys.argv[1:]
    call_command("migrate", verbosity=0)
    call_command("import_seeds", verbosity=0)
    published = Document.objects.published().count()
    # Wait until the replica has replayed the import.
    deadline = time.monotonic() + 30
    while Document.objects.using("replica1").published().count() != published:
        if time.monotonic() > deadline:
            raise SystemExit("the replica did not catch up")
        time.sleep(0.1)
    document = Document.objects.published().order_by("slug").first()

    ran: Counter = Counter()

    def count(execute, sql, params, many, context):
        ran[context["connection"].alias] += 1
        return execute(sql, params, many, context)

    def visit(client: Client, path: str) -> dict:
        ran.clear()
        close_old_connections()  # what Django's handler does as each request starts (the test client does not)
        wrappers = [connections[alias].execute_wrapper(count) for alias in ("default", "replica1", "replica2")]
        for w in wrappers:
            w.__enter__()
        try:
            status = client.get(path).status_code
        finally:
            for w in reversed(wrappers):
                w.__exit__(None, None, None)
        return {"path": path, "status": status, "queries": dict(ran)}

    reader = Client()
    editor = Client()
    get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-for-the-scenario")
    editor.login(username="editor", password="pw-for-the-scenario")
    pages = ["/", "/documents/", document.get_absolute_url(), "/matrix/"]
    out = {
        "published": published,
        "reader": [visit(reader, p) for p in pages],
        "editor": [visit(editor, p) for p in [*pages, "/admin/documents/document/"]],
    }
    subprocess.run([*run_as, pg_ctl, "-D", replica_data, "-m", "immediate", "stop"], check=True, capture_output=True)
    out["reader_after_replica_stopped"] = [visit(reader, p) for p in pages]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
