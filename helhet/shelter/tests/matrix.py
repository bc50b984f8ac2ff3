"""The role × view matrix for the crisis centre (run by tests/test_view_policy.py).

member = shelter_worker (or shelter_lead for rooms and answer lists), other_unit =
nav_worker: a stay is 404 to staff of another unit; the system administrator has no case
capability (403), and is no centre lead (404 for rooms).
"""

from __future__ import annotations

import uuid
from typing import Any

from helhet.core.testing import LOGIN, Case
from helhet.shelter.models import AnswerOption
from helhet.shelter.services import followup_plan_start
from helhet.shelter.tests.factories import make_room, make_stay


def _expect(member: int, other_unit: int, admin: int, outsider: int = 403) -> dict[str, Any]:
    return {
        "anonymous": LOGIN,
        "outsider": outsider,
        "member": member,
        "other_unit": other_unit,
        "admin": admin,
    }


# Pages of the centre: a NAV worker holds the capability but works at no crisis centre.
CENTRE = _expect(member=200, other_unit=404, admin=403)
# A stay or a task of the centre: never shown to another unit or the administrator.
STAY = _expect(member=200, other_unit=404, admin=403)
# The lead's pages: a NAV worker lacks the capability; the administrator has it, but
# leads no crisis centre.
LEAD = _expect(member=200, other_unit=403, admin=404)


def _stay(cast: Any) -> dict[str, Any]:
    return {"pk": make_stay(cast).pk}


def _stay_with_plan(cast: Any) -> dict[str, Any]:
    stay = make_stay(cast)
    followup_plan_start(actor=cast.shelter_worker, stay=stay, submission_id=uuid.uuid4())
    return {"pk": stay.pk}


def _internal_task(cast: Any) -> dict[str, Any]:
    stay = make_stay(cast)
    plan = followup_plan_start(actor=cast.shelter_worker, stay=stay, submission_id=uuid.uuid4())
    return {"pk": plan.tasks.first().pk}


def _room(cast: Any) -> dict[str, Any]:
    return {"pk": make_room(cast).pk}


def _option(cast: Any) -> dict[str, Any]:
    return {"pk": AnswerOption.objects.order_by("pk").first().pk}


CASES = [
    # Staff of another unit reach the board from the menu and are sent to their tasks.
    Case("shelter:board", expect=_expect(member=200, other_unit=200, admin=403)),
    Case("shelter:phone", expect=CENTRE),
    Case(
        "shelter:phone_undo",
        method="post",
        expect=_expect(member=302, other_unit=404, admin=403),
    ),
    Case("shelter:day_list", expect=CENTRE),
    Case("shelter:day_create", expect=CENTRE),
    Case("shelter:capacity_referral", expect=CENTRE),
    Case("shelter:stay_list", expect=CENTRE),
    Case("shelter:stay_create", expect=CENTRE),
    Case("shelter:stay_detail", expect=STAY, kwargs=_stay),
    Case("shelter:stay_update", expect=STAY, kwargs=_stay),
    Case("shelter:child_add", expect=STAY, kwargs=_stay),
    Case("shelter:stay_allocate", expect=STAY, kwargs=_stay),
    Case("shelter:stay_end", expect=STAY, kwargs=_stay),
    Case("shelter:safety_plan", expect=STAY, kwargs=_stay),
    Case("shelter:threat_create", expect=STAY, kwargs=_stay),
    Case("shelter:followup", expect=STAY, kwargs=_stay_with_plan),
    # An empty consent form is refused with its errors (400), not saved.
    Case(
        "shelter:followup_consent",
        method="post",
        kwargs=_stay_with_plan,
        expect=_expect(member=400, other_unit=404, admin=403),
    ),
    Case("shelter:task_create", expect=STAY, kwargs=_stay_with_plan),
    # Every unit has a task list (tasks shared with it by consent).
    Case("shelter:task_list", expect=_expect(member=200, other_unit=200, admin=403)),
    # A task the centre kept internal: NAV has no consent to see it.
    Case("shelter:task_detail", expect=STAY, kwargs=_internal_task),
    Case("shelter:room_list", expect=LEAD, member="shelter_lead"),
    Case("shelter:room_detail", expect=LEAD, member="shelter_lead", kwargs=_room),
    Case("shelter:answer_lists", expect=LEAD, member="shelter_lead"),
    Case(
        "shelter:answer_toggle",
        method="post",
        member="shelter_lead",
        kwargs=_option,
        expect=_expect(member=302, other_unit=403, admin=404),
    ),
]
