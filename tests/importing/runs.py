"""Running ``import_documents`` as the command line does, for the tests of the import pipeline,
the save stage and the command (``--json`` report rows and exit status)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from documents.models import Document

GOOD = "A Statement on Peaceful Coexistence\n\n2021-03-04\n\nChina opposes hegemonism and power politics.\n"


def run_import(*paths: Path, **options) -> tuple[list[dict], int]:
    """Run import_documents --json; return the report rows and the exit status."""
    out = StringIO()
    try:
        call_command("import_documents", *map(str, paths), json=True, stdout=out, stderr=StringIO(), **options)
        status = 0
    except CommandError as exc:
        status = exc.returncode
    return json.loads(out.getvalue()), status


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}]


@pytest.fixture
def taxonomy(db):
    call_command("import_seeds", verbosity=0)
    Document.objects.all().delete()  # keep the eras and principles, drop the seed documents
