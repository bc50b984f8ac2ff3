"""A demo year at Fjordvik krisesenter: rooms and beds, about 60 stays with 40 children,
250 day visits and 600 phone contacts over the last twelve months, with threat mappings,
safety plans, departures and follow-up plans in every state.

Everything is fictional and made through the shelter's own services, day by day in the
order it would have happened (so a bed is given only when it was free, and a family that
finds the centre full is referred elsewhere). A fixed random seed makes the numbers the
same on every run; the dates follow today's date, so some residents are living at the
centre now. Idempotent: nothing happens when the centre already has stays of demo persons.

Only the persons are marked as demo data (`Person.is_demo`): the shelter's own records
have no such mark, and a stay of a demo person is a demo stay.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.db import transaction
from django.utils import timezone

from helhet.accounts.models import User
from helhet.demo.region import Region
from helhet.demo.shelter_contacts import day_offer, other_referrals, phone_calls
from helhet.demo.shelter_data import (
    CHILD_NAMES_BOYS,
    CHILD_NAMES_GIRLS,
    DAY_VISITS,
    DAYS,
    FAMILY_STAYS,
    FIRST_NAMES_MEN,
    FIRST_NAMES_WOMEN,
    LANGUAGES,
    LAST_NAMES,
    MEASURES,
    PERPETRATOR,
    PHONE_CONTACTS,
    REPEAT_STAYS,
    SAFETY_SECTIONS,
    SEED,
    STAYS,
    THREATS,
    weighted,
)
from helhet.organisation.models import Municipality, Unit
from helhet.people.choices import Gender
from helhet.people.models import Person
from helhet.people.services import PersonInput
from helhet.shelter.choices import (
    AnswerList,
    BedKind,
    ReferralReason,
    RiskLevel,
    TaskStatus,
    ThreatMethod,
    YesNoUnknown,
)
from helhet.shelter.models import (
    AnswerOption,
    FollowUpPlan,
    Room,
    Stay,
)
from helhet.shelter.selectors import free_beds
from helhet.shelter.services import (
    CapacityReferralInput,
    ChildInput,
    ConsentInput,
    RoomInput,
    StayInput,
    TaskInput,
    ThreatInput,
    bed_allocate,
    bed_create,
    capacity_referral_create,
    followup_consent_record,
    followup_plan_start,
    followup_task_update,
    room_allocate,
    room_create,
    safety_plan_save,
    stay_create,
    stay_end,
    threat_assessment_create,
)

CENTRE = "Fjordvik krisesenter"

A, C, K = BedKind.ADULT, BedKind.CHILD, BedKind.COT
# name: (properties, beds). Properties: f family room, a accessible, g ground floor,
# p pets allowed, b own bathroom, m in the men's unit.
ROOMS = {
    "Fjellet": ("fb", (A, C, C, K)),
    "Fjorden": ("fp", (A, C, C, K)),
    "Skogen": ("fagb", (A, C, C, K)),
    "Bjørka": ("f", (A, A, C, C)),
    "Lyngen": ("", (A,)),
    "Myra": ("b", (A,)),
    "Stranda": ("agb", (A, C)),
    "Holmen": ("gbm", (A, C)),
}


@dataclass
class PlannedStay:
    """A stay as the random plan drew it, before the services make it real."""

    arrives: date
    nights: int
    children: int
    returning: bool = False
    stay: Stay | None = None

    @property
    def departs(self) -> date:
        return self.arrives + timedelta(days=self.nights)


def _seeded() -> random.Random:
    return random.Random(SEED)  # noqa: S311 - reproducible demo data, not secrets


@dataclass
class DemoYear:
    """Builds the year. One instance, one run."""

    region: Region
    centre: Unit
    rng: random.Random = field(default_factory=_seeded)
    today: date = field(default_factory=timezone.localdate)
    person_ids: list[int] = field(default_factory=list)
    # Residents who have moved out and have no open stay: they may come back.
    departed: list[Person] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: {"stays": 0, "children": 0, "referrals": 0}
    )

    @property
    def worker(self) -> User:
        return self.region.users["krisesenter"]

    @property
    def lead(self) -> User:
        return self.region.users["krisesenterleder"]

    @property
    def start(self) -> date:
        return self.today - timedelta(days=DAYS - 1)

    @cached_property
    def options(self) -> dict[tuple[str, str], AnswerOption]:
        return {
            (option.answer_list, option.code): option
            for option in AnswerOption.objects.filter(is_active=True)
        }

    @cached_property
    def municipalities(self) -> list[Municipality]:
        return [self.region.municipalities[number] for number in ("9901", "9902", "9903")]

    def option(self, answer_list: str, code: str) -> AnswerOption:
        return self.options[(answer_list, code)]

    def pick(self, answer_list: str, weights: dict[str, int]) -> AnswerOption:
        return self.option(answer_list, weighted(self.rng, list(weights.items())))

    # Rooms -----------------------------------------------------------------------------

    def rooms(self) -> None:
        if Room.objects.filter(unit=self.centre).exists():
            return
        for name, (properties, beds) in ROOMS.items():
            room = room_create(
                actor=self.lead,
                unit=self.centre,
                data=RoomInput(
                    name=name,
                    is_family_room="f" in properties,
                    is_accessible="a" in properties,
                    is_ground_floor="g" in properties,
                    allows_pets="p" in properties,
                    has_own_bathroom="b" in properties,
                    is_mens_unit="m" in properties,
                ),
                submission_id=uuid.uuid4(),
            )
            for number, kind in enumerate(beds, start=1):
                bed_create(
                    actor=self.lead,
                    room=room,
                    label=f"Seng {number}",
                    kind=kind,
                    submission_id=uuid.uuid4(),
                )

    # Stays -----------------------------------------------------------------------------

    def plan(self) -> list[PlannedStay]:
        plans = []
        families = set(self.rng.sample(range(STAYS), FAMILY_STAYS))
        returning = set(self.rng.sample(range(STAYS // 2, STAYS), REPEAT_STAYS))
        for index in range(STAYS):
            nights = weighted(
                self.rng,
                [
                    (self.rng.randint(1, 7), 30),
                    (self.rng.randint(8, 30), 40),
                    (self.rng.randint(31, 90), 25),
                    (self.rng.randint(91, 140), 5),
                ],
            )
            children = weighted(self.rng, [(1, 40), (2, 40), (3, 20)]) if index in families else 0
            arrives = self.start + timedelta(days=self.rng.randint(0, DAYS - 3))
            plans.append(PlannedStay(arrives, nights, children, returning=index in returning))
        plans.sort(key=lambda planned: planned.arrives)
        return plans

    def resident(self, planned: PlannedStay) -> PersonInput | Person:
        """A new person, or (for a returning resident) someone who has moved out earlier in
        the year and comes back."""
        if planned.returning and self.departed:
            return self.departed.pop(self.rng.randrange(len(self.departed)))
        gender = weighted(self.rng, [(Gender.WOMAN, 85), (Gender.MAN, 12), (Gender.OTHER, 3)])
        first = self.rng.choice(FIRST_NAMES_MEN if gender == Gender.MAN else FIRST_NAMES_WOMEN)
        return PersonInput(
            name=f"{first} {self.rng.choice(LAST_NAMES)}",
            gender=gender,
            birth_year=planned.arrives.year - self.rng.randint(19, 68),
            languages=self.rng.choice(LANGUAGES),
        )

    def children(self, planned: PlannedStay) -> list[ChildInput]:
        children = []
        for index in range(planned.children):
            gender = self.rng.choice([Gender.WOMAN, Gender.MAN])
            names = CHILD_NAMES_GIRLS if gender == Gender.WOMAN else CHILD_NAMES_BOYS
            age = self.rng.randint(0, 16)
            children.append(
                ChildInput(
                    name=f"{self.rng.choice(names)} {self.rng.choice(LAST_NAMES)}",
                    gender=gender,
                    birth_year=planned.arrives.year - age,
                    statistics_consent=self.rng.random() < 0.85,
                    school_interrupted=self._yes_no(0.5 if age >= 1 else 0.0),
                    witnessed_violence=self._yes_no(0.8),
                    suffered_violence=self._yes_no(0.35),
                    child_welfare_contact=self._yes_no(0.45),
                    contact_with_violent_parent=self._yes_no(0.3),
                    prefix=f"child-{index}-",
                )
            )
        return children

    def _yes_no(self, share: float) -> str:
        roll = self.rng.random()
        if roll < 0.08:
            return YesNoUnknown.UNKNOWN
        return YesNoUnknown.YES if roll < share else YesNoUnknown.NO

    def stay_input(self, planned: PlannedStay) -> StayInput:
        immigrant = self.rng.random() < 0.6
        violence = self.rng.sample(
            ["psychological", "physical", "sexual", "threats", "material", "digital", "other"],
            k=self.rng.randint(1, 4),
        )
        return StayInput(
            arrived_on=planned.arrives,
            referrer=self.pick(
                AnswerList.REFERRER,
                {
                    "self": 30,
                    "police": 25,
                    "family_or_friends": 10,
                    "child_welfare": 8,
                    "nav": 7,
                    "health": 10,
                    "other_crisis_centre": 4,
                    "other_service": 4,
                    "other": 2,
                },
            ),
            municipality=weighted(
                self.rng,
                [
                    (self.municipalities[0], 50),
                    (self.municipalities[1], 30),
                    (self.municipalities[2], 15),
                    (None, 5),
                ],
            ),
            violence_types=[self.option(AnswerList.VIOLENCE_TYPE, code) for code in violence],
            violence_repeated=weighted(
                self.rng, [(YesNoUnknown.YES, 80), (YesNoUnknown.NO, 12), (YesNoUnknown.UNKNOWN, 8)]
            ),
            perpetrator_relation=self.pick(
                AnswerList.PERPETRATOR_RELATION,
                {
                    "current_partner": 45,
                    "former_partner": 25,
                    "partner": 8,
                    "parent": 7,
                    "own_child": 3,
                    "other_family": 8,
                    "acquaintance": 3,
                    "stranger": 1,
                },
            ),
            perpetrator_gender=weighted(self.rng, [(Gender.MAN, 88), (Gender.WOMAN, 12)]),
            disability=self._yes_no(0.12),
            immigrant_background=YesNoUnknown.YES if immigrant else YesNoUnknown.NO,
            earlier_contact=self._yes_no(0.25),
            needs_interpreter=immigrant and self.rng.random() < 0.4,
            needs_accessibility=self.rng.random() < 0.05,
            substance_use=self.rng.random() < 0.1,
            mental_health=self.rng.random() < 0.2,
            has_pets=self.rng.random() < 0.05,
            statistics_consent=self.rng.random() < 0.9,
        )

    def _house(self, stay: Stay, day: date) -> bool:
        """Beds for the resident and the children, or False when the centre is full."""
        free = list(free_beds(unit=self.centre, day=day))
        occupants = 1 + stay.children.count()
        if occupants == 1:
            adult = [bed for bed in free if bed.kind == BedKind.ADULT] or free
            if not adult:
                return False
            bed_allocate(
                actor=self.worker,
                stay=stay,
                bed=adult[0],
                starts_on=day,
                submission_id=uuid.uuid4(),
            )
            return True
        per_room: dict[int, int] = {}
        for bed in free:
            per_room[bed.room_id] = per_room.get(bed.room_id, 0) + 1
        rooms = [room for room, count in per_room.items() if count >= occupants]
        if not rooms:
            return False
        room_allocate(
            actor=self.worker, stay=stay, room=rooms[0], starts_on=day, submission_id=uuid.uuid4()
        )
        return True

    def _capacity(self, day: date, occupants: int) -> bool:
        free = list(free_beds(unit=self.centre, day=day))
        if occupants == 1:
            return bool(free)
        per_room: dict[int, int] = {}
        for bed in free:
            per_room[bed.room_id] = per_room.get(bed.room_id, 0) + 1
        return any(count >= occupants for count in per_room.values())

    def arrive(self, planned: PlannedStay) -> None:
        day = planned.arrives
        if not self._capacity(day, 1 + planned.children):
            capacity_referral_create(
                actor=self.worker,
                unit=self.centre,
                data=CapacityReferralInput(
                    occurred_on=day,
                    referred_to="Krisesenteret i nabofylket",
                    reason=ReferralReason.FULL,
                    adults=1,
                    children=planned.children,
                    gender=Gender.WOMAN,
                    municipality=self.rng.choice(self.municipalities),
                ),
                submission_id=uuid.uuid4(),
            )
            self.counts["referrals"] += 1
            return
        resident = self.resident(planned)
        stay = stay_create(
            actor=self.worker,
            unit=self.centre,
            resident=resident,
            data=self.stay_input(planned),
            children=self.children(planned),
            submission_id=uuid.uuid4(),
        )
        self._house(stay, day)
        self.person_ids.append(stay.resident_id)
        self.person_ids += list(stay.children.values_list("child_id", flat=True))
        planned.stay = stay
        self.counts["stays"] += 1
        self.counts["children"] += planned.children
        self.mapping(stay, planned)

    def mapping(self, stay: Stay, planned: PlannedStay) -> None:
        # Most stays get a threat mapping within two days; a few of today's residents are
        # still waiting, which the board flags.
        assessed_on = planned.arrives + timedelta(days=self.rng.randint(0, 2))
        if assessed_on > self.today or self.rng.random() < 0.08:
            return
        threat_assessment_create(
            actor=self.worker,
            stay=stay,
            data=ThreatInput(
                assessed_on=assessed_on,
                method=weighted(
                    self.rng,
                    [
                        (ThreatMethod.STRUCTURED_CONVERSATION, 50),
                        (ThreatMethod.SARA, 30),
                        (ThreatMethod.PATRIARK, 20),
                    ],
                ),
                risk_level=weighted(
                    self.rng, [(RiskLevel.HIGH, 30), (RiskLevel.MODERATE, 45), (RiskLevel.LOW, 25)]
                ),
                threats=self.rng.choice(THREATS),
                perpetrator=self.rng.choice(PERPETRATOR),
                measures=self.rng.choice(MEASURES),
            ),
            submission_id=uuid.uuid4(),
        )
        if self.rng.random() < 0.6:
            reviewed_on = min(assessed_on + timedelta(days=1), self.today)
            safety_plan_save(
                actor=self.worker,
                stay=stay,
                sections={name: self.rng.choice(texts) for name, texts in SAFETY_SECTIONS.items()},
                reviewed_on=reviewed_on,
                next_review_on=reviewed_on + timedelta(days=14),
            )

    def depart(self, planned: PlannedStay) -> None:
        stay = planned.stay
        if stay is None:
            return
        stay_end(
            actor=self.worker,
            stay=stay,
            departed_on=planned.departs,
            destination=self.pick(
                AnswerList.DESTINATION,
                {
                    "own_new_home": 30,
                    "home_without_perpetrator": 15,
                    "return_to_perpetrator": 17,
                    "family_or_friends": 15,
                    "temporary_housing": 10,
                    "other_crisis_centre": 5,
                    "institution": 2,
                    "other": 3,
                    "unknown": 3,
                },
            ).pk,
        )
        self.departed.append(stay.resident)
        self.followup(stay, planned)

    def followup(self, stay: Stay, planned: PlannedStay) -> None:
        """A re-establishment plan for most stays; the older the plan, the more is done.
        Consent to share with NAV and child welfare: given, withdrawn, expired or none."""
        if self.rng.random() < 0.15:
            return
        started_on = max(planned.arrives, planned.departs - timedelta(days=self.rng.randint(0, 5)))
        plan = followup_plan_start(
            actor=self.worker, stay=stay, started_on=started_on, submission_id=uuid.uuid4()
        )
        age = (self.today - started_on).days
        consent = weighted(
            self.rng, [("active", 45), ("withdrawn", 15), ("expired", 15), ("none", 25)]
        )
        units = [self.region.units["NAV Fjordvik"], self.region.units["Barnevernet Fjordvik"]]
        if consent != "none":
            expires_on = None
            if consent == "expired":
                expires_on = min(started_on + timedelta(days=30), self.today - timedelta(days=1))
                expires_on = max(expires_on, started_on)
            followup_consent_record(
                actor=self.worker,
                plan=plan,
                data=ConsentInput(
                    share_consent=True, units=units, given_on=started_on, expires_on=expires_on
                ),
            )
            if consent == "withdrawn":
                followup_consent_record(
                    actor=self.worker, plan=plan, data=ConsentInput(share_consent=False)
                )
        self.tasks(plan, age, shared=consent == "active", units=units)

    def tasks(self, plan: FollowUpPlan, age: int, *, shared: bool, units: list[Unit]) -> None:
        for task in plan.tasks.all():
            roll = self.rng.random()
            if age > 60:
                status = TaskStatus.DONE if roll < 0.75 else TaskStatus.NOT_RELEVANT
            elif age > 14:
                status = weighted(
                    self.rng,
                    [
                        (TaskStatus.DONE, 45),
                        (TaskStatus.IN_PROGRESS, 30),
                        (TaskStatus.NOT_RELEVANT, 10),
                        (TaskStatus.NOT_STARTED, 15),
                    ],
                )
            else:
                status = weighted(
                    self.rng,
                    [
                        (TaskStatus.NOT_STARTED, 55),
                        (TaskStatus.IN_PROGRESS, 35),
                        (TaskStatus.DONE, 10),
                    ],
                )
            responsible = plan.stay.unit
            if shared and task.category == "nav_money":
                responsible = units[0]
            elif shared and task.category == "children" and plan.stay.children.exists():
                responsible = units[1]
            if status == TaskStatus.NOT_STARTED and responsible == task.responsible_unit:
                continue
            followup_task_update(
                actor=self.worker,
                task=task,
                data=TaskInput(
                    category=task.category,
                    title=task.title,
                    responsible_unit=responsible,
                    due_on=task.due_on,
                    status=status,
                ),
                owner=True,
                notes_allowed=True,
            )

    def stays(self) -> None:
        plans = self.plan()
        events: list[tuple[date, int, PlannedStay]] = []
        for planned in plans:
            events.append((planned.arrives, 1, planned))
            if planned.departs <= self.today:
                # Departures come first on a day, so the bed is free for a newcomer.
                events.append((planned.departs, 0, planned))
        events.sort(key=lambda event: (event[0], event[1], event[2].arrives))
        for _day, kind, planned in events:
            if kind == 0:
                self.depart(planned)
            else:
                self.arrive(planned)

    def mark_demo(self) -> None:
        """Flag every person this run made, so that they can be told from real persons."""
        Person.objects.filter(pk__in=self.person_ids).update(is_demo=True)


def seed(region: Region, stdout: Any) -> None:
    """Load the demo year at the region's crisis centre, unless it is there already."""
    centre = region.units[CENTRE]
    if Stay.objects.filter(unit=centre, resident__is_demo=True).exists():
        stdout.write("Crisis centre: demo year already loaded.")
        return
    with transaction.atomic():
        year = DemoYear(region, centre)
        year.rooms()
        year.stays()
        day_offer(year)
        phone_calls(year)
        other_referrals(year)
        year.mark_demo()
    stdout.write(
        f"Crisis centre: {year.counts['stays']} stays with {year.counts['children']} children, "
        f"{DAY_VISITS} day visits, {PHONE_CONTACTS} phone contacts, "
        f"{year.counts['referrals']} times full."
    )
