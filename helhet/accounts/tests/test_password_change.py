"""A user changes their own password: the current one first, the rules for the new one,
other sessions ended, audited and told by e-mail."""

from __future__ import annotations

from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, login
from helhet.accounts.models import UserSession
from helhet.accounts.tests.support import HOME_URL, LOGIN_URL, app_for, log_in
from helhet.accounts.views import MAX_PASSWORD_FAILURES
from helhet.audit.choices import EventKind
from helhet.audit.models import Event

URL = reverse("accounts:password_change")
NEW = "syv sultne måker på brygga"


def _change(client, current: str = PASSWORD, new: str = NEW, again: str | None = None):
    data = {"current_password": current, "new_password": new}
    data["new_password_again"] = new if again is None else again
    return client.post(URL, data)


def test_it_shows_the_form(cast, client):
    login(client, cast.shelter_worker)
    body = client.get(URL).content.decode()
    assert 'autocomplete="current-password"' in body
    assert body.count('autocomplete="new-password"') == 2


def test_the_password_is_changed_and_this_session_lives_on(
    cast, client, django_capture_on_commit_callbacks
):
    cast.shelter_worker.email = "worker@x.no"
    cast.shelter_worker.save()
    login(client, cast.shelter_worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = _change(client)
    assert response["Location"] == HOME_URL
    cast.shelter_worker.refresh_from_db()
    assert cast.shelter_worker.check_password(NEW)
    assert client.get(HOME_URL).status_code == 200
    event = Event.objects.get(kind=EventKind.UPDATE, detail="password changed")
    worker = cast.shelter_worker
    assert (event.actor_id, event.object_id) == (worker.pk, str(worker.pk))
    assert [m.to for m in mail.outbox] == [["worker@x.no"]]
    assert NEW not in mail.outbox[0].body


def test_the_users_other_sessions_end(cast):
    device = app_for(cast.shelter_worker)
    here, elsewhere = Client(), Client()
    log_in(here, cast.shelter_worker, device)
    # TOTP takes each code once in 30 seconds: the second device gets its session directly,
    # tracked as session_start tracks it.
    login(elsewhere, cast.shelter_worker)
    UserSession.objects.create(user=cast.shelter_worker, session_key=elsewhere.session.session_key)
    _change(here)
    assert here.get(HOME_URL).status_code == 200
    assert elsewhere.get(HOME_URL).status_code == 302
    keys = set(UserSession.objects.values_list("session_key", flat=True))
    assert keys == {here.session.session_key}


def test_a_wrong_current_password_is_refused_and_audited(cast, client):
    login(client, cast.shelter_worker)
    response = _change(client, current="not my password at all")
    assert response.status_code == 200
    assert "Passordet stemmer ikke." in response.content.decode()
    cast.shelter_worker.refresh_from_db()
    assert cast.shelter_worker.check_password(PASSWORD)
    event = Event.objects.get(kind=EventKind.LOGIN_FAILED)
    assert (event.object_id, event.detail) == (str(cast.shelter_worker.pk), "password change")


def test_too_many_wrong_current_passwords_end_the_session(cast, client):
    login(client, cast.shelter_worker)
    for _attempt in range(MAX_PASSWORD_FAILURES - 1):
        assert _change(client, current="a wrong guess 123").status_code == 200
    response = _change(client, current="a wrong guess 123")
    assert response["Location"] == LOGIN_URL
    assert client.get(HOME_URL).status_code == 302


def test_a_common_new_password_is_refused(cast, client):
    login(client, cast.shelter_worker)
    response = _change(client, new="Passord12345")
    assert "for vanlig" in response.content.decode()
    cast.shelter_worker.refresh_from_db()
    assert cast.shelter_worker.check_password(PASSWORD)


def test_the_new_password_must_differ_from_the_old(cast, client):
    login(client, cast.shelter_worker)
    response = _change(client, new=PASSWORD)
    assert "et annet enn det gamle" in response.content.decode()


def test_the_new_passwords_must_match(cast, client):
    login(client, cast.shelter_worker)
    response = _change(client, again="noe helt annet her 99")
    assert "Passordene er ikke like." in response.content.decode()
    assert not Event.objects.filter(detail="password changed").exists()
