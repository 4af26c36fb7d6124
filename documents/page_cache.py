"""HTTP caching of the reader pages, kept correct by the archive version (``documents.archive_version``).

``ReaderCacheMiddleware`` uses the version for every reader page (the ``documents`` and ``api``
URL namespaces, the feed, the sitemaps and robots.txt), for anonymous GET and HEAD requests only:

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
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from .archive_version import archive_version

logger = logging.getLogger(__name__)

# Pages of these URLs are reader pages; so is every page of these namespaces (the JSON API's too).
READER_NAMESPACES = frozenset({"documents", "api"})
# Validated but never stored: every API request must reach the API's rate limit.
UNSTORED_NAMESPACES = frozenset({"api"})
READER_URL_NAMES = frozenset({"feed", "sitemap_index", "django.contrib.sitemaps.views.sitemap", "robots_txt"})
# Headers a stored page keeps: those a view sets. The validators are added afresh on every answer.
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")



def is_reader_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and (match.namespace in READER_NAMESPACES or match.view_name in READER_URL_NAMES)


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
        storable = request.resolver_match.namespace not in UNSTORED_NAMESPACES
        key = _page_key(request, version["token"]) if settings.POLICYARCHIVE_PAGE_CACHE_SECONDS > 0 and storable else None
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
