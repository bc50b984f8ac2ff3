"""Reads for accounts: users by id or username, and their second factors."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice

from helhet.accounts.models import User


def active_user(*, user_id: object) -> User | None:
    """The active user with this id, or None (a pending login whose user was deactivated)."""
    if not isinstance(user_id, int):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def user_by_username(*, username: str) -> User | None:
    """The user with this username (any case, active or not), or None."""
    return User.objects.filter(username__iexact=(username or "").strip()).first()


def totp_confirmed_device(*, user: User) -> TOTPDevice | None:
    """The user's enrolled authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()
