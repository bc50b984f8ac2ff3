"""Chokepoints for units, their members and memberships: the only way a view fetches one.

The administrator reaches every unit and user; a lead only their own units and the people
who work there. 404 for "does not exist" and for "not yours", alike; every read of who works
where, and every refusal, is written to the audit log (`core.access.fetch_or_404`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helhet.audit.purposes import PurposeChoices
from helhet.core.access import fetch_or_404
from helhet.organisation.models import Membership, Unit
from helhet.organisation.selectors import editable_units, member_scope_units, visible_users

if TYPE_CHECKING:
    from helhet.core.types import User


def _itself(unit: Unit) -> Unit:
    return unit


def get_unit_for(user: User, unit_id: object, *, purpose: PurposeChoices) -> Unit:
    """The unit if the user manages its members (the administrator: any unit)."""
    units = member_scope_units(user=user).select_related("host_municipality")
    return fetch_or_404(user, units, unit_id, purpose=purpose, unit=_itself)


def get_editable_unit_for(user: User, unit_id: object, *, purpose: PurposeChoices) -> Unit:
    """The unit if the user may change units (the administrator)."""
    units = editable_units(user=user).select_related("host_municipality")
    return fetch_or_404(user, units, unit_id, purpose=purpose, unit=_itself)


def get_member_user_for(user: User, user_id: object, *, purpose: PurposeChoices) -> User:
    """The user if the viewer may see them: a lead sees the members of their own units."""
    return fetch_or_404(user, visible_users(viewer=user), user_id, purpose=purpose)


def get_membership_for(user: User, membership_id: object, *, purpose: PurposeChoices) -> Membership:
    """The membership if it belongs to a unit whose members the user manages."""
    memberships = Membership.objects.filter(unit__in=member_scope_units(user=user)).select_related(
        "user", "unit"
    )
    return fetch_or_404(user, memberships, membership_id, purpose=purpose, unit="unit")
