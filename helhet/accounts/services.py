"""Writes for accounts: starting and ending sessions, creating and deactivating users,
enrolling the authenticator app and checking second factors."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login, logout
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from helhet.accounts.models import User, UserSession
from helhet.accounts.selectors import totp_confirmed_device, user_by_username
from helhet.accounts.throttle import username_key
from helhet.audit.choices import EventKind
from helhet.audit.services import event_record, object_type_of
from helhet.core.errors import DomainError
from helhet.core.policy import MFA_SESSION_KEY

RECOVERY_CODE_COUNT = 10
# The session clock that SessionTimeoutMiddleware reads.
LOGIN_AT_KEY = "helhet.login_at"
LAST_SEEN_KEY = "helhet.last_seen"
# Set on the fresh anonymous session after a timeout, so the login page can say why.
SESSION_EXPIRED_KEY = "helhet.session_expired"
# What `session_start` records when two factors are switched off (the local demo).
NO_SECOND_FACTOR = "none"


class AccountError(DomainError):
    pass


def start_session_clock(request: HttpRequest) -> None:
    """Start the idle and absolute clocks of a session that has just logged in."""
    now = timezone.now().isoformat()
    request.session[LOGIN_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now


@transaction.atomic
def session_start(
    *, request: HttpRequest, user: User, second_factor: str, device: Device | None = None
) -> None:
    """Log the user in after both factors (or the identity provider) have been checked.

    `login` gives the session a new key, which defeats session fixation.
    """
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    if second_factor != NO_SECOND_FACTOR:
        # Left out when two factors are off, so that such a session is not trusted
        # if two factors are switched on while it lives.
        request.session[MFA_SESSION_KEY] = second_factor
    start_session_clock(request)
    request.session.save()
    # Forget sessions that expired or were cleared without a logout.
    UserSession.objects.filter(user=user).exclude(
        session_key__in=Session.objects.values("session_key")
    ).delete()
    UserSession.objects.get_or_create(user=user, session_key=request.session.session_key)
    event_record(kind=EventKind.LOGIN, actor=user, detail=second_factor)


def sessions_end_all(*, user: User) -> int:
    """End every session the user holds, on every device. Returns how many were ended."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


def login_failure_record(*, username: str = "", user: User | None = None, detail: str = "") -> None:
    """Audit a refused login without keeping what was typed into the username field.

    The event names the account tried: its id when the username (or `user`) exists, else a
    keyed hash of the typed text, so that repeated tries of one unknown name still line
    up. A password typed into the wrong field must not live for ever in an append-only log.
    """
    target = user if user is not None else user_by_username(username=username)
    event_record(
        kind=EventKind.LOGIN_FAILED,
        actor=None,
        object_type=object_type_of(User),
        object_id=target.pk if target is not None else username_key(username),
        detail=detail,
    )


@transaction.atomic
def session_end(*, request: HttpRequest) -> None:
    """Log out here and everywhere else the user is logged in."""
    user = request.user
    if user.is_authenticated:
        event_record(kind=EventKind.LOGOUT, actor=user)
        sessions_end_all(user=user)
    logout(request)


@transaction.atomic
def session_expire(*, request: HttpRequest, reason: str) -> None:
    """End this session because it ran out of time; other sessions of the user live on."""
    user = request.user
    event_record(kind=EventKind.LOGOUT, actor=user, detail=f"timeout: {reason}")
    UserSession.objects.filter(session_key=request.session.session_key).delete()
    logout(request)
    request.session[SESSION_EXPIRED_KEY] = True


@transaction.atomic
def user_create(*, actor: Any, username: str, full_name: str, email: str, password: str) -> User:
    """Create a staff user with an initial password that meets the password rules.

    E-mail addresses are unique: the identity provider's login finds users by them.
    """
    username = (username or "").strip().lower()
    email = (email or "").strip()
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("Brukernavnet er allerede i bruk."), field="username")
    if email and User.objects.filter(email__iexact=email).exists():
        raise AccountError(_("E-postadressen er allerede i bruk."), field="email")
    user = User(username=username, full_name=(full_name or "").strip(), email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    try:
        user.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise AccountError(" ".join(messages), field=field) from exc
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
    """Let a deactivated user log in again."""
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
    """The unconfirmed TOTP device for enrolment (made once, reused until confirmed), so
    that reloading the page keeps the QR code the user may already have scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Helhet", confirmed=False)
    return device


@transaction.atomic
def totp_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm enrolment with a code from the app; returns fresh one-time recovery codes.

    A confirmed device replaces any earlier one: a user has one authenticator app.
    """
    if not device.verify_token(_clean_token(token)):
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


def _clean_token(token: str) -> str:
    return (token or "").strip().replace(" ", "").replace("-", "").lower()


@transaction.atomic
def _recovery_code_use(*, user: User, code: str) -> StaticDevice | None:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not device.verify_is_allowed()[0]:
        return None
    # The DELETE decides: of two requests racing with the same code, only one removes it.
    deleted, _rows = device.token_set.filter(token=code).delete()
    if not deleted:
        device.throttle_increment()
        return None
    device.throttle_reset()
    return device


def second_factor_verify(*, user: User, token: str) -> Device | None:
    """The device that accepts the code (the app's six digits, or a recovery code), or None.

    Each kind of code goes only to its own device, so a mistyped app code does not slow
    down the recovery codes, nor the other way round. Both devices throttle guessing.
    """
    cleaned = _clean_token(token)
    if not cleaned:
        return None
    totp = totp_confirmed_device(user=user)
    if cleaned.isdigit() and totp is not None and len(cleaned) == totp.digits:
        return totp if totp.verify_token(cleaned) else None
    return _recovery_code_use(user=user, code=cleaned)
