"""Helpers for the accounts tests: an authenticator app, and the login steps over HTTP."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from helhet.accounts.models import User

LOGIN_URL = reverse("accounts:login")
VERIFY_URL = reverse("accounts:verify")
ENROL_URL = reverse("accounts:enrol")
HOME_URL = reverse("core:home")


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
