"""The privacy officer searches the log: filters combine, pages are paginated."""

import datetime

import time_machine
from django.urls import reverse

from helhet.audit.choices import EventKind
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
    first = client.get(URL, {"person_id": 7})
    assert len(first.context["page_obj"].object_list) == EVENT_PAGE_SIZE
    assert "?person_id=7&amp;page=2" in first.content.decode()
    second = client.get(URL, {"person_id": 7, "page": 2})
    assert len(second.context["page_obj"].object_list) == 2


def test_the_log_page_runs_a_fixed_number_of_queries(
    cast, login_as, client, django_assert_max_num_queries
):
    for i in range(EVENT_PAGE_SIZE + 10):
        event_record(kind=EventKind.READ, actor=cast.shelter_worker, person_id=i, unit=cast.shelter)
    login_as(cast.privacy_officer)
    client.get(URL)
    with django_assert_max_num_queries(14):
        response = client.get(URL, {"kind": EventKind.READ, "unit": cast.shelter.pk})
    assert len(response.context["page_obj"].object_list) == EVENT_PAGE_SIZE


def test_event_search_without_filters_returns_everything_newest_first(cast):
    ev = _log(cast)
    found = list(event_search(filters=EventFilter()))
    times = [event.occurred_at for event in found]
    assert times == sorted(times, reverse=True)
    assert {event.pk for event in ev.values()} <= {event.pk for event in found}
