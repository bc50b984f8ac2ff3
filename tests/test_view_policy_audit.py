"""A page refused by the view policy (403) is written to the audit log."""

from __future__ import annotations

from django.urls import reverse

from conftest import login
from helhet.audit.choices import EventKind, Purpose
from helhet.audit.models import Event
from helhet.core.middleware import VIEW_OBJECT_TYPE


def _refusals():
    return Event.objects.filter(kind=EventKind.ACCESS_DENIED, object_type=VIEW_OBJECT_TYPE)


def test_a_403_writes_an_access_denied_event_naming_the_page(cast, client):
    login(client, cast.shelter_worker)
    response = client.get(reverse("audit:event_list"))
    assert response.status_code == 403
    event = _refusals().get()
    assert (event.actor_id, event.object_id, event.person_id) == (
        cast.shelter_worker.pk,
        "audit:event_list",
        None,
    )
    assert event.purpose == Purpose.PAGE_OPEN
    assert event.detail == "method:GET"


def test_a_refused_post_is_written_with_its_method(cast, client):
    login(client, cast.nav_worker)
    response = client.post(reverse("audit:break_glass_review", kwargs={"grant_id": 1}))
    assert response.status_code == 403
    assert _refusals().get().detail == "method:POST"


def test_the_privacy_officer_finds_the_refusal_in_the_log(cast, client):
    login(client, cast.outsider)
    client.get(reverse("audit:break_glass_queue"))
    login(client, cast.privacy_officer)
    response = client.get(
        reverse("audit:event_list"), {"actor": cast.outsider.pk, "kind": EventKind.ACCESS_DENIED}
    )
    [event] = response.context["page_obj"].object_list
    assert event.object_id == "audit:break_glass_queue"
    assert "Åpne side" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in_and_nothing_is_written(db, client):
    response = client.get(reverse("audit:event_list"))
    assert response.status_code == 302
    assert not _refusals().exists()


def test_a_page_the_user_may_open_writes_no_refusal(cast, client):
    login(client, cast.privacy_officer)
    assert client.get(reverse("audit:break_glass_queue")).status_code == 200
    assert not _refusals().exists()
