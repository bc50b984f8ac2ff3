"""Writes for accounts: starting and ending sessions, creating and deactivating users,
enrolling the authenticator app and checking second factors, changing one's password, and
the one-time links with which users enrol (an administrator never knows a password)."""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from helhet.accounts import notices
from helhet.accounts.choices import EnrolmentKind, Purpose
from helhet.accounts.models import EnrolmentLink, User, UserSession
from helhet.accounts.selectors import (
    enrolment_token_hash,
    totp_confirmed_device,
    user_by_username,
    user_has_enrolled,
)
from helhet.accounts.throttle import username_key
from helhet.audit.choices import EventKind
from helhet.audit.services import event_record, event_record_for, object_type_of
from helhet.core.errors import DomainError
from helhet.core.idempotency import once
from helhet.core.policy import MFA_SESSION_KEY, has_capability
from helhet.core.text import clean_text
from helhet.core.types import AuthenticatedRequest
from helhet.core.updates import model_update
from helhet.organisation.roles import Cap

RECOVERY_CODE_COUNT = 10
# The session clock that SessionTimeoutMiddleware reads.
LOGIN_AT_KEY = "helhet.login_at"
LAST_SEEN_KEY = "helhet.last_seen"
# Set on the fresh anonymous session after a timeout, so the login page can say why.
SESSION_EXPIRED_KEY = "helhet.session_expired"
# What `session_start` records when two factors are switched off (the local demo).
NO_SECOND_FACTOR = "none"
# Wrong current passwords typed through one second-factor link before it stops working.
MAX_LINK_FAILURES = 5
_ENROLMENT_LINK_SALT = "helhet.accounts.enrolment_link"


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


def sessions_end_all(*, user: User, keep: str | None = None) -> int:
    """End every session the user holds, on every device (but the session `keep`).
    Returns how many were ended."""
    tracked = UserSession.objects.filter(user=user).exclude(session_key=keep or "")
    keys = list(tracked.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    tracked.delete()
    return len(keys)


def login_failure_record(*, username: str = "", user: User | None = None, detail: str = "") -> None:
    """Audit a refused login without keeping what was typed into the username field.

    The event names the account tried: its id when the username (or `user`) exists, else a
    keyed hash of the typed text, so that repeated tries of one unknown name still line
    up. A password typed into the wrong field must not live for ever in an append-only log.
    """
    target = user
    if target is None and username:
        target = user_by_username(username=username)
    object_id: str | int = ""
    if target is not None:
        object_id = target.pk
    elif username:
        object_id = username_key(username)
    event_record(
        kind=EventKind.LOGIN_FAILED,
        actor=None,
        object_type=object_type_of(User),
        object_id=object_id,
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


def _password_check(password: str, user: User, *, field: str) -> None:
    """The password rules (AUTH_PASSWORD_VALIDATORS), as an error on `field`."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages), field=field) from exc


@transaction.atomic
def user_create(*, actor: User, username: str, full_name: str, email: str) -> User:
    """Create a staff user. They have no password that works until they set their own
    through an enrolment link (`enrolment_link_issue`): nobody else ever knows it.

    E-mail addresses are unique: the identity provider's login finds users by them.
    """
    username = (username or "").strip().lower()
    email = (email or "").strip()
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("Brukernavnet er allerede i bruk."), field="username")
    if email and User.objects.filter(email__iexact=email).exists():
        raise AccountError(_("E-postadressen er allerede i bruk."), field="email")
    user = User(username=username, full_name=clean_text(full_name), email=email)
    user.set_unusable_password()
    try:
        user.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise AccountError(" ".join(messages), field=field) from exc
    user.save()
    event_record_for(kind=EventKind.CREATE, actor=actor, obj=user)
    return user


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """Deactivate a user: they can no longer log in, and every session ends now."""
    if user.pk == actor.pk:
        raise AccountError(_("Du kan ikke deaktivere deg selv."))
    model_update(instance=user, fields=["is_active"], data={"is_active": False})
    sessions_end_all(user=user)
    event_record_for(kind=EventKind.UPDATE, actor=actor, obj=user, detail="deactivated")
    return user


@transaction.atomic
def user_reactivate(*, actor: User, user: User) -> User:
    """Let a deactivated user log in again."""
    model_update(instance=user, fields=["is_active"], data={"is_active": True})
    event_record_for(kind=EventKind.UPDATE, actor=actor, obj=user, detail="reactivated")
    return user


def password_change(
    *, request: AuthenticatedRequest, current_password: str, new_password: str
) -> None:
    """The logged-in user changes their own password; their other sessions end.

    A wrong current password is a failed login in the audit log (a stolen session must not
    be a quiet way to guess the password); the view ends the session after a few.
    """
    user = request.user
    if not user.check_password(current_password or ""):
        login_failure_record(user=user, detail="password change")
        raise AccountError(_("Passordet stemmer ikke."), field="current_password")
    if new_password == current_password:
        raise AccountError(
            _("Det nye passordet må være et annet enn det gamle."), field="new_password"
        )
    _password_check(new_password, user, field="new_password")
    _password_store(request=request, user=user, password=new_password)


@transaction.atomic
def _password_store(*, request: HttpRequest, user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    old_key = request.session.session_key
    # A new session key carrying the new password's hash: this session lives on; every
    # other one fails Django's hash check, and is deleted here as well.
    update_session_auth_hash(request, user)
    request.session.save()
    sessions_end_all(user=user, keep=old_key)
    UserSession.objects.filter(user=user, session_key=old_key or "").update(
        session_key=request.session.session_key
    )
    event_record_for(kind=EventKind.UPDATE, actor=user, obj=user, detail="password changed")
    transaction.on_commit(partial(notices.password_changed, user_id=user.pk))


def enrolment_token(link: EnrolmentLink) -> str:
    """The token in the link's address. Only the server can make it (SECRET_KEY)."""
    return salted_hmac(_ENROLMENT_LINK_SALT, link.nonce, algorithm="sha256").hexdigest()


def enrolment_link_issue(*, actor: User, user: User, submission_id: uuid.UUID) -> EnrolmentLink:
    """A one-time link with which `user` sets a new password and authenticator app.

    The administrator issues it for anyone but themselves; a unit's lead only for a user
    who has not enrolled yet (the one they just created): replacing an enrolled colleague's
    password would let the lead log in as them. The newest link is the only one that works.
    The user is told by e-mail. The link itself is `enrolment_token(link)`, shown once.
    """

    def create() -> EnrolmentLink:
        return _enrolment_link_issue(actor=actor, user=user)

    return once(actor=actor, submission_id=submission_id, create=create)


@transaction.atomic
def _enrolment_link_issue(*, actor: User, user: User) -> EnrolmentLink:
    is_admin = has_capability(actor, Cap.USERS_MANAGE)
    if user.pk == actor.pk:
        raise AccountError(
            _(
                "Du kan ikke lage en innloggingslenke til deg selv. Bytt ditt eget passord på "
                "siden «Bytt passord»."
            )
        )
    if not user.is_active:
        raise AccountError(_("Brukeren er deaktivert. Aktiver brukeren først."))
    if not is_admin and not has_capability(actor, Cap.UNIT_MEMBERS):
        raise AccountError(_("Du kan ikke lage innloggingslenker."))
    if not is_admin and user_has_enrolled(user=user):
        raise AccountError(
            _(
                "Brukeren har allerede satt opp innloggingen. Bare systemadministratoren kan "
                "lage en ny lenke."
            )
        )
    return _link_create(actor=actor, user=user, kind=EnrolmentKind.ENROL)


def second_factor_reset(*, actor: User, user: User, submission_id: uuid.UUID) -> EnrolmentLink:
    """The administrator resets a user's lost second factor.

    The authenticator app and the recovery codes are removed and every session of the user
    ends; the user enrols a new app through a one-time link, with their own password, which
    the administrator does not know: the administrator never holds a usable factor. Audited,
    and the user is told by e-mail.
    """

    def create() -> EnrolmentLink:
        return _second_factor_reset(actor=actor, user=user)

    return once(actor=actor, submission_id=submission_id, create=create)


@transaction.atomic
def _second_factor_reset(*, actor: User, user: User) -> EnrolmentLink:
    if user.pk == actor.pk:
        raise AccountError(
            _("Du kan ikke nullstille din egen tofaktor. Be en annen administrator.")
        )
    if not has_capability(actor, Cap.USERS_MANAGE):
        raise AccountError(_("Bare systemadministratoren kan nullstille tofaktor."))
    if not user.is_active:
        raise AccountError(_("Brukeren er deaktivert. Aktiver brukeren først."))
    if not user.has_usable_password():
        raise AccountError(
            _("Brukeren har ikke satt et passord ennå. Lag en innloggingslenke i stedet.")
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    sessions_end_all(user=user)
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=user,
        purpose=Purpose.SECOND_FACTOR_RESET,
        detail="second factor reset",
    )
    return _link_create(actor=actor, user=user, kind=EnrolmentKind.SECOND_FACTOR)


def _link_create(*, actor: User, user: User, kind: str) -> EnrolmentLink:
    now = timezone.now()
    EnrolmentLink.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    link = EnrolmentLink(
        user=user,
        kind=kind,
        nonce=secrets.token_urlsafe(32),
        issued_by=actor,
        expires_at=now + timedelta(hours=settings.HELHET_ENROLMENT_LINK_HOURS),
    )
    link.token_hash = enrolment_token_hash(enrolment_token(link))
    link.full_clean(exclude=["user", "issued_by"])
    link.save()
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=user,
        purpose=Purpose.ENROLMENT_LINK_ISSUE,
        detail=f"enrolment link issued: {kind}",
    )
    transaction.on_commit(partial(notices.enrolment_link_issued, link_id=link.pk))
    return link


def enrolment_complete(
    *,
    link: EnrolmentLink,
    token: str,
    new_password: str = "",
    current_password: str = "",
) -> tuple[TOTPDevice, list[str]]:
    """The user enrols through a link: a new password (or, after a second-factor reset,
    their current one) and the first code from their new authenticator app.

    Returns the confirmed app and fresh recovery codes. The link works once: two posts
    racing with it give one enrolment. Every other session of the user ends.
    """
    user = link.user
    if link.kind == EnrolmentKind.SECOND_FACTOR:
        if not user.check_password(current_password or ""):
            _enrolment_link_failure(link=link)
            raise AccountError(_("Passordet stemmer ikke."), field="current_password")
    else:
        _password_check(new_password, user, field="new_password")
    device = totp_device_pending(user=user)
    codes = _enrolment_finish(link=link, device=device, token=token, new_password=new_password)
    return device, codes


@transaction.atomic
def _enrolment_finish(
    *, link: EnrolmentLink, device: TOTPDevice, token: str, new_password: str
) -> list[str]:
    user = link.user
    now = timezone.now()
    claimed = EnrolmentLink.objects.filter(
        pk=link.pk, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not claimed:
        raise AccountError(_("Lenken er allerede brukt, eller den er utløpt."))
    if link.kind == EnrolmentKind.ENROL:
        user.set_password(new_password)
        user.save(update_fields=["password"])
    # A wrong code raises here, and the link is unused again (the transaction rolls back).
    codes = totp_confirm(user=user, device=device, token=token)
    sessions_end_all(user=user)
    event_record_for(
        kind=EventKind.UPDATE, actor=user, obj=user, detail=f"enrolment link used: {link.kind}"
    )
    return codes


@transaction.atomic
def _enrolment_link_failure(*, link: EnrolmentLink) -> None:
    EnrolmentLink.objects.filter(pk=link.pk).update(failures=F("failures") + 1)
    link.refresh_from_db(fields=["failures"])
    if link.failures >= MAX_LINK_FAILURES:
        EnrolmentLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    login_failure_record(user=link.user, detail="enrolment link password")


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
    model_update(instance=device, fields=["confirmed"], data={"confirmed": True})
    event_record_for(kind=EventKind.UPDATE, actor=user, obj=user, detail="totp enrolled")
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
