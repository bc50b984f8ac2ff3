"""Writes of rooms and beds: the centre lead keeps them, and takes rooms out of service."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record_for
from helhet.core.idempotency import once
from helhet.core.updates import changed_detail, model_update
from helhet.organisation.models import Unit
from helhet.shelter.choices import BedKind
from helhet.shelter.models import Bed, BedAllocation, Room, RoomClosure
from helhet.shelter.services.base import ShelterError, current_day, short_text

if TYPE_CHECKING:
    from helhet.core.types import User


@dataclass
class RoomInput:
    name: str
    is_family_room: bool = False
    is_accessible: bool = False
    is_ground_floor: bool = False
    allows_pets: bool = False
    has_own_bathroom: bool = False
    is_mens_unit: bool = False
    is_active: bool = True


ROOM_FIELDS = (
    "name",
    "is_family_room",
    "is_accessible",
    "is_ground_floor",
    "allows_pets",
    "has_own_bathroom",
    "is_mens_unit",
    "is_active",
)


def _check_room_name(unit: Unit, name: str, *, exclude: int | None = None) -> str:
    name = short_text(name)
    if not name:
        raise ShelterError(_("Gi rommet et navn."), field="name")
    same_name = Room.objects.filter(unit=unit, name__iexact=name)
    if exclude is not None:
        same_name = same_name.exclude(pk=exclude)
    if same_name.exists():
        raise ShelterError(_("Senteret har allerede et rom med dette navnet."), field="name")
    return name


@transaction.atomic
def room_create(*, actor: User, unit: Unit, data: RoomInput, submission_id: uuid.UUID) -> Room:
    """Add a room to the centre."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _room_create(actor=actor, unit=unit, data=data),
    )


def _room_create(*, actor: User, unit: Unit, data: RoomInput) -> Room:
    values = {name: getattr(data, name) for name in ROOM_FIELDS}
    room = Room(unit=unit, **{**values, "name": _check_room_name(unit, data.name)})
    room.full_clean()
    room.save()
    event_record_for(kind=EventKind.CREATE, actor=actor, obj=room, unit=unit)
    return room


@transaction.atomic
def room_update(*, actor: User, room: Room, data: RoomInput) -> Room:
    """Change a room's name and properties. A room someone lives in stays in use."""
    values = {
        **{name: getattr(data, name) for name in ROOM_FIELDS},
        "name": _check_room_name(room.unit, data.name, exclude=room.pk),
    }
    if (
        room.is_active
        and not values["is_active"]
        and BedAllocation.objects.filter(bed__room=room)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=current_day()))
        .exists()
    ):
        raise ShelterError(
            _("Noen bor i rommet nå. Flytt dem før du tar rommet ut av bruk."), field="is_active"
        )
    changed = model_update(instance=room, fields=ROOM_FIELDS, data=values)
    if changed:
        event_record_for(
            kind=EventKind.UPDATE,
            actor=actor,
            obj=room,
            unit=room.unit,
            detail=changed_detail(changed),
        )
    return room


@transaction.atomic
def bed_create(
    *, actor: User, room: Room, label: str, kind: str = BedKind.ADULT, submission_id: uuid.UUID
) -> Bed:
    """Add a bed to a room."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _bed_create(actor=actor, room=room, label=label, kind=kind),
    )


def _bed_create(*, actor: User, room: Room, label: str, kind: str = BedKind.ADULT) -> Bed:
    label = short_text(label)
    if not label:
        raise ShelterError(_("Gi sengen et navn, for eksempel «Seng 1»."), field="label")
    if kind not in BedKind.values:
        raise ShelterError(_("Velg type seng."), field="kind")
    if Bed.objects.filter(room=room, label__iexact=label).exists():
        raise ShelterError(_("Rommet har allerede en seng med dette navnet."), field="label")
    bed = Bed(room=room, label=label, kind=kind)
    bed.full_clean()
    bed.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=bed,
        unit=room.unit,
    )
    return bed


@transaction.atomic
def bed_set_active(*, actor: User, bed: Bed, is_active: bool) -> Bed:
    """Take a bed out of use for good (or back). A bed in use cannot be removed."""
    if bed.is_active == is_active:
        return bed
    if not is_active and (
        BedAllocation.objects.filter(bed=bed)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=current_day()))
        .exists()
    ):
        raise ShelterError(_("Sengen er i bruk. Flytt beboeren først."), field="bed")
    model_update(instance=bed, fields=["is_active"], data={"is_active": is_active})
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=bed,
        unit=bed.room.unit,
        detail="activated" if is_active else "deactivated",
    )
    return bed


@transaction.atomic
def room_closure_create(
    *,
    actor: User,
    room: Room,
    starts_on: date,
    ends_on: date | None,
    reason: str,
    submission_id: uuid.UUID,
) -> RoomClosure:
    """Take a room out of service for a period. Refused while someone has a bed there then."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _room_closure_create(
            actor=actor, room=room, starts_on=starts_on, ends_on=ends_on, reason=reason
        ),
    )


def _room_closure_create(
    *, actor: User, room: Room, starts_on: date, ends_on: date | None, reason: str
) -> RoomClosure:
    if ends_on is not None and ends_on <= starts_on:
        raise ShelterError(
            _("Datoen rommet er tilbake i drift må være etter startdatoen."), field="ends_on"
        )
    overlapping = (
        BedAllocation.objects.filter(bed__room=room)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on))
        .exclude(ends_on=F("starts_on"))
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lt=ends_on)
    if overlapping.exists():
        raise ShelterError(
            _("Noen har seng i rommet i denne perioden. Flytt dem først."), field="starts_on"
        )
    closure = RoomClosure(
        room=room, starts_on=starts_on, ends_on=ends_on, reason=reason, created_by=actor
    )
    closure.full_clean()
    closure.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=closure,
        unit=room.unit,
    )
    return closure
