"""The quick exit: a same-origin /exit that ends any session and leaves for a neutral site."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import login
from helhet.portal.views import DEFAULT_EXIT_URL

pytestmark = pytest.mark.django_db


def test_it_sends_the_visitor_on_to_the_neutral_site_and_is_never_cached(client):
    response = client.get("/exit")
    assert response.status_code == 200
    assert DEFAULT_EXIT_URL == "https://www.yr.no/"
    assert response["Refresh"] == "0; url=https://www.yr.no/"
    html = response.content.decode()
    # The script replaces the page in the history; the link is there if both fail.
    assert 'src="/static/portal/leave.js" data-target="https://www.yr.no/"' in html
    assert '<a href="https://www.yr.no/" rel="noreferrer">' in html
    assert "<title>Informasjon</title>" in html
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_it_leaves_from_every_language(client):
    for path in ("/en/exit", "/ar/exit", "/ti/exit"):
        assert client.get(path)["Refresh"] == f"0; url={DEFAULT_EXIT_URL}"


def test_it_sets_no_cookie_for_a_visitor_who_has_none(client):
    assert client.get("/exit").cookies == {}


def test_it_ends_a_staff_members_session(client, cast):
    login(client, cast.coordinator)
    assert client.get(reverse("core:home")).status_code == 200
    response = client.get("/exit")
    assert response.cookies["helhet_session"].value == ""
    following = client.get(reverse("core:home"))
    assert following.status_code == 302
    assert following["Location"].startswith(reverse("accounts:login"))


def test_it_deletes_the_csrf_and_language_cookies(client):
    client.cookies["csrftoken"] = "a" * 32
    client.cookies["helhet_language"] = "en"
    response = client.get("/exit")
    for name in ("csrftoken", "helhet_language"):
        assert response.cookies[name].value == ""
        assert response.cookies[name]["max-age"] == 0


def test_the_neutral_site_can_be_configured(client, settings):
    settings.HELHET_PORTAL_EXIT_URL = "https://www.nrk.no/"
    assert client.get("/exit")["Refresh"] == "0; url=https://www.nrk.no/"


def test_it_answers_only_get(client):
    assert client.put("/exit").status_code == 405
