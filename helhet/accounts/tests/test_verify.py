"""The code step: a code from the app or a recovery code finishes the login."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.contrib.auth import SESSION_KEY
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from helhet.accounts.models import UserSession
from helhet.accounts.pending import PENDING_USER_KEY
from helhet.accounts.services import recovery_codes_create
from helhet.accounts.tests.support import (
    HOME_URL,
    LOGIN_URL,
    VERIFY_URL,
    app_for,
    code_for,
    password_step,
)
from helhet.accounts.views import MAX_CODE_FAILURES
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.core.policy import MFA_SESSION_KEY


def test_without_a_password_step_it_sends_the_visitor_to_login(db, client):
    response = client.get(VERIFY_URL)
    assert response["Location"] == LOGIN_URL


def test_it_asks_for_the_code(cast, client):
    app_for(cast.shelter_worker)
    password_step(client, "shelter_worker")
    response = client.get(VERIFY_URL)
    assert response.status_code == 200
    assert "Skriv inn engangskoden" in response.content.decode()


def test_a_code_from_the_app_logs_in(cast, client):
    device = app_for(cast.shelter_worker)
    password_step(client, "shelter_worker")
    response = client.post(VERIFY_URL, {"token": code_for(device)})
    assert response["Location"] == HOME_URL
    assert client.session[MFA_SESSION_KEY] == "totp"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert PENDING_USER_KEY not in client.session
    assert client.get(HOME_URL).status_code == 200


def test_it_gives_a_new_session_key_at_login(cast, client):
    device = app_for(cast.shelter_worker)
    password_step(client, "shelter_worker")
    pending_key = client.session.session_key
    client.post(VERIFY_URL, {"token": code_for(device)})
    assert client.session.session_key != pending_key
    assert UserSession.objects.get(user=cast.shelter_worker).session_key == (
        client.session.session_key
    )


def test_the_login_is_an_audit_event(cast, client):
    device = app_for(cast.shelter_worker)
    password_step(client, "shelter_worker")
    client.post(VERIFY_URL, {"token": code_for(device)})
    event = Event.objects.get(kind=EventKind.LOGIN)
    assert event.actor_id == cast.shelter_worker.pk
    assert event.detail == "totp"


def test_it_goes_on_to_the_address_asked_for_before_login(cast, client):
    device = app_for(cast.shelter_worker)
    password_step(client, "shelter_worker", query="?next=/ansatt/logg/")
    response = client.post(VERIFY_URL, {"token": code_for(device)})
    assert response["Location"] == "/ansatt/logg/"


def test_it_accepts_the_code_with_a_space_in_the_middle(cast, client):
    device = app_for(cast.shelter_worker)
    password_step(client, "shelter_worker")
    code = code_for(device)
    response = client.post(VERIFY_URL, {"token": f"{code[:3]} {code[3:]}"})
    assert response["Location"] == HOME_URL


def test_a_recovery_code_logs_in_once(cast, client):
    app_for(cast.shelter_worker)
    codes = recovery_codes_create(user=cast.shelter_worker)
    password_step(client, "shelter_worker")
    response = client.post(VERIFY_URL, {"token": codes[0].upper()})
    assert response["Location"] == HOME_URL
    assert client.session[MFA_SESSION_KEY] == "recovery"

    client.post("/ansatt/konto/logg-ut/")
    password_step(client, "shelter_worker")
    response = client.post(VERIFY_URL, {"token": codes[0]})
    assert response.status_code == 200
    assert "Koden stemmer ikke" in response.content.decode()


def test_a_wrong_code_is_refused_and_recorded(cast, client):
    device = app_for(cast.shelter_worker)
    password_step(client, "shelter_worker")
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY_URL, {"token": wrong})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Koden stemmer ikke. Prøv igjen." in body
    assert 'aria-invalid="true"' in body
    assert SESSION_KEY not in client.session
    event = Event.objects.get(kind=EventKind.LOGIN_FAILED)
    assert (event.object_id, event.detail) == (str(cast.shelter_worker.pk), "code")


def test_a_code_cannot_be_used_twice(cast, client):
    device = app_for(cast.shelter_worker)
    code = code_for(device)
    password_step(client, "shelter_worker")
    client.post(VERIFY_URL, {"token": code})
    client.post("/ansatt/konto/logg-ut/")
    password_step(client, "shelter_worker")
    response = client.post(VERIFY_URL, {"token": code})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_too_many_wrong_codes_send_the_user_back_to_login(cast, client):
    app_for(cast.shelter_worker)
    password_step(client, "shelter_worker")
    for _attempt in range(MAX_CODE_FAILURES - 1):
        assert client.post(VERIFY_URL, {"token": "zzzzzzzz"}).status_code == 200
    response = client.post(VERIFY_URL, {"token": "zzzzzzzz"})
    assert response["Location"] == LOGIN_URL
    assert PENDING_USER_KEY not in client.session
    assert "For mange feil koder" in client.get(LOGIN_URL).content.decode()
    assert client.get(VERIFY_URL)["Location"] == LOGIN_URL


def test_the_password_step_runs_out_after_ten_minutes(cast, client):
    device = app_for(cast.shelter_worker)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        password_step(client, "shelter_worker")
        traveller.shift(timedelta(minutes=10, seconds=1))
        response = client.post(VERIFY_URL, {"token": code_for(device)})
    assert response["Location"] == LOGIN_URL
    assert SESSION_KEY not in client.session
    assert "Innloggingen tok for lang tid" in client.get(LOGIN_URL).content.decode()


def test_a_user_deactivated_between_the_steps_cannot_finish(cast, client):
    device = app_for(cast.shelter_worker)
    password_step(client, "shelter_worker")
    cast.shelter_worker.is_active = False
    cast.shelter_worker.save()
    response = client.post(VERIFY_URL, {"token": code_for(device)})
    assert response["Location"] == LOGIN_URL
    assert SESSION_KEY not in client.session
