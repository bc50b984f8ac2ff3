"""Helpers for the accounts tests: an authenticator app, the login steps over HTTP, and
one-time enrolment links."""

from __future__ import annotations

import base64
import re
import uuid
from typing import Any

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from helhet.accounts.models import EnrolmentLink, User
from helhet.accounts.services import enrolment_link_issue, enrolment_token, second_factor_reset

LOGIN_URL = reverse("accounts:login")
VERIFY_URL = reverse("accounts:verify")
HOME_URL = reverse("core:home")
RECOVERY_URL = reverse("accounts:recovery_codes")


def app_for(user: User) -> TOTPDevice:
    """The user's authenticator app, already enrolled."""
    return TOTPDevice.objects.create(user=user, name="Helhet", confirmed=True)


def code_for(device: TOTPDevice) -> str:
    """The six digits the app shows now."""
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"


def password_step(
    client: Any, username: str, password: str = PASSWORD, query: str = "", **extra: Any
) -> Any:
    return client.post(LOGIN_URL + query, {"username": username, "password": password}, **extra)


def log_in(client: Any, user: User, device: TOTPDevice) -> Any:
    """Both steps, as a person would take them. TOTP refuses a code twice in the same
    30 seconds, so a second login of the same user needs the clock moved on."""
    response = password_step(client, user.username)
    assert response["Location"] == VERIFY_URL
    return client.post(VERIFY_URL, {"token": code_for(device)})


def link_for(user: User, actor: User) -> EnrolmentLink:
    """A fresh enrolment link for `user`, issued by `actor`."""
    return enrolment_link_issue(actor=actor, user=user, submission_id=uuid.uuid4())


def reset_for(user: User, actor: User) -> EnrolmentLink:
    """Reset `user`'s second factor as `actor`; the link to enrol a new app."""
    return second_factor_reset(actor=actor, user=user, submission_id=uuid.uuid4())


def link_url(link: EnrolmentLink) -> str:
    return reverse("accounts:enrolment", kwargs={"token": enrolment_token(link)})


def secret_on(body: str) -> str:
    """The authenticator key an enrolment page shows (groups of four)."""
    return re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', body).group(1)


def code_from(secret: str) -> str:
    """The code an app that scanned `secret` shows now."""
    bare = secret.replace(" ", "")
    key = base64.b32decode(bare + "=" * (-len(bare) % 8))
    return f"{totp(key):06d}"
