"""The API's rate limit: ``POLICYARCHIVE_API_RATE`` requests per address (e.g. ``"120/minute"``),
counted in the default cache (Redis, shared by every host, in production). Past it, a 429 with
``Retry-After`` and a sentence saying when to come back (DRF's ``Throttled``).

The address is the one the login limits use (``documents.security.client_ip``: behind
``DJANGO_TRUSTED_PROXIES`` proxies, the address the outermost of them saw). The rate is read at
each request, so a test can lower it with ``override_settings``.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from ..security import client_ip


class AddressRateThrottle(AnonRateThrottle):
    scope = "api"

    def get_rate(self) -> str:
        return settings.POLICYARCHIVE_API_RATE

    def get_ident(self, request) -> str:
        return client_ip(request) or "unknown"
