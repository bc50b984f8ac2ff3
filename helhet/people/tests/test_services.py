"""The person services' rules that the pages do not reach on their own."""

import base64
import datetime
import os
import uuid

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.people import crypto
from helhet.people.models import Person, PersonUnitLink
from helhet.people.selectors import person_by_national_id, person_data
from helhet.people.services import (
    DuplicatePersonError,
    PersonError,
    PersonInput,
    person_break_glass,
    person_create,
    person_erase,
    person_input_from,
    person_link_unit,
    person_unlink_unit,
    person_update,
)
from helhet.people.tests.helpers import national_id, register

BORN = datetime.date(1993, 6, 30)


def _create(cast, **fields):
    return person_create(actor=cast.shelter_worker, unit=cast.shelter, data=PersonInput(**fields))


def test_it_refuses_a_blank_name(cast):
    with pytest.raises(PersonError) as caught:
        _create(cast, name="  \t ")
    assert caught.value.field == "name"


def test_it_tidies_the_name(cast):
    person = _create(cast, name="  Kari   Nordmann ")
    assert person_data(person).name == "Kari Nordmann"


def test_it_refuses_a_birth_date_it_cannot_read(cast):
    with pytest.raises(PersonError) as caught:
        _create(cast, name="Kari", birth_date="30.06.1993")
    assert caught.value.field == "birth_date"


def test_a_birth_date_alone_gives_the_birth_year(cast):
    person = _create(cast, name="Kari", birth_date="1993-06-30")
    assert person.birth_year == 1993


def test_a_change_to_another_persons_number_is_refused_and_logged(cast):
    number = national_id(BORN)
    other = register(cast.nav_worker, cast.nav, name="Annen", national_id=number)
    person = register(cast.shelter_worker, cast.shelter)
    data = person_input_from(person)
    data.national_id = number
    with pytest.raises(DuplicatePersonError) as caught:
        person_update(actor=cast.shelter_worker, person=person, data=data)
    assert caught.value.field == "national_id"
    probe = Event.objects.get(kind=EventKind.ACCESS_DENIED, person_id=other.pk)
    assert probe.detail == "duplicate_national_id"
    assert person_data(Person.objects.get(pk=person.pk)).national_id == ""


def test_the_edit_page_shows_the_duplicate_next_to_the_field(cast, login_as, client):
    number = national_id(BORN)
    register(cast.nav_worker, cast.nav, name="Annen", national_id=number)
    person = register(cast.shelter_worker, cast.shelter, name="Min")
    login_as(cast.shelter_worker)
    response = client.post(
        reverse("people:edit", kwargs={"person_id": person.pk}),
        {"name": "Min", "national_id": number, "gender": "woman", "address_protection": "none"},
    )
    assert response.status_code == 200
    assert "allerede registrert" in response.context["form"].errors["national_id"][0]


def test_keeping_ones_own_number_is_not_a_duplicate(cast):
    number = national_id(BORN)
    person = register(cast.shelter_worker, cast.shelter, national_id=number)
    data = person_input_from(person)
    data.phone = "45454545"
    person_update(actor=cast.shelter_worker, person=person, data=data)
    assert person_data(Person.objects.get(pk=person.pk)).phone == "45454545"


def test_an_unchanged_save_writes_nothing(cast):
    person = register(cast.shelter_worker, cast.shelter, phone="12345678")
    before = Person.objects.get(pk=person.pk).phone_enc
    person_update(actor=cast.shelter_worker, person=person, data=person_input_from(person))
    assert Person.objects.get(pk=person.pk).phone_enc == before
    assert not Event.objects.filter(kind=EventKind.UPDATE, person_id=person.pk).exists()


def test_an_erased_person_cannot_be_changed_or_erased_again(cast):
    person = register(cast.shelter_worker, cast.shelter)
    person_erase(actor=cast.shelter_lead, person=person)
    erased = Person.objects.get(pk=person.pk)
    with pytest.raises(PersonError):
        person_update(actor=cast.shelter_worker, person=erased, data=PersonInput(name="Ny"))
    with pytest.raises(PersonError):
        person_erase(actor=cast.shelter_lead, person=erased)
    assert Event.objects.filter(kind=EventKind.ERASE, person_id=person.pk).count() == 1


def test_a_person_whose_master_key_is_gone_cannot_be_changed(cast):
    key = f"gone:{base64.b64encode(os.urandom(32)).decode()}"
    with override_settings(HELHET_MASTER_KEYS=key):
        person = register(cast.shelter_worker, cast.shelter)
    crypto._keyring.cache_clear()
    with pytest.raises(PersonError):
        person_update(
            actor=cast.shelter_worker,
            person=Person.objects.get(pk=person.pk),
            data=PersonInput(name="Ny"),
        )


def test_a_link_can_be_ended_and_made_again(cast):
    person = register(cast.shelter_worker, cast.shelter)
    source = "test.share:7"
    person_link_unit(actor=cast.shelter_worker, person=person, unit=cast.nav, source=source)
    person_unlink_unit(actor=cast.shelter_worker, person=person, unit=cast.nav, source=source)
    link = PersonUnitLink.objects.get(unit=cast.nav)
    assert link.ended_at is not None
    person_link_unit(
        actor=cast.shelter_worker,
        person=person,
        unit=cast.nav,
        source=source,
        legal_basis="Samtykke 2026-03-01",
    )
    link.refresh_from_db()
    assert link.ended_at is None and link.legal_basis == "Samtykke 2026-03-01"
    assert PersonUnitLink.objects.filter(unit=cast.nav).count() == 1


def test_ending_a_link_that_is_not_there_writes_nothing(cast):
    person = register(cast.shelter_worker, cast.shelter)
    person_unlink_unit(actor=cast.shelter_worker, person=person, unit=cast.nav, source="none")
    assert not Event.objects.filter(detail__startswith="unlink:").exists()


def test_key_rotation_is_logged_without_key_material(cast):
    register(cast.shelter_worker, cast.shelter)
    entry = f"k9:{base64.b64encode(os.urandom(32)).decode()}"
    keys = ",".join(
        f"{key.key_id}:{base64.b64encode(key.secret).decode()}" for key in crypto.keyring()
    )
    with override_settings(HELHET_MASTER_KEYS=f"{entry},{keys}"):
        call_command("rotate_master_key", batch_size=1)
    event = Event.objects.get(object_type="people.personkey")
    assert event.detail == "rewrapped:1 with:k9"
    assert event.actor_name == "rotate_master_key"


REASON = "Politiet melder akutt fare for personen."


@pytest.mark.parametrize("identifier", ["Kari Nordmann", "1", "12345678901", ""])
def test_break_glass_refuses_anything_but_a_whole_valid_number(cast, identifier):
    person = register(cast.shelter_worker, cast.shelter)
    with pytest.raises(PersonError) as caught:
        person_break_glass(
            actor=cast.nav_worker,
            national_id=identifier or str(person.pk),
            reason=REASON,
            submission_id=uuid.uuid4(),
        )
    assert caught.value.field == "national_id"
    assert person_by_national_id(identifier) is None


def test_break_glass_never_opens_an_erased_person(cast):
    number = national_id(BORN)
    person = register(cast.shelter_worker, cast.shelter, national_id=number)
    person_erase(actor=cast.shelter_lead, person=person)
    with pytest.raises(PersonError):
        person_break_glass(
            actor=cast.nav_worker, national_id=number, reason=REASON, submission_id=uuid.uuid4()
        )


def test_the_string_of_a_person_names_no_one(cast):
    person = register(cast.shelter_worker, cast.shelter, name="Hemmelig Navn")
    link = PersonUnitLink.objects.get(person=person)
    texts = (str(person), str(person.key), str(link))
    assert all("Hemmelig" not in text for text in texts)
    assert person.key.wrapped_key not in str(person.key)


def test_the_callers_input_is_left_as_it_was(cast):
    data = PersonInput(name="  Kari  ", national_id=f" {national_id(BORN)} ")
    before = repr(data)
    person_create(actor=cast.shelter_worker, unit=cast.shelter, data=data)
    assert repr(data) == before
