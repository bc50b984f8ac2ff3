"""Rooms, beds, out-of-service periods and answer lists: the centre lead's pages."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from helhet.shelter.choices import AnswerList
from helhet.shelter.models import AnswerOption, Bed, Room, RoomClosure
from helhet.shelter.services import ShelterError, bed_allocate, room_closure_create
from helhet.shelter.tests.factories import first_bed, make_room, make_stay, option, submitted


def test_the_lead_adds_a_room_with_properties_and_beds(cast, login_as):
    client = login_as(cast.shelter_lead)
    response = client.post(
        reverse("shelter:room_list"),
        submitted(name="Rom 4", is_family_room="on", is_accessible="on", is_active="on"),
    )
    room = Room.objects.get()
    assert response.status_code == 302
    assert (room.is_family_room, room.is_accessible, room.allows_pets) == (True, True, False)
    url = reverse("shelter:room_detail", kwargs={"pk": room.pk})
    client.post(url, submitted(action="bed", label="Seng A", kind="adult"))
    client.post(url, submitted(action="bed", label="Sprinkelseng", kind="cot"))
    assert list(room.beds.values_list("kind", flat=True).order_by("label")) == ["adult", "cot"]


def test_a_duplicate_room_name_is_refused_by_the_field(cast, login_as):
    make_room(cast, "Rom 1")
    response = login_as(cast.shelter_lead).post(
        reverse("shelter:room_list"), submitted(name="rom 1", is_active="on")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["name"]


def test_a_worker_may_not_manage_rooms(cast, login_as):
    assert login_as(cast.shelter_worker).get(reverse("shelter:room_list")).status_code == 403


def test_a_room_out_of_service_cannot_be_allocated(cast):
    room = make_room(cast)
    room_closure_create(
        actor=cast.shelter_lead,
        room=room,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + timedelta(days=7),
        reason="maintenance",
        submission_id=uuid.uuid4(),
    )
    with pytest.raises(ShelterError) as caught:
        bed_allocate(
            actor=cast.shelter_worker,
            stay=make_stay(cast),
            bed=first_bed(room),
            submission_id=uuid.uuid4(),
        )
    assert "ute av drift" in caught.value.message


def test_a_room_in_use_cannot_be_taken_out_of_service(cast, login_as):
    room = make_room(cast)
    bed_allocate(
        actor=cast.shelter_worker,
        stay=make_stay(cast),
        bed=first_bed(room),
        submission_id=uuid.uuid4(),
    )
    response = login_as(cast.shelter_lead).post(
        reverse("shelter:room_detail", kwargs={"pk": room.pk}),
        submitted(
            action="closure",
            starts_on=timezone.localdate().isoformat(),
            ends_on="",
            reason="damage",
        ),
    )
    assert response.status_code == 400
    assert response.context["closure_form"].errors["starts_on"]
    assert RoomClosure.objects.count() == 0


def test_a_closure_that_ends_before_it_starts_is_refused(cast, login_as):
    room = make_room(cast)
    today = timezone.localdate()
    response = login_as(cast.shelter_lead).post(
        reverse("shelter:room_detail", kwargs={"pk": room.pk}),
        submitted(
            action="closure",
            starts_on=today.isoformat(),
            ends_on=(today - timedelta(days=1)).isoformat(),
            reason="damage",
        ),
    )
    assert response.context["closure_form"].errors["ends_on"]


def test_a_bed_in_use_cannot_be_taken_out_of_use(cast, login_as):
    room = make_room(cast)
    bed = first_bed(room)
    bed_allocate(
        actor=cast.shelter_worker, stay=make_stay(cast), bed=bed, submission_id=uuid.uuid4()
    )
    login_as(cast.shelter_lead).post(
        reverse("shelter:room_detail", kwargs={"pk": room.pk}),
        {"action": "bed_toggle", "bed": bed.pk},
    )
    assert Bed.objects.get(pk=bed.pk).is_active is True


def test_the_lead_adds_an_answer_and_takes_one_out_of_use(cast, login_as):
    client = login_as(cast.shelter_lead)
    client.post(
        reverse("shelter:answer_lists"),
        submitted(
            answer_list=AnswerList.DESTINATION, label="Omsorgsbolig", label_en="Sheltered housing"
        ),
    )
    added = AnswerOption.objects.get(label="Omsorgsbolig")
    assert added.code == "omsorgsbolig"
    old = option(AnswerList.DESTINATION, "institution")
    client.post(reverse("shelter:answer_toggle", kwargs={"pk": old.pk}))
    old.refresh_from_db()
    assert old.is_active is False and old.deactivated_at is not None


def test_a_deactivated_answer_is_not_offered_but_old_stays_keep_it(cast, login_as):
    stay = make_stay(cast)
    police = option(AnswerList.REFERRER, "police")
    login_as(cast.shelter_lead).post(reverse("shelter:answer_toggle", kwargs={"pk": police.pk}))
    stay.refresh_from_db()
    assert stay.referrer == police
    from django.test import Client

    from conftest import login

    worker = login(Client(), cast.shelter_worker)
    new_form = worker.get(reverse("shelter:stay_create")).context["stay_form"]
    assert police not in new_form.fields["referrer"].queryset
    edit_form = worker.get(reverse("shelter:stay_update", kwargs={"pk": stay.pk})).context["form"]
    assert police in edit_form.fields["referrer"].queryset


def test_answers_are_never_deleted(cast):
    stay = make_stay(cast)
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        stay.referrer.delete()


def test_the_default_lists_are_loaded_in_both_languages(db):
    for answer_list in AnswerList.values:
        options = AnswerOption.objects.filter(answer_list=answer_list)
        assert options.exists(), answer_list
        assert not options.filter(label_en="").exists(), answer_list
    assert option(AnswerList.DESTINATION, "return_to_perpetrator").label == "Tilbake til utøver"


def test_directional_overrides_are_stripped_from_a_rooms_name(cast, login_as):
    response = login_as(cast.shelter_lead).post(
        reverse("shelter:room_list"), submitted(name="Rom\u202e 7\u202c", is_active="on")
    )
    assert response.status_code == 302
    assert Room.objects.get().name == "Rom 7"
