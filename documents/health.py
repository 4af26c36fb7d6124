"""Is the site up: ``/healthz`` for load balancers and monitors, a 503 (not a 500) while the
database does not answer, and a bound on what one reader's request may cost the database.

A database that restarts or fails over is an outage of seconds, not a bug: readers get a short
"try again" page with ``Retry-After``, monitors a 503, and the site recovers by itself (Django
reopens a connection that a health check finds broken: ``CONN_HEALTH_CHECKS``).

On PostgreSQL every statement of a reader page runs under ``statement_timeout`` and ``work_mem``
(``POLICYARCHIVE_READER_STATEMENT_TIMEOUT_MS``, ``POLICYARCHIVE_READER_WORK_MEM``; see
``ReaderLimitsMiddleware``): a statement cut off by the timeout gives the reader a 503 with
``Retry-After`` (templates/503.html), never a 500, and never holds a worker longer than that.
The admin, management commands and tasks are not limited. SQLite has no statement timeout: there
the bound is the work each page is built to do (search excerpts read a window, counts are capped).
"""

from __future__ import annotations

import logging
import sys
import time
from contextlib import ExitStack

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connection, connections
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .page_cache import is_reader_page

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
# A connection refused, reset, closed or timed out; not a bad query, which stays a 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
QUERY_CANCELED = "57014"  # SQLSTATE of a statement cut off by statement_timeout (or cancelled)

UNAVAILABLE_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Back in a moment · Policy Archive</title></head>
<body>
<h1>Back in a moment</h1>
<p>The archive cannot reach its database just now. Please try again in a few seconds.</p>
</body>
</html>
"""


def service_unavailable(request) -> HttpResponse:
    response = HttpResponse(UNAVAILABLE_PAGE, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def is_statement_timeout(exception: BaseException | None) -> bool:
    """Whether the database cut a statement off (``statement_timeout``): psycopg's QueryCanceled,
    which Django raises as an ``OperationalError``."""
    return isinstance(exception, OperationalError) and getattr(exception.__cause__, "sqlstate", None) == QUERY_CANCELED


def reader_timeout(request) -> HttpResponse:
    """The 503 of a page whose query took longer than the reader statement timeout. Rendered
    without context processors (they may query the database)."""
    ms = settings.POLICYARCHIVE_READER_STATEMENT_TIMEOUT_MS
    seconds = ms // 1000 if ms % 1000 == 0 else ms / 1000
    # ngettext counts whole numbers; "0.5 seconds" reads as a plural.
    html = loader.render_to_string("503.html", {"request": request, "seconds": seconds,
                                                "seconds_count": seconds if isinstance(seconds, int) else 2,
                                                "retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _first_line(exception: BaseException) -> str:
    text = str(exception).strip()
    return text.splitlines()[0] if text else type(exception).__name__


def _database_error_response(request, exception: BaseException | None) -> HttpResponse | None:
    """The 503 for a database that cut a statement off or does not answer; None for anything else."""
    if is_statement_timeout(exception):
        logger.warning("reader statement timeout: %s", _first_line(exception),
                       extra={"path": request.path, "status_code": 503})
        return reader_timeout(request)
    if isinstance(exception, DATABASE_UNAVAILABLE):
        logger.error("database unavailable: %s", _first_line(exception),
                     extra={"path": request.path, "status_code": 503})
        return service_unavailable(request)
    return None


class DatabaseUnavailableMiddleware:
    """Answers 503 with ``Retry-After`` when a view fails because the database does not answer
    or cut its statement off (the reader statement timeout)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return _database_error_response(request, exception)


class _ReaderLimits:
    """``statement_timeout`` and ``work_mem`` on each PostgreSQL connection a reader request uses,
    set before its first statement there and reset when the request ends.

    Set lazily (an execute wrapper), so that a page answered without the database (a 304, the
    page cache) opens no connection, and through the driver, so that it is not one of the page's
    queries (``assertNumQueries``). Session-level ``SET``, not ``SET LOCAL``: reader requests run
    in autocommit (no ``ATOMIC_REQUESTS``), where a local setting would last one statement. A
    connection whose limits cannot be reset is closed rather than reused without being reset.
    """

    def __init__(self, *, timeout_ms: int, work_mem: str):
        self.timeout = str(int(timeout_ms))
        self.work_mem = work_mem
        self.limited: set[str] = set()
        self.wrappers = ExitStack()
        for db in connections.all():
            if db.vendor == "postgresql":
                self.wrappers.enter_context(db.execute_wrapper(self))

    def __call__(self, execute, sql, params, many, context):
        db = context["connection"]
        if db.alias not in self.limited:
            self.limited.add(db.alias)
            with db.wrap_database_errors:
                db.connection.execute("SELECT set_config('statement_timeout', %s, false), "
                                      "set_config('work_mem', %s, false)", [self.timeout, self.work_mem])
        return execute(sql, params, many, context)

    def close(self) -> None:
        self.wrappers.close()
        for alias in self.limited:
            db = connections[alias]
            if db.connection is None:
                continue
            try:
                with db.wrap_database_errors:
                    db.connection.execute("RESET statement_timeout; RESET work_mem")
            except DatabaseError:
                # An aborted transaction undoes the SET when it is rolled back; outside one,
                # the connection must not serve an editor or a command with a reader's limits.
                if not db.in_atomic_block:
                    db.close()


class ReaderLimitsMiddleware:
    """Runs every statement of a reader page (``page_cache.is_reader_page``: the ``documents``
    and ``api`` namespaces, the feed, the sitemaps, robots.txt) under the reader statement
    timeout and ``work_mem``. The admin, ``/healthz``, commands and tasks run without them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            limits = request.__dict__.pop("_reader_limits", None)
            if limits is not None:
                limits.close()

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_reader_page(request):
            request._reader_limits = _ReaderLimits(timeout_ms=settings.POLICYARCHIVE_READER_STATEMENT_TIMEOUT_MS,
                                                   work_mem=settings.POLICYARCHIVE_READER_WORK_MEM)
        return None


def server_error(request):
    """``handler500``: the same 503 for a database outage or a statement timeout met outside a
    view (a middleware)."""
    response = _database_error_response(request, sys.exc_info()[1])
    return response if response is not None else defaults.server_error(request)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("healthz: database unavailable: %s", _first_line(exc))
        return "unavailable"
    return "ok"


def _cache() -> str:
    """Whether the shared cache answers; the site works without it (uncached), so it never fails
    the check."""
    store = caches["default"]
    token = str(time.time())
    try:
        store.set("policyarchive:healthz", token, 30)
        return "ok" if store.get("policyarchive:healthz") == token else "unavailable"
    except Exception:
        return "unavailable"


@never_cache
@require_safe
def healthz(request):
    """200 ``{"status": "ok", ...}`` when the database answers; 503 when it does not."""
    started = time.perf_counter()
    database = _database()
    body = {
        "status": "ok" if database == "ok" else "unavailable",
        "database": database,
        "cache": _cache(),
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }
    response = JsonResponse(body, status=200 if database == "ok" else 503)
    if database != "ok":
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
