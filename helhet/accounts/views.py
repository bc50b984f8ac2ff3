"""Login with password and a second factor, enrolment through a one-time link, one's own
password, and the administrator's pages that issue links and reset a lost second factor.

The password step leaves a *pending* login in the session (`pending.py`); the code step
turns it into a real login. The authenticator app is set up only through a one-time link
(`enrolment_view`): knowing a password is never enough to add a second factor.
"""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from helhet.accounts.choices import EnrolmentKind, Purpose
from helhet.accounts.forms import (
    EnrolmentForm,
    EnrolmentLinkIssueForm,
    LoginForm,
    PasswordChangeForm,
    SecondFactorResetForm,
    TokenForm,
)
from helhet.accounts.models import EnrolmentLink, User
from helhet.accounts.pending import (
    pending_clear,
    pending_failure,
    pending_next,
    pending_start,
    pending_user,
    safe_next,
)
from helhet.accounts.selectors import enrolment_link_for_token, totp_confirmed_device
from helhet.accounts.services import (
    NO_SECOND_FACTOR,
    SESSION_EXPIRED_KEY,
    AccountError,
    enrolment_complete,
    enrolment_link_issue,
    enrolment_token,
    login_failure_record,
    password_change,
    second_factor_reset,
    second_factor_verify,
    session_end,
    session_start,
    totp_device_pending,
)
from helhet.accounts.throttle import address_throttled, client_address
from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.policy import second_factor_done
from helhet.core.types import AuthenticatedRequest
from helhet.organisation.access import get_member_user_for

RECOVERY_CODES_KEY = "helhet.new_recovery_codes"
RECOVERY_NEXT_KEY = "helhet.new_recovery_codes_next"
CHANGE_FAILURES_KEY = "helhet.password_change_failures"
MAX_CODE_FAILURES = 5
# Wrong current passwords on the change page before the session is ended.
MAX_PASSWORD_FAILURES = 5


def _login_page(request: HttpRequest, form: LoginForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "oidc_enabled": settings.OIDC_ENABLED}
    return render(request, "accounts/login.html", context, status=status)


@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and second_factor_done(request):
        return redirect(safe_next(request, request.GET.get("next")))
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
    next_url = safe_next(request, request.GET.get("next"))
    if not settings.HELHET_REQUIRE_2FA:
        session_start(request=request, user=user, second_factor=NO_SECOND_FACTOR)
        return redirect(next_url)
    if totp_confirmed_device(user=user) is None:
        login_failure_record(user=user, detail="no second factor")
        # Only a one-time link sets up the app: a password alone must never be enough.
        form.add_error(
            None,
            _(
                "Du har ikke satt opp tofaktor i Helhet. Bruk lenken du har fått fra "
                "administratoren, eller be om en ny."
            ),
        )
        return _login_page(request, form)
    # A new session key already at the password step; session_start gives another.
    pending_start(request, user=user, next_url=next_url)
    return redirect("accounts:verify")


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
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


@never_cache
def verify_view(request: HttpRequest) -> HttpResponse:
    user = pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = TokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        device = second_factor_verify(user=user, token=form.cleaned_data["token"])
        if device is not None:
            method = "totp" if isinstance(device, TOTPDevice) else "recovery"
            return redirect(_finish(request, user, device, method))
        login_failure_record(user=user, detail="code")
        if pending_failure(request) >= MAX_CODE_FAILURES:
            pending_clear(request)
            messages.error(request, _("For mange feil koder. Logg inn på nytt."))
            return redirect("accounts:login")
        form.add_error("token", _("Koden stemmer ikke. Prøv igjen."))
    return render(request, "accounts/verify.html", {"form": form})


def _finish(request: HttpRequest, user: User, device: Device, method: str) -> str:
    """Turn the pending login into a real one; returns where to go next."""
    next_url = pending_next(request)
    pending_clear(request)
    session_start(request=request, user=user, second_factor=method, device=device)
    return next_url


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    svg: str = image.to_string(encoding="unicode")
    return svg


def _grouped(secret: bytes) -> str:
    """The key in groups of four, as authenticator apps accept it typed by hand."""
    text = base64.b32encode(secret).decode("ascii").rstrip("=")
    return " ".join(text[index : index + 4] for index in range(0, len(text), 4))


@never_cache
@require_http_methods(["GET", "POST"])
def enrolment_view(request: HttpRequest, token: str) -> HttpResponse:
    """Set password (or give the current one) and the authenticator app through a link."""
    link = enrolment_link_for_token(token=token)
    if link is None:
        return render(request, "accounts/enrolment_invalid.html", status=404)
    form = EnrolmentForm(posted(request), kind=link.kind)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            device, codes = enrolment_complete(
                link=link,
                token=data["token"],
                new_password=data.get("new_password", ""),
                current_password=data.get("current_password", ""),
            )
        except AccountError as error:
            add_domain_error_to_form(form, error)
        else:
            session_start(request=request, user=link.user, second_factor="totp", device=device)
            request.session[RECOVERY_CODES_KEY] = codes
            request.session[RECOVERY_NEXT_KEY] = safe_next(request, None)
            return redirect("accounts:recovery_codes")
    device = totp_device_pending(user=link.user)
    return render(
        request,
        "accounts/enrolment.html",
        {
            "form": form,
            "link": link,
            "second_factor_only": link.kind == EnrolmentKind.SECOND_FACTOR,
            "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - our own SVG, no user input
            "secret": _grouped(device.bin_key),
        },
    )


@never_cache
def recovery_codes_view(request: AuthenticatedRequest) -> HttpResponse:
    codes = request.session.pop(RECOVERY_CODES_KEY, None)
    next_url = safe_next(request, request.session.pop(RECOVERY_NEXT_KEY, None))
    if not codes:
        return redirect(next_url)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next_url": next_url})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    session_end(request=request)
    messages.success(request, _("Du er logget ut."))
    return redirect("accounts:login")


@never_cache
@require_http_methods(["GET", "POST"])
def password_change_view(request: AuthenticatedRequest) -> HttpResponse:
    """A user changes their own password (the current one first)."""
    form = PasswordChangeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            password_change(
                request=request,
                current_password=data["current_password"],
                new_password=data["new_password"],
            )
        except AccountError as error:
            if error.field == "current_password":
                failures = int(request.session.get(CHANGE_FAILURES_KEY, 0)) + 1
                request.session[CHANGE_FAILURES_KEY] = failures
                if failures >= MAX_PASSWORD_FAILURES:
                    session_end(request=request)
                    messages.error(request, _("For mange feil passord. Logg inn på nytt."))
                    return redirect("accounts:login")
            add_domain_error_to_form(form, error)
        else:
            request.session.pop(CHANGE_FAILURES_KEY, None)
            messages.success(request, _("Passordet er endret. Du er logget ut på andre enheter."))
            return redirect("core:home")
    return render(request, "accounts/password_change.html", {"form": form})


def _link_issued_page(request: HttpRequest, member: User, link: EnrolmentLink) -> HttpResponse:
    path = reverse("accounts:enrolment", kwargs={"token": enrolment_token(link)})
    context = {"member": member, "link": link, "url": request.build_absolute_uri(path)}
    return render(request, "accounts/enrolment_link_issued.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def enrolment_link_issue_view(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    """The administrator (or a lead, for a user they just created) makes a one-time link."""
    member = get_member_user_for(request.user, user_id, purpose=Purpose.ENROLMENT_LINK_ISSUE)
    form = EnrolmentLinkIssueForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            link = enrolment_link_issue(
                actor=request.user, user=member, submission_id=form.cleaned_data["submission_id"]
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            return _link_issued_page(request, member, link)
    return render(request, "accounts/enrolment_link_issue.html", {"form": form, "member": member})


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_reset_view(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    """The administrator resets a user's lost second factor and gets a link for them."""
    member = get_member_user_for(request.user, user_id, purpose=Purpose.SECOND_FACTOR_RESET)
    form = SecondFactorResetForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            link = second_factor_reset(
                actor=request.user, user=member, submission_id=form.cleaned_data["submission_id"]
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            return _link_issued_page(request, member, link)
    return render(request, "accounts/second_factor_reset.html", {"form": form, "member": member})
