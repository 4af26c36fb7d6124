"""Settings for the test suite: PostgreSQL from DATABASE_URL, fast hashing, local cache."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key-not-a-secret")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/policyarchive")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Serve static files from the app folders, as in development (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
