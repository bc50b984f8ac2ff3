"""The login in a real Chromium: password and code, enrolment through a link, and the focus
moving to the error summary. Driven by keyboard where a person could be."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from helhet.accounts.services import RECOVERY_CODE_COUNT, user_create
from helhet.accounts.tests.support import app_for, code_for, link_for, link_url

pytestmark = pytest.mark.browser


def test_a_user_with_an_app_logs_in_with_password_and_code(page, cast):
    device = app_for(cast.shelter_worker)
    page.goto("/ansatt/")
    assert "/ansatt/konto/logg-inn/" in page.url
    expect(page.locator("#id_username")).to_be_focused()
    # Keyboard only: the username field has focus, Tab to the password, Enter to send.
    page.keyboard.type("shelter_worker")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery staple 42")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ansatt/konto/kode/")
    # Type only once the code field has its focus (autofocus), or the keys go nowhere.
    expect(page.locator("#id_token")).to_be_focused()
    page.keyboard.type(code_for(device))
    page.keyboard.press("Enter")
    page.wait_for_url("**/ansatt/")
    assert page.locator(".staff-header__user").inner_text().startswith("Shelter Worker")
    assert page.get_by_role("button", name="Logg ut").is_visible()


def test_a_new_user_enrols_through_the_link_and_sees_recovery_codes(page, cast):
    user = user_create(actor=cast.admin, username="nora", full_name="Nora Ny", email="")
    page.goto(link_url(link_for(user, cast.admin)))
    page.get_by_label("Nytt passord", exact=True).fill("tre blå ugler over fjorden")
    page.get_by_label("Gjenta det nye passordet").fill("tre blå ugler over fjorden")
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Kode fra appen").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Bekreft og fortsett").click()
    page.wait_for_url("**/ansatt/konto/gjenopprettingskoder/")
    codes = page.get_by_test_id("recovery-codes").locator("li")
    assert codes.count() == RECOVERY_CODE_COUNT
    page.get_by_role("link", name="Jeg har tatt vare på kodene").click()
    page.wait_for_url("**/ansatt/")
    assert page.get_by_role("button", name="Logg ut").is_visible()


def test_after_a_wrong_password_the_error_summary_has_focus(page, cast):
    page.goto("/ansatt/konto/logg-inn/")
    page.get_by_label("Brukernavn").fill("shelter_worker")
    page.get_by_label("Passord").fill("not the password")
    page.get_by_role("button", name="Logg inn").click()
    summary = page.get_by_role("alert")
    assert "Feil brukernavn eller passord." in summary.inner_text()
    page.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")
    assert page.title().startswith("Feil: ")
