"""A search backend per database: ``backend()`` gives the one of the current connection."""

from __future__ import annotations

from django.db import connection

from .base import Backend
from .postgresql import PostgreSQLBackend
from .sqlite import SQLiteBackend

_BACKENDS: dict[str, Backend] = {"postgresql": PostgreSQLBackend(), "sqlite": SQLiteBackend()}


def backend() -> Backend:
    """The backend of the database the default connection points at."""
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {connection.vendor}.") from None
