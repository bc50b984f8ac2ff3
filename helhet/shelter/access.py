"""Chokepoints of the crisis centre: the only way a view gets a stay, a task, a room, an
answer option or the centre it works in. Each narrows a queryset to what the user may see
and hands it to `core.access.fetch_or_404`.

404 for "does not exist" and "not yours" alike. Every read of a stay (and of the persons
a page shows) and every refusal is written to the audit log.

- Staff of a crisis centre see the centre's stays.
- Staff of another unit (NAV …) see only follow-up tasks assigned to their unit, and only
  while the person's consent to share covers that unit; never the stay.
- The system administrator sees no stay and no task.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import Subject, events_record
from helhet.core.access import fetch_or_404, parse_pk
from helhet.core.types import AuthenticatedRequest
from helhet.organisation.models import Unit
from helhet.organisation.roles import Cap
from helhet.shelter.models import AnswerOption, FollowUpTask, Room, Stay
from helhet.shelter.selectors import centres_for, managed_centres, visible_stays, visible_tasks

if TYPE_CHECKING:
    from helhet.core.types import User

# The query parameter (or form field) that names the centre a page works in.
CENTRE_PARAM = "senter"


def get_stay_for(user: User, stay_id: int | str, *, purpose: str, edit: bool = False) -> Stay:
    """The stay if the user works at its centre (with the edit capability when `edit`);
    the read is audited with the resident as the person."""
    stays = visible_stays(user=user)
    if edit:
        stays = stays.filter(unit__in=centres_for(user=user, capability=Cap.CASE_EDIT))
    return fetch_or_404(
        user,
        stays.select_related("unit", "resident", "resident__key"),
        stay_id,
        purpose=purpose,
        person="resident_id",
        unit="unit",
    )


def get_task_for(user: User, task_id: int | str, *, purpose: str) -> FollowUpTask:
    """A follow-up task the user may see (their centre's, or assigned to their unit with
    consent). The read is audited with the resident as the person."""
    tasks = visible_tasks(user=user).select_related(
        "responsible_unit",
        "plan",
        "plan__stay",
        "plan__stay__unit",
        "plan__stay__resident",
        "plan__stay__resident__key",
    )
    return fetch_or_404(
        user,
        tasks,
        task_id,
        purpose=purpose,
        person="plan__stay__resident_id",
        unit="responsible_unit",
    )


def get_room_for(user: User, room_id: int | str, *, purpose: str) -> Room:
    """A room of a centre the user leads. Rooms hold no personal data: only a refusal is
    recorded."""
    rooms = Room.objects.select_related("unit").filter(unit__in=managed_centres(user=user))
    return fetch_or_404(user, rooms, room_id, purpose=purpose, record=False)


def get_answer_option_for(user: User, option_id: int | str, *, purpose: str) -> AnswerOption:
    """An answer option, for a lead of a crisis centre (the caller checks that first).
    Answer lists are reference data shared by every centre."""
    return fetch_or_404(user, AnswerOption.objects.all(), option_id, purpose=purpose, record=False)


def _chosen(request: AuthenticatedRequest, centres: list[Unit]) -> Unit | None:
    wanted = parse_pk(request.GET.get(CENTRE_PARAM) or request.POST.get(CENTRE_PARAM))
    if wanted is not None:
        return next((unit for unit in centres if unit.pk == wanted), None)
    return centres[0] if centres else None


def get_centre_for(request: AuthenticatedRequest, *, capability: str = Cap.CASE_VIEW) -> Unit:
    """The crisis centre the request works in: the one named by ?senter=, or the user's
    first. 404 when the user works at no crisis centre (with that capability)."""
    centres = list(centres_for(user=request.user, capability=capability).order_by("name"))
    unit = _chosen(request, centres)
    if unit is None:
        raise Http404(_("Du arbeider ikke ved et krisesenter."))
    return unit


def get_managed_centre_for(request: AuthenticatedRequest) -> Unit:
    """The crisis centre the user leads (rooms, beds and answer lists)."""
    centres = list(managed_centres(user=request.user).order_by("name"))
    unit = _chosen(request, centres)
    if unit is None:
        raise Http404(_("Du er ikke leder ved et krisesenter."))
    return unit


def record_persons_shown(
    user: User,
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
