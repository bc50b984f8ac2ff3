"""The accounts services, directly: users, passwords, sessions and second factors."""

from __future__ import annotations

import inspect
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone, translation
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from helhet.accounts.models import User, UserSession
from helhet.accounts.services import (
    RECOVERY_CODE_COUNT,
    AccountError,
    enrolment_complete,
    recovery_codes_create,
    second_factor_verify,
    sessions_end_all,
    totp_confirm,
    totp_device_pending,
    user_create,
    user_deactivate,
    user_reactivate,
)
from helhet.accounts.tests.support import (
    VERIFY_URL,
    app_for,
    code_for,
    link_for,
    log_in,
    password_step,
)
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.organisation.services import staff_user_create, staff_user_create_in_unit

GOOD_PASSWORD = "a long and unusual passphrase 77"


def _create(cast, **overrides):
    values = {
        "actor": cast.admin,
        "username": "New_Worker",
        "full_name": "  Nora Ny  ",
        "email": " nora@fjordvik.kommune.no ",
    }
    values.update(overrides)
    return user_create(**values)


def _enrol(user, *, issued_by, password):
    """Set the user's password the only way there is: through a one-time enrolment link,
    with the first code of their new authenticator app."""
    link = link_for(user, issued_by)
    device = totp_device_pending(user=user)
    return enrolment_complete(link=link, token=code_for(device), new_password=password)


def test_user_create_makes_a_user_with_no_password_anyone_knows(cast):
    user = _create(cast)
    assert (user.username, user.full_name, user.email) == (
        "new_worker",
        "Nora Ny",
        "nora@fjordvik.kommune.no",
    )
    assert not user.has_usable_password()
    event = Event.objects.get(kind=EventKind.CREATE, object_type="accounts.user")
    assert (event.actor_id, event.object_id) == (cast.admin.pk, str(user.pk))


@pytest.mark.parametrize("service", [user_create, staff_user_create, staff_user_create_in_unit])
def test_no_service_that_creates_a_user_lets_the_creator_choose_the_password(service):
    assert "password" not in inspect.signature(service).parameters


def test_the_new_user_sets_their_own_password_through_the_link_and_can_log_in(cast, client):
    user = _create(cast)
    _enrol(user, issued_by=cast.admin, password=GOOD_PASSWORD)
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    assert password_step(client, "new_worker", GOOD_PASSWORD)["Location"] == VERIFY_URL


def test_user_create_refuses_a_username_in_use_whatever_the_case(cast):
    with pytest.raises(AccountError) as error:
        _create(cast, username="SHELTER_WORKER")
    assert error.value.field == "username"


def test_user_create_refuses_an_email_address_in_use(cast):
    _create(cast)
    with pytest.raises(AccountError) as error:
        _create(cast, username="other", email="NORA@fjordvik.kommune.no")
    assert error.value.field == "email"


def test_several_users_may_be_without_an_email_address(cast):
    _create(cast, username="one", email="")
    _create(cast, username="two", email="")
    assert User.objects.filter(email="").count() >= 2


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short pass", "too short"),
        ("password1234", "too common"),
        ("839274619283", "entirely numeric"),
    ],
)
def test_the_enrolment_link_holds_passwords_to_the_rules(cast, password, reason):
    user = _create(cast)
    with translation.override("en"), pytest.raises(AccountError) as error:
        _enrol(user, issued_by=cast.admin, password=password)
    assert error.value.field == "new_password"
    assert reason in error.value.message
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_user_create_refuses_a_username_with_characters_not_allowed(cast):
    with pytest.raises(AccountError) as error:
        _create(cast, username="nora ny!")
    assert error.value.field == "username"
    assert not User.objects.filter(username="nora ny!").exists()


def test_production_hashes_passwords_with_argon2():
    import config.settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        assert make_password(GOOD_PASSWORD).startswith("argon2$")


def test_user_deactivate_refuses_the_actor_themself(cast):
    with pytest.raises(AccountError):
        user_deactivate(actor=cast.admin, user=cast.admin)
    cast.admin.refresh_from_db()
    assert cast.admin.is_active


def test_user_deactivate_and_reactivate_are_audit_events(cast):
    user_deactivate(actor=cast.admin, user=cast.colleague)
    assert not User.objects.get(pk=cast.colleague.pk).is_active
    user_reactivate(actor=cast.admin, user=cast.colleague)
    assert User.objects.get(pk=cast.colleague.pk).is_active
    details = list(
        Event.objects.filter(kind=EventKind.UPDATE, object_id=str(cast.colleague.pk))
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == ["deactivated", "reactivated"]


def test_sessions_end_all_counts_the_sessions_it_ended(cast):
    device = app_for(cast.shelter_worker)
    log_in(Client(), cast.shelter_worker, device)
    tracked = UserSession.objects.get(user=cast.shelter_worker)
    assert str(tracked).startswith(f"{cast.shelter_worker.pk}:")
    assert sessions_end_all(user=cast.shelter_worker) == 1
    assert sessions_end_all(user=cast.shelter_worker) == 0


def test_a_new_login_forgets_sessions_that_expired_without_a_logout(cast):
    device = app_for(cast.shelter_worker)
    first = Client()
    log_in(first, cast.shelter_worker, device)
    Session.objects.filter(session_key=first.session.session_key).delete()
    device.last_t = -1  # the same code again, without waiting 30 seconds
    device.save()
    second = Client()
    log_in(second, cast.shelter_worker, device)
    keys = list(UserSession.objects.values_list("session_key", flat=True))
    assert keys == [second.session.session_key]


def test_totp_device_pending_is_made_once(cast):
    first = totp_device_pending(user=cast.shelter_worker)
    assert totp_device_pending(user=cast.shelter_worker) == first
    assert not first.confirmed


def test_totp_confirm_replaces_an_earlier_app(cast):
    old = app_for(cast.shelter_worker)
    new = totp_device_pending(user=cast.shelter_worker)
    codes = totp_confirm(user=cast.shelter_worker, device=new, token=code_for(new))
    assert len(codes) == RECOVERY_CODE_COUNT
    assert list(TOTPDevice.objects.filter(user=cast.shelter_worker)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_totp_confirm_refuses_a_wrong_code(cast):
    device = totp_device_pending(user=cast.shelter_worker)
    with pytest.raises(AccountError) as error:
        totp_confirm(user=cast.shelter_worker, device=device, token="")
    assert error.value.field == "token"
    device.refresh_from_db()
    assert not device.confirmed


def test_recovery_codes_create_replaces_the_old_codes(cast):
    old = set(recovery_codes_create(user=cast.shelter_worker))
    new = set(recovery_codes_create(user=cast.shelter_worker))
    assert len(new) == RECOVERY_CODE_COUNT
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert stored == new
    assert not old & stored
    assert StaticDevice.objects.filter(user=cast.shelter_worker).count() == 1


def test_second_factor_verify_refuses_an_empty_code(cast):
    app_for(cast.shelter_worker)
    assert second_factor_verify(user=cast.shelter_worker, token="  ") is None


def test_second_factor_verify_refuses_a_recovery_code_without_codes(cast):
    assert second_factor_verify(user=cast.shelter_worker, token="abcdefgh") is None


def test_a_wrong_recovery_code_does_not_slow_down_the_app(cast):
    device = app_for(cast.shelter_worker)
    recovery_codes_create(user=cast.shelter_worker)
    assert second_factor_verify(user=cast.shelter_worker, token="aaaaaaaa") is None
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    assert second_factor_verify(user=cast.shelter_worker, token=code_for(device)) == device


def test_guessing_recovery_codes_is_throttled(cast):
    codes = recovery_codes_create(user=cast.shelter_worker)
    assert second_factor_verify(user=cast.shelter_worker, token="aaaaaaaa") is None
    # Within the back-off, even a right code is refused.
    assert second_factor_verify(user=cast.shelter_worker, token=codes[0]) is None
    static = StaticDevice.objects.get(user=cast.shelter_worker)
    static.throttling_failure_timestamp = timezone.now() - timedelta(minutes=1)
    static.save()
    assert second_factor_verify(user=cast.shelter_worker, token=codes[0]) == static
    static.refresh_from_db()
    assert static.throttling_failure_count == 0


def test_the_cast_password_meets_the_rules(cast):
    user = _create(cast, username="cast_like", email="")
    _enrol(user, issued_by=cast.admin, password=PASSWORD)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_directional_formatting_characters_are_removed_from_a_full_name(cast):
    from helhet.accounts.services import user_create

    user = user_create(
        actor=cast.admin, username="bidi", full_name="Ola \u202eNordmann\u202c", email=""
    )
    assert user.full_name == "Ola Nordmann"
