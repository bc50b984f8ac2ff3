"""The organisation pages in English, from the app's own catalogue.

The catalogue is compiled into a temporary folder here, so the test does not depend on
`compilemessages` having been run (the .mo files are not committed). The views are called
directly under English: staff URLs have no language prefix, so LocaleMiddleware falls back
to Bokmål for them whatever the language cookie says (reported to core).
"""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from helhet.organisation import views

PO = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def english(tmp_path):
    target = tmp_path / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    subprocess.run(
        ["msgfmt", "--check", "-o", str(target / "django.mo"), str(PO)],
        check=True,
        capture_output=True,
    )
    with override_settings(LOCALE_PATHS=[tmp_path, *settings.LOCALE_PATHS]):
        with translation.override("en"):
            yield


def _request(method, url, user, data=None):
    request = getattr(RequestFactory(), method)(url, data or {})
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_the_user_list_reads_in_english(cast, english):
    request = _request("get", reverse("organisation:user_list"), cast.shelter_lead)

    html = views.user_list(request).content.decode()

    assert "Search users" in html
    assert "These are the people who work in the units you lead." in html
    assert "Case worker, Fjordvik krisesenter" in html
    assert "Søk i brukere" not in html


def test_form_errors_read_in_english(cast, english):
    request = _request(
        "post",
        reverse("organisation:unit_create"),
        cast.admin,
        {"name": "", "unit_type": "", "host_municipality": "", "submission_id": str(uuid.uuid4())},
    )
    request._dont_enforce_csrf_checks = True

    html = views.unit_create_view(request).content.decode()

    assert "Enter the name of the unit." in html
    assert "Choose what kind of service this is." in html
    assert "Crisis centre" in html
    assert "Skriv navnet på enheten." not in html


def test_the_user_page_offers_the_login_links_in_english(cast, english):
    request = _request(
        "get", reverse("organisation:user_detail", args=[cast.colleague.pk]), cast.admin
    )

    html = views.user_detail(request, cast.colleague.pk).content.decode()

    assert "Make a login link" in html
    assert "Reset two factors" in html
    assert "Lag innloggingslenke" not in html
