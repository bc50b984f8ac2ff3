"""Enrolment of the authenticator app at the first login, and the recovery codes."""

from __future__ import annotations

import base64
import re

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from helhet.accounts.services import RECOVERY_CODE_COUNT
from helhet.accounts.tests.support import (
    ENROL_URL,
    HOME_URL,
    LOGIN_URL,
    VERIFY_URL,
    app_for,
    code_for,
    password_step,
)
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.core.policy import MFA_SESSION_KEY

RECOVERY_URL = reverse("accounts:recovery_codes")


def _secret(body: str) -> str:
    return re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', body).group(1)


def _code(secret: str) -> str:
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{totp(key):06d}"


def test_without_a_password_step_it_sends_the_visitor_to_login(db, client):
    assert client.get(ENROL_URL)["Location"] == LOGIN_URL


def test_it_shows_a_qr_code_and_the_key_in_groups_of_four(cast, client):
    password_step(client, "shelter_worker")
    body = client.get(ENROL_URL).content.decode()
    assert "<svg" in body
    assert 'class="qr" aria-hidden="true"' in body
    secret = _secret(body)
    device = TOTPDevice.objects.get(user=cast.shelter_worker)
    assert not device.confirmed
    assert secret.replace(" ", "") == base64.b32encode(device.bin_key).decode().rstrip("=")
    assert all(len(group) == 4 for group in secret.split(" "))


def test_reloading_the_page_keeps_the_same_key(cast, client):
    password_step(client, "shelter_worker")
    first = _secret(client.get(ENROL_URL).content.decode())
    second = _secret(client.get(ENROL_URL).content.decode())
    assert first == second
    assert TOTPDevice.objects.filter(user=cast.shelter_worker).count() == 1


def test_a_wrong_code_is_shown_next_to_the_field(cast, client):
    password_step(client, "shelter_worker")
    client.get(ENROL_URL)
    response = client.post(ENROL_URL, {"token": "000000"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Koden stemmer ikke. Prøv den neste koden appen viser." in body
    assert 'id="id_token_error"' in body
    assert not TOTPDevice.objects.get(user=cast.shelter_worker).confirmed
    assert MFA_SESSION_KEY not in client.session


def test_the_right_code_confirms_the_app_logs_in_and_shows_recovery_codes_once(cast, client):
    password_step(client, "shelter_worker")
    secret = _secret(client.get(ENROL_URL).content.decode())
    response = client.post(ENROL_URL, {"token": _code(secret)})
    assert response["Location"] == RECOVERY_URL
    assert TOTPDevice.objects.get(user=cast.shelter_worker).confirmed
    assert client.session[MFA_SESSION_KEY] == "totp"

    page = client.get(RECOVERY_URL)
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.content.decode())
    assert len(shown) == RECOVERY_CODE_COUNT
    stored = set(
        StaticToken.objects.filter(device__user=cast.shelter_worker).values_list("token", flat=True)
    )
    assert set(shown) == stored
    # Shown only once.
    assert client.get(RECOVERY_URL)["Location"] == HOME_URL
    assert Event.objects.filter(kind=EventKind.UPDATE, detail="totp enrolled").exists()
    assert Event.objects.filter(kind=EventKind.LOGIN, detail="totp").exists()


def test_knowing_the_password_is_not_enough_to_replace_the_app(cast, client):
    device = app_for(cast.shelter_worker)
    password_step(client, "shelter_worker")
    assert client.get(ENROL_URL)["Location"] == VERIFY_URL
    assert client.post(ENROL_URL, {"token": "123456"})["Location"] == VERIFY_URL
    assert list(TOTPDevice.objects.filter(user=cast.shelter_worker)) == [device]
    assert MFA_SESSION_KEY not in client.session


def test_after_enrolment_the_next_login_asks_for_the_code(cast, client):
    password_step(client, "shelter_worker")
    secret = _secret(client.get(ENROL_URL).content.decode())
    client.post(ENROL_URL, {"token": _code(secret)})
    client.post(reverse("accounts:logout"))
    assert password_step(client, "shelter_worker")["Location"] == VERIFY_URL
    device = TOTPDevice.objects.get(user=cast.shelter_worker)
    assert code_for(device) == _code(secret)


def test_after_the_recovery_codes_it_goes_on_to_the_address_asked_for(cast, client):
    password_step(client, "shelter_worker", query="?next=/ansatt/logg/")
    secret = _secret(client.get(ENROL_URL).content.decode())
    client.post(ENROL_URL, {"token": _code(secret)})
    body = client.get(RECOVERY_URL).content.decode()
    assert 'href="/ansatt/logg/">Jeg har tatt vare på kodene' in body
