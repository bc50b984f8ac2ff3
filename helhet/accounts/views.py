"""Login with password and a second factor, enrolment of the authenticator app, logout."""

from __future__ import annotations

from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from helhet.accounts.forms import LoginForm, TokenForm
from helhet.accounts.models import User
from helhet.accounts.services import (
    AccountError,
    second_factor_verify,
    session_end,
    session_start,
    totp_confirm,
    totp_confirmed_device,
    totp_device_pending,
)
from helhet.audit.choices import EventKind
from helhet.audit.services import event_record
from helhet.core.errors import add_domain_error_to_form

PENDING_USER_KEY = "helhet.pending_user"
PENDING_NEXT_KEY = "helhet.pending_next"
PENDING_FAILURES_KEY = "helhet.pending_failures"
RECOVERY_CODES_KEY = "helhet.new_recovery_codes"
MAX_CODE_FAILURES = 5


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(settings.LOGIN_REDIRECT_URL and "/ansatt/")


def _pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER_KEY)
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def _clear_pending(request: HttpRequest) -> None:
    for key in (PENDING_USER_KEY, PENDING_FAILURES_KEY):
        request.session.pop(key, None)


@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.session.get("helhet.mfa"):
        return redirect("core:home")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip().lower()
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return lockout_response(request)
        if user is None:
            event_record(kind=EventKind.LOGIN_FAILED, actor=None, actor_name=username[:150])
            # One message for unknown users and wrong passwords alike: no enumeration.
            form.add_error(None, _("Feil brukernavn eller passord."))
        else:
            next_url = _safe_next(request, request.GET.get("next"))
            if not settings.HELHET_REQUIRE_2FA:
                session_start(request=request, user=user, second_factor="none")
                return redirect(next_url)
            request.session.cycle_key()
            request.session[PENDING_USER_KEY] = user.pk
            request.session[PENDING_NEXT_KEY] = next_url
            request.session[PENDING_FAILURES_KEY] = 0
            if totp_confirmed_device(user=user) is None:
                return redirect("accounts:enrol")
            return redirect("accounts:verify")
    return render(
        request,
        "accounts/login.html",
        {"form": form, "oidc_enabled": settings.OIDC_ENABLED},
    )


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    form = LoginForm()
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form.add_error(
        None,
        _(
            "For mange mislykkede forsøk. Av sikkerhetshensyn er innloggingen stengt i "
            "%(minutes)s minutter. Prøv igjen senere, eller kontakt brukerstøtte."
        )
        % {"minutes": minutes},
    )
    return render(
        request,
        "accounts/login.html",
        {"form": form, "oidc_enabled": settings.OIDC_ENABLED},
        status=429,
    )


def _finish(request: HttpRequest, user: User, device: Any, method: str) -> HttpResponse:
    next_url = request.session.get(PENDING_NEXT_KEY) or "/ansatt/"
    _clear_pending(request)
    request.session.pop(PENDING_NEXT_KEY, None)
    session_start(request=request, user=user, second_factor=method, device=device)
    return redirect(_safe_next(request, next_url))


@never_cache
def verify_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor_verify(user=user, token=form.cleaned_data["token"])
        if device is not None:
            method = "totp" if device.__class__.__name__ == "TOTPDevice" else "recovery"
            return _finish(request, user, device, method)
        failures = request.session.get(PENDING_FAILURES_KEY, 0) + 1
        request.session[PENDING_FAILURES_KEY] = failures
        event_record(
            kind=EventKind.LOGIN_FAILED, actor=None, actor_name=user.username, detail="code"
        )
        if failures >= MAX_CODE_FAILURES:
            _clear_pending(request)
            messages.error(request, _("For mange feil koder. Logg inn på nytt."))
            return redirect("accounts:login")
        form.add_error("token", _("Koden stemmer ikke. Prøv igjen."))
    return render(request, "accounts/verify.html", {"form": form})


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    return image.to_string(encoding="unicode")


@never_cache
def enrol_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    device = totp_device_pending(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = totp_confirm(user=user, device=device, token=form.cleaned_data["token"])
        except AccountError as error:
            add_domain_error_to_form(form, error)
        else:
            response = _finish(request, user, device, "totp")
            request.session[RECOVERY_CODES_KEY] = codes
            return redirect("accounts:recovery_codes") if response.status_code == 302 else response
    secret = device.bin_key
    import base64

    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - generated SVG, no user input
            "secret": base64.b32encode(secret).decode("ascii"),
        },
    )


@never_cache
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop(RECOVERY_CODES_KEY, None)
    if not codes:
        return redirect("core:home")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    session_end(request=request)
    messages.success(request, _("Du er logget ut."))
    return redirect("accounts:login")
