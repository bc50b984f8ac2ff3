"""Builders for shelter tests, made with the real services (no rows written by hand)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from helhet.people.services import PersonInput
from helhet.shelter.choices import AnswerList, BedKind, TaskStatus
from helhet.shelter.models import AnswerOption, Bed, FollowUpTask, Room, Stay
from helhet.shelter.services import (
    ChildInput,
    ConsentInput,
    RoomInput,
    StayInput,
    TaskInput,
    bed_create,
    followup_consent_record,
    followup_plan_start,
    followup_task_update,
    room_create,
    stay_create,
)


def submitted(data: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    """The POST of a creating form as the browser sends it: the fields and the form's
    one-time submission id (a new one per call; reuse the dict to post it twice)."""
    return {"submission_id": str(uuid.uuid4()), **(data or {}), **fields}


def ensure_answer_options() -> None:
    """Put the default answer lists back. The data migration loads them once; a
    transactional test (browser, concurrency) ends with a flush that empties every table,
    so the tests that run after one need them loaded again. Idempotent."""
    from importlib import import_module

    from django.apps import apps

    import_module("helhet.shelter.migrations.0002_default_answer_options").load(apps, None)


def option(answer_list: str, code: str) -> AnswerOption:
    return AnswerOption.objects.get(answer_list=answer_list, code=code)


def make_room(cast: Any, name: str = "Rom 1", beds: int = 1, *, family: bool = False) -> Room:
    room = room_create(
        actor=cast.shelter_lead,
        unit=cast.shelter,
        data=RoomInput(name=name, is_family_room=family),
        submission_id=uuid.uuid4(),
    )
    for number in range(1, beds + 1):
        bed_create(
            actor=cast.shelter_lead,
            room=room,
            label=f"Seng {number}",
            kind=BedKind.ADULT if number == 1 else BedKind.CHILD,
            submission_id=uuid.uuid4(),
        )
    return room


def first_bed(room: Room) -> Bed:
    return room.beds.order_by("label").first()


def make_stay(
    cast: Any,
    name: str = "Kari Nordmann",
    *,
    children: list[str] | None = None,
    arrived_on: date | None = None,
    actor: Any = None,
) -> Stay:
    today = timezone.localdate()
    return stay_create(
        actor=actor or cast.shelter_worker,
        unit=cast.shelter,
        resident=PersonInput(name=name, birth_year=today.year - 34),
        data=StayInput(
            arrived_on=arrived_on or today,
            referrer=option(AnswerList.REFERRER, "police"),
            municipality=cast.nordoy,
            violence_types=[
                option(AnswerList.VIOLENCE_TYPE, "physical"),
                option(AnswerList.VIOLENCE_TYPE, "threats"),
            ],
            perpetrator_relation=option(AnswerList.PERPETRATOR_RELATION, "current_partner"),
            statistics_consent=True,
        ),
        children=[
            ChildInput(name=child, birth_year=today.year - 6 - index, prefix=f"child-{index}-")
            for index, child in enumerate(children or [])
        ],
        submission_id=uuid.uuid4(),
    )


def make_shared_task(cast: Any, stay: Stay | None = None, *, overdue: bool = False) -> FollowUpTask:
    """A follow-up task handed to NAV, with the person's consent to share with NAV."""
    stay = stay or make_stay(cast)
    plan = followup_plan_start(actor=cast.shelter_worker, stay=stay, submission_id=uuid.uuid4())
    followup_consent_record(
        actor=cast.shelter_worker,
        plan=plan,
        data=ConsentInput(share_consent=True, units=[cast.nav]),
    )
    task = plan.tasks.get(category="nav_money")
    due = timezone.localdate() - timedelta(days=3) if overdue else task.due_on
    return followup_task_update(
        actor=cast.shelter_worker,
        task=task,
        data=TaskInput(
            category=task.category,
            title=task.title,
            responsible_unit=cast.nav,
            due_on=due,
            status=TaskStatus.NOT_STARTED,
        ),
        owner=True,
        notes_allowed=True,
    )


CHILD_DEFAULTS = {
    "gender": "not_registered",
    "school_interrupted": "unknown",
    "witnessed_violence": "unknown",
    "suffered_violence": "unknown",
    "child_welfare_contact": "unknown",
    "contact_with_violent_parent": "unknown",
}


def intake_data(
    name: str = "Kari Nordmann",
    *,
    children: list[tuple[str, int | None]] = (),
    arrived_on: date | None = None,
    submission_id: str | None = None,
    birth_year: int | None = 1990,
    **overrides: Any,
) -> dict[str, Any]:
    """The POST of the intake page as the browser sends it (every field with its value)."""
    data: dict[str, Any] = {
        "resident-submission_id": submission_id or str(uuid.uuid4()),
        "resident-name": name,
        "resident-birth_year": birth_year or "",
        "resident-gender": "woman",
        "resident-languages": "",
        "resident-address_protection": "none",
        "resident-may_text": "on",
        "resident-safe_times": "",
        "resident-safe_contact_person": "",
        "stay-arrived_on": (arrived_on or timezone.localdate()).isoformat(),
        "stay-referrer": option(AnswerList.REFERRER, "police").pk,
        "stay-municipality": "",
        "stay-violence_types": [option(AnswerList.VIOLENCE_TYPE, "physical").pk],
        "stay-violence_repeated": "yes",
        "stay-perpetrator_relation": option(AnswerList.PERPETRATOR_RELATION, "current_partner").pk,
        "stay-perpetrator_gender": "man",
        "stay-disability": "unknown",
        "stay-immigrant_background": "unknown",
        "stay-earlier_contact": "unknown",
        "stay-statistics_consent": "on",
        "children-TOTAL_FORMS": "3",
        "children-INITIAL_FORMS": "0",
        "children-MIN_NUM_FORMS": "0",
        "children-MAX_NUM_FORMS": "10",
    }
    for index in range(3):
        for key, value in CHILD_DEFAULTS.items():
            data[f"children-{index}-{key}"] = value
        data[f"children-{index}-name"] = ""
        data[f"children-{index}-birth_year"] = ""
    for index, (child_name, year) in enumerate(children):
        data[f"children-{index}-name"] = child_name
        data[f"children-{index}-birth_year"] = year or ""
    data.update(overrides)
    return data
