"""Reads of the organisation: units, members, and where a user holds a capability."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from helhet.organisation.models import Membership, Municipality, Unit
from helhet.organisation.roles import UNIT_SCOPED, roles_with


def units_with(*, user: Any, capability: str) -> QuerySet[Unit]:
    """The active units where the user holds the capability through a membership."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Unit.objects.none()
    if capability not in UNIT_SCOPED:
        raise ValueError(f"{capability} is not a unit-scoped capability.")
    return Unit.objects.filter(
        is_active=True,
        memberships__user=user,
        memberships__role__in=roles_with(capability),
    ).distinct()


def user_memberships(*, user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, unit__is_active=True).select_related(
        "unit", "unit__host_municipality"
    )


def unit_list() -> QuerySet[Unit]:
    return Unit.objects.select_related("host_municipality").prefetch_related(
        "covered_municipalities"
    )


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.all()


def units_covering(*, municipality: Municipality) -> QuerySet[Unit]:
    """Units that serve a municipality: those it hosts and those that cover it."""
    return (
        Unit.objects.filter(is_active=True)
        .filter(host_municipality=municipality)
        .union(Unit.objects.filter(is_active=True, covered_municipalities=municipality))
    )


def user_unit_names(user: Any) -> list[str]:
    """The names of the units the user works in, for the page header."""
    return sorted(
        set(
            Membership.objects.filter(user=user, unit__is_active=True).values_list(
                "unit__name", flat=True
            )
        )
    )
