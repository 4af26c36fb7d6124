"""Production: everything from the environment, HTTPS only, fail fast when something is missing.

Required: ``DJANGO_SECRET_KEY``, ``DATABASE_URL``, ``DJANGO_ALLOWED_HOSTS``. Optional:
``REDIS_URL`` (the cache every host shares; without it, each process caches for itself and the
archive version lives in the database), ``DJANGO_PAGE_CACHE_SECONDS`` (600), ``DJANGO_CONN_MAX_AGE``
(60), ``DJANGO_TRUSTED_PROXIES`` (0), ``DJANGO_CSRF_TRUSTED_ORIGINS``, ``DJANGO_LOG_LEVEL``.

The site runs behind a proxy that terminates TLS and sets ``X-Forwarded-Proto`` (and strips it
from what clients send); it redirects plain HTTP to HTTPS, except ``/healthz``.
"""

import os

from django.core.exceptions import ImproperlyConfigured

REQUIRED = ("DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS")
missing = [name for name in REQUIRED if not os.environ.get(name, "").strip()]
if missing:
    raise ImproperlyConfigured(
        f"Production settings need {', '.join(missing)} in the environment "
        "(see README, Operations). Nothing was started."
    )
if os.environ.get("DJANGO_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")
if not os.environ["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production (postgres://...).")

os.environ.setdefault("DJANGO_PAGE_CACHE_SECONDS", "600")

from .base import *  # noqa: E402,F403

DEBUG = False

SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True

LOGGING["handlers"]["console"]["formatter"] = os.environ.get("DJANGO_LOG_FORMAT", "json")  # noqa: F405
