"""Registering a person through the page: the rules on national numbers, addresses and
double submissions, with the messages next to the field."""

import datetime
import uuid

import pytest
from django.urls import reverse

from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.people.choices import AddressProtection
from helhet.people.models import Person, PersonUnitLink
from helhet.people.selectors import person_data
from helhet.people.services import PersonError, PersonInput, person_create
from helhet.people.tests.helpers import national_id, register

BORN = datetime.date(1990, 5, 17)
URL = reverse("people:create")


def _form(cast, **overrides):
    data = {
        "unit": cast.shelter.pk,
        "name": "Kari Nordmann",
        "national_id": "",
        "birth_date": "",
        "gender": "woman",
        "languages": "norsk, engelsk",
        "phone": "",
        "email": "",
        "address_protection": AddressProtection.NONE,
        "address": "",
        "safe_times": "",
        "safe_contact_person": "",
        "notes": "",
        "submission_id": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def _field_errors(response, field):
    return response.context["form"].errors.get(field, [])


def test_it_registers_a_person_in_the_users_unit(cast, login_as, client):
    login_as(cast.shelter_worker)
    number = national_id(BORN)
    response = client.post(
        URL,
        _form(
            cast,
            national_id=number,
            phone="+47 987 65 432",
            may_call="on",
            needs_interpreter="on",
            safe_times="Hverdager kl. 9–14",
            safe_contact_person="Søster, 41234567",
        ),
    )
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", kwargs={"person_id": person.pk})
    data = person_data(person)
    assert (data.name, data.national_id, data.phone) == ("Kari Nordmann", number, "+47 987 65 432")
    assert data.birth_date == BORN.isoformat()  # taken from the number
    assert person.birth_year == 1990
    assert person.may_call and not person.may_text and person.needs_interpreter
    assert data.safe_times == "Hverdager kl. 9–14"
    assert PersonUnitLink.objects.filter(person=person, unit=cast.shelter).exists()
    created = Event.objects.get(kind=EventKind.CREATE, person_id=person.pk)
    assert (created.actor_id, created.unit_id) == (cast.shelter_worker.pk, cast.shelter.pk)


def test_it_offers_only_the_users_own_units(cast, login_as, client):
    login_as(cast.shelter_worker)
    response = client.post(URL, _form(cast, unit=cast.nav.pk))
    assert _field_errors(response, "unit")
    assert not Person.objects.exists()


def test_a_double_submit_registers_one_person(cast, login_as, client):
    login_as(cast.shelter_worker)
    form = _form(cast, national_id=national_id(BORN))
    first = client.post(URL, form)
    second = client.post(URL, form)
    assert Person.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_it_refuses_a_duplicate_national_number_next_to_the_field(cast, login_as, client):
    number = national_id(BORN)
    existing = register(cast.nav_worker, cast.nav, name="Første", national_id=number)
    login_as(cast.shelter_worker)
    response = client.post(URL, _form(cast, name="Andre", national_id=number))
    assert response.status_code == 200
    [message] = _field_errors(response, "national_id")
    assert "allerede registrert" in message
    assert Person.objects.count() == 1
    # What the user typed is kept.
    assert response.context["form"]["name"].value() == "Andre"
    assert 'id="id_national_id_error"' in response.content.decode()
    # The attempt is in the log of the person it hit.
    probe = Event.objects.get(kind=EventKind.ACCESS_DENIED, person_id=existing.pk)
    assert probe.detail == "duplicate_national_id"
    assert probe.actor_id == cast.shelter_worker.pk


def test_it_refuses_a_duplicate_d_number_the_same_way(cast, login_as, client):
    number = national_id(BORN, d_number=True)
    assert int(number[0]) >= 4
    register(cast.shelter_worker, cast.shelter, name="Første", national_id=number)
    login_as(cast.shelter_worker)
    spaced = f"{number[:6]} {number[6:]}"
    response = client.post(URL, _form(cast, name="Andre", national_id=spaced))
    [message] = _field_errors(response, "national_id")
    assert "allerede registrert" in message
    assert Person.objects.count() == 1


@pytest.mark.parametrize("number", ["12345678901", "1234", "abcdefghijk", "15108695077"])
def test_it_refuses_an_invalid_national_number(cast, login_as, client, number):
    login_as(cast.shelter_worker)
    response = client.post(URL, _form(cast, national_id=number))
    [message] = _field_errors(response, "national_id")
    assert "ikke gyldig" in message
    assert not Person.objects.exists()


def test_it_refuses_a_birth_date_that_contradicts_the_number(cast, login_as, client):
    login_as(cast.shelter_worker)
    response = client.post(URL, _form(cast, national_id=national_id(BORN), birth_date="1991-05-17"))
    assert "stemmer ikke" in _field_errors(response, "birth_date")[0]
    assert not Person.objects.exists()


def test_it_refuses_a_birth_date_in_the_future(cast):
    future = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    with pytest.raises(PersonError) as caught:
        person_create(
            actor=cast.shelter_worker,
            unit=cast.shelter,
            data=PersonInput(name="Ufødt", birth_date=future),
        )
    assert caught.value.field == "birth_date"


def test_strengt_fortrolig_refuses_an_address(cast, login_as, client):
    login_as(cast.shelter_worker)
    response = client.post(
        URL,
        _form(cast, address_protection=AddressProtection.STRICT, address="Hemmeligveien 1"),
    )
    assert "strengt fortrolig" in _field_errors(response, "address")[0]
    assert not Person.objects.exists()


def test_the_service_refuses_an_address_for_strengt_fortrolig_too(cast):
    with pytest.raises(PersonError) as caught:
        person_create(
            actor=cast.shelter_worker,
            unit=cast.shelter,
            data=PersonInput(
                name="Kari", address="Hemmeligveien 1", address_protection=AddressProtection.STRICT
            ),
        )
    assert caught.value.field == "address"
    assert not Person.objects.exists()


def test_strengt_fortrolig_without_an_address_is_registered(cast, login_as, client):
    login_as(cast.shelter_worker)
    response = client.post(URL, _form(cast, address_protection=AddressProtection.STRICT))
    assert response.status_code == 302
    assert Person.objects.get().address_enc == ""


def test_it_requires_a_name(cast, login_as, client):
    login_as(cast.shelter_worker)
    response = client.post(URL, _form(cast, name="   "))
    assert _field_errors(response, "name")
    assert not Person.objects.exists()


def test_the_registration_page_shows_the_form_with_a_fresh_submission_id(cast, login_as, client):
    login_as(cast.shelter_worker)
    first = client.get(URL)
    second = client.get(URL)
    assert first.status_code == 200
    first_id = first.context["form"]["submission_id"].value()
    assert first_id and first_id != second.context["form"]["submission_id"].value()
    # The one unit the worker has is chosen already.
    assert first.context["form"]["unit"].value() == cast.shelter.pk


def test_a_post_without_a_submission_id_is_refused_and_keeps_what_was_typed(cast, login_as, client):
    login_as(cast.shelter_worker)
    data = _form(cast, name="Uten Kode")
    del data["submission_id"]
    response = client.post(URL, data)
    assert response.status_code == 200
    assert _field_errors(response, "submission_id")
    assert response.context["form"]["name"].value() == "Uten Kode"
    assert not Person.objects.exists()


def test_invisible_direction_marks_are_taken_out_of_names_and_short_texts(cast, login_as, client):
    login_as(cast.shelter_worker)
    response = client.post(
        URL,
        _form(
            cast,
            name="Kari \u202eNordmann\u202c",
            languages="\u2067arabisk\u2069",
            safe_contact_person="Søster\u200f 41234567",
        ),
    )
    assert response.status_code == 302
    data = person_data(Person.objects.get())
    assert data.name == "Kari Nordmann"
    assert data.person.languages == "arabisk"
    assert data.safe_contact_person == "Søster 41234567"
