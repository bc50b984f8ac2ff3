"""Logout, and deactivation, end every session the user holds."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from helhet.accounts.models import UserSession
from helhet.accounts.services import user_deactivate
from helhet.accounts.tests.support import HOME_URL, LOGIN_URL, app_for, log_in, password_step
from helhet.audit.choices import EventKind
from helhet.audit.models import Event

LOGOUT_URL = reverse("accounts:logout")


@pytest.fixture
def two_clients(cast):
    """The shelter worker, logged in on two devices (the same code twice is refused, so the
    second login is a minute later)."""
    device = app_for(cast.shelter_worker)
    laptop, phone = Client(), Client()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        log_in(laptop, cast.shelter_worker, device)
        traveller.shift(timedelta(minutes=1))
        log_in(phone, cast.shelter_worker, device)
        traveller.shift(timedelta(minutes=1))
        assert laptop.get(HOME_URL).status_code == 200
        assert phone.get(HOME_URL).status_code == 200
        yield laptop, phone


def _logged_out(client: Client) -> bool:
    response = client.get(HOME_URL)
    return response.status_code == 302 and response["Location"].startswith(LOGIN_URL)


def test_logout_ends_the_session_on_every_device(two_clients, cast):
    laptop, phone = two_clients
    assert UserSession.objects.filter(user=cast.shelter_worker).count() == 2
    response = laptop.post(LOGOUT_URL)
    assert response["Location"] == LOGIN_URL
    assert _logged_out(laptop)
    assert _logged_out(phone)
    assert not UserSession.objects.filter(user=cast.shelter_worker).exists()


def test_deactivation_ends_every_session(two_clients, cast):
    laptop, phone = two_clients
    user_deactivate(actor=cast.admin, user=cast.shelter_worker)
    assert _logged_out(laptop)
    assert _logged_out(phone)
    assert password_step(laptop, "shelter_worker").status_code == 200


def test_logout_ends_no_other_users_session(two_clients, cast):
    laptop, _phone = two_clients
    colleague = Client()
    colleague_device = app_for(cast.colleague)
    log_in(colleague, cast.colleague, colleague_device)
    laptop.post(LOGOUT_URL)
    assert colleague.get(HOME_URL).status_code == 200


def test_logout_is_an_audit_event(two_clients, cast):
    laptop, _phone = two_clients
    laptop.post(LOGOUT_URL)
    event = Event.objects.get(kind=EventKind.LOGOUT)
    assert event.actor_id == cast.shelter_worker.pk


def test_logout_says_so_on_the_login_page(two_clients):
    laptop, _phone = two_clients
    body = laptop.post(LOGOUT_URL, follow=True).content.decode()
    assert "Du er logget ut." in body


def test_logout_needs_a_post(two_clients):
    laptop, _phone = two_clients
    assert laptop.get(LOGOUT_URL).status_code == 405
    assert SESSION_KEY in laptop.session


def test_logout_without_a_session_just_goes_to_login(db, client):
    assert client.post(LOGOUT_URL)["Location"] == LOGIN_URL
    assert not Event.objects.exists()
