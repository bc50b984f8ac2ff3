"""The person pages in English, and a catalogue with nothing left out."""

import subprocess

from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from helhet.people import views
from helhet.people.choices import AddressProtection
from helhet.people.tests.conftest import CATALOGUES
from helhet.people.tests.helpers import register


def _request(user, method="get", data=None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._dont_enforce_csrf_checks = True
    return request


def test_the_catalogue_is_complete():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUES["people"])],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_the_person_page_reads_in_english(cast, english):
    person = register(
        cast.shelter_worker, cast.shelter, address_protection=AddressProtection.STRICT
    )
    html = views.person_detail(_request(cast.shelter_worker), person.pk).content.decode()
    assert "Strictly confidential address" in html
    assert "Do not call." in html and "Safe contact" in html
    assert "Ikke ring." not in html


def test_registration_errors_read_in_english(cast, english):
    request = _request(
        cast.shelter_worker,
        method="post",
        data={
            "unit": cast.shelter.pk,
            "name": "Kari",
            "national_id": "12345678901",
            "gender": "woman",
            "address_protection": "strict",
            "address": "Et sted",
        },
    )
    html = views.person_create(request).content.decode()
    assert "Register person" in html
    assert "The person has a strictly confidential address." in html


def test_the_list_reads_in_english(cast, english):
    register(cast.shelter_worker, cast.shelter, needs_interpreter=True)
    html = views.person_list(_request(cast.shelter_worker)).content.decode()
    assert "Search by name or national identity number" in html
    assert "Needs an interpreter" in html
    assert "Personer du har tilgang til" not in html
