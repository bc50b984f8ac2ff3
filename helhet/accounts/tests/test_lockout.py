"""Throttling of password logins: per username from any address, per address for any
usernames (password spraying), and the client's address behind our own proxies."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from helhet.accounts.tests.support import VERIFY_URL, app_for, password_step
from helhet.accounts.throttle import username_key
from helhet.audit.choices import EventKind
from helhet.audit.models import Event

WRONG = "not the right password"
HOME_IP = {"REMOTE_ADDR": "10.0.0.1"}
OTHER_IP = {"REMOTE_ADDR": "10.0.0.2"}
PROXY = "10.9.9.9"


def _fail(client, username: str, times: int, **extra) -> list[int]:
    return [password_step(client, username, WRONG, **extra).status_code for _ in range(times)]


def _spray(client, count: int, **extra) -> list[int]:
    """One wrong password for each of `count` different usernames."""
    return [password_step(client, f"guess{n}", WRONG, **extra).status_code for n in range(count)]


def _via_proxy(client_address: str, forwarded: str = "") -> dict[str, str]:
    chain = f"{forwarded}, {client_address}" if forwarded else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


def test_the_limits_are_five_per_username_and_twenty_per_address_with_a_cool_off():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username"]
    assert settings.HELHET_LOGIN_ADDRESS_FAILURE_LIMIT == 20
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.HELHET_TRUSTED_PROXY_COUNT == 0


def test_the_fifth_failure_locks_the_username(cast, client):
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
    events = Event.objects.filter(kind=EventKind.LOGIN_FAILED, detail="locked out")
    assert {event.object_id for event in events} == {str(cast.shelter_worker.pk)}


def test_one_username_tried_from_many_addresses_is_locked_out(cast, client):
    app_for(cast.shelter_worker)
    statuses = [
        password_step(client, "shelter_worker", WRONG, REMOTE_ADDR=f"10.1.0.{n}").status_code
        for n in range(1, 6)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    # Nor does the right password help from a sixth address.
    assert password_step(client, "shelter_worker", REMOTE_ADDR="10.1.0.6").status_code == 429


def test_another_username_from_the_same_address_is_not_locked_out(cast, client):
    app_for(cast.colleague)
    _fail(client, "shelter_worker", 5, **HOME_IP)
    response = password_step(client, "colleague", **HOME_IP)
    assert response["Location"] == VERIFY_URL


def test_password_spraying_across_usernames_from_one_address_is_throttled(cast, client):
    app_for(cast.colleague)
    statuses = _spray(client, 20, **HOME_IP)
    assert statuses[:19] == [200] * 19
    assert statuses[19] == 429
    # The address is closed, for a real user's right password too.
    assert password_step(client, "colleague", **HOME_IP).status_code == 429
    assert Event.objects.filter(kind=EventKind.LOGIN_FAILED, detail="address throttled").exists()


def test_spraying_from_one_address_does_not_close_another(cast, client):
    app_for(cast.colleague)
    _spray(client, 20, **HOME_IP)
    assert password_step(client, "colleague", **OTHER_IP)["Location"] == VERIFY_URL


def test_the_address_throttle_ends_after_the_cool_off(cast, client):
    app_for(cast.colleague)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _spray(client, 20, **HOME_IP)
        traveller.shift(timedelta(minutes=15, seconds=1))
        response = password_step(client, "colleague", **HOME_IP)
    assert response["Location"] == VERIFY_URL


def test_without_a_trusted_proxy_a_forged_forwarded_for_is_ignored(cast, client):
    """A sprayer who writes a new address into X-Forwarded-For on every try is still
    counted by the address it connects from."""
    statuses = [
        password_step(
            client, f"guess{n}", WRONG, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        ).status_code
        for n in range(20)
    ]
    assert statuses[-1] == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.1"}


def test_with_a_trusted_proxy_the_client_address_is_throttled_not_the_proxy(cast, client, settings):
    settings.HELHET_TRUSTED_PROXY_COUNT = 1
    app_for(cast.colleague)
    assert _spray(client, 20, **_via_proxy("198.51.100.7"))[-1] == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
    # Another client behind the same proxy logs in.
    response = password_step(client, "colleague", **_via_proxy("198.51.100.8"))
    assert response["Location"] == VERIFY_URL


def test_behind_a_trusted_proxy_addresses_the_client_wrote_itself_are_ignored(
    cast, client, settings
):
    settings.HELHET_TRUSTED_PROXY_COUNT = 1
    statuses = [
        password_step(
            client, f"guess{n}", WRONG, **_via_proxy("198.51.100.7", forwarded=f"192.0.2.{n}")
        ).status_code
        for n in range(20)
    ]
    assert statuses[-1] == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_a_forwarded_for_shorter_than_the_proxies_promise_counts_the_connecting_address(
    db, client, settings
):
    settings.HELHET_TRUSTED_PROXY_COUNT = 2
    password_step(client, "guess", WRONG, **_via_proxy("198.51.100.7"))
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]


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


@pytest.mark.parametrize("typed", ["my secret password 1", "Shelter_Worker"])
def test_the_lockout_table_keeps_no_typed_username(cast, client, typed):
    _fail(client, typed, 2, **HOME_IP)
    stored = list(AccessAttempt.objects.values_list("username", "get_data", "post_data"))
    assert stored
    for username, get_data, post_data in stored:
        assert username == username_key(typed)
        assert typed.lower() not in f"{username}{get_data}{post_data}".lower()
