"""Reads of the crisis centre. Every function takes the user (or a unit the user was already
given by a chokepoint) and returns only what that user may see."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from helhet.audit.selectors import break_glass_object_ids
from helhet.organisation.choices import UnitType
from helhet.organisation.models import Unit
from helhet.organisation.roles import Cap
from helhet.organisation.selectors import units_with
from helhet.people.models import Person
from helhet.people.sealing import unseal
from helhet.people.selectors import PersonData, person_data
from helhet.shelter.choices import OPEN_TASK_STATUSES, AnswerList
from helhet.shelter.models import (
    SAFETY_PLAN_SECTIONS,
    THREAT_SECTIONS,
    AnswerOption,
    Bed,
    BedAllocation,
    CapacityReferral,
    DayContact,
    DayUser,
    FollowUpPlan,
    FollowUpTask,
    PhoneContact,
    Room,
    RoomClosure,
    SafetyPlan,
    Stay,
    StayChild,
    ThreatAssessment,
)

STAY_OBJECT_TYPE = "shelter.stay"
# A stay without a threat mapping this long after arrival is flagged on the board.
THREAT_MAPPING_DUE = timedelta(hours=48)


def centres_for(*, user: Any, capability: str = Cap.CASE_VIEW) -> QuerySet[Unit]:
    """The crisis centres where the user holds the capability."""
    return units_with(user=user, capability=capability).filter(unit_type=UnitType.CRISIS_CENTRE)


def managed_centres(*, user: Any) -> QuerySet[Unit]:
    """Crisis centres the user leads: manages members and has case access there. Rooms,
    beds and answer lists are the lead's to keep."""
    return centres_for(user=user, capability=Cap.CASE_EDIT).filter(
        pk__in=units_with(user=user, capability=Cap.UNIT_MEMBERS).values("pk")
    )


def visible_stays(*, user: Any) -> QuerySet[Stay]:
    """Stays of the centres where the user may see case content, or opened by break-glass.
    A system administrator and staff of other units see none."""
    condition = Q(unit__in=centres_for(user=user))
    glass = [
        int(pk)
        for pk in break_glass_object_ids(user=user, object_type=STAY_OBJECT_TYPE)
        if str(pk).isdigit()
    ]
    if glass:
        condition |= Q(pk__in=glass)
    return Stay.objects.filter(condition)


def stay_list(*, unit: Unit, status: str = "open") -> QuerySet[Stay]:
    """A centre's stays for the list page, with what each row shows."""
    stays = (
        Stay.objects.filter(unit=unit)
        .select_related("resident", "resident__key", "destination")
        .prefetch_related(Prefetch("children", queryset=StayChild.objects.only("id", "stay_id")))
        .order_by("-arrived_on", "-id")
    )
    if status == "open":
        return stays.filter(departed_on__isnull=True)
    if status == "ended":
        return stays.filter(departed_on__isnull=False)
    return stays


def stay_detail(stay: Stay) -> Stay:
    """The stay with everything its page shows, in a fixed number of queries."""
    return (
        Stay.objects.filter(pk=stay.pk)
        .select_related(
            "unit",
            "resident",
            "resident__key",
            "referrer",
            "municipality",
            "perpetrator_relation",
            "destination",
        )
        .prefetch_related(
            "violence_types",
            Prefetch(
                "children",
                queryset=StayChild.objects.select_related("child", "child__key").order_by("id"),
            ),
            Prefetch(
                "allocations",
                queryset=BedAllocation.objects.select_related(
                    "bed", "bed__room", "stay_child"
                ).order_by("starts_on", "id"),
            ),
            Prefetch(
                "threat_assessments", queryset=ThreatAssessment.objects.order_by("-assessed_on")
            ),
        )
        .get()
    )


def names_of(persons: Iterable[Person]) -> dict[int, PersonData]:
    """Decrypted data of the given persons (fetched with `select_related("key")`)."""
    return {person.pk: person_data(person) for person in persons}


def answer_options(answer_list: str, *, include: Iterable[int] = ()) -> QuerySet[AnswerOption]:
    """Active options of a list, plus any inactive ones a record already uses (so an edit
    form can still show them)."""
    return AnswerOption.objects.filter(
        Q(answer_list=answer_list) & (Q(is_active=True) | Q(pk__in=list(include)))
    ).order_by("position", "label")


def answer_lists() -> dict[str, list[AnswerOption]]:
    lists: dict[str, list[AnswerOption]] = {value: [] for value in AnswerList.values}
    for option in AnswerOption.objects.order_by("answer_list", "position", "label"):
        lists.setdefault(option.answer_list, []).append(option)
    return lists


# Rooms and the board -----------------------------------------------------------------------


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
    cutoff = timezone.localtime() - THREAT_MAPPING_DUE
    missing = list(
        Stay.objects.filter(unit=unit, departed_on__isnull=True, arrived_on__lte=cutoff.date())
        .filter(~Exists(ThreatAssessment.objects.filter(stay=OuterRef("pk"))))
        .select_related("resident", "resident__key")
        .order_by("arrived_on")
    )
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
                person = (
                    allocation.stay_child.child
                    if allocation.stay_child_id
                    else allocation.stay.resident
                )
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
            person_id = (
                allocation.stay_child.child_id
                if allocation.stay_child_id
                else allocation.stay.resident_id
            )
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
            person_id = (
                allocation.stay_child.child_id
                if allocation.stay_child_id
                else allocation.stay.resident_id
            )
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


# Contacts -----------------------------------------------------------------------------------


def phone_contacts_on(*, unit: Unit, day: date) -> QuerySet[PhoneContact]:
    """The centre's phone contacts of one day (in the centre's time zone)."""
    return (
        PhoneContact.objects.filter(unit=unit, started_at__date=day)
        .select_related("caller_group", "outcome", "municipality", "created_by")
        .prefetch_related("topics")
        .order_by("-started_at", "-id")
    )


def day_contact_list(*, unit: Unit) -> QuerySet[DayContact]:
    return (
        DayContact.objects.filter(unit=unit)
        .select_related("day_user")
        .prefetch_related("topics", "staff")
        .order_by("-occurred_on", "-id")
    )


def day_users(*, unit: Unit) -> QuerySet[DayUser]:
    return DayUser.objects.filter(unit=unit).order_by("-created_at")


def capacity_referrals(*, unit: Unit) -> QuerySet[CapacityReferral]:
    return CapacityReferral.objects.filter(unit=unit).select_related("municipality")


# Safety plan, threat mapping, follow-up ------------------------------------------------------


def safety_plan_sections(plan: SafetyPlan) -> dict[str, str] | None:
    """The plan's text, decrypted with the resident's key; None once the person is erased."""
    from helhet.shelter.services import plan_context

    return unseal(
        plan.stay.resident,
        {name: getattr(plan, f"{name}_enc") for name in SAFETY_PLAN_SECTIONS},
        context=plan_context(plan),
    )


def threat_sections(assessment: ThreatAssessment, resident: Person) -> dict[str, str] | None:
    from helhet.shelter.services import threat_context

    return unseal(
        resident,
        {name: getattr(assessment, f"{name}_enc") for name in THREAT_SECTIONS},
        context=threat_context(assessment),
    )


def task_notes(task: FollowUpTask, resident: Person) -> str | None:
    from helhet.shelter.services import task_context

    values = unseal(resident, {"notes": task.notes_enc}, context=task_context(task))
    return None if values is None else values["notes"]


def _consent_covers_unit() -> Exists:
    through = FollowUpPlan.consent_units.through
    return Exists(
        through.objects.filter(
            followupplan_id=OuterRef("plan_id"), unit_id=OuterRef("responsible_unit_id")
        )
    )


def consent_active_q(today: date) -> Q:
    """Tasks whose plan has an active consent that names the task's responsible unit."""
    return (
        Q(plan__share_consent=True, plan__consent_withdrawn_on__isnull=True)
        & (Q(plan__consent_expires_on__isnull=True) | Q(plan__consent_expires_on__gte=today))
        & Q(consent_covers=True)
    )


def visible_tasks(*, user: Any, today: date | None = None) -> QuerySet[FollowUpTask]:
    """Follow-up tasks the user may see: every task of their own centres' plans, and tasks
    assigned to their unit by another centre while the person's consent covers that unit."""
    today = today or timezone.localdate()
    units = units_with(user=user, capability=Cap.CASE_VIEW)
    return FollowUpTask.objects.annotate(consent_covers=_consent_covers_unit()).filter(
        Q(plan__stay__unit__in=units) | (Q(responsible_unit__in=units) & consent_active_q(today))
    )


def unit_task_list(*, user: Any, status: str = "open") -> QuerySet[FollowUpTask]:
    """The task list of the user's units: tasks their unit is responsible for."""
    units = units_with(user=user, capability=Cap.CASE_VIEW)
    tasks = (
        visible_tasks(user=user)
        .filter(responsible_unit__in=units)
        .select_related(
            "responsible_unit",
            "plan",
            "plan__stay",
            "plan__stay__unit",
            "plan__stay__resident",
            "plan__stay__resident__key",
        )
        .order_by("due_on", "id")
    )
    if status == "open":
        return tasks.filter(status__in=OPEN_TASK_STATUSES)
    return tasks


def overdue_tasks_for(*, user: Any, today: date | None = None) -> QuerySet[FollowUpTask]:
    today = today or timezone.localdate()
    return unit_task_list(user=user).filter(due_on__lt=today)


def plan_tasks(plan: FollowUpPlan) -> QuerySet[FollowUpTask]:
    return plan.tasks.select_related("responsible_unit", "updated_by").order_by("due_on", "id")


@dataclass(frozen=True)
class TaskPermissions:
    """What the user may do with a task they can see."""

    owner: bool  # staff of the centre whose stay it is: everything
    notes_allowed: bool  # may read and write the notes


def task_permissions(*, user: Any, task: FollowUpTask) -> TaskPermissions:
    owner = centres_for(user=user).filter(pk=task.plan.stay.unit_id).exists()
    if owner:
        return TaskPermissions(owner=True, notes_allowed=True)
    from helhet.shelter.choices import ConsentScope

    return TaskPermissions(
        owner=False, notes_allowed=task.plan.consent_scope == ConsentScope.TASKS_AND_NOTES
    )


def overnights(stays: Iterable[Stay]) -> int:
    return sum(stay.overnights for stay in stays)
