"""The privacy officer reviews each use of break-glass with a comment."""

import datetime
import uuid

import pytest
import time_machine
from django.urls import reverse

from helhet.audit.choices import EventKind
from helhet.audit.models import BreakGlassGrant, Event
from helhet.audit.services import AuditError, break_glass_grant, break_glass_review
from helhet.audit.views import QUEUE_PAGE_SIZE

QUEUE = reverse("audit:break_glass_queue")
REVIEWED = reverse("audit:break_glass_reviewed")
REASON = "Barnevernet meldte akutt bekymring utenfor kontortid."


def _review(actor, grant, comment):
    return break_glass_review(actor=actor, grant=grant, comment=comment, submission_id=uuid.uuid4())


def _grant(user, person_id=5):
    return break_glass_grant(
        actor=user,
        object_type="people.person",
        object_id=person_id,
        person_id=person_id,
        reason=REASON,
        submission_id=uuid.uuid4(),
    )


def _review_url(grant):
    return reverse("audit:break_glass_review", kwargs={"grant_id": grant.pk})


def test_a_reason_is_required_and_must_say_something(cast):
    for reason in ("", "   ", "kort", "xxxxxxxxxx", "hjelp hjelp hjelp hjelp", "akutt!!!!!!!!"):
        with pytest.raises(AuditError) as caught:
            break_glass_grant(
                actor=cast.nav_worker,
                object_type="people.person",
                object_id=1,
                person_id=1,
                reason=reason,
                submission_id=uuid.uuid4(),
            )
        assert caught.value.field == "reason"
    assert not BreakGlassGrant.objects.exists()


def test_a_grant_lasts_60_minutes_and_is_logged(cast):
    start = datetime.datetime(2026, 4, 1, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        grant = _grant(cast.nav_worker)
    assert grant.expires_at == start + datetime.timedelta(minutes=60)
    with time_machine.travel(start + datetime.timedelta(minutes=59), tick=False):
        assert grant.is_active
    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        assert not grant.is_active
    event = Event.objects.get(kind=EventKind.BREAK_GLASS)
    assert (event.actor_id, event.person_id, event.detail) == (
        cast.nav_worker.pk,
        5,
        f"grant:{grant.pk}",
    )


def test_the_queue_lists_unreviewed_uses_oldest_first(cast, login_as, client):
    first = _grant(cast.nav_worker, 1)
    second = _grant(cast.shelter_worker, 2)
    login_as(cast.privacy_officer)
    response = client.get(QUEUE)
    assert list(response.context["page_obj"].object_list) == [first, second]
    body = response.content.decode()
    assert REASON in body and "Nav Worker" in body and "Shelter Worker" in body


def test_a_review_needs_a_comment(cast, login_as, client):
    grant = _grant(cast.nav_worker)
    login_as(cast.privacy_officer)
    response = client.post(_review_url(grant), {"comment": "  ", "submission_id": uuid.uuid4()})
    assert response.status_code == 200
    assert response.context["form"].errors["comment"]
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_a_reviewed_use_leaves_the_queue_for_the_reviewed_list(cast, login_as, client):
    grant = _grant(cast.nav_worker)
    login_as(cast.privacy_officer)
    assert client.get(_review_url(grant)).status_code == 200
    response = client.post(
        _review_url(grant),
        {"comment": "Begrunnet: politiet bekreftet.", "submission_id": uuid.uuid4()},
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == cast.privacy_officer
    assert grant.review_comment == "Begrunnet: politiet bekreftet."
    assert list(client.get(QUEUE).context["page_obj"].object_list) == []
    reviewed = client.get(REVIEWED)
    assert list(reviewed.context["page_obj"].object_list) == [grant]
    assert "Begrunnet: politiet bekreftet." in reviewed.content.decode()
    event = Event.objects.get(kind=EventKind.REVIEW)
    assert (event.actor_id, event.object_id) == (cast.privacy_officer.pk, str(grant.pk))


def test_a_double_submitted_review_counts_once(cast, login_as, client):
    grant = _grant(cast.nav_worker)
    login_as(cast.privacy_officer)
    posted = {"comment": "Greit.", "submission_id": uuid.uuid4()}
    assert client.post(_review_url(grant), posted).status_code == 302
    assert client.post(_review_url(grant), posted).status_code == 302
    assert Event.objects.filter(kind=EventKind.REVIEW).count() == 1


def test_a_review_without_its_form_id_is_refused(cast, login_as, client):
    grant = _grant(cast.nav_worker)
    login_as(cast.privacy_officer)
    response = client.post(_review_url(grant), {"comment": "Greit."})
    assert response.status_code == 200
    assert response.context["form"].errors["submission_id"]
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_a_second_review_from_another_form_is_refused_next_to_the_form(cast, login_as, client):
    grant = _grant(cast.nav_worker)
    login_as(cast.privacy_officer)
    client.post(_review_url(grant), {"comment": "Greit.", "submission_id": uuid.uuid4()})
    response = client.post(_review_url(grant), {"comment": "Igjen.", "submission_id": uuid.uuid4()})
    assert response.status_code == 200
    assert "allerede gjennomgått" in response.content.decode()
    assert Event.objects.filter(kind=EventKind.REVIEW).count() == 1


def test_nobody_reviews_their_own_use(cast):
    grant = _grant(cast.privacy_officer)
    with pytest.raises(AuditError, match="egen"):
        break_glass_review(
            actor=cast.privacy_officer, grant=grant, comment="Greit.", submission_id=uuid.uuid4()
        )
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_a_use_is_reviewed_only_once(cast):
    grant = _grant(cast.nav_worker)
    break_glass_review(
        actor=cast.privacy_officer, grant=grant, comment="Greit.", submission_id=uuid.uuid4()
    )
    with pytest.raises(AuditError, match="allerede"):
        break_glass_review(
            actor=cast.admin, grant=grant, comment="Også greit.", submission_id=uuid.uuid4()
        )


def test_a_missing_grant_is_404(cast, login_as, client):
    login_as(cast.privacy_officer)
    assert (
        client.get(reverse("audit:break_glass_review", kwargs={"grant_id": 999})).status_code == 404
    )


def test_the_queue_runs_a_fixed_number_of_queries(
    cast, login_as, client, django_assert_max_num_queries, settings
):
    settings.HELHET_BREAK_GLASS_PER_HOUR = QUEUE_PAGE_SIZE
    for i in range(QUEUE_PAGE_SIZE + 5):
        _grant(cast.nav_worker if i % 2 else cast.shelter_worker, i)
    login_as(cast.privacy_officer)
    client.get(QUEUE)
    with django_assert_max_num_queries(12):
        response = client.get(QUEUE)
    assert len(response.context["page_obj"].object_list) == QUEUE_PAGE_SIZE
    for grant in BreakGlassGrant.objects.all()[:QUEUE_PAGE_SIZE]:
        break_glass_review(
            actor=cast.privacy_officer, grant=grant, comment="Greit.", submission_id=uuid.uuid4()
        )
    with django_assert_max_num_queries(12):
        response = client.get(REVIEWED)
    assert len(response.context["page_obj"].object_list) == QUEUE_PAGE_SIZE
