"""Idle and absolute session timeouts for staff sessions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

LOGIN_AT_KEY = "helhet.login_at"
LAST_SEEN_KEY = "helhet.last_seen"


class SessionTimeoutMiddleware:
    """Logs a user out after 30 idle minutes or 12 hours in all (both configurable)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now()
            login_at = _read(request.session.get(LOGIN_AT_KEY))
            last_seen = _read(request.session.get(LAST_SEEN_KEY))
            expired = (
                login_at is None
                or last_seen is None
                or now - last_seen > settings.HELHET_IDLE_TIMEOUT
                or now - login_at > settings.HELHET_ABSOLUTE_TIMEOUT
            )
            if expired:
                logout(request)
                messages.info(
                    request, _("Du ble logget ut fordi økten var utløpt. Logg inn igjen.")
                )
                return redirect(settings.LOGIN_URL)
            request.session[LAST_SEEN_KEY] = now.isoformat()
        return self.get_response(request)


def _read(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def start_session_clock(request: HttpRequest) -> None:
    now = timezone.now().isoformat()
    request.session[LOGIN_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now
