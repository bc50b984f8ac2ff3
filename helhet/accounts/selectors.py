"""Reads for accounts: users by id or username, their second factors, enrolment links."""

from __future__ import annotations

import hashlib

from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from helhet.accounts.models import EnrolmentLink, User


def active_user(*, user_id: object) -> User | None:
    """The active user with this id, or None (a pending login whose user was deactivated)."""
    if not isinstance(user_id, int):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def user_by_username(*, username: str) -> User | None:
    """The user with this username (any case, active or not), or None."""
    return User.objects.filter(username__iexact=(username or "").strip()).first()


def active_users_by_email(*, email: str) -> QuerySet[User]:
    """The active users with this e-mail address (any case): the identity provider's login
    goes ahead only when there is exactly one."""
    return User.objects.filter(email__iexact=email, is_active=True)


def totp_confirmed_device(*, user: User) -> TOTPDevice | None:
    """The user's enrolled authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def user_has_enrolled(*, user: User) -> bool:
    """Whether the user has set up their login: a password of their own or an app. A unit's
    lead may make an enrolment link only for a user who has not."""
    return user.has_usable_password() or totp_confirmed_device(user=user) is not None


def enrolment_token_hash(token: str) -> str:
    """What is stored of a link's token: its SHA-256."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def enrolment_link_for_token(*, token: str) -> EnrolmentLink | None:
    """The link with this token if it still works: unused, not revoked, not expired, and
    its user active."""
    if not token or len(token) > 128:
        return None
    token_hash = enrolment_token_hash(token)
    return (
        EnrolmentLink.objects.select_related("user")
        .filter(
            token_hash=token_hash,
            used_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )
