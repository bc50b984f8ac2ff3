"""Lockout after five failed passwords for the same username from the same address."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.conf import settings
from django.utils import timezone

from helhet.accounts.tests.support import VERIFY_URL, app_for, password_step
from helhet.audit.choices import EventKind
from helhet.audit.models import Event

WRONG = "not the right password"
HOME_IP = {"REMOTE_ADDR": "10.0.0.1"}
OTHER_IP = {"REMOTE_ADDR": "10.0.0.2"}


def _fail(client, username: str, times: int, **extra) -> list[int]:
    return [password_step(client, username, WRONG, **extra).status_code for _ in range(times)]


def test_the_limit_is_five_failures_with_a_cool_off():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)


def test_the_fifth_failure_locks_the_username_from_that_address(cast, client):
    app_for(cast.shelter_worker)
    assert _fail(client, "shelter_worker", 4, **HOME_IP) == [200, 200, 200, 200]
    response = password_step(client, "shelter_worker", WRONG, **HOME_IP)
    assert response.status_code == 429
    assert "For mange mislykkede forsøk" in response.content.decode()
    assert "15 minutter" in response.content.decode()


def test_a_locked_out_user_is_refused_even_with_the_right_password(cast, client):
    app_for(cast.shelter_worker)
    _fail(client, "shelter_worker", 5, **HOME_IP)
    response = password_step(client, "shelter_worker", **HOME_IP)
    assert response.status_code == 429
    assert "helhet.pending_user" not in client.session
    assert Event.objects.filter(kind=EventKind.LOGIN_FAILED, detail="locked out").exists()


def test_another_address_is_not_locked_out(cast, client):
    app_for(cast.shelter_worker)
    _fail(client, "shelter_worker", 5, **HOME_IP)
    response = password_step(client, "shelter_worker", **OTHER_IP)
    assert response["Location"] == VERIFY_URL


def test_another_username_from_the_same_address_is_not_locked_out(cast, client):
    app_for(cast.colleague)
    _fail(client, "shelter_worker", 5, **HOME_IP)
    response = password_step(client, "colleague", **HOME_IP)
    assert response["Location"] == VERIFY_URL


def test_the_lockout_ends_after_the_cool_off(cast, client):
    app_for(cast.shelter_worker)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _fail(client, "shelter_worker", 5, **HOME_IP)
        traveller.shift(timedelta(minutes=15, seconds=1))
        response = password_step(client, "shelter_worker", **HOME_IP)
    assert response["Location"] == VERIFY_URL


def test_trying_again_during_the_lockout_restarts_the_cool_off(cast, client):
    app_for(cast.shelter_worker)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _fail(client, "shelter_worker", 5, **HOME_IP)
        traveller.shift(timedelta(minutes=14))
        assert password_step(client, "shelter_worker", **HOME_IP).status_code == 429
        traveller.shift(timedelta(minutes=14))
        assert password_step(client, "shelter_worker", **HOME_IP).status_code == 429
        traveller.shift(timedelta(minutes=15, seconds=1))
        response = password_step(client, "shelter_worker", **HOME_IP)
    assert response["Location"] == VERIFY_URL


def test_unknown_usernames_are_locked_out_too(db, client):
    """Guessing a username is no way around the lockout."""
    assert _fail(client, "nobody", 5, **HOME_IP)[-1] == 429
