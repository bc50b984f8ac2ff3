"""Writes of safety: the resident's safety plan and the mappings of threats and risk."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record_for
from helhet.core.idempotency import once
from helhet.people.sealing import seal
from helhet.shelter.choices import RiskLevel, ThreatMethod
from helhet.shelter.models import (
    SAFETY_PLAN_SECTIONS,
    THREAT_SECTIONS,
    SafetyPlan,
    SafetyPlanReview,
    Stay,
    ThreatAssessment,
)
from helhet.shelter.services.base import ShelterError, current_day

if TYPE_CHECKING:
    from helhet.core.types import User


@transaction.atomic
def safety_plan_save(
    *,
    actor: User,
    stay: Stay,
    sections: dict[str, str],
    reviewed_on: date | None = None,
    next_review_on: date | None = None,
) -> SafetyPlan:
    """Write (or revise) the stay's safety plan. Each section is sealed with the
    resident's key; every save is a review with its date."""
    reviewed_on = reviewed_on or current_day()
    if reviewed_on > current_day():
        raise ShelterError(_("Gjennomgangen kan ikke være fram i tid."), field="reviewed_on")
    if reviewed_on < stay.arrived_on:
        raise ShelterError(_("Gjennomgangen kan ikke være før ankomsten."), field="reviewed_on")
    if next_review_on is not None and next_review_on < reviewed_on:
        raise ShelterError(
            _("Neste gjennomgang må være etter denne gjennomgangen."), field="next_review_on"
        )
    unknown = set(sections) - set(SAFETY_PLAN_SECTIONS)
    if unknown:
        raise ShelterError(_("Planen har ukjente deler."))
    if not any((sections.get(name) or "").strip() for name in SAFETY_PLAN_SECTIONS):
        raise ShelterError(_("Skriv minst én del av planen."), field="dangers")
    plan = SafetyPlan.objects.select_for_update().filter(stay=stay).first()
    created = plan is None
    if plan is None:
        plan = SafetyPlan(stay=stay, reviewed_on=reviewed_on, updated_by=actor)
    sealed = seal(
        stay.resident,
        {name: sections.get(name, "") for name in SAFETY_PLAN_SECTIONS},
        context=plan.sealing_context,
    )
    for name, token in sealed.items():
        setattr(plan, f"{name}_enc", token)
    plan.reviewed_on = reviewed_on
    plan.next_review_on = next_review_on
    plan.updated_by = actor
    plan.full_clean(exclude=["stay"])
    plan.save()
    # A second save the same day by the same person is a correction, not a new review.
    SafetyPlanReview.objects.get_or_create(plan=plan, reviewed_on=reviewed_on, reviewed_by=actor)
    event_record_for(
        kind=EventKind.CREATE if created else EventKind.UPDATE,
        actor=actor,
        obj=plan,
        person_id=stay.resident_id,
        unit=stay.unit,
        detail="sections",
    )
    return plan


@dataclass
class ThreatInput:
    assessed_on: date
    method: str
    risk_level: str
    threats: str = ""
    perpetrator: str = ""
    children: str = ""
    measures: str = ""


@transaction.atomic
def threat_assessment_create(
    *, actor: User, stay: Stay, data: ThreatInput, submission_id: uuid.UUID
) -> ThreatAssessment:
    """Record a systematic mapping of threats and risk for the stay."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _threat_assessment_create(actor=actor, stay=stay, data=data),
    )


def _threat_assessment_create(*, actor: User, stay: Stay, data: ThreatInput) -> ThreatAssessment:
    if data.assessed_on is None:
        raise ShelterError(_("Skriv datoen for kartleggingen."), field="assessed_on")
    if data.assessed_on > current_day():
        raise ShelterError(_("Datoen kan ikke være fram i tid."), field="assessed_on")
    if data.assessed_on < stay.arrived_on:
        raise ShelterError(_("Kartleggingen kan ikke være før ankomsten."), field="assessed_on")
    if data.method not in ThreatMethod.values:
        raise ShelterError(_("Velg metode."), field="method")
    if data.risk_level not in RiskLevel.values:
        raise ShelterError(_("Velg risikonivå."), field="risk_level")
    if not (data.threats or "").strip():
        raise ShelterError(_("Beskriv truslene som ble kartlagt."), field="threats")
    assessment = ThreatAssessment(
        stay=stay,
        assessed_on=data.assessed_on,
        method=data.method,
        risk_level=data.risk_level,
        created_by=actor,
    )
    sealed = seal(
        stay.resident,
        {name: getattr(data, name) for name in THREAT_SECTIONS},
        context=assessment.sealing_context,
    )
    for name, token in sealed.items():
        setattr(assessment, f"{name}_enc", token)
    assessment.full_clean(exclude=["stay"])
    assessment.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=assessment,
        person_id=stay.resident_id,
        unit=stay.unit,
    )
    return assessment
