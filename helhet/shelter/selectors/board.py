"""The board: today's rooms and beds, arrivals, departures, stays still without a threat
mapping, and the occupancy of the last months."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from helhet.organisation.models import Unit
from helhet.people.models import Person
from helhet.people.selectors import PersonData
from helhet.shelter.models import Bed, BedAllocation, Room, RoomClosure, Stay
from helhet.shelter.selectors.base import names_of
from helhet.shelter.selectors.safety import stays_missing_threat_mapping


@dataclass
class BedToday:
    bed: Bed
    allocation: BedAllocation | None
    occupant_name: str = ""
    is_child: bool = False


@dataclass
class RoomToday:
    room: Room
    beds: list[BedToday]
    closure: RoomClosure | None

    @property
    def free(self) -> int:
        if self.closure is not None:
            return 0
        return sum(1 for bed in self.beds if bed.allocation is None)


@dataclass
class Board:
    unit: Unit
    day: date
    rooms: list[RoomToday]
    arrivals: list[Stay]
    departures: list[Stay]
    missing_threat_mapping: list[Stay]
    open_stays: int
    names: dict[int, PersonData] = field(default_factory=dict)

    @property
    def beds_in_service(self) -> int:
        return sum(len(room.beds) for room in self.rooms if room.closure is None)

    @property
    def free_beds(self) -> int:
        return sum(room.free for room in self.rooms)

    @property
    def occupied_beds(self) -> int:
        return sum(1 for room in self.rooms for bed in room.beds if bed.allocation is not None)

    @property
    def is_full(self) -> bool:
        return self.free_beds == 0

    def name(self, person_id: int) -> str:
        data = self.names.get(person_id)
        return data.display_name if data else ""


def board(*, unit: Unit, day: date | None = None, with_names: bool) -> Board:
    """Today's rooms at the centre: who sleeps where, arrivals, departures, free beds, and
    open stays still without a threat mapping 48 hours after arrival."""
    day = day or timezone.localdate()
    rooms = list(
        Room.objects.filter(unit=unit, is_active=True)
        .prefetch_related(
            Prefetch("beds", queryset=Bed.objects.filter(is_active=True).order_by("label")),
            Prefetch(
                "closures",
                queryset=RoomClosure.objects.filter(starts_on__lte=day).filter(
                    Q(ends_on__isnull=True) | Q(ends_on__gt=day)
                ),
            ),
        )
        .order_by("name")
    )
    allocations = {
        allocation.bed_id: allocation
        for allocation in BedAllocation.objects.filter(bed__room__unit=unit, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))
        .select_related("stay", "stay__resident", "stay__resident__key", "stay_child__child__key")
    }
    arrivals = list(
        Stay.objects.filter(unit=unit, arrived_on=day).select_related("resident", "resident__key")
    )
    departures = list(
        Stay.objects.filter(unit=unit, departed_on=day).select_related(
            "resident", "resident__key", "destination"
        )
    )
    missing = list(stays_missing_threat_mapping(unit=unit))
    open_stays = Stay.objects.filter(unit=unit, departed_on__isnull=True).count()
    persons: dict[int, Person] = {}
    result_rooms = []
    for room in rooms:
        closures = list(room.closures.all())
        beds = []
        for bed in room.beds.all():
            allocation = allocations.get(bed.id)
            entry = BedToday(bed=bed, allocation=allocation)
            if allocation is not None:
                person = allocation.occupant
                persons[person.pk] = person
                entry.is_child = bool(allocation.stay_child_id)
            beds.append(entry)
        result_rooms.append(
            RoomToday(room=room, beds=beds, closure=closures[0] if closures else None)
        )
    for stay in [*arrivals, *departures, *missing]:
        persons[stay.resident.pk] = stay.resident
    names = names_of(persons.values()) if with_names else {}
    for room_today in result_rooms:
        for entry in room_today.beds:
            if entry.allocation is None or not with_names:
                continue
            allocation = entry.allocation
            person_id = allocation.occupant_id
            entry.occupant_name = names[person_id].display_name
    return Board(
        unit=unit,
        day=day,
        rooms=result_rooms,
        arrivals=arrivals,
        departures=departures,
        missing_threat_mapping=missing,
        open_stays=open_stays,
        names=names,
    )


def board_person_ids(board_data: Board) -> list[tuple[int, int]]:
    """(stay id, person id) for every person whose name the board shows, for the audit log."""
    seen: dict[int, int] = {}
    for room in board_data.rooms:
        for entry in room.beds:
            if entry.allocation is None:
                continue
            allocation = entry.allocation
            person_id = allocation.occupant_id
            seen[person_id] = allocation.stay_id
    for stay in [*board_data.arrivals, *board_data.departures, *board_data.missing_threat_mapping]:
        seen[stay.resident_id] = stay.pk
    return [(stay_id, person_id) for person_id, stay_id in seen.items()]


@dataclass
class MonthOccupancy:
    year: int
    month: int
    available: int  # bed-nights in service
    occupied: int  # bed-nights allocated

    @property
    def percent(self) -> int:
        return round(100 * self.occupied / self.available) if self.available else 0

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)


def _overlap(start: date, end: date | None, first: date, stop: date) -> int:
    """Nights of [start, end) inside [first, stop)."""
    last = min(end or stop, stop)
    return max((last - max(start, first)).days, 0)


def occupancy_by_month(
    *, unit: Unit, months: int = 12, today: date | None = None
) -> list[MonthOccupancy]:
    """Bed-nights in service and allocated for each of the last `months` calendar months
    (the current month up to tonight). The beds in service now are the capacity of every
    month; nights when a room was out of service are left out."""
    today = today or timezone.localdate()
    periods = []
    year, month = today.year, today.month
    for _index in range(months):
        first = date(year, month, 1)
        stop = min(
            date(year, month, calendar.monthrange(year, month)[1]) + timedelta(days=1),
            today + timedelta(days=1),
        )
        periods.append((first, stop))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    periods.reverse()
    window_start, window_stop = periods[0][0], periods[-1][1]
    beds = list(
        Bed.objects.filter(room__unit=unit, is_active=True, room__is_active=True).values_list(
            "room_id", flat=True
        )
    )
    closures = list(
        RoomClosure.objects.filter(room__unit=unit, starts_on__lt=window_stop)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=window_start))
        .values_list("room_id", "starts_on", "ends_on")
    )
    allocations = list(
        BedAllocation.objects.filter(bed__room__unit=unit, starts_on__lt=window_stop)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=window_start))
        .values_list("starts_on", "ends_on")
    )
    result = []
    for first, stop in periods:
        available = 0
        for room_id in beds:
            nights = (stop - first).days
            for closed_room, closed_from, closed_to in closures:
                if closed_room == room_id:
                    nights -= _overlap(closed_from, closed_to, first, stop)
            available += max(nights, 0)
        occupied = sum(_overlap(start, end, first, stop) for start, end in allocations)
        result.append(MonthOccupancy(first.year, first.month, available, occupied))
    return result
