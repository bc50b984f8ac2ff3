"""Idle and absolute session timeouts for staff sessions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from helhet.accounts.services import (
    LAST_SEEN_KEY,
    LOGIN_AT_KEY,
    session_expire,
    start_session_clock,
)

__all__ = [
    "SessionTimeoutMiddleware",
    "session_time",
    "session_timeout_reason",
    "start_session_clock",
]


class SessionTimeoutMiddleware:
    """Logs a user out after 30 idle minutes or 12 hours in all (both configurable).

    The request then goes on as anonymous: the view policy sends a staff page to the login
    page (keeping the address to come back to), and public pages work as before.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now()
            reason = session_timeout_reason(session=request.session, now=now)
            if reason:
                session_expire(request=request, reason=reason)
            else:
                request.session[LAST_SEEN_KEY] = now.isoformat()
        return self.get_response(request)


def session_timeout_reason(*, session: SessionBase, now: datetime) -> str:
    """Why the session has run out ("idle", "absolute" or "no clock"), or "" if it has not."""
    login_at = session_time(session, LOGIN_AT_KEY)
    last_seen = session_time(session, LAST_SEEN_KEY)
    if login_at is None or last_seen is None:
        # A session that did not come through session_start: never trust it.
        return "no clock"
    if now - login_at > settings.HELHET_ABSOLUTE_TIMEOUT:
        return "absolute"
    if now - last_seen > settings.HELHET_IDLE_TIMEOUT:
        return "idle"
    return ""


def session_time(session: SessionBase, key: str) -> datetime | None:
    """A moment stored in the session as ISO text, or None if missing or garbled."""
    value = session.get(key)
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
