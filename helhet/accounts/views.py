"""Login with password and a second factor, enrolment of the authenticator app, logout.

The password step leaves a *pending* login in the session (the user's id, for a few
minutes); the code step or the enrolment step turns it into a real login.
"""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from helhet.accounts.forms import EnrolForm, LoginForm, TokenForm
from helhet.accounts.middleware import session_time
from helhet.accounts.models import User
from helhet.accounts.selectors import active_user, totp_confirmed_device
from helhet.accounts.services import (
    NO_SECOND_FACTOR,
    SESSION_EXPIRED_KEY,
    AccountError,
    login_failure_record,
    second_factor_verify,
    session_end,
    session_start,
    totp_confirm,
    totp_device_pending,
)
from helhet.accounts.throttle import address_throttled, client_address
from helhet.core.errors import add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.policy import second_factor_done

PENDING_USER_KEY = "helhet.pending_user"
PENDING_AT_KEY = "helhet.pending_at"
PENDING_NEXT_KEY = "helhet.pending_next"
PENDING_FAILURES_KEY = "helhet.pending_failures"
RECOVERY_CODES_KEY = "helhet.new_recovery_codes"
RECOVERY_NEXT_KEY = "helhet.new_recovery_codes_next"
MAX_CODE_FAILURES = 5
# How long the password step stays good while the user finds their phone.
PENDING_LIFETIME = timedelta(minutes=10)


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _pending_user(request: HttpRequest) -> User | None:
    """The user who passed the password step in this session, if that was recent."""
    user_id = request.session.get(PENDING_USER_KEY)
    if user_id is None:
        return None
    started = session_time(request.session, PENDING_AT_KEY)
    if started is None or timezone.now() - started > PENDING_LIFETIME:
        _clear_pending(request)
        messages.info(request, _("Innloggingen tok for lang tid. Logg inn på nytt."))
        return None
    return active_user(user_id=user_id)


def _clear_pending(request: HttpRequest) -> None:
    for key in (PENDING_USER_KEY, PENDING_AT_KEY, PENDING_NEXT_KEY, PENDING_FAILURES_KEY):
        request.session.pop(key, None)


def _login_page(request: HttpRequest, form: LoginForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "oidc_enabled": settings.OIDC_ENABLED}
    return render(request, "accounts/login.html", context, status=status)


@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and second_factor_done(request):
        return redirect(_safe_next(request, request.GET.get("next")))
    if request.session.pop(SESSION_EXPIRED_KEY, False):
        messages.info(request, _("Du ble logget ut fordi økten var utløpt. Logg inn igjen."))
    form = LoginForm(posted(request))
    if not form.is_valid():
        return _login_page(request, form)
    username = form.cleaned_data["username"].strip().lower()
    address = client_address(request)
    if address_throttled(address=address):
        login_failure_record(username=username, detail="address throttled")
        return lockout_response(request)
    user = authenticate(request, username=username, password=form.cleaned_data["password"])
    if getattr(request, "axes_locked_out", False):
        login_failure_record(username=username, detail="locked out")
        return lockout_response(request)
    if user is None:
        login_failure_record(username=username)
        if address_throttled(address=address):
            return lockout_response(request)
        # One message for unknown users, wrong passwords and deactivated users alike.
        form.add_error(None, _("Feil brukernavn eller passord."))
        return _login_page(request, form)
    next_url = _safe_next(request, request.GET.get("next"))
    if not settings.HELHET_REQUIRE_2FA:
        session_start(request=request, user=user, second_factor=NO_SECOND_FACTOR)
        return redirect(next_url)
    # A new session key already at the password step; session_start gives another.
    request.session.cycle_key()
    request.session[PENDING_USER_KEY] = user.pk
    request.session[PENDING_AT_KEY] = timezone.now().isoformat()
    request.session[PENDING_NEXT_KEY] = next_url
    request.session[PENDING_FAILURES_KEY] = 0
    if totp_confirmed_device(user=user) is None:
        return redirect("accounts:enrol")
    return redirect("accounts:verify")


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The login page with the lockout message (django-axes calls this, see settings)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = LoginForm.refused(
        _(
            "For mange mislykkede forsøk. Av sikkerhetshensyn er innloggingen stengt i "
            "%(minutes)s minutter. Prøv igjen senere, eller kontakt brukerstøtte."
        )
        % {"minutes": minutes}
    )
    return _login_page(request, form, status=429)


def _finish(request: HttpRequest, user: User, device: Device, method: str) -> str:
    """Turn the pending login into a real one; returns where to go next."""
    next_url = _safe_next(request, request.session.get(PENDING_NEXT_KEY))
    _clear_pending(request)
    session_start(request=request, user=user, second_factor=method, device=device)
    return next_url


@never_cache
def verify_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = TokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        device = second_factor_verify(user=user, token=form.cleaned_data["token"])
        if device is not None:
            method = "totp" if isinstance(device, TOTPDevice) else "recovery"
            return redirect(_finish(request, user, device, method))
        failures = request.session.get(PENDING_FAILURES_KEY, 0) + 1
        request.session[PENDING_FAILURES_KEY] = failures
        login_failure_record(user=user, detail="code")
        if failures >= MAX_CODE_FAILURES:
            _clear_pending(request)
            messages.error(request, _("For mange feil koder. Logg inn på nytt."))
            return redirect("accounts:login")
        form.add_error("token", _("Koden stemmer ikke. Prøv igjen."))
    return render(request, "accounts/verify.html", {"form": form})


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    return image.to_string(encoding="unicode")


def _grouped(secret: bytes) -> str:
    """The key in groups of four, as authenticator apps accept it typed by hand."""
    text = base64.b32encode(secret).decode("ascii").rstrip("=")
    return " ".join(text[index : index + 4] for index in range(0, len(text), 4))


@never_cache
def enrol_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    if totp_confirmed_device(user=user) is not None:
        # Knowing the password must never be enough to replace the user's app.
        return redirect("accounts:verify")
    device = totp_device_pending(user=user)
    form = EnrolForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            codes = totp_confirm(user=user, device=device, token=form.cleaned_data["token"])
        except AccountError as error:
            add_domain_error_to_form(form, error)
        else:
            next_url = _finish(request, user, device, "totp")
            request.session[RECOVERY_CODES_KEY] = codes
            request.session[RECOVERY_NEXT_KEY] = next_url
            return redirect("accounts:recovery_codes")
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - our own SVG, no user input
            "secret": _grouped(device.bin_key),
        },
    )


@never_cache
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop(RECOVERY_CODES_KEY, None)
    next_url = _safe_next(request, request.session.pop(RECOVERY_NEXT_KEY, None))
    if not codes:
        return redirect(next_url)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next_url": next_url})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    session_end(request=request)
    messages.success(request, _("Du er logget ut."))
    return redirect("accounts:login")
