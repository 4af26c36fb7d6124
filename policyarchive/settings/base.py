"""Settings shared by every environment, configured from the environment.

- ``DATABASE_URL``: the database (PostgreSQL through psycopg 3 in production and
  tests). Without it, a SQLite file in the project folder, for a first look.
- ``DJANGO_DEBUG``: "1" to turn debug on (``make run`` does).
- ``DJANGO_SECRET_KEY``: required unless DEBUG is on, when one is generated.
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names.
- ``DATABASE_REPLICA_URLS``: optional, comma-separated read replicas of ``DATABASE_URL``; reader
  pages read from them (``documents.replicas``).
- ``REDIS_URL``: optional; the shared cache (pages, archive version, counts) of every process.
- ``DJANGO_PAGE_CACHE_SECONDS``: how long a reader page stays in the page cache (0: no page cache).
- ``DJANGO_LOG_FORMAT``: ``json`` (one JSON object a line) or ``plain``; JSON unless DEBUG is on.
- ``DJANGO_TRUSTED_PROXIES``: how many reverse proxies in front append to X-Forwarded-For (0).
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it, or set DJANGO_DEBUG=1 for a development key."
        )
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "documents.admin_app.EditorsAdminConfig",  # django.contrib.admin, its home the editors' dashboard
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "documents.tags_app.TagsConfig",  # django-taggit, named "Tags" in the admin
    "reversion",
    "axes",
    "rest_framework",  # the JSON API (documents/api/)
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files for /api/docs/, as static files
    "corsheaders",
    "documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # CORS headers on /api/ (GET only), preflights answered
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "documents.security.AdminNulMiddleware",
    "documents.health.DatabaseUnavailableMiddleware",
    "documents.health.ReaderLimitsMiddleware",  # reader pages' statement timeout and work_mem
    "documents.replicas.ReplicaReadsMiddleware",  # an anonymous reader's pages read from a replica
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "documents.page_cache.ReaderCacheMiddleware",  # innermost: it stores what the view answered
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "policyarchive.urls"
WSGI_APPLICATION = "policyarchive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Read replicas (documents/replicas.py): an anonymous reader's reader pages read from one that
# answers; writes, the admin, editors' requests, commands and tasks use the primary. A replica that
# does not answer is skipped for POLICYARCHIVE_REPLICA_RETRY_SECONDS. Tests mirror the primary.
POLICYARCHIVE_REPLICAS = []
for _n, _url in enumerate([u.strip() for u in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if u.strip()], 1):
    _replica = dj_database_url.parse(_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True)
    if _replica["ENGINE"] != DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS entry {_n} is not the primary's kind of database.")
    _replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_n}"] = _replica
    POLICYARCHIVE_REPLICAS.append(f"replica{_n}")
POLICYARCHIVE_REPLICA_RETRY_SECONDS = int(os.environ.get("POLICYARCHIVE_REPLICA_RETRY_SECONDS", "10"))
DATABASE_ROUTERS = ["documents.replicas.ReplicaRouter"]
# OAI-PMH (documents/oai.py): records per list page, the repository's contact for harvesters, and
# the identifier's namespace (oai:<id>:<slug>; the host name when empty).
POLICYARCHIVE_OAI_PAGE_SIZE = int(os.environ.get("POLICYARCHIVE_OAI_PAGE_SIZE", "100"))
POLICYARCHIVE_OAI_ADMIN_EMAIL = os.environ.get("POLICYARCHIVE_OAI_ADMIN_EMAIL", "archive@policyarchive.invalid")
POLICYARCHIVE_OAI_REPOSITORY_ID = os.environ.get("POLICYARCHIVE_OAI_REPOSITORY_ID", "")
# Reader pages (documents.health.ReaderLimitsMiddleware), on PostgreSQL: every statement of a
# reader request is cancelled after this many milliseconds (the reader gets a 503 with
# Retry-After; 0: no limit) and sorts or hashes with at most this much memory each. The admin,
# management commands and tasks are not limited. SQLite has neither setting.
POLICYARCHIVE_READER_STATEMENT_TIMEOUT_MS = int(os.environ.get("POLICYARCHIVE_READER_STATEMENT_TIMEOUT_MS", "2000"))
POLICYARCHIVE_READER_WORK_MEM = os.environ.get("POLICYARCHIVE_READER_WORK_MEM", "16MB")
if not re.fullmatch(r"[1-9][0-9]*(kB|MB|GB)", POLICYARCHIVE_READER_WORK_MEM):
    raise ImproperlyConfigured(
        f"POLICYARCHIVE_READER_WORK_MEM is {POLICYARCHIVE_READER_WORK_MEM!r}: give a size such as 16MB (kB, MB or GB)."
    )
# Search excerpts are made from a window of this many characters of a passage, at its first
# match: highlighting costs the same for a passage of 2 KB and of 2 MB (documents/search/excerpts.py).
POLICYARCHIVE_HEADLINE_CHARS = int(os.environ.get("POLICYARCHIVE_HEADLINE_CHARS", "2000"))
# document_published_idx INCLUDEs the id and last change for index-only scans on PostgreSQL;
# SQLite builds the same index without them, which is all W040 says, at every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Caches. With REDIS_URL, one Redis shared by every process and host: reader pages, the archive
# version they are keyed by (documents/archive_version.py) and archive-wide counts. A Redis that stops
# answering is ignored (IGNORE_EXCEPTIONS, short timeouts): pages are rendered uncached, never
# an error. Without it, local memory per process, and the archive version, which every process
# (web workers, import commands) must share, in a database table (created by ``migrate``).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "policyarchive"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        "versions": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "policyarchive_cache",
        },
    }
POLICYARCHIVE_PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "0"))

# Logins: django-axes counts failures per (username, address), and more coarsely per address
# (documents/security.py), in the database shared by all hosts.
AUTHENTICATION_BACKENDS = [
    "documents.security.WebLoginAttemptsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "documents.security.AccountAndAddressHandler"
POLICYARCHIVE_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "documents.security.client_ip"
AXES_VERBOSE = False  # no banner at every start; failures and lockouts are still logged, with the address
POLICYARCHIVE_TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Content Security Policy (django-csp 4): nothing inline, nothing from outside.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Sessions (editors only: readers never get one) and CSRF as Django recommends: the session
# cookie out of scripts' reach, both SameSite=Lax, both Secure in production (production.py).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12  # an editor's working day, not Django's two weeks
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

TAGGIT_CASE_INSENSITIVE = True

# The JSON API (documents/api/): read only, anonymous, JSON only; no session or CSRF (no
# authentication), a rate limit per address in the default cache (429 with Retry-After).
POLICYARCHIVE_API_RATE = os.environ.get("POLICYARCHIVE_API_RATE", "120/minute")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["documents.api.throttling.AddressRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Policy Archive API",
    "DESCRIPTION": "China's foreign-policy documents, passage by passage: documents, passages, eras, "
    "principles, tags and search, read only. Drafts never appear.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# CORS (django-cors-headers): any site's scripts may read the API with GET; no credentials.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# A document of a few hundred passages is one admin form with many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000

# The importer refuses files larger than this (bytes).
POLICYARCHIVE_MAX_IMPORT_BYTES = int(os.environ.get("POLICYARCHIVE_MAX_IMPORT_BYTES", 10 * 1024 * 1024))
# The importer splits a longer paragraph into passages of at most this many characters, where its
# sentences end (the seeds' longest passage has 2,526).
POLICYARCHIVE_MAX_PASSAGE_CHARS = int(os.environ.get("POLICYARCHIVE_MAX_PASSAGE_CHARS", "4000"))
POLICYARCHIVE_SEEDS_DIR = BASE_DIR / "seeds"

# Logs on stderr; JSON lines unless DEBUG is on, for a log collector to index.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_default": str,
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
