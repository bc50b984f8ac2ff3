"""Security headers on every kind of response, CSRF on every POST, production settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from conftest import login
from tests.test_view_policy import CASES

ROOT = Path(__file__).resolve().parent.parent


def _assert_headers(response, referrer: str = "no-referrer") -> None:
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == referrer
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Request-ID"]


@pytest.mark.parametrize(
    ("path", "referrer"),
    [
        ("/", "no-referrer"),
        ("/en/", "no-referrer"),
        ("/api/hsds/", "no-referrer"),
        ("/does-not-exist/", "no-referrer"),
        # Staff pages are full of forms: with no-referrer a browser sends `Origin: null`
        # on every POST and the CSRF check refuses it, so they send same-origin.
        ("/ansatt/konto/logg-inn/", "same-origin"),
        ("/ansatt/", "same-origin"),
        ("/ansatt/does-not-exist/", "same-origin"),
    ],
)
def test_every_response_carries_the_security_headers(path, referrer, db, client):
    _assert_headers(client.get(path), referrer)


def test_a_logged_in_staff_page_carries_the_security_headers(cast, client):
    login(client, cast.shelter_worker)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    _assert_headers(response, "same-origin")


@pytest.mark.parametrize("url_name", sorted(CASES))
def test_every_view_refuses_a_post_without_a_csrf_token(url_name, cast):
    case = CASES[url_name]
    client = Client(enforce_csrf_checks=True)
    login(client, getattr(cast, case.member))
    response = client.post(reverse(url_name, kwargs=case.kwargs(cast)), data=case.data(cast))
    assert response.status_code == 403
    assert "core/error.html" in [t.name for t in response.templates]
    assert "Skjemaet kunne ikke sendes" in response.content.decode()


def _production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HELHET_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "HELHET_SKIP_DOTENV": "1",
            "DEBUG": "0",
            "SECRET_KEY": "a-long-and-random-production-secret-key-0123456789-abcdefghijklmnop",
            "ALLOWED_HOSTS": "helhet.example.kommune.no",
            "HELHET_MASTER_KEYS": "p1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            "HELHET_BLIND_INDEX_KEY": "production-blind-index-key-0123456789-abcdef",
            "HELHET_AUDIT_KEY": "production-audit-key-0123456789-abcdefghijklmnop",
            "DATABASE_URL": "sqlite:////tmp/helhet-deploy-check.sqlite3",
        }
    )
    return env


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_sends_hsts_and_secure_cookies():
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/ansatt/konto/logg-inn/', secure=True,"
        " HTTP_HOST='helhet.example.kommune.no')\n"
        "print(r.status_code); print(r['Strict-Transport-Security'])\n"
        "print(r.cookies['csrftoken']['secure'])\n"
        "r = Client().get('/ansatt/konto/logg-inn/', HTTP_HOST='helhet.example.kommune.no')\n"
        "print(r.status_code, r['Location'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "200"
    assert "max-age=31536000" in lines[1]
    assert "includeSubDomains" in lines[1]
    assert lines[2] == "True"
    assert lines[3] == "301 https://helhet.example.kommune.no/ansatt/konto/logg-inn/"


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_passwords_are_hashed_with_argon2_in_production():
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "print(settings.PASSWORD_HASHERS[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"
