"""Chokepoints of the crisis centre: the only way a view gets a stay, a task, a room or the
centre it works in.

404 for "does not exist" and "not yours" alike. Every read of a stay (and of the persons
a page shows) and every refusal is written to the audit log.

- Staff of a crisis centre see the centre's stays.
- Staff of another unit (NAV …) see only follow-up tasks assigned to their unit, and only
  while the person's consent to share covers that unit; never the stay.
- The system administrator sees no stay and no task.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import Subject, event_record, events_record
from helhet.organisation.models import Unit
from helhet.organisation.roles import Cap
from helhet.people.selectors import PERSON_OBJECT_TYPE
from helhet.shelter.models import FollowUpTask, Room, Stay
from helhet.shelter.selectors import (
    STAY_OBJECT_TYPE,
    centres_for,
    managed_centres,
    visible_stays,
    visible_tasks,
)

TASK_OBJECT_TYPE = "shelter.followuptask"
ROOM_OBJECT_TYPE = "shelter.room"
CENTRE_PARAM = "senter"


def _pk(value: Any) -> int | None:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk < 2**63 else None


def _deny(
    user: Any, object_type: str, object_id: Any, *, purpose: str, person_id: int | None
) -> Http404:
    event_record(
        kind=EventKind.ACCESS_DENIED,
        actor=user,
        object_type=object_type,
        object_id=str(object_id)[:64],
        person_id=person_id,
        purpose=purpose,
    )
    return Http404(_("Siden finnes ikke, eller du har ikke tilgang til den."))


def get_stay_for(user: Any, stay_id: Any, *, purpose: str, edit: bool = False) -> Stay:
    """The stay if the user works at its centre (with the edit capability when `edit`);
    the read is audited with the resident as the person."""
    pk = _pk(stay_id)
    stays = visible_stays(user=user)
    if edit:
        stays = stays.filter(unit__in=centres_for(user=user, capability=Cap.CASE_EDIT))
    stay = (
        stays.select_related("unit", "resident", "resident__key").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if stay is None:
        existing = (
            Stay.objects.filter(pk=pk).values_list("resident_id", flat=True).first() if pk else None
        )
        raise _deny(user, STAY_OBJECT_TYPE, stay_id, purpose=purpose, person_id=existing)
    event_record(
        kind=EventKind.READ,
        actor=user,
        object_type=STAY_OBJECT_TYPE,
        object_id=stay.pk,
        person_id=stay.resident_id,
        unit=stay.unit,
        purpose=purpose,
    )
    return stay


def get_task_for(user: Any, task_id: Any, *, purpose: str) -> FollowUpTask:
    """A follow-up task the user may see (their centre's, or assigned to their unit with
    consent). The read is audited with the resident as the person."""
    pk = _pk(task_id)
    task = (
        visible_tasks(user=user)
        .select_related(
            "responsible_unit",
            "plan",
            "plan__stay",
            "plan__stay__unit",
            "plan__stay__resident",
            "plan__stay__resident__key",
        )
        .filter(pk=pk)
        .first()
        if pk is not None
        else None
    )
    if task is None:
        existing = (
            FollowUpTask.objects.filter(pk=pk)
            .values_list("plan__stay__resident_id", flat=True)
            .first()
            if pk
            else None
        )
        raise _deny(user, TASK_OBJECT_TYPE, task_id, purpose=purpose, person_id=existing)
    event_record(
        kind=EventKind.READ,
        actor=user,
        object_type=TASK_OBJECT_TYPE,
        object_id=task.pk,
        person_id=task.plan.stay.resident_id,
        unit=task.responsible_unit,
        purpose=purpose,
    )
    return task


def get_room_for(user: Any, room_id: Any, *, purpose: str) -> Room:
    """A room of a centre the user leads."""
    pk = _pk(room_id)
    room = (
        Room.objects.select_related("unit")
        .filter(pk=pk, unit__in=managed_centres(user=user))
        .first()
        if pk is not None
        else None
    )
    if room is None:
        raise _deny(user, ROOM_OBJECT_TYPE, room_id, purpose=purpose, person_id=None)
    return room


def _chosen(request: HttpRequest, centres: list[Unit]) -> Unit | None:
    wanted = _pk(request.GET.get(CENTRE_PARAM) or request.POST.get(CENTRE_PARAM))
    if wanted is not None:
        return next((unit for unit in centres if unit.pk == wanted), None)
    return centres[0] if centres else None


def get_centre_for(request: HttpRequest, *, capability: str = Cap.CASE_VIEW) -> Unit:
    """The crisis centre the request works in: the one named by ?senter=, or the user's
    first. 404 when the user works at no crisis centre (with that capability)."""
    centres = list(centres_for(user=request.user, capability=capability).order_by("name"))
    unit = _chosen(request, centres)
    if unit is None:
        raise Http404(_("Du arbeider ikke ved et krisesenter."))
    return unit


def get_managed_centre_for(request: HttpRequest) -> Unit:
    """The crisis centre the user leads (rooms, beds and answer lists)."""
    centres = list(managed_centres(user=request.user).order_by("name"))
    unit = _chosen(request, centres)
    if unit is None:
        raise Http404(_("Du er ikke leder ved et krisesenter."))
    return unit


def record_persons_shown(
    user: Any,
    shown: Iterable[tuple[str, int, int]],
    *,
    unit: Unit | None,
    purpose: str,
) -> None:
    """One read event per record and person a list page showed by name:
    (object type, object id, person id)."""
    subjects = [
        Subject(object_type, object_id, person_id) for object_type, object_id, person_id in shown
    ]
    if subjects:
        events_record(
            kind=EventKind.READ, actor=user, subjects=subjects, unit=unit, purpose=purpose
        )


def record_person_read(user: Any, person_id: int, *, unit: Unit | None, purpose: str) -> None:
    """A page showed a person's own data (contact preferences, address protection)."""
    event_record(
        kind=EventKind.READ,
        actor=user,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person_id,
        person_id=person_id,
        unit=unit,
        purpose=purpose,
    )
