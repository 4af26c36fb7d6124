"""Search tests run on PostgreSQL and on SQLite (FTS5): set DATABASE_URL to choose.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_search .venv/bin/python -m pytest tests/search
    DATABASE_URL=sqlite:////tmp/pa_search.sqlite3 .venv/bin/python -m pytest tests/search

``make test`` runs them on both (the SQLite pass); the few that need PostgreSQL are skipped on
SQLite with the missing feature named.
"""

import pytest
from django.db import connection


def postgresql_only(feature: str):
    return pytest.mark.skipif(connection.vendor != "postgresql", reason=f"SQLite has no {feature}")


@pytest.fixture
def page_of():
    """search_page() for a dict of GET parameters."""
    from django.http import QueryDict

    from documents.search_page import search_page

    def run(**params):
        query = QueryDict(mutable=True)
        for name, value in params.items():
            query[name] = value
        return search_page(query)

    return run
