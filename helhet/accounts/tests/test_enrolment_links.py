"""The administrator issues one-time enrolment links instead of knowing passwords, and
resets a lost second factor through an audited flow that never hands them a factor."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, login
from helhet.accounts.choices import EnrolmentKind, Purpose
from helhet.accounts.models import EnrolmentLink, User
from helhet.accounts.services import (
    MAX_LINK_FAILURES,
    AccountError,
    enrolment_link_issue,
    recovery_codes_create,
    user_create,
)
from helhet.accounts.tests.support import (
    HOME_URL,
    LOGIN_URL,
    RECOVERY_URL,
    VERIFY_URL,
    app_for,
    code_for,
    code_from,
    link_for,
    link_url,
    log_in,
    password_step,
    reset_for,
    secret_on,
)
from helhet.audit.choices import EventKind
from helhet.audit.models import Event


def _issue_url(user: User) -> str:
    return reverse("accounts:enrolment_link_issue", kwargs={"user_id": user.pk})


def _reset_url(user: User) -> str:
    return reverse("accounts:second_factor_reset", kwargs={"user_id": user.pk})


def _shown_link(body: str) -> str:
    return re.search(r'data-testid="enrolment-url">([^<]+)<', body).group(1)


def _new_user(cast, username: str = "nora") -> User:
    return user_create(
        actor=cast.admin, username=username, full_name="Nora Ny", email=f"{username}@x.no"
    )


# Issuing a link


def test_the_administrator_gets_a_link_shown_once(cast, client):
    user = _new_user(cast)
    login(client, cast.admin)
    page = client.get(_issue_url(user))
    submission = re.search(r'name="submission_id" value="([^"]+)"', page.content.decode())
    response = client.post(_issue_url(user), {"submission_id": submission.group(1)})
    assert response.status_code == 200
    url = _shown_link(response.content.decode())
    assert url.startswith("http://testserver/ansatt/konto/lenke/")
    client.logout()
    assert client.get(url).status_code == 200


def test_a_double_submitted_issue_makes_one_link_and_shows_the_same(cast, client):
    user = _new_user(cast)
    login(client, cast.admin)
    data = {"submission_id": str(uuid.uuid4())}
    first = _shown_link(client.post(_issue_url(user), data).content.decode())
    second = _shown_link(client.post(_issue_url(user), data).content.decode())
    assert first == second
    assert EnrolmentLink.objects.filter(user=user).count() == 1


def test_an_issue_without_a_submission_id_is_refused(cast, client):
    user = _new_user(cast)
    login(client, cast.admin)
    response = client.post(_issue_url(user), {})
    assert response.status_code == 200
    assert "enrolment-url" not in response.content.decode()
    assert not EnrolmentLink.objects.exists()


def test_issuing_a_link_is_audited_and_the_user_told_without_the_link(
    cast, django_capture_on_commit_callbacks
):
    user = _new_user(cast)
    with django_capture_on_commit_callbacks(execute=True):
        link = link_for(user, cast.admin)
    event = Event.objects.get(purpose=Purpose.ENROLMENT_LINK_ISSUE)
    assert (event.actor_id, event.object_id) == (cast.admin.pk, str(user.pk))
    assert event.detail == "enrolment link issued: enrol"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nora@x.no"]
    assert link.nonce not in mail.outbox[0].body
    assert "/lenke/" not in mail.outbox[0].body
    assert "Ada Admin" in mail.outbox[0].body


def test_the_administrator_cannot_issue_a_link_for_themselves(cast):
    with pytest.raises(AccountError):
        link_for(cast.admin, cast.admin)


def test_no_link_for_a_deactivated_user(cast):
    user = _new_user(cast)
    user.is_active = False
    user.save()
    with pytest.raises(AccountError):
        link_for(user, cast.admin)


def test_a_lead_issues_a_link_for_a_user_who_has_not_enrolled(cast):
    user = _new_user(cast)
    assert link_for(user, cast.shelter_lead).issued_by == cast.shelter_lead


def test_a_lead_cannot_issue_a_link_for_an_enrolled_colleague(cast, client):
    """Replacing a colleague's password would let the lead log in as them."""
    login(client, cast.shelter_lead)
    response = client.post(_issue_url(cast.colleague), {"submission_id": str(uuid.uuid4())})
    assert response.status_code == 200
    assert "Bare systemadministratoren kan lage en ny lenke" in response.content.decode()
    assert not EnrolmentLink.objects.exists()


def test_a_lead_cannot_reach_a_user_outside_their_units(cast, client):
    login(client, cast.shelter_lead)
    assert client.get(_issue_url(cast.nav_worker)).status_code == 404


def test_a_worker_cannot_issue_links(cast):
    with pytest.raises(AccountError):
        link_for(_new_user(cast), cast.shelter_worker)


# A password alone never sets up the second factor


def test_a_user_without_an_app_cannot_enrol_by_logging_in(cast, client):
    response = password_step(client, "shelter_worker")
    assert response.status_code == 200
    assert "Du har ikke satt opp tofaktor" in response.content.decode()
    assert "helhet.pending_user" not in client.session
    assert not TOTPDevice.objects.filter(user=cast.shelter_worker).exists()
    assert Event.objects.filter(kind=EventKind.LOGIN_FAILED, detail="no second factor").exists()


# Resetting a lost second factor


def test_the_reset_removes_the_app_and_codes_and_ends_every_session(cast):
    user = cast.colleague
    device = app_for(user)
    recovery_codes_create(user=user)
    client = Client()
    log_in(client, user, device)
    assert client.get(HOME_URL).status_code == 200
    link = reset_for(user, cast.admin)
    assert link.kind == EnrolmentKind.SECOND_FACTOR
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert client.get(HOME_URL).status_code == 302


def test_the_reset_is_audited_and_the_user_told(cast, django_capture_on_commit_callbacks):
    cast.colleague.email = "colleague@x.no"
    cast.colleague.save()
    app_for(cast.colleague)
    with django_capture_on_commit_callbacks(execute=True):
        reset_for(cast.colleague, cast.admin)
    event = Event.objects.get(purpose=Purpose.SECOND_FACTOR_RESET)
    assert (event.actor_id, event.object_id) == (cast.admin.pk, str(cast.colleague.pk))
    assert [m.to for m in mail.outbox] == [["colleague@x.no"]]
    assert "nullstilte tofaktoren din" in mail.outbox[0].body


def test_the_reset_page_gives_the_administrator_a_link(cast, client):
    app_for(cast.colleague)
    login(client, cast.admin)
    response = client.post(_reset_url(cast.colleague), {"submission_id": str(uuid.uuid4())})
    assert response.status_code == 200
    assert "/ansatt/konto/lenke/" in _shown_link(response.content.decode())
    assert not TOTPDevice.objects.filter(user=cast.colleague).exists()


def test_the_reset_link_asks_for_the_users_own_password_not_a_new_one(cast, client):
    app_for(cast.colleague)
    body = client.get(link_url(reset_for(cast.colleague, cast.admin))).content.decode()
    assert 'name="current_password"' in body
    assert 'name="new_password"' not in body


def test_with_the_reset_link_the_user_enrols_a_new_app(cast, client):
    app_for(cast.colleague)
    url = link_url(reset_for(cast.colleague, cast.admin))
    secret = secret_on(client.get(url).content.decode())
    response = client.post(url, {"current_password": PASSWORD, "token": code_from(secret)})
    assert response["Location"] == RECOVERY_URL
    device = TOTPDevice.objects.get(user=cast.colleague, confirmed=True)
    client.logout()
    assert password_step(client, "colleague")["Location"] == VERIFY_URL
    assert code_for(device) == code_from(secret)


def test_the_administrator_holding_the_link_gets_no_usable_factor(cast, client):
    """Without the user's password the link is useless, and guessing revokes it."""
    app_for(cast.colleague)
    link = reset_for(cast.colleague, cast.admin)
    url = link_url(link)
    for _attempt in range(MAX_LINK_FAILURES):
        secret = secret_on(client.get(url).content.decode())
        data = {"current_password": "a guess 2026", "token": code_from(secret)}
        response = client.post(url, data)
        assert "Passordet stemmer ikke." in response.content.decode()
    assert client.get(url).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert not TOTPDevice.objects.filter(user=cast.colleague, confirmed=True).exists()
    assert (
        Event.objects.filter(kind=EventKind.LOGIN_FAILED, detail="enrolment link password").count()
        == MAX_LINK_FAILURES
    )


def test_the_administrator_cannot_reset_their_own_second_factor(cast):
    with pytest.raises(AccountError):
        reset_for(cast.admin, cast.admin)


def test_a_lead_cannot_reset_a_second_factor(cast, client):
    with pytest.raises(AccountError):
        reset_for(cast.colleague, cast.shelter_lead)
    login(client, cast.shelter_lead)
    assert client.get(_reset_url(cast.colleague)).status_code == 403


def test_a_user_who_never_set_a_password_gets_an_enrolment_link_not_a_reset(cast):
    with pytest.raises(AccountError):
        reset_for(_new_user(cast), cast.admin)


def test_after_a_reset_the_old_app_no_longer_logs_in(cast, client):
    device = app_for(cast.colleague)
    code = code_for(device)
    reset_for(cast.colleague, cast.admin)
    response = password_step(client, "colleague")
    assert response.status_code == 200
    assert client.post(VERIFY_URL, {"token": code})["Location"] == LOGIN_URL


def test_a_second_reset_submission_gives_the_first_link(cast):
    app_for(cast.colleague)
    submission = uuid.uuid4()
    from helhet.accounts.services import second_factor_reset

    first = second_factor_reset(actor=cast.admin, user=cast.colleague, submission_id=submission)
    second = second_factor_reset(actor=cast.admin, user=cast.colleague, submission_id=submission)
    assert first == second
    assert EnrolmentLink.objects.count() == 1


def test_enrolment_link_issue_needs_a_submission_id(cast):
    from helhet.core.idempotency import SubmissionError

    with pytest.raises(SubmissionError):
        enrolment_link_issue(actor=cast.admin, user=_new_user(cast), submission_id=None)
