"""Bed allocation: no double booking, enforced by the service and by the database."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from helhet.shelter.models import BedAllocation
from helhet.shelter.services import BedTakenError, bed_allocate, room_allocate, stay_end
from helhet.shelter.tests.factories import first_bed, make_room, make_stay, option


def test_it_gives_a_free_bed_to_the_resident(cast):
    room = make_room(cast)
    stay = make_stay(cast)
    allocation = bed_allocate(
        actor=cast.shelter_worker, stay=stay, bed=first_bed(room), submission_id=uuid.uuid4()
    )
    assert allocation.bed == first_bed(room)
    assert allocation.ends_on is None


def test_it_refuses_a_second_booking_of_the_last_bed(cast):
    room = make_room(cast)
    bed_allocate(
        actor=cast.shelter_worker,
        stay=make_stay(cast, "Anne"),
        bed=first_bed(room),
        submission_id=uuid.uuid4(),
    )
    other = make_stay(cast, "Berit")
    with pytest.raises(BedTakenError) as caught:
        bed_allocate(
            actor=cast.shelter_worker, stay=other, bed=first_bed(room), submission_id=uuid.uuid4()
        )
    assert "Rommet er tatt" in caught.value.message
    assert caught.value.field == "bed"
    assert BedAllocation.objects.count() == 1


def test_the_database_refuses_an_overlapping_allocation_written_past_the_service(cast):
    room = make_room(cast)
    first = make_stay(cast, "Anne")
    allocation = bed_allocate(
        actor=cast.shelter_worker, stay=first, bed=first_bed(room), submission_id=uuid.uuid4()
    )
    second = make_stay(cast, "Berit")
    with pytest.raises(IntegrityError), transaction.atomic():
        BedAllocation.objects.create(
            stay=second,
            bed=allocation.bed,
            starts_on=allocation.starts_on + timedelta(days=3),
            created_by=cast.shelter_worker,
        )


def test_the_bed_is_free_again_from_the_departure_day(cast):
    room = make_room(cast)
    today = timezone.localdate()
    stay = make_stay(cast, "Anne", arrived_on=today - timedelta(days=5))
    bed_allocate(
        actor=cast.shelter_worker,
        stay=stay,
        bed=first_bed(room),
        starts_on=stay.arrived_on,
        submission_id=uuid.uuid4(),
    )
    stay_end(
        actor=cast.shelter_worker,
        stay=stay,
        departed_on=today,
        destination=option("destination", "own_new_home").pk,
    )
    newcomer = make_stay(cast, "Berit")
    allocation = bed_allocate(
        actor=cast.shelter_worker, stay=newcomer, bed=first_bed(room), submission_id=uuid.uuid4()
    )
    assert allocation.starts_on == today


def test_a_family_room_gives_one_bed_to_each_member(cast):
    room = make_room(cast, "Familierom", beds=3, family=True)
    stay = make_stay(cast, children=["Ola", "Per"])
    allocations = room_allocate(
        actor=cast.shelter_worker, stay=stay, room=room, submission_id=uuid.uuid4()
    )
    assert len(allocations) == 3
    assert {a.bed_id for a in allocations} == set(room.beds.values_list("pk", flat=True))


def test_a_family_room_with_too_few_beds_is_refused_whole(cast):
    room = make_room(cast, "Lite rom", beds=2)
    stay = make_stay(cast, children=["Ola", "Per"])
    with pytest.raises(BedTakenError):
        room_allocate(actor=cast.shelter_worker, stay=stay, room=room, submission_id=uuid.uuid4())
    assert BedAllocation.objects.count() == 0
