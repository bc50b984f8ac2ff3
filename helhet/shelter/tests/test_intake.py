"""Intake of an adult with or without children, through the intake page."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from helhet.audit.models import Event
from helhet.people.models import Person, PersonUnitLink
from helhet.people.selectors import person_data, visible_persons
from helhet.shelter.choices import AnswerList
from helhet.shelter.models import Stay, StayChild
from helhet.shelter.services import StayInput, stay_create, stay_end, stay_source
from helhet.shelter.tests.factories import intake_data, make_stay, option

URL = reverse("shelter:stay_create")


def test_it_takes_in_an_adult_with_two_children(cast, login_as):
    client = login_as(cast.shelter_worker)
    year = timezone.localdate().year
    response = client.post(URL, intake_data(children=[("Ola", year - 7), ("Per", year - 3)]))
    stay = Stay.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("shelter:stay_allocate", kwargs={"pk": stay.pk})
    assert person_data(stay.resident).name == "Kari Nordmann"
    assert sorted(person_data(c.child).name for c in stay.children.all()) == ["Ola", "Per"]
    assert stay.first_stay_of_year is True
    assert stay.violence_types.get().code == "physical"
    assert stay.resident.may_text is True


def test_the_family_becomes_visible_to_the_centre_and_to_no_one_else(cast, login_as):
    login_as(cast.shelter_worker).post(URL, intake_data(children=[("Ola", 2019)]))
    stay = Stay.objects.get()
    links = PersonUnitLink.objects.filter(source=stay_source(stay))
    assert {link.unit for link in links} == {cast.shelter}
    assert visible_persons(user=cast.colleague).count() == 2
    assert visible_persons(user=cast.nav_worker).count() == 0
    assert visible_persons(user=cast.admin).count() == 0


def test_it_takes_in_an_adult_without_children(cast, login_as):
    response = login_as(cast.shelter_worker).post(URL, intake_data())
    assert response.status_code == 302
    assert StayChild.objects.count() == 0


def test_a_double_submit_creates_one_stay(cast, login_as):
    client = login_as(cast.shelter_worker)
    data = intake_data(children=[("Ola", 2019)])
    client.post(URL, data)
    second = client.post(URL, data)
    assert second.status_code == 302
    assert Stay.objects.count() == 1
    assert Person.objects.count() == 2


def test_it_refuses_a_child_without_a_caregiver_and_saves_nothing(cast, login_as):
    response = login_as(cast.shelter_worker).post(
        URL, intake_data(name="", children=[("Ola", 2019)])
    )
    assert response.status_code == 400
    assert "sammen med en omsorgsperson" in response.context["resident_form"].errors["name"][0]
    assert Person.objects.count() == 0
    assert Stay.objects.count() == 0


def test_it_refuses_an_adult_as_a_child_by_the_childs_field_and_keeps_the_input(cast, login_as):
    year = timezone.localdate().year
    response = login_as(cast.shelter_worker).post(
        URL, intake_data(children=[("Ola", year - 5), ("Stor Bror", year - 19)])
    )
    assert response.status_code == 400
    child_form = response.context["children"].forms[1]
    assert "18 år eller eldre" in child_form.errors["birth_year"][0]
    assert 'value="Stor Bror"' in response.content.decode()
    # All or nothing: neither the resident nor the first child was saved.
    assert Person.objects.count() == 0
    assert Stay.objects.count() == 0


def test_it_refuses_an_arrival_in_the_future(cast, login_as):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = login_as(cast.shelter_worker).post(URL, intake_data(arrived_on=tomorrow))
    assert response.status_code == 400
    assert "fram i tid" in response.context["stay_form"].errors["arrived_on"][0]
    assert Person.objects.count() == 0


def _end(cast, stay, departed_on=None):
    stay_end(
        actor=cast.shelter_worker,
        stay=stay,
        departed_on=departed_on or stay.arrived_on,
        destination=option(AnswerList.DESTINATION, "other").pk,
    )


def _again(cast, person, arrived_on):
    return stay_create(
        actor=cast.shelter_worker,
        unit=cast.shelter,
        resident=person,
        data=StayInput(arrived_on=arrived_on, referrer=option(AnswerList.REFERRER, "self")),
        submission_id=uuid.uuid4(),
    )


def test_a_second_stay_the_same_year_is_not_the_persons_first(cast):
    today = timezone.localdate()
    first = make_stay(cast, arrived_on=today)
    _end(cast, first)
    second = _again(cast, first.resident, today)
    assert first.first_stay_of_year is True
    assert second.first_stay_of_year is False


def test_a_stay_last_year_does_not_count_against_this_year(cast):
    today = timezone.localdate()
    last_year = today.replace(year=today.year - 1, month=12, day=20)
    first = make_stay(cast, arrived_on=last_year)
    _end(cast, first, last_year + timedelta(days=5))
    second = _again(cast, first.resident, today)
    assert second.first_stay_of_year is True


def test_a_known_person_is_taken_in_again_from_the_people_register(cast, login_as):
    stay = make_stay(cast)
    _end(cast, stay)
    client = login_as(cast.shelter_worker)
    url = f"{URL}?person={stay.resident_id}"
    assert "Kari Nordmann" in client.get(url).content.decode()
    response = client.post(url, intake_data(name=""))
    assert response.status_code == 302
    assert Stay.objects.filter(resident=stay.resident).count() == 2
    assert Person.objects.count() == 1


def test_a_person_with_an_open_stay_cannot_be_taken_in_twice(cast, login_as):
    stay = make_stay(cast)
    response = login_as(cast.shelter_worker).post(
        f"{URL}?person={stay.resident_id}", intake_data(name="")
    )
    assert response.status_code == 400
    assert "bor allerede på senteret" in response.content.decode()
    assert Stay.objects.count() == 1


def test_a_nav_worker_cannot_take_anyone_in(cast, login_as):
    response = login_as(cast.nav_worker).post(URL, intake_data())
    assert response.status_code == 404
    assert Stay.objects.count() == 0


def test_registering_writes_audit_events_without_names(cast, login_as):
    login_as(cast.shelter_worker).post(URL, intake_data(children=[("Ola", 2019)]))
    stay = Stay.objects.get()
    events = Event.objects.filter(object_type="shelter.stay", object_id=str(stay.pk))
    assert events.filter(kind="create").count() == 1
    assert not Event.objects.filter(detail__icontains="Kari").exists()
    assert not Event.objects.filter(purpose__icontains="Kari").exists()
