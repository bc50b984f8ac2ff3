"""Break-glass has limits: a reason that says something, a rate per user, and an
immediate notice to the privacy officers."""

from __future__ import annotations

import datetime
import uuid

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from helhet.audit.choices import EventKind, Purpose
from helhet.audit.models import BreakGlassGrant, Event
from helhet.audit.panels import break_glass_waiting
from helhet.audit.selectors import break_glass_queue
from helhet.audit.services import AuditError, break_glass_grant, break_glass_reason_clean

User = get_user_model()
REASON = "Politiet meldte akutt fare for personen i natt."
START = datetime.datetime(2026, 4, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def officer(cast):
    cast.privacy_officer.email = "personvern@fjordvik.kommune.no"
    cast.privacy_officer.save(update_fields=["email"])
    # A user with an address but no audit.review: never told.
    cast.colleague.email = "kollega@fjordvik.kommune.no"
    cast.colleague.save(update_fields=["email"])
    return cast.privacy_officer


def _grant(user, person_id=4, reason=REASON, submission_id=None):
    return break_glass_grant(
        actor=user,
        object_type="people.person",
        object_id=person_id,
        person_id=person_id,
        reason=reason,
        submission_id=submission_id or uuid.uuid4(),
    )


@pytest.mark.parametrize(
    "reason",
    [
        "xxxxxxxxxx",
        "x x x x x x x x x x",
        "hjelp hjelp hjelp hjelp",
        "asdfasdfasdf",
        "1234567890 1234",
        "akutt!!!!!!!!!!!",
        "ab ab ab ab ab",
    ],
)
def test_a_reason_without_real_content_is_refused(reason, cast):
    with pytest.raises(AuditError) as caught:
        _grant(cast.nav_worker, reason=reason)
    assert caught.value.field == "reason"
    assert "egne ord" in caught.value.message
    assert not BreakGlassGrant.objects.exists()


@pytest.mark.parametrize(
    "reason",
    [
        "Akutt fare, politiet ringte.",
        "Legevakten trenger opplysninger nå",
        "Barnevernet ba om hjelp",
    ],
)
def test_a_reason_in_a_few_words_of_its_own_is_accepted(reason):
    assert break_glass_reason_clean(f"  {reason}\n") == reason


def test_over_the_hourly_rate_is_refused_logged_and_notified(
    cast, officer, settings, django_capture_on_commit_callbacks
):
    settings.HELHET_BREAK_GLASS_PER_HOUR = 3
    with time_machine.travel(START, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            for person_id in (1, 2, 3):
                _grant(cast.nav_worker, person_id)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(AuditError) as caught:
                _grant(cast.nav_worker, 4)
    assert "3 ganger den siste timen" in caught.value.message
    assert "Personvernombudet er varslet" in caught.value.message
    assert BreakGlassGrant.objects.filter(user=cast.nav_worker).count() == 3
    refusal = Event.objects.get(kind=EventKind.ACCESS_DENIED, purpose=Purpose.BREAK_GLASS)
    assert (refusal.actor_id, refusal.person_id, refusal.object_id) == (cast.nav_worker.pk, 4, "4")
    assert refusal.detail == "break_glass:rate_limit recent:3"
    [notice] = mail.outbox
    assert notice.to == [officer.email]
    assert "avvist" in notice.subject
    assert "Nav Worker" in notice.body and "person-id 4" in notice.body
    assert f"?actor={cast.nav_worker.pk}" in notice.body


def test_the_rate_counts_one_user_and_one_hour(cast, settings):
    settings.HELHET_BREAK_GLASS_PER_HOUR = 1
    with time_machine.travel(START, tick=False):
        _grant(cast.nav_worker, 1)
        _grant(cast.shelter_worker, 2)  # another user has their own count
    with time_machine.travel(START + datetime.timedelta(minutes=61), tick=False):
        _grant(cast.nav_worker, 3)
    assert BreakGlassGrant.objects.count() == 3


def test_a_double_click_at_the_limit_returns_the_grant_it_opened(cast, settings):
    settings.HELHET_BREAK_GLASS_PER_HOUR = 1
    key = uuid.uuid4()
    first = _grant(cast.nav_worker, 1, submission_id=key)
    assert _grant(cast.nav_worker, 1, submission_id=key) == first
    assert not Event.objects.filter(kind=EventKind.ACCESS_DENIED).exists()


def test_a_grant_without_a_submission_id_is_refused(cast):
    from helhet.core.idempotency import SubmissionError

    with pytest.raises(SubmissionError):
        break_glass_grant(
            actor=cast.nav_worker,
            object_type="people.person",
            object_id=1,
            person_id=1,
            reason=REASON,
            submission_id=None,  # type: ignore[arg-type]
        )
    assert not BreakGlassGrant.objects.exists()


def test_every_grant_mails_the_privacy_officers_at_once(
    cast, officer, django_capture_on_commit_callbacks
):
    with time_machine.travel(START, tick=False):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            grant = _grant(cast.nav_worker, 9)
    assert len(callbacks) == 1
    [notice] = mail.outbox
    assert notice.to == [officer.email]
    assert notice.subject == "Helhet: nødtilgang tatt i bruk"
    assert "Nav Worker tok i bruk nødtilgang 01.04.2026 14:00 (person-id 9)" in notice.body
    assert f"/ansatt/logg/nodtilgang/{grant.pk}/" in notice.body
    # The mail leaves the system: it never carries the reason.
    assert REASON not in notice.body


def test_no_mail_for_a_grant_that_was_rolled_back(
    cast, officer, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            _grant(cast.nav_worker, 9)
            raise RuntimeError("the request failed after the grant")
    assert callbacks == []
    assert mail.outbox == []


def test_a_mail_server_that_fails_does_not_undo_the_grant(
    cast, officer, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("helhet.audit.notices.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        grant = _grant(cast.nav_worker, 9)
    assert BreakGlassGrant.objects.filter(pk=grant.pk).exists()
    assert "could not be sent" in caplog.text


def test_without_a_privacy_officer_address_no_mail_is_sent_and_it_is_logged(
    cast, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        _grant(cast.nav_worker, 9)
    assert mail.outbox == []
    assert "no privacy officer has an e-mail address" in caplog.text


def test_a_grant_waits_in_the_privacy_officers_queue_and_panel(cast, rf):
    grant = _grant(cast.nav_worker, 9)
    assert list(break_glass_queue(reviewed=False)) == [grant]
    request = rf.get("/")
    request.user = cast.privacy_officer
    assert break_glass_waiting(request)["count"] == 1


def test_a_refusal_over_the_rate_shows_on_the_privacy_officers_start_page(
    cast, settings, login_as, client, rf
):
    settings.HELHET_BREAK_GLASS_PER_HOUR = 1
    grant = _grant(cast.nav_worker, 1)
    with pytest.raises(AuditError):
        _grant(cast.nav_worker, 2)
    login_as(cast.privacy_officer)
    body = client.get(reverse("core:home")).content.decode()
    assert "1 forespørsel om nødtilgang ble avvist det siste døgnet" in body
    assert "?kind=access_denied&amp;purpose=audit.break_glass" in body
    assert "1 bruk av nødtilgang venter på gjennomgang." in body
    _review(grant)
    request = rf.get("/")
    request.user = cast.privacy_officer
    assert break_glass_waiting(request)["refused"] == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        assert break_glass_waiting(request) is None


def _review(grant):
    from helhet.audit.services import break_glass_review

    return break_glass_review(
        actor=User.objects.get(username="privacy_officer"),
        grant=grant,
        comment="Greit.",
        submission_id=uuid.uuid4(),
    )
