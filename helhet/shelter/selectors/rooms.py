"""Reads of rooms and beds: the lead's list, and the beds free from a day on."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from helhet.organisation.models import Unit
from helhet.shelter.models import Bed, BedAllocation, Room, RoomClosure


def room_list(*, unit: Unit) -> QuerySet[Room]:
    return (
        Room.objects.filter(unit=unit)
        .prefetch_related(
            Prefetch("beds", queryset=Bed.objects.order_by("label")),
            Prefetch("closures", queryset=RoomClosure.objects.order_by("-starts_on")),
        )
        .order_by("-is_active", "name")
    )


def free_beds(*, unit: Unit, day: date | None = None) -> QuerySet[Bed]:
    """Beds in service at the centre that nobody has from `day` on (a new allocation runs
    until the stay ends, so a booking later on takes the bed too)."""
    day = day or timezone.localdate()
    taken = (
        BedAllocation.objects.filter(bed=OuterRef("pk"))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))
        # A same-day move leaves an empty allocation that holds no night.
        .exclude(ends_on=F("starts_on"))
    )
    closed = RoomClosure.objects.filter(room=OuterRef("room"), starts_on__lte=day).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=day)
    )
    return (
        Bed.objects.filter(room__unit=unit, is_active=True, room__is_active=True)
        .filter(~Exists(taken), ~Exists(closed))
        .select_related("room")
        .order_by("room__name", "label")
    )


def rooms_with_free_beds(*, unit: Unit) -> QuerySet[Room]:
    """Rooms of the centre with at least one free bed today, each with `free_count`;
    family rooms first."""
    free = free_beds(unit=unit)
    return (
        Room.objects.filter(beds__in=free)
        .annotate(free_count=Count("beds", filter=Q(beds__in=free), distinct=True))
        .order_by("-is_family_room", "name")
    )


def room_beds(room: Room) -> QuerySet[Bed]:
    return room.beds.order_by("label")


def room_closures(room: Room) -> QuerySet[RoomClosure]:
    return room.closures.order_by("-starts_on")


def room_bed(room: Room, *, bed_id: int | None) -> Bed | None:
    """A bed of the room (which the caller got through its chokepoint), or None."""
    if bed_id is None:
        return None
    return room.beds.filter(pk=bed_id).first()
