"""Is the site up: ``/healthz`` for load balancers and monitors, and a 503 (not a 500) while the
database does not answer.

A database that restarts or fails over is an outage of seconds, not a bug: readers get a short
"try again" page with ``Retry-After``, monitors a 503, and the site recovers by itself (Django
reopens a connection that a health check finds broken: ``CONN_HEALTH_CHECKS``).
"""

from __future__ import annotations

import logging
import sys
import time

from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
# A connection refused, reset, closed or timed out; not a bad query, which stays a 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

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


class DatabaseUnavailableMiddleware:
    """Answers 503 with ``Retry-After`` when a view fails because the database does not answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            logger.error("database unavailable: %s", str(exception).strip().splitlines()[0] if str(exception).strip()
                         else type(exception).__name__, extra={"path": request.path, "status_code": 503})
            return service_unavailable(request)
        return None


def server_error(request):
    """``handler500``: the same 503 for a database outage met outside a view (a middleware)."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    return defaults.server_error(request)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("healthz: database unavailable: %s", str(exc).strip().splitlines()[0] if str(exc).strip()
                       else type(exc).__name__)
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
