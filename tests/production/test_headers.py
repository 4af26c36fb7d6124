"""Every page type carries the security headers and a Content Security Policy with nothing
inline, under the production settings' security values, over HTTPS as behind the proxy."""

from __future__ import annotations

import importlib.util
import os
import secrets
from pathlib import Path

import pytest

PRODUCTION = Path(__file__).resolve().parents[2] / "policyarchive" / "settings" / "production.py"

PAGES = {
    "home": "/",
    "list": "/documents/?era=reform",
    "document": "/documents/speech-on-coexistence/",
    "era": "/eras/reform/",
    "principle": "/principles/peaceful-coexistence/",
    "tag": "/tags/peace/",
    "matrix": "/matrix/",
    "search": "/search/?q=peaceful",
    "feed": "/feed/",
    "sitemap": "/sitemap.xml",
    "robots": "/robots.txt",
    "healthz": "/healthz",
    "admin login": "/admin/login/",
}


def production_values(monkeypatch) -> dict:
    """The security settings production.py sets, read from the file itself."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "testserver")
    monkeypatch.setenv("DATABASE_URL", os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x"))
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    spec = importlib.util.spec_from_file_location("policyarchive.settings._production_probe", PRODUCTION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: getattr(module, name) for name in dir(module)
            if name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "X_FRAME", "CONTENT_SECURITY"))}


@pytest.fixture
def production_security(settings, monkeypatch):
    for name, value in production_values(monkeypatch).items():
        setattr(settings, name, value)
    return settings


@pytest.mark.parametrize("page", PAGES)
def test_every_page_type_has_the_security_headers(client, archive, production_security, page):
    response = client.get(PAGES[page], secure=True)

    assert response.status_code == 200, (page, response.status_code)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_plain_http_is_redirected_to_https_except_the_health_check(client, archive, production_security):
    response = client.get("/documents/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get("/healthz").status_code == 200


def test_session_and_csrf_cookies_are_secure_and_the_session_is_out_of_scripts_reach(
        client, archive, production_security):
    from tests.admin.conftest import PASSWORD, make_user

    make_user("editor", staff=True)
    login = client.get("/admin/login/", secure=True)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD,
                                              "csrfmiddlewaretoken": csrf.value}, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
