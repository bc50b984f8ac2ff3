"""The password step: the login page, its answers, and where it sends the user."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings
from django.utils import translation

from conftest import PASSWORD, login, make_user
from helhet.accounts.forms import LoginForm
from helhet.accounts.pending import PENDING_USER_KEY
from helhet.accounts.tests.support import (
    HOME_URL,
    LOGIN_URL,
    VERIFY_URL,
    app_for,
    password_step,
)
from helhet.accounts.throttle import username_key
from helhet.accounts.views import _login_page
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.core.policy import MFA_SESSION_KEY

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def test_it_shows_the_login_form(db, client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assert "Logg inn i Helhet" in response.content.decode()


def test_a_correct_password_leads_to_the_code_step(cast, client):
    app_for(cast.shelter_worker)
    response = password_step(client, "shelter_worker")
    assert response.status_code == 302
    assert response["Location"] == VERIFY_URL
    assert client.session[PENDING_USER_KEY] == cast.shelter_worker.pk


def test_a_user_without_an_app_is_told_to_use_their_enrolment_link(cast, client):
    """Only a one-time link sets up the app; the password alone is never enough."""
    response = password_step(client, "shelter_worker")
    assert response.status_code == 200
    assert "Bruk lenken du har fått fra administratoren" in response.content.decode()
    assert PENDING_USER_KEY not in client.session


def test_the_password_step_alone_opens_no_staff_page(cast, client):
    app_for(cast.shelter_worker)
    password_step(client, "shelter_worker")
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_it_gives_a_new_session_key_at_the_password_step(cast, client):
    app_for(cast.shelter_worker)
    client.get(LOGIN_URL)
    client.session.save()
    before = client.session.session_key
    password_step(client, "shelter_worker")
    assert client.session.session_key != before


def test_the_username_is_not_case_sensitive(cast, client):
    app_for(cast.shelter_worker)
    response = password_step(client, "  Shelter_Worker ")
    assert response["Location"] == VERIFY_URL


def test_unknown_user_and_wrong_password_get_the_same_answer(db, client):
    """Same status and the same page, byte for byte but the CSRF token: the answer does
    not tell whether the username exists. The same username is tried before and after
    the user exists, so that even the echoed username is the same."""
    unknown = password_step(client, "ghost", "a wrong password 123")
    make_user("ghost")
    wrong_password = password_step(client, "ghost", "a wrong password 123")
    assert unknown.status_code == wrong_password.status_code == 200
    first = CSRF_TOKEN.sub("", unknown.content.decode())
    second = CSRF_TOKEN.sub("", wrong_password.content.decode())
    assert first == second
    assert "Feil brukernavn eller passord." in first


def test_a_deactivated_user_gets_the_same_answer_as_a_wrong_password(cast, client):
    cast.colleague.is_active = False
    cast.colleague.save()
    response = password_step(client, "colleague")
    assert response.status_code == 200
    assert "Feil brukernavn eller passord." in response.content.decode()
    assert PENDING_USER_KEY not in client.session


def _event_text(event: Event) -> str:
    return f"{event.actor_name}{event.object_id}{event.detail}{event.purpose}"


def test_a_failed_login_names_the_account_by_id_without_the_password(cast, client):
    password_step(client, "Shelter_Worker", "not the password at all")
    event = Event.objects.get(kind=EventKind.LOGIN_FAILED)
    assert event.actor_id is None
    assert (event.object_type, event.object_id) == ("accounts.user", str(cast.shelter_worker.pk))
    assert "shelter_worker" not in _event_text(event).lower()
    assert "not the password" not in _event_text(event)


def test_a_failed_login_with_an_unknown_username_keeps_only_a_keyed_hash(db, client):
    """A password typed into the username field must not live on in the audit log."""
    password_step(client, "My Secret Password 7", "whatever")
    password_step(client, " my secret password 7", "whatever again")
    first, second = Event.objects.filter(kind=EventKind.LOGIN_FAILED).order_by("pk")
    assert first.object_id == second.object_id == username_key("my secret password 7")
    assert first.object_id != username_key("my secret password 8")
    for event in (first, second):
        assert "secret" not in _event_text(event).lower()
        assert event.actor_name == ""


def test_an_empty_form_gets_an_error_next_to_each_field(db, client):
    response = client.post(LOGIN_URL, {})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("ds-validation-message") == 2
    assert not Event.objects.exists()


def test_it_sends_a_logged_in_user_on(cast, client):
    login(client, cast.shelter_worker)
    response = client.get(LOGIN_URL)
    assert response["Location"] == HOME_URL


def test_it_sends_a_logged_in_user_to_a_safe_next_address(cast, client):
    login(client, cast.shelter_worker)
    assert client.get(LOGIN_URL + "?next=/ansatt/logg/")["Location"] == "/ansatt/logg/"


def test_it_ignores_a_next_address_on_another_site(cast, client):
    login(client, cast.shelter_worker)
    response = client.get(LOGIN_URL + "?next=https://evil.example/")
    assert response["Location"] == HOME_URL


def test_the_login_page_has_no_provider_link_without_oidc(db, client):
    assert "kommunens innlogging" not in client.get(LOGIN_URL).content.decode()


@override_settings(HELHET_REQUIRE_2FA=False)
def test_without_two_factors_the_password_alone_logs_in(cast, client):
    response = password_step(client, "shelter_worker", query="?next=/ansatt/")
    assert response["Location"] == "/ansatt/"
    assert client.get(HOME_URL).status_code == 200
    # Not marked as two factors: switching them on must not trust this session.
    assert MFA_SESSION_KEY not in client.session
    event = Event.objects.get(kind=EventKind.LOGIN)
    assert event.detail == "none"


def test_a_session_from_a_demo_without_two_factors_is_not_trusted_once_they_are_on(cast, client):
    with override_settings(HELHET_REQUIRE_2FA=False):
        password_step(client, "shelter_worker")
        assert client.get(HOME_URL).status_code == 200
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.parametrize("path", [LOGIN_URL, HOME_URL])
@override_settings(HELHET_DEMO=True, HELHET_REQUIRE_2FA=False)
def test_the_demo_without_two_factors_shows_the_banner_on_every_page(path, cast, client):
    password_step(client, "shelter_worker")
    if path == LOGIN_URL:
        client.logout()
    body = client.get(path).content.decode()
    assert 'class="demo-banner"' in body
    assert "tofaktor er slått av" in body


def test_with_two_factors_on_there_is_no_demo_banner(cast, client):
    assert settings.HELHET_REQUIRE_2FA
    login(client, cast.shelter_worker)
    assert "demo-banner" not in client.get(HOME_URL).content.decode()
    client.logout()
    assert "demo-banner" not in client.get(LOGIN_URL).content.decode()


def test_the_login_page_has_an_english_translation(db, rf):
    # Rendered with English active. (Choosing English for staff pages is core's language
    # switch; this checks that every string here has its translation.)
    request = rf.get(LOGIN_URL)
    request.user = AnonymousUser()
    request.session = SessionStore()
    with translation.override("en"):
        body = _login_page(request, LoginForm()).content.decode()
    assert "Log in to Helhet" in body
    assert "Username" in body
    assert "Password" in body
    assert "Logg inn" not in body


def test_the_same_password_never_logs_in_without_the_code(cast, client):
    """The password is right, but without the second step no session is logged in."""
    app_for(cast.shelter_worker)
    password_step(client, "shelter_worker", PASSWORD)
    assert "_auth_user_id" not in client.session


def test_two_factors_are_required_by_default():
    import config.settings as production

    assert production.HELHET_REQUIRE_2FA is True


def test_a_logged_in_session_without_the_second_factor_opens_no_staff_page(cast, client):
    login(client, cast.shelter_worker)
    session = client.session
    del session[MFA_SESSION_KEY]
    session.save()
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    # The login page shows the form again rather than sending the user on.
    assert client.get(LOGIN_URL).status_code == 200
