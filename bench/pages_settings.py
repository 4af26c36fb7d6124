"""Settings for bench/pages_bench.py: the production-shaped stack (DEBUG off, persistent database
connections, whitenoise serving collected, compressed static files, a cache shared by the
workers) over plain HTTP on 127.0.0.1.

The benchmark sets DATABASE_URL (its own database), DJANGO_SECRET_KEY and BENCH_STATIC_ROOT.
"""

import os

os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

from policyarchive.settings.base import *  # noqa: E402,F403

DEBUG = False
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", str(BASE_DIR / "bench" / "out" / "static"))  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# One cache shared by the gunicorn workers, as Redis is in production: a file-based one needs
# nothing more installed. --no-cache: every archive-wide count is computed on every request.
if os.environ.get("BENCH_CACHE") == "off":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": os.environ.get("BENCH_CACHE_DIR", str(BASE_DIR / "bench" / "out" / "pages-cache"))}}  # noqa: F405
