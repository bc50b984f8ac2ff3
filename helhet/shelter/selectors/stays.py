"""Reads of stays and of referrals to another centre."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from helhet.audit.selectors import break_glass_object_ids
from helhet.audit.services import object_type_of
from helhet.organisation.models import Unit
from helhet.shelter.models import BedAllocation, CapacityReferral, Stay, StayChild, ThreatAssessment
from helhet.shelter.selectors.base import centres_for

if TYPE_CHECKING:
    from helhet.core.types import User


def visible_stays(*, user: User) -> QuerySet[Stay]:
    """Stays of the centres where the user may see case content, or opened by break-glass.
    A system administrator and staff of other units see none."""
    condition = Q(unit__in=centres_for(user=user))
    glass = [
        int(pk)
        for pk in break_glass_object_ids(user=user, object_type=object_type_of(Stay))
        if str(pk).isdigit()
    ]
    if glass:
        condition |= Q(pk__in=glass)
    return Stay.objects.filter(condition)


def stay_list(*, unit: Unit, status: str = "open") -> QuerySet[Stay]:
    """A centre's stays for the list page, with what each row shows."""
    stays = (
        Stay.objects.filter(unit=unit)
        .select_related("resident", "resident__key", "destination")
        .prefetch_related(Prefetch("children", queryset=StayChild.objects.only("id", "stay_id")))
        .order_by("-arrived_on", "-id")
    )
    if status == "open":
        return stays.filter(departed_on__isnull=True)
    if status == "ended":
        return stays.filter(departed_on__isnull=False)
    return stays


def stay_detail(stay: Stay) -> Stay:
    """The stay with everything its page shows, in a fixed number of queries."""
    return (
        Stay.objects.filter(pk=stay.pk)
        .select_related(
            "unit",
            "resident",
            "resident__key",
            "referrer",
            "municipality",
            "perpetrator_relation",
            "destination",
        )
        .prefetch_related(
            "violence_types",
            Prefetch(
                "children",
                queryset=StayChild.objects.select_related("child", "child__key").order_by("id"),
            ),
            Prefetch(
                "allocations",
                queryset=BedAllocation.objects.select_related(
                    "bed", "bed__room", "stay_child"
                ).order_by("starts_on", "id"),
            ),
            Prefetch(
                "threat_assessments", queryset=ThreatAssessment.objects.order_by("-assessed_on")
            ),
        )
        .get()
    )


def capacity_referrals(*, unit: Unit) -> QuerySet[CapacityReferral]:
    return CapacityReferral.objects.filter(unit=unit).select_related("municipality")


def overnights(stays: Iterable[Stay]) -> int:
    return sum(stay.overnights for stay in stays)


def stay_violence_type_ids(stay: Stay) -> list[int]:
    return list(stay.violence_types.values_list("pk", flat=True))


def children_present(stay: Stay) -> list[StayChild]:
    """The children still in the stay, with their persons (to show their names)."""
    return list(
        stay.children.select_related("child", "child__key").filter(departed_on__isnull=True)
    )
