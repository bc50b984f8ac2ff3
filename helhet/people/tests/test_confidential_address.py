"""Fortrolig adresse: shown only to those who work with the person, only when they ask
(and the asking is logged), and never filled into an edit form."""

from __future__ import annotations

import datetime
import uuid

from django.urls import reverse

from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.people.choices import AddressProtection, Purpose
from helhet.people.models import Person
from helhet.people.selectors import person_data
from helhet.people.services import person_break_glass
from helhet.people.tests.helpers import national_id, register

ADDRESS = "Fortroligveien 3, 9900 Fjordvik"
NUMBER = national_id(datetime.date(1987, 3, 14))


def _person(cast, **fields):
    return register(
        cast.shelter_worker,
        cast.shelter,
        name="Fortrolig Person",
        national_id=NUMBER,
        address=ADDRESS,
        address_protection=AddressProtection.CONFIDENTIAL,
        **fields,
    )


def _detail(person, **query):
    return reverse("people:detail", kwargs={"person_id": person.pk}), query


def _edit(person):
    return reverse("people:edit", kwargs={"person_id": person.pk})


def _stored_address(person):
    return person_data(Person.objects.select_related("key").get(pk=person.pk)).address


def _edit_data(client, person, **changes):
    form = client.get(_edit(person)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    for flag in (
        "needs_interpreter",
        "may_call",
        "may_text",
        "may_write",
        "may_leave_voicemail",
        "clear_address",
    ):
        data.pop(flag, None)
    data.update(changes)
    return data


def test_the_worker_sees_the_address_only_after_asking_and_the_asking_is_logged(
    cast, login_as, client
):
    person = _person(cast)
    login_as(cast.shelter_worker)
    body = client.get(*_detail(person)).content.decode()
    assert "Fortroligveien" not in body
    assert "data-show-address" in body
    assert not Event.objects.filter(purpose=Purpose.SHOW_ADDRESS).exists()

    body = client.get(*_detail(person, adresse="vis")).content.decode()
    assert ADDRESS in body
    shown = Event.objects.get(purpose=Purpose.SHOW_ADDRESS, person_id=person.pk)
    assert (shown.kind, shown.actor, shown.unit_id, shown.detail) == (
        EventKind.READ,
        cast.shelter_worker,
        cast.shelter.pk,
        "field:address",
    )


def test_break_glass_shows_that_there_is_an_address_but_never_the_address(cast, login_as, client):
    person = _person(cast)
    person_break_glass(
        actor=cast.nav_worker,
        national_id=NUMBER,
        reason="Politiet melder akutt fare for personen.",
        submission_id=uuid.uuid4(),
    )
    login_as(cast.nav_worker)
    body = client.get(*_detail(person)).content.decode()
    assert "Fortroligveien" not in body
    assert "data-show-address" not in body
    assert "Fortrolig adresse er registrert" in body

    response = client.get(*_detail(person, adresse="vis"))
    assert response.status_code == 404
    assert "Fortroligveien" not in response.content.decode()
    refused = Event.objects.get(kind=EventKind.ACCESS_DENIED, actor=cast.nav_worker)
    assert (refused.purpose, refused.person_id) == (Purpose.SHOW_ADDRESS, person.pk)


def test_the_privacy_officer_cannot_ask_for_the_address(cast, login_as, client):
    person = _person(cast)
    login_as(cast.privacy_officer)
    response = client.get(*_detail(person, adresse="vis"))
    assert response.status_code in (403, 404)
    assert "Fortroligveien" not in response.content.decode()


def test_the_edit_form_never_holds_the_confidential_address(cast, login_as, client):
    person = _person(cast)
    login_as(cast.shelter_worker)
    response = client.get(_edit(person))
    body = response.content.decode()
    assert "Fortroligveien" not in body
    assert response.context["form"]["address"].value() in ("", None)
    assert "La feltet stå tomt for å beholde den." in body
    # Opening the form is an edit, not a look at the address.
    assert not Event.objects.filter(purpose=Purpose.SHOW_ADDRESS).exists()


def test_saving_the_edit_form_with_the_address_left_empty_keeps_it(cast, login_as, client):
    person = _person(cast)
    login_as(cast.shelter_worker)
    response = client.post(_edit(person), _edit_data(client, person, phone="99887766"))
    assert response.status_code == 302
    assert _stored_address(person) == ADDRESS
    update = Event.objects.get(kind=EventKind.UPDATE, person_id=person.pk)
    assert update.detail == "phone"


def test_a_new_address_typed_into_the_edit_form_replaces_the_old_one(cast, login_as, client):
    person = _person(cast)
    login_as(cast.shelter_worker)
    client.post(_edit(person), _edit_data(client, person, address="Nyveien 9"))
    assert _stored_address(person) == "Nyveien 9"


def test_the_stored_address_can_be_removed_with_a_tick(cast, login_as, client):
    person = _person(cast)
    login_as(cast.shelter_worker)
    client.post(_edit(person), _edit_data(client, person, clear_address="on"))
    assert _stored_address(person) == ""


def test_a_kept_address_goes_when_the_protection_becomes_strict(cast, login_as, client):
    person = _person(cast)
    login_as(cast.shelter_worker)
    response = client.post(
        _edit(person), _edit_data(client, person, address_protection=AddressProtection.STRICT)
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.address_protection == AddressProtection.STRICT
    assert person.address_enc == ""


def test_an_ordinary_address_is_still_filled_into_the_edit_form(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter, address="Åpen gate 1")
    login_as(cast.shelter_worker)
    response = client.get(_edit(person))
    assert response.context["form"]["address"].value() == "Åpen gate 1"
    assert "clear_address" not in response.context["form"].fields


def test_the_municipality_wide_coordinator_never_opens_the_address(cast, login_as, client):
    from helhet.people.services import person_link_unit

    person = _person(cast)
    # The person is shared with the coordinating unit: the coordinator sees the person…
    person_link_unit(
        actor=cast.shelter_worker,
        person=person,
        unit=cast.coordinating_unit,
        source="test.share",
        legal_basis="samtykke",
    )
    login_as(cast.coordinator)
    assert client.get(*_detail(person)).status_code == 200
    # …but asking for the address shows nothing and is refused as a read of it.
    body = client.get(*_detail(person, adresse="vis")).content.decode()
    assert "Fortroligveien" not in body
