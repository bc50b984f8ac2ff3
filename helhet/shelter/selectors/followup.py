"""Reads of the follow-up plan: which tasks a user may see, and what they may do with them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from helhet.organisation.roles import Cap
from helhet.organisation.selectors import units_with
from helhet.people.models import Person
from helhet.people.sealing import unseal
from helhet.shelter.choices import OPEN_TASK_STATUSES, ConsentScope
from helhet.shelter.models import FollowUpPlan, FollowUpTask, Stay
from helhet.shelter.selectors.base import centres_for

if TYPE_CHECKING:
    from helhet.core.types import User


def task_notes(task: FollowUpTask, resident: Person) -> str | None:
    values = unseal(resident, {"notes": task.notes_enc}, context=task.sealing_context)
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


def visible_tasks(*, user: User, today: date | None = None) -> QuerySet[FollowUpTask]:
    """Follow-up tasks the user may see: every task of their own centres' plans, and tasks
    assigned to their unit by another centre while the person's consent covers that unit."""
    today = today or timezone.localdate()
    units = units_with(user=user, capability=Cap.CASE_VIEW)
    return FollowUpTask.objects.annotate(consent_covers=_consent_covers_unit()).filter(
        Q(plan__stay__unit__in=units) | (Q(responsible_unit__in=units) & consent_active_q(today))
    )


def unit_task_list(*, user: User, status: str = "open") -> QuerySet[FollowUpTask]:
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


def overdue_tasks_for(*, user: User, today: date | None = None) -> QuerySet[FollowUpTask]:
    today = today or timezone.localdate()
    return unit_task_list(user=user).filter(due_on__lt=today)


def plan_tasks(plan: FollowUpPlan) -> QuerySet[FollowUpTask]:
    return plan.tasks.select_related("responsible_unit", "updated_by").order_by("due_on", "id")


@dataclass(frozen=True)
class TaskPermissions:
    """What the user may do with a task they can see."""

    owner: bool  # staff of the centre whose stay it is: everything
    notes_allowed: bool  # may read and write the notes


def task_permissions(*, user: User, task: FollowUpTask) -> TaskPermissions:
    owner = centres_for(user=user).filter(pk=task.plan.stay.unit_id).exists()
    if owner:
        return TaskPermissions(owner=True, notes_allowed=True)
    return TaskPermissions(
        owner=False, notes_allowed=task.plan.consent_scope == ConsentScope.TASKS_AND_NOTES
    )


def task_overdue(task: FollowUpTask, *, today: date | None = None) -> bool:
    """The task is still open and its deadline has passed."""
    today = today or timezone.localdate()
    return task.status in OPEN_TASK_STATUSES and task.due_on < today


def followup_plan_of(stay: Stay) -> FollowUpPlan | None:
    """The stay's follow-up plan with the units its consent names, or None."""
    return FollowUpPlan.objects.filter(stay=stay).prefetch_related("consent_units").first()


def followup_summary(stay: Stay) -> FollowUpPlan | None:
    """The stay's follow-up plan with `open_tasks`, the number of tasks still open."""
    return (
        FollowUpPlan.objects.filter(stay=stay)
        .annotate(open_tasks=Count("tasks", filter=Q(tasks__status__in=OPEN_TASK_STATUSES)))
        .first()
    )
