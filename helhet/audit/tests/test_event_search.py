"""The privacy officer searches the log: filters combine, pages are paginated."""

import datetime

import time_machine
from django.urls import reverse

from helhet.audit.choices import EventKind, Purpose
from helhet.audit.models import Event
from helhet.audit.selectors import EventFilter, event_search
from helhet.audit.services import event_record
from helhet.audit.views import EVENT_PAGE_SIZE

URL = reverse("audit:event_list")
DAY1 = datetime.datetime(2026, 2, 2, 9, 0, tzinfo=datetime.UTC)
DAY2 = datetime.datetime(2026, 2, 3, 9, 0, tzinfo=datetime.UTC)


def _log(cast):
    """Six events: two users, two units, two kinds, two persons, two days."""
    events = {}
    with time_machine.travel(DAY1, tick=False):
        events["w_read_1"] = event_record(
            kind=EventKind.READ,
            actor=cast.shelter_worker,
            object_type="people.person",
            object_id=1,
            person_id=1,
            unit=cast.shelter,
        )
        events["w_update_1"] = event_record(
            kind=EventKind.UPDATE,
            actor=cast.shelter_worker,
            object_type="people.person",
            object_id=1,
            person_id=1,
            unit=cast.shelter,
        )
        events["n_read_2"] = event_record(
            kind=EventKind.READ,
            actor=cast.nav_worker,
            object_type="people.person",
            object_id=2,
            person_id=2,
            unit=cast.nav,
        )
    with time_machine.travel(DAY2, tick=False):
        events["w_read_2"] = event_record(
            kind=EventKind.READ,
            actor=cast.shelter_worker,
            object_type="people.person",
            object_id=2,
            person_id=2,
            unit=cast.shelter,
        )
        events["n_read_1"] = event_record(
            kind=EventKind.READ,
            actor=cast.nav_worker,
            object_type="people.person",
            object_id=1,
            person_id=1,
            unit=cast.nav,
        )
        events["login"] = event_record(kind=EventKind.LOGIN, actor=cast.nav_worker)
    return events


def _found(client, **params):
    """Which of the test's own events the search returns (the cast's setup wrote some too)."""
    response = client.get(URL, params)
    assert response.status_code == 200
    mine = set(client.mine)
    return {event.pk for event in response.context["page_obj"].object_list} & mine


def test_each_filter_narrows_the_log(cast, login_as, client):
    ev = _log(cast)
    client.mine = [event.pk for event in ev.values()]
    login_as(cast.privacy_officer)
    assert _found(client, person_id=1) == {
        ev["w_read_1"].pk,
        ev["w_update_1"].pk,
        ev["n_read_1"].pk,
    }
    assert _found(client, actor=cast.nav_worker.pk) == {
        ev["n_read_2"].pk,
        ev["n_read_1"].pk,
        ev["login"].pk,
    }
    assert _found(client, unit=cast.shelter.pk) == {
        ev["w_read_1"].pk,
        ev["w_update_1"].pk,
        ev["w_read_2"].pk,
    }
    assert _found(client, kind=EventKind.UPDATE) == {ev["w_update_1"].pk}
    assert _found(client, date_from="2026-02-03") == {
        ev["w_read_2"].pk,
        ev["n_read_1"].pk,
        ev["login"].pk,
    }
    assert _found(client, date_to="2026-02-02") == {
        ev["w_read_1"].pk,
        ev["w_update_1"].pk,
        ev["n_read_2"].pk,
    }


def test_the_filters_combine(cast, login_as, client):
    ev = _log(cast)
    client.mine = [event.pk for event in ev.values()]
    login_as(cast.privacy_officer)
    assert _found(client, person_id=1, actor=cast.nav_worker.pk) == {ev["n_read_1"].pk}
    assert _found(client, person_id=1, kind=EventKind.READ, date_to="2026-02-02") == {
        ev["w_read_1"].pk
    }
    assert _found(
        client,
        person_id=2,
        unit=cast.shelter.pk,
        kind=EventKind.READ,
        date_from="2026-02-03",
        date_to="2026-02-03",
    ) == {ev["w_read_2"].pk}
    assert _found(client, person_id=2, kind=EventKind.UPDATE) == set()


def test_the_unit_choices_come_from_the_log_itself(cast, login_as, client):
    _log(cast)
    login_as(cast.privacy_officer)
    choices = dict(client.get(URL).context["form"].fields["unit"].choices)
    assert choices[str(cast.shelter.pk)] == "Fjordvik krisesenter"
    assert choices[str(cast.nav.pk)] == "NAV Fjordvik"


def test_a_reversed_date_range_is_refused_next_to_the_field(cast, login_as, client):
    _log(cast)
    login_as(cast.privacy_officer)
    response = client.get(URL, {"date_from": "2026-02-03", "date_to": "2026-02-02"})
    assert response.context["form"].errors["date_to"]
    assert list(response.context["page_obj"].object_list) == []


def test_bad_filter_values_give_a_message_not_an_error_page(cast, login_as, client):
    login_as(cast.privacy_officer)
    response = client.get(URL, {"person_id": "abc", "date_from": "in March", "unit": "x"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"person_id", "date_from", "unit"}


def test_the_log_paginates_and_keeps_the_filters(cast, login_as, client):
    for i in range(EVENT_PAGE_SIZE + 2):
        event_record(kind=EventKind.READ, actor=cast.shelter_worker, person_id=7, object_id=i)
    login_as(cast.privacy_officer)
    worker = cast.shelter_worker.pk
    first = client.get(URL, {"actor": worker, "person_id": 7})
    assert len(first.context["page_obj"].object_list) == EVENT_PAGE_SIZE
    assert f"?actor={worker}&amp;person_id=7&amp;page=2" in first.content.decode()
    second = client.get(URL, {"actor": worker, "person_id": 7, "page": 2})
    assert len(second.context["page_obj"].object_list) == 2


def test_the_log_page_runs_a_fixed_number_of_queries(
    cast, login_as, client, django_assert_max_num_queries
):
    for i in range(EVENT_PAGE_SIZE + 10):
        event_record(kind=EventKind.READ, actor=cast.shelter_worker, person_id=i, unit=cast.shelter)
    login_as(cast.privacy_officer)
    client.get(URL)
    # 14 to search and draw the page, and 4 to write the search to the log.
    with django_assert_max_num_queries(18):
        response = client.get(URL, {"kind": EventKind.READ, "unit": cast.shelter.pk})
    assert len(response.context["page_obj"].object_list) == EVENT_PAGE_SIZE


def test_event_search_without_filters_returns_everything_newest_first(cast):
    ev = _log(cast)
    found = list(event_search(filters=EventFilter()))
    times = [event.occurred_at for event in found]
    assert times == sorted(times, reverse=True)
    assert {event.pk for event in ev.values()} <= {event.pk for event in found}


def test_each_search_is_itself_an_event_naming_the_filters(cast, login_as, client):
    login_as(cast.privacy_officer)
    client.get(URL, {"person_id": 7, "kind": EventKind.UPDATE, "date_from": "2026-02-03"})
    client.get(URL, {"person_id": 7, "page": 2})
    searches = Event.objects.filter(purpose=Purpose.EVENT_SEARCH).order_by("id")
    officer = cast.privacy_officer.pk
    assert {e.kind for e in searches} == {EventKind.READ}
    assert [(e.actor_id, e.person_id, e.detail) for e in searches] == [
        (officer, 7, "person_id=7 kind=update from=2026-02-03 page=1"),
        (officer, 7, "person_id=7 page=2"),
    ]


def test_an_unfiltered_look_at_the_log_is_an_event_too(cast, login_as, client):
    login_as(cast.privacy_officer)
    response = client.get(URL)
    search = Event.objects.get(purpose=Purpose.EVENT_SEARCH)
    assert (search.person_id, search.detail) == (None, "all page=1")
    assert search in response.context["page_obj"].object_list


def test_a_search_with_bad_filters_shows_nothing_and_records_nothing(cast, login_as, client):
    login_as(cast.privacy_officer)
    client.get(URL, {"person_id": "abc"})
    assert not Event.objects.filter(purpose=Purpose.EVENT_SEARCH).exists()


def test_the_purpose_filter_lists_labels_and_finds_by_code(cast, login_as, client):
    event = event_record(
        kind=EventKind.BREAK_GLASS, actor=cast.nav_worker, person_id=3, purpose=Purpose.BREAK_GLASS
    )
    event_record(kind=EventKind.READ, actor=cast.nav_worker, person_id=3)
    login_as(cast.privacy_officer)
    response = client.get(URL, {"purpose": Purpose.BREAK_GLASS, "actor": cast.nav_worker.pk})
    choices = dict(response.context["form"].fields["purpose"].choices)
    assert choices[Purpose.BREAK_GLASS] == "Nødtilgang"
    assert list(response.context["page_obj"].object_list) == [event]


def test_the_log_shows_the_label_of_a_purpose_never_its_code(cast, login_as, client):
    event_record(
        kind=EventKind.BREAK_GLASS, actor=cast.nav_worker, person_id=3, purpose=Purpose.BREAK_GLASS
    )
    login_as(cast.privacy_officer)
    body = client.get(URL, {"actor": cast.nav_worker.pk}).content.decode()
    table = body[body.index("<tbody>") : body.index("</tbody>")]
    assert "<td>Nødtilgang</td>" in table
    assert Purpose.BREAK_GLASS.value not in table


def test_an_old_event_with_a_bokmal_purpose_still_reads(cast, login_as, client):
    event_record(kind=EventKind.READ, actor=cast.nav_worker, person_id=3, purpose="Nødtilgang")
    login_as(cast.privacy_officer)
    body = client.get(URL, {"actor": cast.nav_worker.pk}).content.decode()
    assert "<td>Nødtilgang</td>" in body
