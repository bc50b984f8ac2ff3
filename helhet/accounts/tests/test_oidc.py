"""Login through the municipality's identity provider (OpenID Connect), against a fake
provider that runs inside the test on 127.0.0.1: authorize, token, userinfo and JWKS."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import pytest
import requests
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse

from conftest import make_user
from helhet.accounts.models import User, UserSession
from helhet.accounts.oidc import HelhetOIDCBackend
from helhet.accounts.services import LOGIN_AT_KEY, user_deactivate
from helhet.accounts.tests.support import (
    HOME_URL,
    LOGIN_URL,
    VERIFY_URL,
    app_for,
    code_for,
    password_step,
)
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.core.policy import MFA_SESSION_KEY

CLIENT_ID = "helhet-test-client"
CLIENT_SECRET = "a-client-secret-that-is-long-enough-for-hs256-0123456789"
START_URL = reverse("accounts:oidc_start")
CALLBACK_URL = reverse("accounts:oidc_callback")


@dataclass
class FakeProvider:
    """An identity provider with one person logged in at it (`person`). Knobs let a test
    make it misbehave the way real ones can."""

    person: dict[str, Any] = field(default_factory=dict)
    audience: str = CLIENT_ID
    nonce: str | None = None  # set to send a nonce other than the one asked for
    userinfo_sub: str | None = None  # set to answer userinfo about someone else
    # What the id_token says about how the person logged in (RFC 8176 methods, or acr).
    id_claims: dict[str, Any] = field(default_factory=lambda: {"amr": ["pwd", "mfa"]})
    token_status: int = 200
    calls: list[str] = field(default_factory=list)
    grants: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    url: str = ""

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        parsed = urlparse(handler.path)
        self.calls.append(parsed.path)
        if parsed.path == "/authorize":
            self._authorize(handler, {k: v[0] for k, v in parse_qs(parsed.query).items()})
        elif parsed.path == "/token":
            length = int(handler.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(handler.rfile.read(length).decode()).items()}
            self._token(handler, form)
        elif parsed.path == "/userinfo":
            self._userinfo(handler)
        elif parsed.path == "/jwks":
            _json(handler, 200, {"keys": []})
        else:
            _json(handler, 404, {"error": "not_found"})

    def _authorize(self, handler: BaseHTTPRequestHandler, query: dict[str, str]) -> None:
        assert query["client_id"] == CLIENT_ID
        assert query["response_type"] == "code"
        assert "openid" in query["scope"].split()
        code = secrets.token_urlsafe(16)
        self.grants[code] = query
        target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        handler.send_response(302)
        handler.send_header("Location", target)
        handler.end_headers()

    def _token(self, handler: BaseHTTPRequestHandler, form: dict[str, str]) -> None:
        grant = self.grants.pop(form.get("code", ""), None)
        valid = (
            grant is not None
            and form.get("grant_type") == "authorization_code"
            and form.get("client_id") == CLIENT_ID
            and form.get("client_secret") == CLIENT_SECRET
            and form.get("redirect_uri") == grant["redirect_uri"]
            and _challenge(form.get("code_verifier", "")) == grant.get("code_challenge")
        )
        if not valid or self.token_status != 200:
            _json(handler, self.token_status if valid else 400, {"error": "invalid_grant"})
            return
        now = int(time.time())
        claims = {
            "iss": self.url,
            "sub": self.person["sub"],
            "aud": self.audience,
            "iat": now,
            "exp": now + 300,
            "nonce": self.nonce or grant["nonce"],
            **self.id_claims,
        }
        access_token = secrets.token_urlsafe(16)
        self.tokens[access_token] = dict(self.person)
        if self.userinfo_sub:
            self.tokens[access_token]["sub"] = self.userinfo_sub
        body = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": jwt.encode(claims, CLIENT_SECRET, algorithm="HS256"),
        }
        _json(handler, 200, body)

    def _userinfo(self, handler: BaseHTTPRequestHandler) -> None:
        token = handler.headers.get("Authorization", "").removeprefix("Bearer ")
        if token not in self.tokens:
            _json(handler, 401, {"error": "invalid_token"})
            return
        _json(handler, 200, self.tokens[token])


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def _json(handler: BaseHTTPRequestHandler, status: int, body: Any) -> None:
    data = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    fake = FakeProvider()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            fake.handle(self)

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    oidc = override_settings(
        OIDC_ENABLED=True,
        OIDC_RP_CLIENT_ID=CLIENT_ID,
        OIDC_RP_CLIENT_SECRET=CLIENT_SECRET,
        OIDC_RP_SIGN_ALGO="HS256",
        OIDC_OP_AUTHORIZATION_ENDPOINT=f"{fake.url}/authorize",
        OIDC_OP_TOKEN_ENDPOINT=f"{fake.url}/token",
        OIDC_OP_USER_ENDPOINT=f"{fake.url}/userinfo",
        OIDC_OP_JWKS_ENDPOINT=f"{fake.url}/jwks",
        AUTHENTICATION_BACKENDS=[
            *settings.AUTHENTICATION_BACKENDS,
            "helhet.accounts.oidc.HelhetOIDCBackend",
        ],
    )
    with oidc:
        yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def worker(cast) -> User:
    user = cast.shelter_worker
    user.email = "Sigrid.Worker@fjordvik.kommune.no"
    user.save()
    return user


def _logs_in_at_provider(provider: FakeProvider, email: str, **claims: Any) -> None:
    provider.person = {"sub": "entra-4711", "email": email, "email_verified": True, **claims}


def _round_trip(client: Any, provider: FakeProvider, start: str = START_URL) -> Any:
    """Start at Helhet, let the browser visit the provider, come back to the callback."""
    to_provider = client.get(start)
    assert to_provider.status_code == 302
    assert to_provider["Location"].startswith(f"{provider.url}/authorize?")
    back = requests.get(to_provider["Location"], allow_redirects=False, timeout=5)
    assert back.status_code == 302
    callback = urlparse(back.headers["Location"])
    assert callback.path == CALLBACK_URL
    return client.get(f"{callback.path}?{callback.query}")


def test_an_active_user_with_the_same_email_logs_in_with_both_factors(provider, worker, client):
    _logs_in_at_provider(provider, "sigrid.worker@FJORDVIK.kommune.no")
    response = _round_trip(client, provider)
    assert response.status_code == 302
    assert response["Location"] == HOME_URL
    assert int(client.session[SESSION_KEY]) == worker.pk
    assert client.session[MFA_SESSION_KEY] == "oidc"
    assert LOGIN_AT_KEY in client.session
    assert client.get(HOME_URL).status_code == 200
    assert UserSession.objects.filter(user=worker).count() == 1
    event = Event.objects.get(kind=EventKind.LOGIN)
    assert (event.actor_id, event.detail) == (worker.pk, "oidc")
    assert provider.calls == ["/authorize", "/token", "/userinfo"]


def test_it_goes_on_to_the_address_asked_for(provider, worker, client):
    _logs_in_at_provider(provider, worker.email)
    response = _round_trip(client, provider, f"{START_URL}?next=/ansatt/logg/")
    assert response["Location"] == "/ansatt/logg/"


def test_it_ignores_a_next_address_on_another_site(provider, worker, client):
    _logs_in_at_provider(provider, worker.email)
    response = _round_trip(client, provider, f"{START_URL}?next=https://evil.example/")
    assert response["Location"] == HOME_URL


def test_the_start_asks_for_our_callback_with_state_nonce_and_pkce(provider, db, client):
    query = parse_qs(urlparse(client.get(START_URL)["Location"]).query)
    assert query["redirect_uri"] == [f"http://testserver{CALLBACK_URL}"]
    assert query["scope"] == ["openid email profile"]
    assert query["state"][0] and query["nonce"][0]
    assert query["code_challenge_method"] == ["S256"]


def test_the_session_key_changes_at_login(provider, worker, client):
    _logs_in_at_provider(provider, worker.email)
    client.get(LOGIN_URL)
    client.session.save()
    before = client.session.session_key
    _round_trip(client, provider)
    assert client.session.session_key != before


def _assert_refused(response: Any, client: Any, logins_before: int = 0) -> None:
    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert SESSION_KEY not in client.session
    assert Event.objects.filter(kind=EventKind.LOGIN_FAILED, detail="oidc").exists()
    assert Event.objects.filter(kind=EventKind.LOGIN).count() == logins_before
    assert "mislyktes" in client.get(LOGIN_URL).content.decode()


def test_an_unknown_email_is_refused_and_no_user_is_created(provider, worker, client):
    _logs_in_at_provider(provider, "stranger@example.org")
    users_before = User.objects.count()
    _assert_refused(_round_trip(client, provider), client)
    assert User.objects.count() == users_before


def test_a_deactivated_user_is_refused(provider, worker, client, cast):
    user_deactivate(actor=cast.admin, user=worker)
    _logs_in_at_provider(provider, worker.email)
    _assert_refused(_round_trip(client, provider), client)


def test_two_users_with_the_same_email_are_both_refused(provider, worker, client):
    twin = make_user("twin")
    twin.email = worker.email.upper()
    twin.save()
    _logs_in_at_provider(provider, worker.email)
    _assert_refused(_round_trip(client, provider), client)


def test_an_email_the_provider_has_not_verified_is_refused(provider, worker, client):
    _logs_in_at_provider(provider, worker.email, email_verified=False)
    _assert_refused(_round_trip(client, provider), client)


def test_an_id_token_for_another_client_is_refused(provider, worker, client):
    _logs_in_at_provider(provider, worker.email)
    provider.audience = "some-other-client"
    _assert_refused(_round_trip(client, provider), client)


def test_a_wrong_nonce_is_refused(provider, worker, client):
    _logs_in_at_provider(provider, worker.email)
    provider.nonce = "not-the-nonce-we-sent"
    _assert_refused(_round_trip(client, provider), client)


def test_userinfo_about_someone_else_is_refused(provider, worker, client):
    _logs_in_at_provider(provider, worker.email)
    provider.userinfo_sub = "someone-else"
    _assert_refused(_round_trip(client, provider), client)


def test_an_error_from_the_token_endpoint_is_a_failed_login_not_a_server_error(
    provider, worker, client
):
    _logs_in_at_provider(provider, worker.email)
    provider.token_status = 500
    _assert_refused(_round_trip(client, provider), client)


def test_an_error_from_the_provider_is_a_failed_login(provider, worker, client):
    client.get(START_URL)
    response = client.get(f"{CALLBACK_URL}?error=access_denied&state=x")
    _assert_refused(response, client)


def test_a_callback_with_a_state_we_did_not_send_is_refused(provider, worker, client):
    _logs_in_at_provider(provider, worker.email)
    client.get(START_URL)
    response = client.get(f"{CALLBACK_URL}?code=anything&state=forged")
    _assert_refused(response, client)
    assert "/token" not in provider.calls


def test_a_callback_cannot_be_replayed(provider, worker, client):
    _logs_in_at_provider(provider, worker.email)
    to_provider = client.get(START_URL)
    back = requests.get(to_provider["Location"], allow_redirects=False, timeout=5)
    callback = urlparse(back.headers["Location"])
    client.get(f"{callback.path}?{callback.query}")
    client.post(reverse("accounts:logout"))
    _assert_refused(client.get(f"{callback.path}?{callback.query}"), client, logins_before=1)


def test_the_password_form_never_reaches_the_provider(provider, worker, client):
    """Django asks every backend; a ?code= on the login form's address must not turn
    into a token request."""
    client.get(START_URL)
    state = next(iter(client.session["oidc_states"]))
    password_step(client, "shelter_worker", "wrong", query=f"?code=stolen&state={state}")
    password_step(client, "shelter_worker", query=f"?code=stolen&state={state}")
    assert provider.calls == []


def test_the_login_page_links_to_the_provider(provider, db, client):
    body = client.get(f"{LOGIN_URL}?next=/ansatt/logg/").content.decode()
    assert f'href="{START_URL}?next=/ansatt/logg/"' in body
    assert "Logg inn med kommunens innlogging" in body


@pytest.mark.parametrize("url", [START_URL, CALLBACK_URL])
def test_both_views_are_missing_when_oidc_is_not_configured(url, db, client):
    assert not settings.OIDC_ENABLED
    assert client.get(url).status_code == 404


def test_it_never_creates_a_user_even_if_settings_ask_for_it(provider, worker, client):
    _logs_in_at_provider(provider, "stranger@example.org")
    with override_settings(OIDC_CREATE_USER=True):
        _assert_refused(_round_trip(client, provider), client)
    assert not User.objects.filter(email="stranger@example.org").exists()


def test_the_backend_does_not_return_a_deactivated_user(provider, worker, cast):
    backend = HelhetOIDCBackend()
    assert backend.get_user(worker.pk) == worker
    user_deactivate(actor=cast.admin, user=worker)
    assert backend.get_user(worker.pk) is None


# Two factors only when the provider says so, and only a verified address


def test_an_email_the_provider_does_not_say_is_verified_is_refused(provider, worker, client):
    provider.person = {"sub": "entra-4711", "email": worker.email}
    _assert_refused(_round_trip(client, provider), client)


def test_an_email_verified_as_text_is_not_taken_for_true(provider, worker, client):
    _logs_in_at_provider(provider, worker.email, email_verified="false")
    _assert_refused(_round_trip(client, provider), client)


def test_without_acr_or_amr_the_provider_is_only_the_first_factor(provider, worker, client):
    device = app_for(worker)
    provider.id_claims = {}
    _logs_in_at_provider(provider, worker.email)
    response = _round_trip(client, provider, f"{START_URL}?next=/ansatt/logg/")
    assert response["Location"] == VERIFY_URL
    assert SESSION_KEY not in client.session
    assert client.get(HOME_URL).status_code == 302
    finished = client.post(VERIFY_URL, {"token": code_for(device)})
    assert finished["Location"] == "/ansatt/logg/"
    assert client.session[MFA_SESSION_KEY] == "totp"


def test_a_password_only_amr_is_one_factor(provider, worker, client):
    app_for(worker)
    provider.id_claims = {"amr": ["pwd"]}
    _logs_in_at_provider(provider, worker.email)
    assert _round_trip(client, provider)["Location"] == VERIFY_URL


def test_amr_or_acr_claims_in_the_userinfo_do_not_count(provider, worker, client):
    """Only the signed id_token is believed about how the person logged in."""
    app_for(worker)
    provider.id_claims = {}
    _logs_in_at_provider(provider, worker.email, amr=["mfa"], acr="idporten-loa-high")
    with override_settings(HELHET_OIDC_ACCEPTED_ACR=["idporten-loa-high"]):
        assert _round_trip(client, provider)["Location"] == VERIFY_URL


def test_an_accepted_acr_counts_as_two_factors(provider, worker, client):
    provider.id_claims = {"acr": "idporten-loa-substantial", "amr": ["BankID"]}
    _logs_in_at_provider(provider, worker.email)
    with override_settings(
        HELHET_OIDC_ACCEPTED_ACR=["idporten-loa-substantial", "idporten-loa-high"]
    ):
        response = _round_trip(client, provider)
    assert response["Location"] == HOME_URL
    assert client.session[MFA_SESSION_KEY] == "oidc"


def test_an_acr_not_accepted_is_one_factor(provider, worker, client):
    app_for(worker)
    provider.id_claims = {"acr": "idporten-loa-low"}
    _logs_in_at_provider(provider, worker.email)
    with override_settings(HELHET_OIDC_ACCEPTED_ACR=["idporten-loa-substantial"]):
        assert _round_trip(client, provider)["Location"] == VERIFY_URL


def test_the_accepted_amr_values_come_from_settings(provider, worker, client):
    provider.id_claims = {"amr": ["pwd", "otp"]}
    _logs_in_at_provider(provider, worker.email)
    with override_settings(HELHET_OIDC_ACCEPTED_AMR=["otp", "hwk"]):
        assert _round_trip(client, provider)["Location"] == HOME_URL


def test_one_factor_from_the_provider_and_no_app_in_helhet_is_refused(provider, worker, client):
    provider.id_claims = {}
    _logs_in_at_provider(provider, worker.email)
    response = _round_trip(client, provider)
    assert response["Location"] == LOGIN_URL
    assert SESSION_KEY not in client.session
    assert "helhet.pending_user" not in client.session
    assert "bekreftet ikke to faktorer" in client.get(LOGIN_URL).content.decode()
    event = Event.objects.get(kind=EventKind.LOGIN_FAILED)
    assert event.object_id == str(worker.pk)


@override_settings(HELHET_REQUIRE_2FA=False)
def test_with_two_factors_off_one_factor_from_the_provider_logs_in(provider, worker, client):
    provider.id_claims = {}
    _logs_in_at_provider(provider, worker.email)
    assert _round_trip(client, provider)["Location"] == HOME_URL
    assert MFA_SESSION_KEY not in client.session


def test_the_default_accepts_only_the_mfa_method_and_no_acr():
    assert settings.HELHET_OIDC_ACCEPTED_AMR == ["mfa"]
    assert settings.HELHET_OIDC_ACCEPTED_ACR == []
