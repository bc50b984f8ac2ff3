"""Writes for accounts: starting and ending sessions, creating and deactivating users."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login, logout
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from helhet.accounts.middleware import start_session_clock
from helhet.accounts.models import User, UserSession
from helhet.audit.choices import EventKind
from helhet.audit.services import event_record
from helhet.core.errors import DomainError
from helhet.core.policy import MFA_SESSION_KEY

RECOVERY_CODE_COUNT = 10


class AccountError(DomainError):
    pass


def session_start(
    *, request: HttpRequest, user: User, second_factor: str, device: Any = None
) -> None:
    """Log the user in after both factors (or the identity provider) have been checked.

    `login` gives the session a new key, which defeats session fixation.
    """
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    request.session[MFA_SESSION_KEY] = second_factor
    start_session_clock(request)
    request.session.save()
    UserSession.objects.get_or_create(user=user, session_key=request.session.session_key)
    event_record(kind=EventKind.LOGIN, actor=user, detail=second_factor)


def sessions_end_all(*, user: User) -> int:
    """End every session the user holds, on every device."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


def session_end(*, request: HttpRequest) -> None:
    """Log out here and everywhere else the user is logged in."""
    user = request.user
    if user.is_authenticated:
        event_record(kind=EventKind.LOGOUT, actor=user)
        sessions_end_all(user=user)
    logout(request)


@transaction.atomic
def user_create(*, actor: Any, username: str, full_name: str, email: str, password: str) -> User:
    """Create a staff user with an initial password that meets the password rules."""
    username = (username or "").strip().lower()
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("Brukernavnet er allerede i bruk."), field="username")
    user = User(username=username, full_name=full_name.strip(), email=email.strip())
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.full_clean()
    user.save()
    event_record(kind=EventKind.CREATE, actor=actor, object_type="accounts.user", object_id=user.pk)
    return user


@transaction.atomic
def user_deactivate(*, actor: Any, user: User) -> User:
    """Deactivate a user: they can no longer log in, and every session ends now."""
    if user.pk == actor.pk:
        raise AccountError(_("Du kan ikke deaktivere deg selv."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end_all(user=user)
    event_record(
        kind=EventKind.UPDATE,
        actor=actor,
        object_type="accounts.user",
        object_id=user.pk,
        detail="deactivated",
    )
    return user


@transaction.atomic
def user_reactivate(*, actor: Any, user: User) -> User:
    user.is_active = True
    user.save(update_fields=["is_active"])
    event_record(
        kind=EventKind.UPDATE,
        actor=actor,
        object_type="accounts.user",
        object_id=user.pk,
        detail="reactivated",
    )
    return user


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device for enrolment (made once, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Helhet", confirmed=False)
    return device


def totp_confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def totp_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm enrolment with a code from the app; returns fresh one-time recovery codes."""
    if not device.verify_token((token or "").strip().replace(" ", "")):
        raise AccountError(
            _("Koden stemmer ikke. Prøv den neste koden appen viser."), field="token"
        )
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    event_record(
        kind=EventKind.UPDATE,
        actor=user,
        object_type="accounts.user",
        object_id=user.pk,
        detail="totp enrolled",
    )
    return recovery_codes_create(user=user)


@transaction.atomic
def recovery_codes_create(*, user: User) -> list[str]:
    """Replace the user's recovery codes with ten new ones (each works once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def second_factor_verify(*, user: User, token: str) -> Any | None:
    """The device that accepts the code (TOTP or a recovery code), or None."""
    cleaned = (token or "").strip().replace(" ", "").replace("-", "")
    if not cleaned:
        return None
    device = totp_confirmed_device(user=user)
    if device is not None and device.verify_is_allowed()[0] and device.verify_token(cleaned):
        return device
    for static in StaticDevice.objects.filter(user=user, confirmed=True):
        if static.verify_token(cleaned.lower()):
            return static
    return None
