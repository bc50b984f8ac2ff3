"""Writes of capacity: beds and rooms given to a stay, and referrals to another centre
when the offer was full or not suited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record_for
from helhet.core.idempotency import once
from helhet.organisation.models import Municipality, Unit
from helhet.people.choices import Gender
from helhet.shelter.choices import BedKind, ReferralReason
from helhet.shelter.models import (
    Bed,
    BedAllocation,
    CapacityReferral,
    Room,
    RoomClosure,
    Stay,
    StayChild,
)
from helhet.shelter.services.base import BedTakenError, ShelterError, current_day, short_text

if TYPE_CHECKING:
    from helhet.core.types import User


def _taken_message() -> str:
    return _(
        "Rommet er tatt: sengen er allerede gitt til noen andre for disse nettene. "
        "Velg en annen seng."
    )


def _bed_is_free(bed: Bed, starts_on: date) -> bool:
    """No allocation of the bed covers any night from starts_on on (the new one is open)."""
    return not (
        BedAllocation.objects.filter(bed=bed)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on))
        .exclude(ends_on=F("starts_on"))
        .exists()
    )


def _room_closed(room: Room, starts_on: date) -> bool:
    return (
        RoomClosure.objects.filter(room=room)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on))
        .exists()
    )


def _check_allocation_dates(stay: Stay, starts_on: date) -> None:
    if not stay.is_open:
        raise ShelterError(_("Oppholdet er avsluttet. Seng kan bare gis i et pågående opphold."))
    if starts_on < stay.arrived_on:
        raise ShelterError(
            _("Sengen kan ikke gis før ankomsten (%(date)s).")
            % {"date": stay.arrived_on.strftime("%d.%m.%Y")},
            field="starts_on",
        )


def _save_allocation(
    *, actor: User, stay: Stay, bed: Bed, starts_on: date, stay_child: StayChild | None
) -> BedAllocation:
    # The occupant moves: the bed they had ends the day the new one starts.
    mine = stay.allocations.filter(stay_child=stay_child)
    mine.filter(starts_on__gt=starts_on).update(ends_on=F("starts_on"))
    mine.filter(starts_on__lte=starts_on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on)
    ).update(ends_on=starts_on)
    allocation = BedAllocation(
        stay=stay, stay_child=stay_child, bed=bed, starts_on=starts_on, created_by=actor
    )
    allocation.full_clean(exclude=["stay", "stay_child", "bed"])
    try:
        # The database refuses an overlap (exclusion constraint, or the SQLite trigger)
        # even if a check above was wrong; that is the same answer to the user.
        with transaction.atomic():
            allocation.save()
    except IntegrityError as exc:
        raise BedTakenError(_taken_message(), field="bed") from exc
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=allocation,
        person_id=stay_child.child_id if stay_child else stay.resident_id,
        unit=stay.unit,
        detail=f"bed:{bed.pk}",
    )
    return allocation


@transaction.atomic
def bed_allocate(
    *,
    actor: User,
    stay: Stay,
    bed: Bed | int,
    starts_on: date | None = None,
    stay_child: StayChild | None = None,
    submission_id: uuid.UUID,
) -> BedAllocation:
    """Give one bed to the resident (or to one of the children) from `starts_on` until the
    stay ends. Two people asking for the same bed at once: the row lock on the bed makes
    the second wait and then see the first one's allocation."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _bed_allocate(
            actor=actor, stay=stay, bed=bed, starts_on=starts_on, stay_child=stay_child
        ),
    )


def _bed_allocate(
    *,
    actor: User,
    stay: Stay,
    bed: Bed | int,
    starts_on: date | None = None,
    stay_child: StayChild | None = None,
) -> BedAllocation:
    starts_on = starts_on or current_day()
    bed_id = bed.pk if isinstance(bed, Bed) else bed
    locked = (
        Bed.objects.select_for_update()
        .select_related("room")
        .filter(pk=bed_id, room__unit=stay.unit, is_active=True, room__is_active=True)
        .first()
    )
    if locked is None:
        raise ShelterError(_("Velg en seng ved dette senteret."), field="bed")
    if stay_child is not None and stay_child.stay_id != stay.pk:
        raise ShelterError(_("Velg et av barna i dette oppholdet."), field="stay_child")
    _check_allocation_dates(stay, starts_on)
    if _room_closed(locked.room, starts_on):
        raise ShelterError(
            _("Rommet er ute av drift i denne perioden. Velg et annet rom."), field="bed"
        )
    if not _bed_is_free(locked, starts_on):
        raise BedTakenError(_taken_message(), field="bed")
    return _save_allocation(
        actor=actor, stay=stay, bed=locked, starts_on=starts_on, stay_child=stay_child
    )


@transaction.atomic
def room_allocate(
    *,
    actor: User,
    stay: Stay,
    room: Room | int,
    starts_on: date | None = None,
    submission_id: uuid.UUID,
) -> list[BedAllocation]:
    """Give a room to the whole family: one free bed to the resident and to each child
    still in the stay who has no bed there. Children get child beds first when there are
    any. All or nothing."""
    first = once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _room_allocate(actor=actor, stay=stay, room=room, starts_on=starts_on),
    )
    # A replayed submission gives back the first bed; the family's beds were given with it.
    return list(
        stay.allocations.filter(bed__room_id=first.bed.room_id, starts_on=first.starts_on)
        .exclude(ends_on=F("starts_on"))
        .order_by("id")
    )


def _room_allocate(
    *, actor: User, stay: Stay, room: Room | int, starts_on: date | None
) -> BedAllocation:
    starts_on = starts_on or current_day()
    room_id = room.pk if isinstance(room, Room) else room
    beds = list(
        Bed.objects.select_for_update()
        .select_related("room")
        .filter(room_id=room_id, room__unit=stay.unit, is_active=True, room__is_active=True)
        .order_by("label", "pk")
    )
    if not beds:
        raise ShelterError(_("Velg et rom med senger ved dette senteret."), field="room")
    _check_allocation_dates(stay, starts_on)
    if _room_closed(beds[0].room, starts_on):
        raise ShelterError(
            _("Rommet er ute av drift i denne perioden. Velg et annet rom."), field="room"
        )
    in_room = set(
        stay.allocations.filter(bed__room_id=room_id, ends_on__isnull=True).values_list(
            "stay_child_id", flat=True
        )
    )
    occupants: list[StayChild | None] = [
        occupant
        for occupant in [None, *stay.children.filter(departed_on__isnull=True)]
        if (occupant.pk if occupant else None) not in in_room
    ]
    if not occupants:
        raise ShelterError(_("Hele familien har allerede senger i dette rommet."), field="room")
    free = [bed for bed in beds if _bed_is_free(bed, starts_on)]
    if len(free) < len(occupants):
        raise BedTakenError(
            _(
                "Rommet er tatt: det har %(free)s ledige senger, og familien trenger "
                "%(needed)s. Velg et annet rom, eller gi senger enkeltvis."
            )
            % {"free": len(free), "needed": len(occupants)},
            field="room",
        )
    adult_beds = [bed for bed in free if bed.kind == BedKind.ADULT] or free
    allocations = []
    remaining = list(free)
    for occupant in occupants:
        if occupant is None:
            choice = adult_beds[0] if adult_beds[0] in remaining else remaining[0]
        else:
            child_beds = [bed for bed in remaining if bed.kind != BedKind.ADULT]
            choice = child_beds[0] if child_beds else remaining[0]
        remaining.remove(choice)
        allocations.append(
            _save_allocation(
                actor=actor, stay=stay, bed=choice, starts_on=starts_on, stay_child=occupant
            )
        )
    return allocations[0]


@dataclass
class CapacityReferralInput:
    occurred_on: date
    referred_to: str
    reason: str = ReferralReason.FULL
    adults: int = 1
    children: int = 0
    gender: str = Gender.NOT_REGISTERED
    municipality: Municipality | None = None


@transaction.atomic
def capacity_referral_create(
    *, actor: User, unit: Unit, data: CapacityReferralInput, submission_id: uuid.UUID
) -> CapacityReferral:
    """Record that someone who asked for a place was referred to another centre."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _capacity_referral_create(actor=actor, unit=unit, data=data),
    )


def _capacity_referral_create(
    *, actor: User, unit: Unit, data: CapacityReferralInput
) -> CapacityReferral:
    if data.occurred_on > current_day():
        raise ShelterError(_("Datoen kan ikke være fram i tid."), field="occurred_on")
    referred_to = short_text(data.referred_to)
    if not referred_to:
        raise ShelterError(
            _("Skriv hvilket senter eller tilbud personen ble henvist til."), field="referred_to"
        )
    if (data.adults or 0) + (data.children or 0) < 1:
        raise ShelterError(_("Minst én voksen eller ett barn må være henvist."), field="adults")
    referral = CapacityReferral(
        unit=unit,
        occurred_on=data.occurred_on,
        reason=data.reason,
        referred_to=referred_to,
        adults=data.adults,
        children=data.children,
        gender=data.gender,
        municipality=data.municipality,
        created_by=actor,
    )
    referral.full_clean()
    referral.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=referral,
        unit=unit,
    )
    return referral
