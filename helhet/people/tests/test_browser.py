"""The person pages in a real Chromium: registering a person with strengt fortrolig adresse
turns the address field off, a double click registers one person, the person page warns,
and no Content-Security-Policy violation happens."""

from __future__ import annotations

import pytest

from conftest import browser_login
from helhet.people.choices import AddressProtection
from helhet.people.models import Person

pytestmark = pytest.mark.browser


def _log_in(page, live_server, user):
    browser_login(page, live_server, user)


def test_a_worker_registers_a_person_with_strengt_fortrolig_adresse(
    page, live_server, cast, csp_violations
):
    _log_in(page, live_server, cast.shelter_worker)
    page.goto("/ansatt/personer/ny/")
    page.get_by_label("Navn", exact=True).fill("Skjult Person")
    address = page.locator("#id_address")
    address.fill("Denne skal ikke lagres 1")
    assert address.is_visible()
    page.get_by_label("Adressesperre").select_option(AddressProtection.STRICT)
    assert not address.is_visible()
    assert page.get_by_text("Feltet er slått av.").is_visible()
    page.get_by_label("Vi kan sende SMS").check()
    page.get_by_role("button", name="Registrer", exact=True).dblclick()

    page.get_by_text("Personen er registrert.").wait_for()
    assert Person.objects.count() == 1
    person = Person.objects.get()
    assert person.address_protection == AddressProtection.STRICT
    assert person.address_enc == ""
    assert page.get_by_role("heading", name="Skjult Person").is_visible()
    assert page.get_by_text("Strengt fortrolig adresse – adressen registreres ikke.").is_visible()
    assert page.get_by_text("Ikke ring.").is_visible()
    assert csp_violations == []


def test_the_privacy_officer_reads_who_has_seen_a_person(page, live_server, cast, csp_violations):
    from helhet.people.tests.helpers import register

    person = register(cast.shelter_worker, cast.shelter, name="Innsyn Person")
    _log_in(page, live_server, cast.privacy_officer)
    page.goto("/ansatt/logg/")
    page.get_by_role("link", name="Hvem har sett en person?").click()
    page.get_by_label("Fødselsnummer, D-nummer eller person-id").fill(str(person.pk))
    page.get_by_role("button", name="Finn personen").click()
    page.get_by_role("heading", name=f"Tilgangslogg for person {person.pk}").wait_for()
    assert page.get_by_role("cell", name="Registrere personen").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned PDF").click()
    assert download.value.suggested_filename == f"tilgangslogg-person-{person.pk}.pdf"
    assert csp_violations == []
