"""The crisis centre's demo year, the contacts that are not stays: day visits, phone
calls and referrals the offer did not suit. A mixin of `DemoYear` (helhet/demo/shelter.py),
whose random generator, options and users it uses."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from typing import Any

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


class ContactsYear:
    """Day offer, phone and referrals of the demo year (see `DemoYear`)."""

    rng: Any
    start: Any
    options: dict[tuple[str, str], Any]
    worker: Any
    lead: Any
    centre: Any
    municipalities: list[Any]
    person_ids: list[int]
    counts: dict[str, int]

    def option(self, answer_list: str, code: str) -> Any:
        raise NotImplementedError

    def pick(self, answer_list: str, weights: dict[str, int]) -> Any:
        raise NotImplementedError

    # Day offer, phone, referrals ---------------------------------------------------------

    def day_offer(self) -> None:
        users: list[DayUser] = []
        days = sorted(
            self.start + timedelta(days=self.rng.randint(0, DAYS - 1)) for _ in range(DAY_VISITS)
        )
        topics = [code for (answer_list, code) in self.options if answer_list == AnswerList.TOPIC]
        staff = [self.worker, self.lead]
        for day in days:
            new = len(users) < DAY_USERS and (not users or self.rng.random() < 0.35)
            user = None if new else self.rng.choice(users)
            new_user = None
            if new:
                gender = weighted(
                    self.rng, [(Gender.WOMAN, 80), (Gender.MAN, 17), (Gender.OTHER, 3)]
                )
                registered = self.rng.random() < 0.2
                first = self.rng.choice(
                    FIRST_NAMES_MEN if gender == Gender.MAN else FIRST_NAMES_WOMEN
                )
                new_user = DayUserInput(
                    gender=gender,
                    birth_year=day.year - self.rng.randint(18, 75)
                    if self.rng.random() < 0.9
                    else None,
                    municipality=weighted(
                        self.rng,
                        [
                            (self.municipalities[0], 55),
                            (self.municipalities[1], 25),
                            (self.municipalities[2], 15),
                            (None, 5),
                        ],
                    ),
                    name=f"{first} {self.rng.choice(LAST_NAMES)}" if registered else "",
                )
            contact = day_contact_create(
                actor=self.worker,
                unit=self.centre,
                day_user=user,
                new_user=new_user,
                data=DayContactInput(
                    occurred_on=day,
                    kind=weighted(
                        self.rng, [(DayContactKind.VISIT, 78), (DayContactKind.OUTREACH, 22)]
                    ),
                    topics=[
                        self.option(AnswerList.TOPIC, code)
                        for code in self.rng.sample(topics, k=self.rng.randint(1, 3))
                    ],
                    staff=self.rng.sample(staff, k=self.rng.randint(1, 2)),
                    duration_minutes=self.rng.choice([30, 45, 60, 60, 90]),
                    with_children=self.rng.random() < 0.2,
                    with_interpreter=self.rng.random() < 0.15,
                    with_other_service=self.rng.random() < 0.1,
                ),
                submission_id=uuid.uuid4(),
            )
            if new:
                users.append(contact.day_user)
                if contact.day_user.person_id:
                    self.person_ids.append(contact.day_user.person_id)

    def phone(self) -> None:
        zone = timezone.get_current_timezone()
        topics = [code for (answer_list, code) in self.options if answer_list == AnswerList.TOPIC]
        for _index in range(PHONE_CONTACTS):
            # Up to yesterday, so that no call lies later than the moment the demo runs.
            day = self.start + timedelta(days=self.rng.randint(0, DAYS - 2))
            hour = weighted(
                self.rng,
                [
                    (self.rng.randint(8, 15), 60),
                    (self.rng.randint(16, 22), 30),
                    (self.rng.choice([23, 0, 1, 2, 3, 4, 5, 6, 7]), 10),
                ],
            )
            started_at = timezone.make_aware(
                datetime.combine(day, time(hour, self.rng.randint(0, 59))), zone
            )
            caller = weighted(
                self.rng,
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
                actor=self.worker,
                unit=self.centre,
                data=PhoneContactInput(
                    started_at=started_at,
                    duration_minutes=self.rng.choice([3, 5, 10, 15, 20, 30, 45, 60]),
                    caller_group=self.option(AnswerList.CALLER_GROUP, caller),
                    outcome=self.pick(
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
                        self.option(AnswerList.TOPIC, code)
                        for code in self.rng.sample(topics, k=self.rng.randint(1, 2))
                    ],
                    caller_gender=weighted(
                        self.rng,
                        [(Gender.WOMAN, 70), (Gender.MAN, 20), (Gender.NOT_REGISTERED, 10)],
                    ),
                    municipality=(
                        self.rng.choice(self.municipalities) if self.rng.random() < 0.4 else None
                    ),
                    is_conversation=caller == "exposed" and self.rng.random() < 0.3,
                ),
                submission_id=uuid.uuid4(),
            )

    def other_referrals(self) -> None:
        """A few people the offer did not suit, or who lived too close to the perpetrator."""
        for reason in [
            ReferralReason.NOT_SUITED,
            ReferralReason.NOT_SUITED,
            ReferralReason.SECURITY,
        ]:
            capacity_referral_create(
                actor=self.worker,
                unit=self.centre,
                data=CapacityReferralInput(
                    occurred_on=self.start + timedelta(days=self.rng.randint(0, DAYS - 1)),
                    referred_to="Krisesenteret i nabofylket",
                    reason=reason,
                    adults=1,
                    children=self.rng.randint(0, 2),
                    gender=Gender.WOMAN,
                ),
                submission_id=uuid.uuid4(),
            )
