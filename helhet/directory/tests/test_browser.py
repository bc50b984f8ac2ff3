"""The directory pages in a real Chromium: the coordinator creates a service with a
double click and publishes it; no Content-Security-Policy violation."""

from __future__ import annotations

import pytest

from conftest import browser_login
from helhet.directory.models import Service
from helhet.directory.tests.factories import organization

pytestmark = pytest.mark.browser


def _log_in(page, live_server, user):
    browser_login(page, live_server, user)


def test_the_coordinator_creates_and_publishes_a_service(page, live_server, cast, csp_violations):
    organization(cast.coordinator, name="Fjordvik kommune")
    _log_in(page, live_server, cast.coordinator)

    page.goto("/ansatt/katalog/")
    page.get_by_role("link", name="Ny tjeneste").click()
    page.get_by_label("Organisasjon", exact=True).select_option(label="Fjordvik kommune")
    page.get_by_label("Navn", exact=True).fill("Samtalegruppe for foreldre")
    page.get_by_label("Beskrivelse", exact=True).fill(
        "En gruppe for foreldre som vil slutte å slå."
    )
    page.get_by_label("Jeg bruker vold eller er redd for å gjøre det").check()
    page.get_by_label("9901 Fjordvik").check()
    page.get_by_label("Telefonnummer").fill("+47 99 12 34 56")
    page.get_by_role("button", name="Opprett tjenesten").dblclick()

    page.get_by_text("Tjenesten er opprettet.").wait_for()
    assert Service.objects.filter(name="Samtalegruppe for foreldre").count() == 1
    page.get_by_role("button", name="Publiser").click()
    page.get_by_text("Tjenesten er publisert.").wait_for()
    assert Service.objects.get(name="Samtalegruppe for foreldre").is_published
    assert csp_violations == []


def test_an_invalid_form_shows_the_errors_and_keeps_the_text(
    page, live_server, cast, csp_violations
):
    organization(cast.coordinator, name="Fjordvik kommune")
    _log_in(page, live_server, cast.coordinator)

    page.goto("/ansatt/katalog/ny/")
    page.get_by_label("Beskrivelse", exact=True).fill("Teksten skal bli stående.")
    page.get_by_role("button", name="Opprett tjenesten").click()

    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.get_by_label("Beskrivelse", exact=True).input_value() == "Teksten skal bli stående."
    assert not Service.objects.exists()
    assert csp_violations == []
