"""Login protection with django-axes, counted two ways:

- per account and address: ``AXES_FAILURE_LIMIT`` failures for one username from one address
  refuse that pair (429) for ``AXES_COOLOFF_TIME``. Behind a proxy that hides the clients'
  addresses, one person's mistyped password therefore never locks out another editor;
- per address, coarser: ``POLICYARCHIVE_LOGIN_ADDRESS_FAILURE_LIMIT`` failures from one address,
  whatever the usernames, refuse the address, against password spraying.

Attempts are kept in the database, so every host behind a load balancer sees the same count.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.attempts import get_cool_off_threshold
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpResponseBadRequest, QueryDict
from django.urls import reverse


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


class AccountAndAddressHandler(AxesDatabaseHandler):
    """axes' database handler with a second, coarser limit per address.

    axes compares one number, the failures, with ``AXES_FAILURE_LIMIT``. This reports the
    larger of the failures of this (username, address) pair (``AXES_LOCKOUT_PARAMETERS``) and
    the address's failures over all usernames scaled to that limit, so the address is refused
    once it reaches ``POLICYARCHIVE_LOGIN_ADDRESS_FAILURE_LIMIT``.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        per_account = super().get_failures(request, credentials)
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        per_address = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
        limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.POLICYARCHIVE_LOGIN_ADDRESS_FAILURE_LIMIT
        return max(per_account, per_address * limit // address_limit)


class AdminNulMiddleware:
    """In the admin, NUL characters are dropped from query parameters, and a urlencoded form
    that holds one answers 400.

    No text the archive stores or compares may hold one (PostgreSQL refuses it in every text
    value), and the admin's filters, search, autocomplete and forms pass what they are given to
    queries, where a NUL used to end as a 500. A filter or a search is then answered as if the
    NUL were not there, as the reader pages answer (their forms clean it away); a form is
    refused, since what an editor saves must be what they wrote. Multipart bodies are left to
    the view: reading them here would fix the upload handlers before the import view chooses
    its own, and their text fields go through forms.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = ""  # reversed on the first request, once the URLconf is loaded

    def __call__(self, request):
        self.admin_prefix = self.admin_prefix or reverse("admin:index")
        if request.path.startswith(self.admin_prefix):
            if _has_nul(request.GET):
                cleaned = QueryDict(mutable=True)
                for key in request.GET:
                    cleaned.setlist(key.replace("\x00", ""),
                                    [value.replace("\x00", "") for value in request.GET.getlist(key)])
                cleaned._mutable = False
                request.GET = cleaned
            if request.content_type == "application/x-www-form-urlencoded" and _has_nul(request.POST):
                return HttpResponseBadRequest("The form holds a NUL character, which no field accepts.",
                                              content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _has_nul(params) -> bool:
    return any("\x00" in key or any("\x00" in value for value in params.getlist(key)) for key in params)
