"""The archive version: one number that changes whenever what readers see changes.

What readers see changes only when a row of the archive's tables changes (documents, passages,
eras, principles, tags and their links) or when a scheduled document's publication time passes.
The **archive version** is a small record in a cache shared by every process (Redis when
``REDIS_URL`` is set, else a table of the database, see the settings), replaced on every such
change:

- Every SQL statement that writes to an archive table (``documents_*``, ``taggit_*``) is seen
  on its way to the database (an execute wrapper on each connection): the ORM's ``save()`` and
  ``delete()``, but also ``bulk_create``, ``bulk_update`` and ``QuerySet.update()``, which send
  no signal and which the importer and the editing services use. After the transaction
  commits, the version is replaced (``transaction.on_commit``); a page rendered before the
  commit can never be stored under the new version. A process that wrote also replaces it
  before its own next read, so a write followed by a read in one transaction is seen at once.
- A scheduled publication: the version records when the next scheduled document goes public
  and is replaced when that time passes (a version created without that knowledge is replaced
  every ``RECHECK_SECONDS``).

The reader pages' validators and page cache (``documents.page_cache``) and the archive-wide
counts (``documents.counts``) are keyed by it.
"""

from __future__ import annotations

import logging
import re
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import DatabaseError, connections
from django.db.backends.signals import connection_created
from django.db.models.signals import pre_migrate

logger = logging.getLogger(__name__)

VERSION_KEY = "policyarchive:archive-version"
RECHECK_SECONDS = 300  # how often a version that cannot know the publication schedule is replaced
_ARCHIVE_TABLE = r'"?(?:documents_|taggit_)'
_ARCHIVE_WRITE = re.compile(
    # ``INSERT OR IGNORE INTO``: SQLite's form of the ORM's ``ignore_conflicts`` (a many-to-many ``add()``).
    rf"\s*(?:INSERT\s+(?:OR\s+[A-Z]+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(?:ONLY\s+)?{_ARCHIVE_TABLE}"
    rf"|\s*TRUNCATE\b.*{_ARCHIVE_TABLE}",
    re.IGNORECASE | re.DOTALL,
)
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "TRUNCATE")
_changed_in_this_process = False


# --------------------------------------------------------------------------- the archive version


def version_cache():
    """The cache the version lives in: the ``versions`` alias when the settings define one
    (a cache every process shares when the default one is local memory), else the default."""
    return caches["versions" if "versions" in settings.CACHES else "default"]


def _record(*, expires: float | None) -> dict:
    return {"token": secrets.token_hex(8), "changed": time.time(), "expires": expires}


def _next_publication() -> float | None:
    """When the next scheduled document becomes public (epoch seconds), or None."""
    from django.db.models import Min

    from .models import Document

    first = Document.objects.scheduled().aggregate(first=Min("published_at"))["first"]
    return first.timestamp() if first else None


def bump_archive_version() -> None:
    """Replace the archive version: every validator and every stored page becomes stale.

    Called after each commit that wrote to the archive; call it after writing to the archive's
    tables without Django (``COPY``, ``psql``). Never raises: a cache that does not answer is
    logged, and its stored pages expire after ``POLICYARCHIVE_PAGE_CACHE_SECONDS``.
    """
    try:
        expires = _next_publication()
    except DatabaseError:
        logger.warning("archive version: the publication schedule could not be read", exc_info=True)
        expires = time.time() + RECHECK_SECONDS
    try:
        version_cache().set(VERSION_KEY, _record(expires=expires), None)
    except DatabaseError as exc:  # the version table, before ``migrate`` has created it
        logger.warning("archive version: not stored (%s)", str(exc).strip().splitlines()[0])
    except Exception:  # a cache backend may raise anything; a write must not fail because of it
        logger.error("archive version: the cache did not take the new version", exc_info=True)


def archive_version() -> dict | None:
    """The current version ({"token", "changed", "expires"}), or None when the cache does not answer.

    Never queries the database (except a database cache's own look-up).
    """
    global _changed_in_this_process
    store = version_cache()
    try:
        if _changed_in_this_process:
            # This process wrote and has not committed yet (or cannot see its commit hook run):
            # its own next pages must not come from before the write.
            _changed_in_this_process = False
            previous = store.get(VERSION_KEY) or {}
            store.set(VERSION_KEY, _record(expires=previous.get("expires")), None)
        record = store.get(VERSION_KEY)
        if record is None or (record.get("expires") and time.time() >= record["expires"]):
            if record is None:
                store.add(VERSION_KEY, _record(expires=time.time() + RECHECK_SECONDS), None)
            else:
                store.set(VERSION_KEY, _record(expires=time.time() + RECHECK_SECONDS), None)
            record = store.get(VERSION_KEY)
    except DatabaseError:
        logger.warning("archive version: the version cache did not answer", exc_info=True)
        return None
    return record if isinstance(record, dict) and "token" in record else None


def forget_local_state() -> None:
    """Forget that this process wrote since its last commit: its next ``archive_version()`` is
    the shared version, as any other process sees it (tests start each case this way)."""
    global _changed_in_this_process
    _changed_in_this_process = False


# --------------------------------------------------------------------------- seeing writes


def _bump_after_commit() -> None:
    global _changed_in_this_process
    _changed_in_this_process = False  # what this process wrote is committed, and covered by this bump
    bump_archive_version()


def _archive_written(connection) -> None:
    global _changed_in_this_process
    _changed_in_this_process = True
    if connection.in_atomic_block:
        if not any(callback is _bump_after_commit for _, callback, _ in connection.run_on_commit):
            connection.on_commit(_bump_after_commit, robust=True)
    elif connection.get_autocommit():
        _bump_after_commit()


def writes_to_archive(sql: str) -> bool:
    """Whether an SQL statement writes to one of the archive's tables."""
    head = sql[:16].lstrip().upper()
    return head.startswith(_WRITE_VERBS) and _ARCHIVE_WRITE.match(sql) is not None


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str):
        if writes_to_archive(sql):
            _archive_written(context["connection"])
        elif sql.lstrip()[:21].upper() == "ROLLBACK TO SAVEPOINT":
            # Rows written and then rolled back were seen by this process's own pages.
            global _changed_in_this_process
            _changed_in_this_process = True
    return result


def _install_watcher(sender, connection, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch_writes)  # first: others' ``execute_wrapper()`` pop theirs


def _create_cache_tables(sender, using, **kwargs) -> None:
    """The version cache may be a database table: ``migrate`` creates it first, wherever it runs
    (migrations that write to the archive replace the version too)."""
    if sender.name == "documents" and any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


def connect() -> None:
    """Watch every connection's writes, and have ``migrate`` create the cache table
    (``DocumentsConfig.ready``)."""
    connection_created.connect(_install_watcher, dispatch_uid="policyarchive-archive-writes")
    for connection in connections.all(initialized_only=True):
        _install_watcher(None, connection)
    pre_migrate.connect(_create_cache_tables, dispatch_uid="policyarchive-cache-tables")
