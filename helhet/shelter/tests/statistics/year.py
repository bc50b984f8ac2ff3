"""A hand-built year of records (2025) at the cast's crisis centre, with known answers.

Built with the shelter services, as a worker would register it. What it holds:

- Anne (woman, born 1990, Nordøy): two stays in 2025, 1–11 February (10 nights, came
  through the police, physical violence and threats, current partner, moved to family)
  and 1–21 June (20 nights, came on her own, returned to the perpetrator).
- Berit (woman, born 1980, Fjordvik): 20 December 2024 – 10 January 2025: a stay of 2024
  with 12 nights in 2024 and 9 in 2025.
- Cecilie (woman, born 2000, Sørdal): 15 December 2025 – 5 January 2026 (21 nights, 17 of
  them in 2025), psychological violence, former partner, came through family, moved to a
  new home. With Ola (boy, born 2015, registered, school interrupted) and Lilla (girl,
  born 2022, under 16, her caregiver did not consent: not registered).
- David (man, born 1970, Fjordvik): 10–11 March 2025 (1 night), referred by NAV,
  psychological and digital violence, relation not registered, moved to a new home.
- Eva (woman, born 1995, Nordøy): 1–5 April 2025 (4 nights), no consent to statistics.
- Day users: G (woman, born 1988, Nordøy) visits 1 March, 15 March (outreach) and
  1 September 2025 and never stays; H (man, born 1960) came on 1 November 2024 and was
  visited at home on 20 January 2025; I came only in 2024.
- Phone: five contacts in 2025 (three from people exposed to violence, two of them
  structured conversations; one relative; one professional, at 23:30 on New Year's Eve),
  one in 2024 and one at 00:30 on 1 January 2026.
- Referrals: two because the offer was full (1 adult and 2 children; 1 adult), one
  because it did not suit the need.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from helhet.people.choices import Gender
from helhet.people.services import PersonInput
from helhet.shelter.choices import AnswerList, DayContactKind, ReferralReason, YesNoUnknown
from helhet.shelter.models import AnswerOption, DayUser, Stay
from helhet.shelter.services import (
    CapacityReferralInput,
    ChildInput,
    DayContactInput,
    DayUserInput,
    PhoneContactInput,
    StayInput,
    capacity_referral_create,
    day_contact_create,
    phone_contact_create,
    stay_create,
    stay_end,
)

YEAR = 2025


def option(answer_list: str, code: str) -> AnswerOption:
    return AnswerOption.objects.get(answer_list=answer_list, code=code)


@dataclass
class Year:
    anne_first: Stay
    anne_second: Stay
    berit: Stay
    cecilie: Stay
    david: Stay
    eva: Stay
    day_user_g: DayUser
    day_user_h: DayUser


def _stay(
    cast: Any,
    resident: PersonInput | Any,
    arrived_on: date,
    *,
    referrer: str,
    municipality: Any,
    violence: tuple[str, ...] = (),
    relation: str | None = None,
    consent: bool = True,
    earlier_contact: str = YesNoUnknown.NO,
    children: tuple[ChildInput, ...] = (),
) -> Stay:
    return stay_create(
        actor=cast.shelter_worker,
        unit=cast.shelter,
        resident=resident,
        data=StayInput(
            arrived_on=arrived_on,
            referrer=option(AnswerList.REFERRER, referrer),
            municipality=municipality,
            violence_types=[option(AnswerList.VIOLENCE_TYPE, code) for code in violence],
            perpetrator_relation=(
                option(AnswerList.PERPETRATOR_RELATION, relation) if relation else None
            ),
            perpetrator_gender=Gender.MAN,
            violence_repeated=YesNoUnknown.YES,
            earlier_contact=earlier_contact,
            statistics_consent=consent,
        ),
        children=list(children),
        submission_id=uuid.uuid4(),
    )


def _end(cast: Any, stay: Stay, departed_on: date, destination: str) -> Stay:
    return stay_end(
        actor=cast.shelter_worker,
        stay=stay,
        departed_on=departed_on,
        destination=option(AnswerList.DESTINATION, destination).pk,
    )


def _visit(cast: Any, day: date, kind: str, *, user: DayUser | None = None, **new: Any) -> Any:
    return day_contact_create(
        actor=cast.shelter_worker,
        unit=cast.shelter,
        day_user=user,
        new_user=DayUserInput(**new) if user is None else None,
        data=DayContactInput(occurred_on=day, kind=kind),
        submission_id=uuid.uuid4(),
    )


def _call(cast: Any, when: datetime, caller: str, *, conversation: bool = False) -> Any:
    return phone_contact_create(
        actor=cast.shelter_worker,
        unit=cast.shelter,
        data=PhoneContactInput(
            started_at=timezone.make_aware(when),
            duration_minutes=20,
            caller_group=option(AnswerList.CALLER_GROUP, caller),
            outcome=option(AnswerList.OUTCOME, "advice"),
            is_conversation=conversation,
        ),
        submission_id=uuid.uuid4(),
    )


def build_year(cast: Any) -> Year:
    anne_first = _stay(
        cast,
        PersonInput(name="Anne Fjell", gender=Gender.WOMAN, birth_year=1990),
        date(2025, 2, 1),
        referrer="police",
        municipality=cast.nordoy,
        violence=("physical", "threats"),
        relation="current_partner",
    )
    _end(cast, anne_first, date(2025, 2, 11), "family_or_friends")
    anne_second = _stay(
        cast,
        anne_first.resident,
        date(2025, 6, 1),
        referrer="self",
        municipality=cast.nordoy,
        violence=("psychological",),
        relation="current_partner",
        earlier_contact=YesNoUnknown.YES,
    )
    _end(cast, anne_second, date(2025, 6, 21), "return_to_perpetrator")
    berit = _stay(
        cast,
        PersonInput(name="Berit Strand", gender=Gender.WOMAN, birth_year=1980),
        date(2024, 12, 20),
        referrer="health",
        municipality=cast.fjordvik,
        violence=("physical",),
        relation="former_partner",
    )
    _end(cast, berit, date(2025, 1, 10), "own_new_home")
    cecilie = _stay(
        cast,
        PersonInput(name="Cecilie Berg", gender=Gender.WOMAN, birth_year=2000),
        date(2025, 12, 15),
        referrer="family_or_friends",
        municipality=cast.sordal,
        violence=("psychological",),
        relation="former_partner",
        children=(
            ChildInput(
                name="Ola Berg",
                gender=Gender.MAN,
                birth_year=2015,
                statistics_consent=True,
                school_interrupted=YesNoUnknown.YES,
                witnessed_violence=YesNoUnknown.YES,
                prefix="child-0-",
            ),
            ChildInput(
                name="Lilla Berg",
                gender=Gender.WOMAN,
                birth_year=2022,
                statistics_consent=False,
                prefix="child-1-",
            ),
        ),
    )
    _end(cast, cecilie, date(2026, 1, 5), "own_new_home")
    david = _stay(
        cast,
        PersonInput(name="David Dal", gender=Gender.MAN, birth_year=1970),
        date(2025, 3, 10),
        referrer="nav",
        municipality=cast.fjordvik,
        violence=("psychological", "digital"),
    )
    _end(cast, david, date(2025, 3, 11), "own_new_home")
    eva = _stay(
        cast,
        PersonInput(name="Eva Lie", gender=Gender.WOMAN, birth_year=1995),
        date(2025, 4, 1),
        referrer="self",
        municipality=cast.nordoy,
        violence=("physical",),
        consent=False,
    )
    _end(cast, eva, date(2025, 4, 5), "own_new_home")

    first = _visit(
        cast,
        date(2025, 3, 1),
        DayContactKind.VISIT,
        gender=Gender.WOMAN,
        birth_year=1988,
        municipality=cast.nordoy,
    )
    day_user_g = first.day_user
    _visit(cast, date(2025, 3, 15), DayContactKind.OUTREACH, user=day_user_g)
    _visit(cast, date(2025, 9, 1), DayContactKind.VISIT, user=day_user_g)
    day_user_h = _visit(
        cast, date(2024, 11, 1), DayContactKind.VISIT, gender=Gender.MAN, birth_year=1960
    ).day_user
    _visit(cast, date(2025, 1, 20), DayContactKind.OUTREACH, user=day_user_h)
    _visit(cast, date(2024, 6, 3), DayContactKind.VISIT, gender=Gender.OTHER, birth_year=1999)

    _call(cast, datetime(2025, 1, 5, 10, 0), "exposed", conversation=True)
    _call(cast, datetime(2025, 5, 5, 14, 0), "exposed", conversation=True)
    _call(cast, datetime(2025, 8, 9, 9, 30), "exposed")
    _call(cast, datetime(2025, 10, 1, 12, 0), "relative")
    _call(cast, datetime(2025, 12, 31, 23, 30), "professional")
    _call(cast, datetime(2024, 7, 1, 12, 0), "exposed")
    _call(cast, datetime(2026, 1, 1, 0, 30), "exposed")

    for occurred_on, reason, adults, children in [
        (date(2025, 2, 2), ReferralReason.FULL, 1, 2),
        (date(2025, 6, 10), ReferralReason.FULL, 1, 0),
        (date(2025, 7, 7), ReferralReason.NOT_SUITED, 1, 0),
    ]:
        capacity_referral_create(
            actor=cast.shelter_worker,
            unit=cast.shelter,
            data=CapacityReferralInput(
                occurred_on=occurred_on,
                referred_to="Krisesenteret i nabofylket",
                reason=reason,
                adults=adults,
                children=children,
            ),
            submission_id=uuid.uuid4(),
        )
    return Year(
        anne_first=anne_first,
        anne_second=anne_second,
        berit=berit,
        cecilie=cecilie,
        david=david,
        eva=eva,
        day_user_g=day_user_g,
        day_user_h=day_user_h,
    )
