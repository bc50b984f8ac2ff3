"""Reads of safety plans and threat mappings (decrypted with the resident's key)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from helhet.organisation.models import Unit
from helhet.people.models import Person
from helhet.people.sealing import unseal
from helhet.shelter.models import (
    SAFETY_PLAN_SECTIONS,
    THREAT_SECTIONS,
    SafetyPlan,
    SafetyPlanReview,
    Stay,
    ThreatAssessment,
)

# A stay without a threat mapping this long after arrival is overdue for one: flagged on
# the board and on the stay's page. The one place this rule is written.
THREAT_MAPPING_DUE = timedelta(hours=48)


def threat_mapping_cutoff(*, now: datetime | None = None) -> date:
    """Open stays that arrived on or before this day need a threat mapping by now."""
    return ((now or timezone.localtime()) - THREAT_MAPPING_DUE).date()


def threat_mapping_overdue(stay: Stay, *, has_mapping: bool, now: datetime | None = None) -> bool:
    """The stay is open, has no threat mapping, and arrived more than 48 hours ago."""
    return stay.is_open and not has_mapping and stay.arrived_on <= threat_mapping_cutoff(now=now)


def stays_missing_threat_mapping(*, unit: Unit, now: datetime | None = None) -> QuerySet[Stay]:
    """The centre's open stays that are overdue for a threat mapping, oldest first."""
    return (
        Stay.objects.filter(
            unit=unit, departed_on__isnull=True, arrived_on__lte=threat_mapping_cutoff(now=now)
        )
        .filter(~Exists(ThreatAssessment.objects.filter(stay=OuterRef("pk"))))
        .select_related("resident", "resident__key")
        .order_by("arrived_on")
    )


def safety_plan_of(stay: Stay) -> SafetyPlan | None:
    """The stay's safety plan, with what its page shows, or None."""
    return (
        SafetyPlan.objects.filter(stay=stay)
        .select_related("updated_by", "stay__resident__key")
        .first()
    )


def safety_plan_summary(stay: Stay) -> SafetyPlan | None:
    """The dates of the stay's safety plan (no text), for the stay's page."""
    return SafetyPlan.objects.filter(stay=stay).only("id", "reviewed_on", "next_review_on").first()


def safety_plan_reviews(plan: SafetyPlan, *, limit: int = 10) -> list[SafetyPlanReview]:
    return list(plan.reviews.select_related("reviewed_by")[:limit])


def threat_mappings(stay: Stay) -> list[dict[str, object]]:
    """The stay's earlier threat mappings, newest first, each with its decrypted sections."""
    return [
        {"row": row, "sections": threat_sections(row, stay.resident)}
        for row in stay.threat_assessments.select_related("created_by")
    ]


def safety_plan_sections(plan: SafetyPlan) -> dict[str, str] | None:
    """The plan's text, decrypted with the resident's key; None once the person is erased."""
    return unseal(
        plan.stay.resident,
        {name: getattr(plan, f"{name}_enc") for name in SAFETY_PLAN_SECTIONS},
        context=plan.sealing_context,
    )


def threat_sections(assessment: ThreatAssessment, resident: Person) -> dict[str, str] | None:
    return unseal(
        resident,
        {name: getattr(assessment, f"{name}_enc") for name in THREAT_SECTIONS},
        context=assessment.sealing_context,
    )
