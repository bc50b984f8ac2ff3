"""The chokepoints: one audit row per read and per refusal, and 404 for what is not yours."""

import pytest
from django.http import Http404

from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.people import access
from helhet.people.choices import Purpose
from helhet.people.selectors import visible_persons
from helhet.people.services import person_erase, person_link_unit, person_unlink_unit
from helhet.people.tests.helpers import register


def _events(kind, **filters):
    return list(Event.objects.filter(kind=kind, **filters).order_by("id"))


def test_get_person_for_writes_one_read_event_per_read(cast):
    person = register(cast.shelter_worker, cast.shelter)
    for _ in range(2):
        assert access.get_person_for(cast.shelter_worker, person.pk, purpose=Purpose.VIEW) == person
    reads = _events(EventKind.READ, person_id=person.pk)
    assert len(reads) == 2
    for event in reads:
        assert event.actor_id == cast.shelter_worker.pk
        assert event.object_type == "people.person"
        assert event.object_id == str(person.pk)
        assert event.unit_id == cast.shelter.pk
        assert event.purpose == Purpose.VIEW


def test_get_person_for_writes_one_denial_per_refusal_for_another_unit(cast):
    person = register(cast.shelter_worker, cast.shelter)
    for _ in range(2):
        with pytest.raises(Http404):
            access.get_person_for(cast.nav_worker, person.pk, purpose=Purpose.VIEW)
    denials = _events(EventKind.ACCESS_DENIED, actor=cast.nav_worker)
    assert len(denials) == 2
    assert {event.person_id for event in denials} == {person.pk}
    assert not _events(EventKind.READ, person_id=person.pk)


@pytest.mark.parametrize("person_id", [999999, "abc", -1, 2**70])
def test_a_missing_person_gives_the_same_404_and_a_denial(cast, person_id):
    with pytest.raises(Http404):
        access.get_person_for(cast.shelter_worker, person_id, purpose=Purpose.VIEW)
    [denial] = _events(EventKind.ACCESS_DENIED)
    assert denial.person_id is None
    assert denial.object_id == str(person_id)[:64]


def test_the_page_writes_a_read_and_another_unit_gets_404_with_a_denial(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter)
    login_as(cast.shelter_worker)
    assert client.get(f"/ansatt/personer/{person.pk}/").status_code == 200
    assert len(_events(EventKind.READ, person_id=person.pk)) == 1
    login_as(cast.nav_worker)
    assert client.get(f"/ansatt/personer/{person.pk}/").status_code == 404
    assert len(_events(EventKind.ACCESS_DENIED, person_id=person.pk)) == 1


def test_the_administrator_sees_no_person(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter)
    login_as(cast.admin)
    assert client.get(f"/ansatt/personer/{person.pk}/").status_code == 403
    assert not visible_persons(user=cast.admin).exists()


def test_a_link_to_another_unit_shares_the_person_and_its_end_stops_it(cast):
    person = register(cast.shelter_worker, cast.shelter)
    person_link_unit(
        actor=cast.shelter_worker,
        person=person,
        unit=cast.nav,
        source="test.share:1",
        legal_basis="Samtykke",
    )
    assert access.get_person_for(cast.nav_worker, person.pk, purpose=Purpose.VIEW) == person
    person_unlink_unit(
        actor=cast.shelter_worker, person=person, unit=cast.nav, source="test.share:1"
    )
    with pytest.raises(Http404):
        access.get_person_for(cast.nav_worker, person.pk, purpose=Purpose.VIEW)


def test_an_erased_person_is_not_found(cast):
    person = register(cast.shelter_worker, cast.shelter)
    person_erase(actor=cast.shelter_lead, person=person)
    with pytest.raises(Http404):
        access.get_person_for(cast.shelter_worker, person.pk, purpose=Purpose.VIEW)
    assert not visible_persons(user=cast.shelter_worker).exists()


def test_only_a_lead_of_a_linked_unit_may_erase(cast):
    person = register(cast.shelter_worker, cast.shelter)
    with pytest.raises(Http404):
        access.get_person_for_erase(cast.shelter_worker, person.pk)
    with pytest.raises(Http404):
        access.get_person_for_erase(cast.nav_worker, person.pk)
    assert access.get_person_for_erase(cast.shelter_lead, person.pk) == person
    assert _events(EventKind.READ, person_id=person.pk, purpose=Purpose.ERASE)


def test_the_access_log_chokepoint_is_for_the_privacy_officer_only(cast):
    person = register(cast.shelter_worker, cast.shelter)
    with pytest.raises(Http404):
        access.get_person_for_access_log(cast.shelter_worker, person.pk, purpose=Purpose.ACCESS_LOG)
    found = access.get_person_for_access_log(
        cast.privacy_officer, person.pk, purpose=Purpose.ACCESS_LOG
    )
    assert found == person
    [read] = _events(EventKind.READ, actor=cast.privacy_officer)
    assert read.purpose == Purpose.ACCESS_LOG
