"""Panels the staff start page shows (settings.HELHET_HOME_PANELS)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from helhet.audit.services import object_type_of
from helhet.core.types import AuthenticatedRequest
from helhet.shelter.choices import Purpose
from helhet.shelter.models import FollowUpTask
from helhet.shelter.selectors import overdue_tasks_for

PANEL_LIMIT = 10


def overdue_tasks(request: AuthenticatedRequest) -> dict[str, Any] | None:
    """Follow-up tasks past their deadline that the user's unit is responsible for (the
    centre's own, and other units' tasks shared with the person's consent). None when
    there are none, so the start page shows no empty panel."""
    from helhet.shelter.access import record_persons_shown

    tasks = list(overdue_tasks_for(user=request.user)[: PANEL_LIMIT + 1])
    if not tasks:
        return None
    shown = tasks[:PANEL_LIMIT]
    # The panel names tasks, not persons; the read is still logged per task and person.
    record_persons_shown(
        request.user,
        [(object_type_of(FollowUpTask), task.pk, task.plan.stay.resident_id) for task in shown],
        unit=None,
        purpose=Purpose.TASK_LIST,
    )
    return {
        "title": _("Forfalte oppfølgingsoppgaver"),
        "template": "shelter/panels/overdue.html",
        "tasks": shown,
        "count": overdue_tasks_for(user=request.user).count(),
    }
