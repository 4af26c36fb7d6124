"""Production settings: everything from the environment, ``check --deploy`` clean, fail fast,
persistent checked connections, JSON logs, a cache that forgives a missing Redis."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="policyarchive.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/policyarchive",
        DJANGO_ALLOWED_HOSTS="archive.example.org",
    )
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(args: list[str], **overrides: str | None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=production_env(**overrides),
                          capture_output=True, text=True, timeout=120)


SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "conn_max_age": db["CONN_MAX_AGE"], "conn_health_checks": db["CONN_HEALTH_CHECKS"],
    "caches": {name: c["BACKEND"] for name, c in settings.CACHES.items()},
    "ignore_exceptions": settings.CACHES["default"].get("OPTIONS", {}).get("IGNORE_EXCEPTIONS"),
    "page_cache_seconds": settings.POLICYARCHIVE_PAGE_CACHE_SECONDS,
    "debug": settings.DEBUG,
}))
"""


def test_check_deploy_reports_nothing():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS"])
def test_a_missing_required_value_stops_the_start_with_its_name(missing):
    result = run(["manage.py", "check"], **{missing: None})
    assert result.returncode != 0
    assert f"Production settings need {missing}" in result.stderr


def test_debug_cannot_be_on_in_production():
    result = run(["manage.py", "check"], DJANGO_DEBUG="1")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be off in production" in result.stderr


def test_connections_are_kept_and_checked_and_a_missing_redis_means_local_caches():
    shown = json.loads(run(["-c", SHOW_SETTINGS]).stdout)
    assert shown["conn_max_age"] == 60 and shown["conn_health_checks"] is True
    assert shown["debug"] is False and shown["page_cache_seconds"] == 600
    assert shown["caches"] == {"default": "django.core.cache.backends.locmem.LocMemCache",
                               "versions": "django.core.cache.backends.db.DatabaseCache"}


def test_redis_url_selects_one_shared_redis_that_is_allowed_to_fail():
    shown = json.loads(run(["-c", SHOW_SETTINGS], REDIS_URL="redis://127.0.0.1:6399/3").stdout)
    assert shown["caches"] == {"default": "django_redis.cache.RedisCache"}
    assert shown["ignore_exceptions"] is True


def test_logs_are_json_lines():
    script = "import django, logging; django.setup(); logging.getLogger('policyarchive.test').warning('disk %s', 'full')"
    result = run(["-c", script])
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    record = next(line for line in lines if line["logger"] == "policyarchive.test")
    assert record["level"] == "WARNING" and record["message"] == "disk full" and record["time"]
