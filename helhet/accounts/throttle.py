"""Throttling of password logins, and the two keys it counts by.

- Per username, across every address: django-axes (`AXES_LOCKOUT_PARAMETERS =
  ["username"]`), five failures, then a cool-off. Axes stores the *keyed hash* of the
  typed username (`username_key`), never the text: a password typed into the username
  field must not be kept anywhere.
- Per address, across every username (password spraying): `address_throttled` counts the
  failures axes has recorded from one address in the cool-off window. Its limit is higher
  than the per-user one, since a whole town hall may reach us through one address.

The client's address is `client_address`: the connecting address, or, behind
`HELHET_TRUSTED_PROXY_COUNT` reverse proxies of our own, the address the outermost of them
saw. Whatever a client writes into X-Forwarded-For itself is ignored.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

_USERNAME_KEY_SALT = "helhet.accounts.username"


def normalised_username(raw: Any) -> str:
    """The username as the login form compares it: trimmed, in lower case."""
    return str(raw or "").strip().lower()


def username_key(username: Any) -> str:
    """A keyed hash of a typed username: the same text gives the same key, and the text
    cannot be found from it without the server's SECRET_KEY."""
    digest = salted_hmac(
        _USERNAME_KEY_SALT, normalised_username(username), algorithm="sha256"
    ).hexdigest()
    return f"h:{digest[:32]}"


def axes_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """What django-axes stores and counts as the username (`AXES_USERNAME_CALLABLE`)."""
    if credentials and "username" in credentials:
        return username_key(credentials["username"])
    data = getattr(request, "POST", None) or {}
    return username_key(data.get("username", ""))


def _valid_address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address of the client, as far as our own proxies vouch for it.

    Each trusted proxy appends the address it was reached from to X-Forwarded-For, so with
    N of them the client is the N-th entry from the right; entries to the left of it were
    written by the client and are not believed. With no trusted proxy (the default), or a
    header shorter than the proxies promise, the connecting address is used.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = int(getattr(settings, "HELHET_TRUSTED_PROXY_COUNT", 0))
    if count <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [part.strip() for part in header.split(",") if part.strip()]
    if len(hops) < count:
        return remote
    return _valid_address(hops[-count]) or remote


def address_failures(*, address: str) -> int:
    """Failed passwords from this address, for any username, within the cool-off."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return int(total or 0)


def address_throttled(*, address: str) -> bool:
    """Whether this address has failed too often, across usernames, to try again now."""
    return address_failures(address=address) >= settings.HELHET_LOGIN_ADDRESS_FAILURE_LIMIT
