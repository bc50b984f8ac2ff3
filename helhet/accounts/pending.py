"""The pending login: a first factor passed, the second still to come.

The password step (or a provider's login that did not prove two factors) leaves the user's
id in the session for a few minutes; the code step turns it into a real login. Nothing in a
pending session opens a staff page: the view policy asks for the second factor.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from helhet.accounts.middleware import session_time
from helhet.accounts.models import User
from helhet.accounts.selectors import active_user

PENDING_USER_KEY = "helhet.pending_user"
PENDING_AT_KEY = "helhet.pending_at"
PENDING_NEXT_KEY = "helhet.pending_next"
PENDING_FAILURES_KEY = "helhet.pending_failures"
# How long the first step stays good while the user finds their phone.
PENDING_LIFETIME = timedelta(minutes=10)


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    """`candidate` if it is an address on this site, else the start page."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def pending_start(request: HttpRequest, *, user: User, next_url: str) -> None:
    """Remember that `user` passed the first factor in this session, under a new key."""
    request.session.cycle_key()
    request.session[PENDING_USER_KEY] = user.pk
    request.session[PENDING_AT_KEY] = timezone.now().isoformat()
    request.session[PENDING_NEXT_KEY] = next_url
    request.session[PENDING_FAILURES_KEY] = 0


def pending_user(request: HttpRequest) -> User | None:
    """The user who passed the first factor in this session, if that was recent."""
    user_id = request.session.get(PENDING_USER_KEY)
    if user_id is None:
        return None
    started = session_time(request.session, PENDING_AT_KEY)
    if started is None or timezone.now() - started > PENDING_LIFETIME:
        pending_clear(request)
        messages.info(request, _("Innloggingen tok for lang tid. Logg inn på nytt."))
        return None
    return active_user(user_id=user_id)


def pending_next(request: HttpRequest) -> str:
    return safe_next(request, request.session.get(PENDING_NEXT_KEY))


def pending_failure(request: HttpRequest) -> int:
    """Count one more wrong code in this pending login; returns how many there have been."""
    failures = int(request.session.get(PENDING_FAILURES_KEY, 0)) + 1
    request.session[PENDING_FAILURES_KEY] = failures
    return failures


def pending_clear(request: HttpRequest) -> None:
    for key in (PENDING_USER_KEY, PENDING_AT_KEY, PENDING_NEXT_KEY, PENDING_FAILURES_KEY):
        request.session.pop(key, None)
