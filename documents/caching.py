"""HTTP caching of the reader pages, kept correct by one number: the archive version.

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

``ReaderCacheMiddleware`` uses it for every reader page (the ``documents`` URL namespace, the
feed, the sitemaps and robots.txt), for anonymous GET and HEAD requests only:

- validators: ``ETag`` (the version and the URL) and ``Last-Modified`` (when the version
  changed), and a 304 answer to a conditional request that matches them, without rendering;
- with ``POLICYARCHIVE_PAGE_CACHE_SECONDS`` > 0, the page itself is kept in the default cache
  under the version and the URL, so a new version makes every stored page unreachable at once.

Only a request with no session and no messages cookie is answered from the cache or stored:
a page an editor sees (a staff toolbar, a preview, a message) is never shared, and is marked
``Cache-Control: private``. A response that sets a cookie, varies on anything, is not a 200 or
used the CSRF token is not stored. When the cache does not answer (Redis gone), the version is
unknown and every page is rendered as if there were no cache: slower, never wrong, never an error.
"""

from __future__ import annotations

import hashlib
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
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

logger = logging.getLogger(__name__)

VERSION_KEY = "policyarchive:archive-version"
RECHECK_SECONDS = 300  # how often a version that cannot know the publication schedule is replaced
# Pages of these URLs are reader pages; so is every page of the ``documents`` namespace.
READER_NAMESPACE = "documents"
READER_URL_NAMES = frozenset({"feed", "sitemap_index", "django.contrib.sitemaps.views.sitemap", "robots_txt"})
# Headers a stored page keeps: those a view sets. The validators are added afresh on every answer.
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")

_ARCHIVE_TABLE = r'"?(?:documents_|taggit_)'
_ARCHIVE_WRITE = re.compile(
    rf"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:ONLY\s+)?{_ARCHIVE_TABLE}|\s*TRUNCATE\b.*{_ARCHIVE_TABLE}",
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
    from django.utils import timezone

    from .models import Document, Status

    first = Document.objects.filter(status=Status.PUBLISHED, published_at__gt=timezone.now()).aggregate(
        first=Min("published_at"))["first"]
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


# --------------------------------------------------------------------------- the reader pages


def is_reader_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and (match.namespace == READER_NAMESPACE or match.view_name in READER_URL_NAMES)


def is_shareable(request) -> bool:
    """A request whose answer is the same for every reader: anonymous, no messages."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGES_COOKIE_NAME", "messages") not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _page_key(request, token: str) -> str:
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
    return f"policyarchive:page:{token}:{digest}"


def _etag(request, token: str) -> str:
    return f'"{token}-{hashlib.sha256(request.get_full_path().encode()).hexdigest()[:12]}"'


def _storable(request, response) -> bool:
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    cache_control = response.get("Cache-Control", "").lower()
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and vary <= {"cookie", "accept-encoding"}
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


class ReaderCacheMiddleware:
    """Validators, 304 answers and the page cache for reader pages (see the module's docstring).

    Innermost in ``MIDDLEWARE``: what it stores is the view's response alone, and the headers the
    other middleware add (security headers, CSP) are added again to every answer, cached or not.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "_reader_cache", None)
        if state is None:
            return response
        if state == "private":
            patch_cache_control(response, private=True, no_cache=True)
            return response
        version, key = state
        if key and _storable(request, response):
            page = (response.content, {h: response[h] for h in STORED_HEADERS if response.has_header(h)})
            try:
                caches["default"].set(key, page, settings.POLICYARCHIVE_PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("page cache: a page could not be stored", exc_info=True)
        if response.status_code == 200:
            self._validators(request, response, version)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_reader_page(request):
            return None
        if not is_shareable(request):
            request._reader_cache = "private"
            return None
        version = archive_version()
        if version is None:
            return None  # no cache: rendered as if there were none
        conditional = get_conditional_response(
            request, etag=_etag(request, version["token"]), last_modified=self._last_modified(version))
        if conditional is not None:
            self._validators(request, conditional, version)
            return conditional
        key = _page_key(request, version["token"]) if settings.POLICYARCHIVE_PAGE_CACHE_SECONDS > 0 else None
        if key:
            try:
                page = caches["default"].get(key)
            except Exception:
                logger.warning("page cache: the cache did not answer", exc_info=True)
                page = None
            if page is not None:
                content, headers = page
                response = HttpResponse(content, headers=headers)
                response["X-Cache"] = "hit"
                request._reader_cache = (version, None)  # already stored
                return response
        request._reader_cache = (version, key)
        return None

    @staticmethod
    def _last_modified(version: dict) -> int | None:
        # HTTP dates count whole seconds: a version less than a second old could be followed by
        # another within the same second, which If-Modified-Since could not tell apart.
        changed = version["changed"]
        return int(changed) if time.time() - changed >= 1 else None

    def _validators(self, request, response, version: dict) -> None:
        response["ETag"] = _etag(request, version["token"])
        last_modified = self._last_modified(version)
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, max_age=0, must_revalidate=True)
        patch_vary_headers(response, ("Cookie",))
