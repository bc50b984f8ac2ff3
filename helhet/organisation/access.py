"""Chokepoints for units, their members and memberships: the only way a view fetches one.

The administrator reaches every unit and user; a lead only their own units and the people
who work there. 404 for "does not exist" and for "not yours", alike; every read of who works
where, and every refusal, is written to the audit log.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.audit.choices import EventKind
from helhet.audit.services import event_record
from helhet.organisation.models import Membership, Unit
from helhet.organisation.selectors import editable_units, member_scope_units, visible_users

M = TypeVar("M", bound=Model)


def _pk(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _fetch(
    user: Any, queryset: QuerySet[M], object_id: Any, *, object_type: str, purpose: str
) -> M:
    pk = _pk(object_id)
    found = queryset.filter(pk=pk).first() if pk is not None else None
    if found is None:
        event_record(
            kind=EventKind.ACCESS_DENIED,
            actor=user,
            object_type=object_type,
            object_id=str(object_id)[:64],
            purpose=purpose,
        )
        raise Http404(_("Siden finnes ikke, eller du har ikke tilgang til den."))
    event_record(
        kind=EventKind.READ,
        actor=user,
        object_type=object_type,
        object_id=found.pk,
        unit=found if isinstance(found, Unit) else None,
        purpose=purpose,
    )
    return found


def get_unit_for(user: Any, unit_id: Any, *, purpose: str) -> Unit:
    """The unit if the user manages its members (the administrator: any unit)."""
    units = member_scope_units(user=user).select_related("host_municipality")
    return _fetch(user, units, unit_id, object_type="organisation.unit", purpose=purpose)


def get_editable_unit_for(user: Any, unit_id: Any, *, purpose: str) -> Unit:
    """The unit if the user may change units (the administrator)."""
    units = editable_units(user=user).select_related("host_municipality")
    return _fetch(user, units, unit_id, object_type="organisation.unit", purpose=purpose)


def get_member_user_for(user: Any, user_id: Any, *, purpose: str) -> User:
    """The user if the viewer may see them: a lead sees the members of their own units."""
    users = visible_users(viewer=user)
    return _fetch(user, users, user_id, object_type="accounts.user", purpose=purpose)


def get_membership_for(user: Any, membership_id: Any, *, purpose: str) -> Membership:
    """The membership if it belongs to a unit whose members the user manages."""
    memberships = Membership.objects.filter(unit__in=member_scope_units(user=user)).select_related(
        "user", "unit"
    )
    return _fetch(
        user, memberships, membership_id, object_type="organisation.membership", purpose=purpose
    )
