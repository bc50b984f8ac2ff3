"""The crisis centre's demo year, the contacts that are not stays: day visits, phone
calls and referrals the offer did not suit, drawn with the `DemoYear`'s random generator,
answer options and users (helhet/demo/shelter.py)."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from helhet.demo.shelter_data import (
    DAY_USERS,
    DAY_VISITS,
    DAYS,
    FIRST_NAMES_MEN,
    FIRST_NAMES_WOMEN,
    LAST_NAMES,
    PHONE_CONTACTS,
    weighted,
)
from helhet.people.choices import Gender
from helhet.shelter.choices import AnswerList, DayContactKind, ReferralReason
from helhet.shelter.models import DayUser
from helhet.shelter.services import (
    CapacityReferralInput,
    DayContactInput,
    DayUserInput,
    PhoneContactInput,
    capacity_referral_create,
    day_contact_create,
    phone_contact_create,
)

if TYPE_CHECKING:
    from helhet.demo.shelter import DemoYear


def day_offer(year: DemoYear) -> None:
    """Day visits over the year: new day users early on, returning ones later."""
    users: list[DayUser] = []
    days = sorted(
        year.start + timedelta(days=year.rng.randint(0, DAYS - 1)) for _ in range(DAY_VISITS)
    )
    topics = [code for (answer_list, code) in year.options if answer_list == AnswerList.TOPIC]
    staff = [year.worker, year.lead]
    for day in days:
        new = len(users) < DAY_USERS and (not users or year.rng.random() < 0.35)
        user = None if new else year.rng.choice(users)
        new_user = None
        if new:
            gender = weighted(year.rng, [(Gender.WOMAN, 80), (Gender.MAN, 17), (Gender.OTHER, 3)])
            registered = year.rng.random() < 0.2
            first = year.rng.choice(FIRST_NAMES_MEN if gender == Gender.MAN else FIRST_NAMES_WOMEN)
            new_user = DayUserInput(
                gender=gender,
                birth_year=day.year - year.rng.randint(18, 75) if year.rng.random() < 0.9 else None,
                municipality=weighted(
                    year.rng,
                    [
                        (year.municipalities[0], 55),
                        (year.municipalities[1], 25),
                        (year.municipalities[2], 15),
                        (None, 5),
                    ],
                ),
                name=f"{first} {year.rng.choice(LAST_NAMES)}" if registered else "",
            )
        contact = day_contact_create(
            actor=year.worker,
            unit=year.centre,
            day_user=user,
            new_user=new_user,
            data=DayContactInput(
                occurred_on=day,
                kind=weighted(
                    year.rng, [(DayContactKind.VISIT, 78), (DayContactKind.OUTREACH, 22)]
                ),
                topics=[
                    year.option(AnswerList.TOPIC, code)
                    for code in year.rng.sample(topics, k=year.rng.randint(1, 3))
                ],
                staff=year.rng.sample(staff, k=year.rng.randint(1, 2)),
                duration_minutes=year.rng.choice([30, 45, 60, 60, 90]),
                with_children=year.rng.random() < 0.2,
                with_interpreter=year.rng.random() < 0.15,
                with_other_service=year.rng.random() < 0.1,
            ),
            submission_id=uuid.uuid4(),
        )
        if new:
            users.append(contact.day_user)
            if contact.day_user.person_id:
                year.person_ids.append(contact.day_user.person_id)


def phone_calls(year: DemoYear) -> None:
    """Anonymous calls on the centre's phone, most in the daytime."""
    zone = timezone.get_current_timezone()
    topics = [code for (answer_list, code) in year.options if answer_list == AnswerList.TOPIC]
    for _index in range(PHONE_CONTACTS):
        # Up to yesterday, so that no call lies later than the moment the demo runs.
        day = year.start + timedelta(days=year.rng.randint(0, DAYS - 2))
        hour = weighted(
            year.rng,
            [
                (year.rng.randint(8, 15), 60),
                (year.rng.randint(16, 22), 30),
                (year.rng.choice([23, 0, 1, 2, 3, 4, 5, 6, 7]), 10),
            ],
        )
        started_at = timezone.make_aware(
            datetime.combine(day, time(hour, year.rng.randint(0, 59))), zone
        )
        caller = weighted(
            year.rng,
            [
                ("exposed", 55),
                ("relative", 15),
                ("professional", 18),
                ("perpetrator", 3),
                ("other", 5),
                ("unknown", 4),
            ],
        )
        phone_contact_create(
            actor=year.worker,
            unit=year.centre,
            data=PhoneContactInput(
                started_at=started_at,
                duration_minutes=year.rng.choice([3, 5, 10, 15, 20, 30, 45, 60]),
                caller_group=year.option(AnswerList.CALLER_GROUP, caller),
                outcome=year.pick(
                    AnswerList.OUTCOME,
                    {
                        "advice": 50,
                        "day_appointment": 15,
                        "stay_offered": 10,
                        "referred_full": 3,
                        "referred_other": 15,
                        "emergency": 2,
                        "other": 5,
                    },
                ),
                topics=[
                    year.option(AnswerList.TOPIC, code)
                    for code in year.rng.sample(topics, k=year.rng.randint(1, 2))
                ],
                caller_gender=weighted(
                    year.rng,
                    [(Gender.WOMAN, 70), (Gender.MAN, 20), (Gender.NOT_REGISTERED, 10)],
                ),
                municipality=(
                    year.rng.choice(year.municipalities) if year.rng.random() < 0.4 else None
                ),
                is_conversation=caller == "exposed" and year.rng.random() < 0.3,
            ),
            submission_id=uuid.uuid4(),
        )


def other_referrals(year: DemoYear) -> None:
    """A few people the offer did not suit, or who lived too close to the perpetrator."""
    for reason in [
        ReferralReason.NOT_SUITED,
        ReferralReason.NOT_SUITED,
        ReferralReason.SECURITY,
    ]:
        capacity_referral_create(
            actor=year.worker,
            unit=year.centre,
            data=CapacityReferralInput(
                occurred_on=year.start + timedelta(days=year.rng.randint(0, DAYS - 1)),
                referred_to="Krisesenteret i nabofylket",
                reason=reason,
                adults=1,
                children=year.rng.randint(0, 2),
                gender=Gender.WOMAN,
            ),
            submission_id=uuid.uuid4(),
        )
