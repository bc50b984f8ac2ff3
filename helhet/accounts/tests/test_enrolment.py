"""Enrolment through a one-time link: the user sets their own password and authenticator
app; the link works once, until it expires, and only while it is the newest."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.db import connection
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import make_user
from helhet.accounts.models import EnrolmentLink, User
from helhet.accounts.services import (
    RECOVERY_CODE_COUNT,
    enrolment_token,
    user_create,
    user_deactivate,
)
from helhet.accounts.tests.support import (
    HOME_URL,
    RECOVERY_URL,
    VERIFY_URL,
    app_for,
    code_from,
    link_for,
    link_url,
    password_step,
    secret_on,
)
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.core.policy import MFA_SESSION_KEY

NEW_PASSWORD = "tre blå ugler over fjorden"


def _new_user(cast) -> User:
    """A user as the administrator creates them now: no password anyone knows."""
    return user_create(actor=cast.admin, username="nora", full_name="Nora Ny", email="nora@x.no")


def _enrol(client, url: str, password: str = NEW_PASSWORD, again: str | None = None, code=None):
    secret = secret_on(client.get(url).content.decode())
    data = {
        "new_password": password,
        "new_password_again": password if again is None else again,
        "token": code if code is not None else code_from(secret),
    }
    return client.post(url, data)


def test_a_new_user_has_no_password_that_works(cast):
    user = _new_user(cast)
    assert not user.has_usable_password()


def test_the_link_page_shows_a_qr_code_and_the_key_in_groups_of_four(cast, client):
    user = _new_user(cast)
    body = client.get(link_url(link_for(user, cast.admin))).content.decode()
    assert "<svg" in body
    assert 'class="qr" aria-hidden="true"' in body
    assert "nora" in body
    secret = secret_on(body)
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert all(len(group) == 4 for group in secret.split(" "))
    assert 'name="new_password"' in body
    assert 'name="current_password"' not in body


def test_reloading_the_page_keeps_the_same_key(cast, client):
    url = link_url(link_for(_new_user(cast), cast.admin))
    assert secret_on(client.get(url).content.decode()) == secret_on(
        client.get(url).content.decode()
    )


def test_the_user_sets_password_and_app_and_is_logged_in(cast, client):
    user = _new_user(cast)
    response = _enrol(client, link_url(link_for(user, cast.admin)))
    assert response["Location"] == RECOVERY_URL
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.session[MFA_SESSION_KEY] == "totp"
    page = client.get(RECOVERY_URL).content.decode()
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(shown) == RECOVERY_CODE_COUNT
    stored = StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    assert set(shown) == set(stored)
    # Shown only once.
    assert client.get(RECOVERY_URL)["Location"] == HOME_URL
    details = set(Event.objects.filter(object_id=str(user.pk)).values_list("detail", flat=True))
    assert {"enrolment link used: enrol", "totp enrolled"} <= details
    assert Event.objects.filter(kind=EventKind.LOGIN, actor_id=user.pk, detail="totp").exists()


def test_after_enrolment_the_next_login_asks_for_the_code(cast, client):
    user = _new_user(cast)
    _enrol(client, link_url(link_for(user, cast.admin)))
    client.logout()
    assert password_step(client, "nora", NEW_PASSWORD)["Location"] == VERIFY_URL


def test_the_link_works_only_once(cast, client):
    url = link_url(link_for(_new_user(cast), cast.admin))
    _enrol(client, url)
    client.logout()
    response = client.get(url)
    assert response.status_code == 404
    assert "Lenken virker ikke" in response.content.decode()
    assert client.post(url, {"new_password": "x", "token": "123456"}).status_code == 404


def test_a_common_password_is_refused_and_the_link_still_works(cast, client):
    user = _new_user(cast)
    url = link_url(link_for(user, cast.admin))
    response = _enrol(client, url, password="Sommer2026!!")
    assert response.status_code == 200
    assert "for vanlig" in response.content.decode()
    assert not TOTPDevice.objects.get(user=user).confirmed
    assert _enrol(client, url)["Location"] == RECOVERY_URL


def test_passwords_that_differ_are_refused(cast, client):
    url = link_url(link_for(_new_user(cast), cast.admin))
    response = _enrol(client, url, again="something else entirely")
    assert "Passordene er ikke like." in response.content.decode()


def test_a_wrong_code_is_refused_and_the_link_is_not_used_up(cast, client):
    user = _new_user(cast)
    link = link_for(user, cast.admin)
    response = _enrol(client, link_url(link), code="000000")
    assert response.status_code == 200
    assert "Koden stemmer ikke" in response.content.decode()
    link.refresh_from_db()
    assert link.used_at is None
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert MFA_SESSION_KEY not in client.session


def test_an_expired_link_does_not_work(cast, client):
    user = _new_user(cast)
    with time_machine.travel(timezone.now() - timedelta(hours=72, minutes=1), tick=False):
        link = link_for(user, cast.admin)
    assert client.get(link_url(link)).status_code == 404


def test_a_newer_link_replaces_the_older_one(cast, client):
    user = _new_user(cast)
    older = link_for(user, cast.admin)
    newer = link_for(user, cast.admin)
    assert client.get(link_url(older)).status_code == 404
    assert client.get(link_url(newer)).status_code == 200


def test_the_link_of_a_deactivated_user_does_not_work(cast, client):
    user = _new_user(cast)
    link = link_for(user, cast.admin)
    user_deactivate(actor=cast.admin, user=user)
    assert client.get(link_url(link)).status_code == 404


def test_a_made_up_token_finds_nothing(db, client):
    assert client.get("/ansatt/konto/lenke/not-a-token/").status_code == 404
    assert client.get("/ansatt/konto/lenke/" + "a" * 300 + "/").status_code == 404


def test_only_a_hash_of_the_token_is_stored(cast):
    link = link_for(_new_user(cast), cast.admin)
    token = enrolment_token(link)
    assert link.token_hash != token
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_enrolmentlink")
        rows = cursor.fetchall()
    assert rows
    assert token not in repr(rows)


def test_enrolment_ends_the_users_other_sessions(cast, client):
    from django.test import Client

    from conftest import login

    user = cast.colleague
    other = login(Client(), user)
    assert other.get(HOME_URL).status_code == 200
    app_for(user)
    _enrol(client, link_url(link_for(user, cast.admin)))
    assert other.get(HOME_URL).status_code == 302


def test_enrolment_replaces_an_earlier_app(cast, client):
    user = make_user("lost_password")
    old = app_for(user)
    _enrol(client, link_url(link_for(user, cast.admin)))
    assert list(TOTPDevice.objects.filter(user=user, confirmed=True)) != [old]
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert EnrolmentLink.objects.get(user=user).used_at is not None
