"""Login protection with django-axes: failed logins are counted per client address, and an
address that fails ``AXES_FAILURE_LIMIT`` times is refused (429) for ``AXES_COOLOFF_TIME``.

Attempts are kept in the database, so every host behind a load balancer sees the same count.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class WebLoginAttemptsBackend(AxesStandaloneBackend):
    """django-axes' check, for logins through a web form (which always pass the request).

    ``authenticate()`` without a request is not a web login: a shell, a management command, the
    test client's ``login()``. axes refuses those with an error; there is no client to throttle,
    so this lets the next backend (``ModelBackend``) decide.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or behind ``DJANGO_TRUSTED_PROXIES`` proxies that
    each append to ``X-Forwarded-For``, the address the outermost of them saw. Entries further
    left were written by the client and are never trusted."""
    proxies = settings.POLICYARCHIVE_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
