"""Idle timeout 30 minutes, absolute timeout 12 hours (SessionTimeoutMiddleware)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from conftest import login
from helhet.accounts.models import UserSession
from helhet.accounts.services import LAST_SEEN_KEY
from helhet.accounts.tests.support import HOME_URL, LOGIN_URL, app_for, log_in
from helhet.audit.choices import EventKind
from helhet.audit.models import Event


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_the_timeouts_are_thirty_minutes_and_twelve_hours():
    assert settings.HELHET_IDLE_TIMEOUT == timedelta(minutes=30)
    assert settings.HELHET_ABSOLUTE_TIMEOUT == timedelta(hours=12)


def test_twenty_nine_idle_minutes_keep_the_session(cast, client, clock):
    login(client, cast.shelter_worker)
    clock.shift(timedelta(minutes=29))
    assert client.get(HOME_URL).status_code == 200


def test_thirty_one_idle_minutes_end_the_session(cast, client, clock):
    login(client, cast.shelter_worker)
    clock.shift(timedelta(minutes=31))
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={HOME_URL}"
    assert SESSION_KEY not in client.session
    event = Event.objects.get(kind=EventKind.LOGOUT)
    assert (event.actor_id, event.detail) == (cast.shelter_worker.pk, "timeout: idle")


def test_the_login_page_says_why_the_user_was_logged_out(cast, client, clock):
    login(client, cast.shelter_worker)
    clock.shift(timedelta(minutes=31))
    body = client.get(HOME_URL, follow=True).content.decode()
    assert "Du ble logget ut fordi økten var utløpt" in body
    # Said once.
    assert "økten var utløpt" not in client.get(LOGIN_URL).content.decode()


def test_each_request_restarts_the_idle_clock(cast, client, clock):
    login(client, cast.shelter_worker)
    for _step in range(4):
        clock.shift(timedelta(minutes=25))
        assert client.get(HOME_URL).status_code == 200
    assert client.session[LAST_SEEN_KEY] == timezone.now().isoformat()


def test_twelve_hours_end_the_session_however_active(cast, client, clock):
    login(client, cast.shelter_worker)
    for _step in range(12 * 3 - 1):
        clock.shift(timedelta(minutes=20))
        assert client.get(HOME_URL).status_code == 200
    clock.shift(timedelta(minutes=20, seconds=1))
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    assert Event.objects.filter(kind=EventKind.LOGOUT, detail="timeout: absolute").exists()


def test_a_session_without_a_clock_is_not_trusted(cast, client):
    client.force_login(cast.shelter_worker)
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_a_timeout_ends_only_that_session(cast, client, clock):
    device = app_for(cast.shelter_worker)
    log_in(client, cast.shelter_worker, device)
    stale_key = client.session.session_key
    clock.shift(timedelta(minutes=31))
    client.get(HOME_URL)
    keys = UserSession.objects.filter(user=cast.shelter_worker).values_list(
        "session_key", flat=True
    )
    assert stale_key not in keys


def test_public_pages_still_work_after_a_timeout(cast, client, clock):
    login(client, cast.shelter_worker)
    clock.shift(timedelta(hours=1))
    assert client.get(LOGIN_URL).status_code == 200


def test_a_garbled_clock_ends_the_session(cast, client):
    login(client, cast.shelter_worker)
    session = client.session
    session[LAST_SEEN_KEY] = "not a time"
    session.save()
    assert client.get(HOME_URL).status_code == 302
    assert Event.objects.filter(kind=EventKind.LOGOUT, detail="timeout: no clock").exists()
