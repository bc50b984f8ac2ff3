"""Writes of the follow-up plan after a stay: the checklist, consent to share, tasks."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record_for
from helhet.core.idempotency import once
from helhet.core.updates import changed_detail, model_update
from helhet.organisation.models import Unit
from helhet.people.sealing import seal
from helhet.shelter.choices import ConsentScope, Purpose, TaskCategory, TaskStatus
from helhet.shelter.models import FollowUpPlan, FollowUpTask, Stay
from helhet.shelter.services.base import ShelterError, current_day, short_text

if TYPE_CHECKING:
    from helhet.core.types import User

# The default deadline of a checklist task, counted from the day the plan starts.
DEFAULT_TASK_DAYS = 14


@transaction.atomic
def followup_plan_start(
    *, actor: User, stay: Stay, started_on: date | None = None, submission_id: uuid.UUID
) -> FollowUpPlan:
    """Start the re-establishment plan with the default checklist. The centre is responsible
    for every task until a worker hands one to another unit."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _followup_plan_start(actor=actor, stay=stay, started_on=started_on),
    )


def _followup_plan_start(
    *, actor: User, stay: Stay, started_on: date | None = None
) -> FollowUpPlan:
    # One plan per stay: a start from a second tab finds the plan the first one started.
    existing = FollowUpPlan.objects.filter(stay=stay).first()
    if existing is not None:
        return existing
    started_on = started_on or current_day()
    if started_on > current_day():
        raise ShelterError(_("Startdatoen kan ikke være fram i tid."), field="started_on")
    plan = FollowUpPlan(stay=stay, started_on=started_on, created_by=actor)
    plan.full_clean(exclude=["stay"])
    plan.save()
    due = started_on + timedelta(days=DEFAULT_TASK_DAYS)
    FollowUpTask.objects.bulk_create(
        FollowUpTask(
            plan=plan,
            category=category,
            title=str(category.label),
            responsible_unit=stay.unit,
            due_on=due,
            updated_by=actor,
        )
        for category in TaskCategory
        if category != TaskCategory.OTHER
    )
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=plan,
        person_id=stay.resident_id,
        unit=stay.unit,
    )
    return plan


_CONSENT_FIELDS = (
    "share_consent",
    "consent_scope",
    "consent_given_on",
    "consent_expires_on",
    "consent_withdrawn_on",
)


@dataclass
class ConsentInput:
    share_consent: bool
    scope: str = ConsentScope.TASKS
    units: Sequence[Unit] = ()
    given_on: date | None = None
    expires_on: date | None = None


@transaction.atomic
def followup_consent_record(*, actor: User, plan: FollowUpPlan, data: ConsentInput) -> FollowUpPlan:
    """Record the person's consent to share follow-up tasks with other units (and with
    which), or its withdrawal. Without consent, every task stays internal to the centre."""
    today = current_day()
    if data.share_consent:
        units = [unit for unit in data.units if unit.pk != plan.stay.unit_id]
        if not units:
            raise ShelterError(
                _("Velg hvilke enheter personen samtykker til at oppgaver deles med."),
                field="units",
            )
        given_on = data.given_on or today
        if given_on > today:
            raise ShelterError(_("Datoen kan ikke være fram i tid."), field="given_on")
        if data.expires_on is not None and data.expires_on < given_on:
            raise ShelterError(_("Samtykket kan ikke utløpe før det ble gitt."), field="expires_on")
        if data.scope not in ConsentScope.values:
            raise ShelterError(_("Velg hva som kan deles."), field="scope")
        values = {
            "share_consent": True,
            "consent_scope": data.scope,
            "consent_given_on": given_on,
            "consent_expires_on": data.expires_on,
            "consent_withdrawn_on": None,
        }
        detail = "consent:" + ",".join(str(unit.pk) for unit in units)
    else:
        if not plan.share_consent:
            raise ShelterError(_("Det er ikke registrert noe samtykke å trekke."))
        units = []
        values = {"share_consent": False, "consent_withdrawn_on": today}
        detail = "consent:withdrawn"
    # The detail names the units, not the changed fields: recording a consent is an act
    # of its own even when it repeats the one before.
    model_update(instance=plan, fields=_CONSENT_FIELDS, data=values)
    plan.consent_units.set(units)
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=plan,
        person_id=plan.stay.resident_id,
        unit=plan.stay.unit,
        purpose=Purpose.CONSENT,
        detail=detail,
    )
    return plan


# What a change to a task may touch (the notes as their ciphertext).
_TASK_FIELDS = (
    "category",
    "title",
    "responsible_unit",
    "due_on",
    "status",
    "completed_on",
    "notes_enc",
)


@dataclass
class TaskInput:
    category: str
    title: str
    responsible_unit: Unit
    due_on: date
    status: str = TaskStatus.NOT_STARTED
    notes: str | None = None  # None: leave the notes as they are


def _check_task(data: TaskInput) -> None:
    if data.category not in TaskCategory.values:
        raise ShelterError(_("Velg område."), field="category")
    if not short_text(data.title):
        raise ShelterError(_("Skriv hva oppgaven går ut på."), field="title")
    if data.due_on is None:
        raise ShelterError(_("Skriv en frist."), field="due_on")
    if data.status not in TaskStatus.values:
        raise ShelterError(_("Velg status."), field="status")
    if data.responsible_unit is None or not data.responsible_unit.is_active:
        raise ShelterError(_("Velg en aktiv enhet som er ansvarlig."), field="responsible_unit")


@transaction.atomic
def followup_task_create(
    *, actor: User, plan: FollowUpPlan, data: TaskInput, submission_id: uuid.UUID
) -> FollowUpTask:
    """Add a task to the plan."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _followup_task_create(actor=actor, plan=plan, data=data),
    )


def _followup_task_create(*, actor: User, plan: FollowUpPlan, data: TaskInput) -> FollowUpTask:
    _check_task(data)
    task = FollowUpTask(
        plan=plan,
        category=data.category,
        title=short_text(data.title),
        responsible_unit=data.responsible_unit,
        due_on=data.due_on,
        status=data.status,
        completed_on=current_day() if data.status == TaskStatus.DONE else None,
        updated_by=actor,
    )
    if data.notes:
        task.notes_enc = seal(
            plan.stay.resident, {"notes": data.notes}, context=task.sealing_context
        )["notes"]
    task.full_clean(exclude=["plan", "responsible_unit"])
    task.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=task,
        person_id=plan.stay.resident_id,
        unit=plan.stay.unit,
    )
    return task


@transaction.atomic
def followup_task_update(
    *, actor: User, task: FollowUpTask, data: TaskInput, owner: bool, notes_allowed: bool
) -> FollowUpTask:
    """Change a task. The centre (`owner`) may change everything; the responsible unit
    may change the status, and the notes when the consent covers notes."""
    _check_task(data)
    if data.notes is not None and not (owner or notes_allowed):
        raise ShelterError(_("Samtykket omfatter ikke notater."), field="notes")
    values: dict[str, Any] = {}
    if owner:
        values.update(
            category=data.category,
            title=short_text(data.title),
            responsible_unit=data.responsible_unit,
            due_on=data.due_on,
        )
    if task.status != data.status:
        values["status"] = data.status
        values["completed_on"] = current_day() if data.status == TaskStatus.DONE else None
    if data.notes is not None:
        values["notes_enc"] = seal(
            task.plan.stay.resident, {"notes": data.notes}, context=task.sealing_context
        )["notes"]
    changed = model_update(instance=task, fields=_TASK_FIELDS, data=values)
    if not changed:
        return task
    task.updated_by = actor
    task.save(update_fields=["updated_by"])
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=task,
        person_id=task.plan.stay.resident_id,
        unit=task.responsible_unit,
        detail=changed_detail("notes" if name == "notes_enc" else name for name in changed),
    )
    return task
