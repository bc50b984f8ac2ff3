"""A worker's day in a real Chromium: a phone call, an intake with two children, a family
room, a safety plan, the departure and the follow-up plan; the board shows the room free
again. No Content-Security-Policy violation on the way."""

from __future__ import annotations

import pytest

from conftest import browser_login
from helhet.shelter.models import FollowUpPlan, PhoneContact, SafetyPlan, Stay
from helhet.shelter.selectors import safety_plan_sections
from helhet.shelter.tests.factories import make_room

pytestmark = pytest.mark.browser


def _log_in(page, live_server, user):
    browser_login(page, live_server, user)


def test_a_worker_takes_a_family_through_the_stay(page, live_server, cast, csp_violations):
    room = make_room(cast, "Familierom", beds=3, family=True)
    _log_in(page, live_server, cast.shelter_worker)

    # A phone call, from the keyboard-friendly screen.
    page.goto("/ansatt/krisesenter/telefon/")
    page.get_by_label("Utsatt for vold").check()
    page.get_by_label("Råd og informasjon").check()
    page.get_by_label("Opphold på krisesenteret").check()
    page.get_by_label("Varighet i minutter").fill("15")
    page.get_by_label("Varighet i minutter").press("Enter")
    page.get_by_text("Samtalen er lagret.").wait_for()
    assert PhoneContact.objects.count() == 1

    # Intake of an adult with two children.
    page.goto("/ansatt/krisesenter/opphold/ny/")
    page.locator("#id_resident-name").fill("Kari Nordmann")
    page.locator("#id_resident-birth_year").fill("1988")
    page.locator("#id_children-0-name").fill("Ola")
    page.locator("#id_children-0-birth_year").fill("2017")
    page.locator("#id_children-1-name").fill("Per")
    page.locator("#id_children-1-birth_year").fill("2021")
    page.locator("#id_stay-referrer").select_option(label="Politiet")
    page.get_by_label("Fysisk vold").check()
    page.get_by_role("button", name="Registrer oppholdet").click()
    page.get_by_text("Oppholdet er registrert.").wait_for()
    stay = Stay.objects.get()
    assert stay.children.count() == 2

    # A family room for all three.
    page.locator("#id_room").select_option(str(room.pk))
    page.get_by_role("button", name="Gi rommet").click()
    page.get_by_text("Familien har fått rom.").wait_for()
    assert stay.allocations.count() == 3

    # The safety plan.
    page.get_by_role("link", name="Sikkerhetsplan").click()
    page.get_by_label("Farer").fill("Eksmannen kjenner til skoleveien.")
    page.get_by_label("Barnas plan").fill("Barna hentes av kontaktlæreren.")
    page.get_by_role("button", name="Lagre planen").click()
    page.get_by_text("Sikkerhetsplanen er lagret.").wait_for()
    plan = SafetyPlan.objects.select_related("stay__resident__key").get()
    assert safety_plan_sections(plan)["dangers"] == "Eksmannen kjenner til skoleveien."

    # The departure, then the follow-up plan.
    page.get_by_role("link", name="Avslutt oppholdet").click()
    page.locator("#id_destination").select_option(label="Egen ny bolig")
    page.get_by_role("button", name="Avslutt oppholdet").click()
    page.get_by_text("Oppholdet er avsluttet.").wait_for()
    page.get_by_role("button", name="Start oppfølgingsplan").click()
    page.get_by_text("Oppfølgingsplanen er startet").wait_for()
    assert FollowUpPlan.objects.get().tasks.count() == 9
    assert page.get_by_role("link", name="NAV og økonomi").is_visible()

    # The board: the family room is free again.
    page.goto("/ansatt/krisesenter/")
    assert page.locator('tr[data-room="Familierom"][data-free="true"]').count() == 3
    assert page.get_by_test_id("free-beds").inner_text().startswith("3")
    assert csp_violations == []
