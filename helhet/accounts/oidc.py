"""Optional login through the municipality's identity provider (OpenID Connect).

Configured by settings alone (`OIDC_*`, on when `OIDC_RP_CLIENT_ID` is set). The
provider proves who the person is. Its login counts as both factors only when its signed
id_token says it used two: an `acr` in HELHET_OIDC_ACCEPTED_ACR or an `amr` value in
HELHET_OIDC_ACCEPTED_AMR. Otherwise it is the first factor, and the user gives Helhet's own
code as after a password. It never creates users: only an existing, active user whose
e-mail address matches, and which the provider says is verified, may log in.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from helhet.accounts.models import User
from helhet.accounts.pending import pending_start, safe_next
from helhet.accounts.selectors import active_users_by_email, totp_confirmed_device
from helhet.accounts.services import NO_SECOND_FACTOR, login_failure_record, session_start

logger = logging.getLogger(__name__)

CALLBACK_URL_NAME = "accounts:oidc_callback"
# Set on the request by the backend: whether the provider's id_token asserts two factors.
TWO_FACTORS_ATTR = "helhet_oidc_two_factors"
# Defaults for what settings may leave out: our callback's URL name, a timeout so that a
# hanging provider cannot hold a worker for ever, and PKCE (ID-porten requires it).
_DEFAULTS: dict[str, Any] = {
    "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
    "OIDC_TIMEOUT": 10,
    "OIDC_USE_PKCE": True,
}


def provider_asserts_two_factors(id_token: dict[str, Any]) -> bool:
    """Whether the verified id_token says the person logged in with two factors: an
    accepted `acr` (authentication context class), or an accepted `amr` value (methods)."""
    acr = id_token.get("acr")
    if isinstance(acr, str) and acr in settings.HELHET_OIDC_ACCEPTED_ACR:
        return True
    amr = id_token.get("amr")
    methods = [amr] if isinstance(amr, str) else amr if isinstance(amr, list) else []
    return any(isinstance(m, str) and m in settings.HELHET_OIDC_ACCEPTED_AMR for m in methods)


def oidc_setting(attr: str, *args: Any) -> Any:
    if attr in _DEFAULTS:
        return getattr(settings, attr, _DEFAULTS[attr])
    return import_from_settings(attr, *args)


# mozilla-django-oidc ships no type hints: its classes are `Any` to mypy, and subclassing
# them is what this module is for (hence the `type: ignore[misc]` on the three classes).
class HelhetOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Finds the one active user with the provider's e-mail address; creates no one."""

    get_settings = staticmethod(oidc_setting)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Django asks every backend on every authenticate() call, the password form's too;
        # only our callback view, which has checked state and nonce, may use this one.
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name != CALLBACK_URL_NAME:
            return None
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError) as exc:
            # A wrong answer from the provider is a failed login, not a server error.
            logger.warning("Login through the identity provider refused: %s", exc)
            return None
        return user

    def get_userinfo(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The id_token was issued to another client.")
        claims: dict[str, Any] = super().get_userinfo(access_token, id_token, payload)
        # OpenID Connect Core 5.3.2: the userinfo must be about the person in the id_token.
        if not payload.get("sub") or claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo is about someone else than the id_token.")
        # acr and amr are read from the signed id_token only, never from the userinfo.
        setattr(self.request, TWO_FACTORS_ATTR, provider_asserts_two_factors(payload))
        return claims

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # Users are found by e-mail address: only an address the provider has verified will
        # do (a provider that lets people type any address must not log them in as others).
        return bool(claims.get("email")) and claims.get("email_verified") is True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        return active_users_by_email(email=claims["email"])

    def create_user(self, claims: dict[str, Any]) -> User:
        raise SuspiciousOperation("Helhet never creates users from the identity provider.")

    def get_user(self, user_id: int) -> User | None:
        # The provider's backend would return deactivated users too; Django's does not.
        return ModelBackend.get_user(self, user_id)


class _OnlyWhenConfigured(View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.OIDC_ENABLED:
            raise Http404(_("Siden finnes ikke."))
        return super().dispatch(request, *args, **kwargs)


class OIDCStartView(_OnlyWhenConfigured, OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Sends the browser to the provider, with state, nonce and PKCE kept in the session."""

    get_settings = staticmethod(oidc_setting)


class OIDCCallbackView(_OnlyWhenConfigured, OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The provider sends the browser back here with a code; we log the user in."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            response: HttpResponse = super().get(request)
        except SuspiciousOperation as exc:
            # A state that is not ours: an old tab, a replay, or a forged callback.
            logger.warning("Callback from the identity provider refused: %s", exc)
            return self.login_failure()
        return response

    def login_success(self) -> HttpResponse:
        # Checked for safety by the start view before it was stored.
        next_url = safe_next(self.request, self.request.session.get("oidc_login_next"))
        if getattr(self.request, TWO_FACTORS_ATTR, False):
            session_start(request=self.request, user=self.user, second_factor="oidc")
            return redirect(next_url)
        if not settings.HELHET_REQUIRE_2FA:
            session_start(request=self.request, user=self.user, second_factor=NO_SECOND_FACTOR)
            return redirect(next_url)
        # One factor from the provider: Helhet's own code is the second.
        if totp_confirmed_device(user=self.user) is None:
            login_failure_record(user=self.user, detail="oidc single factor, no app")
            messages.error(
                self.request,
                _(
                    "Kommunens innlogging bekreftet ikke to faktorer, og du har ikke satt opp "
                    "tofaktor i Helhet. Bruk lenken du har fått fra administratoren, eller be "
                    "om en ny."
                ),
            )
            return redirect("accounts:login")
        pending_start(self.request, user=self.user, next_url=next_url)
        return redirect("accounts:verify")

    def login_failure(self) -> HttpResponse:
        login_failure_record(detail="oidc")
        messages.error(
            self.request,
            _(
                "Innloggingen med kommunens innlogging mislyktes. Du må ha en aktiv bruker i "
                "Helhet med samme e-postadresse. Prøv igjen, eller logg inn med brukernavn "
                "og passord."
            ),
        )
        return redirect("accounts:login")


oidc_start = OIDCStartView.as_view()
oidc_callback = OIDCCallbackView.as_view()
