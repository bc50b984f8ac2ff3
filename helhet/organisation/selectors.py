"""Reads of the organisation: units, members, and where a user holds a capability."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from helhet.accounts.models import User
from helhet.accounts.selectors import user_has_enrolled
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.audit.services import object_type_of
from helhet.core.policy import user_capabilities
from helhet.organisation.models import Membership, Municipality, Unit
from helhet.organisation.roles import (
    CASE_ROLES,
    MUNICIPALITY_ROLES,
    UNIT_ROLES,
    UNIT_SCOPED,
    Cap,
    Role,
    roles_with,
)


def units_with(*, user: User, capability: str) -> QuerySet[Unit]:
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


def user_memberships(*, user: User) -> QuerySet[Membership]:
    """The user's memberships in active units, with the unit at hand."""
    return Membership.objects.filter(user=user, unit__is_active=True).select_related(
        "unit", "unit__host_municipality"
    )


def unit_list() -> QuerySet[Unit]:
    """Every unit with its municipalities at hand."""
    return Unit.objects.select_related("host_municipality").prefetch_related(
        "covered_municipalities"
    )


def municipality_list() -> QuerySet[Municipality]:
    """Every municipality, old versions included."""
    return Municipality.objects.all()


def current_municipalities(*, on: date | None = None) -> QuerySet[Municipality]:
    """The municipalities valid on a day (today by default): what a unit may be tied to."""
    day = on or timezone.localdate()
    return Municipality.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
    ).order_by("number")


def current_municipality(*, number: str, on: date | None = None) -> Municipality | None:
    """The version of a municipality number valid on a day (today by default), if any."""
    return current_municipalities(on=on).filter(number=number).first()


def units_covering(*, municipality: Municipality) -> QuerySet[Unit]:
    """Units that serve a municipality: those it hosts and those that cover it."""
    return (
        Unit.objects.filter(is_active=True)
        .filter(host_municipality=municipality)
        .union(Unit.objects.filter(is_active=True, covered_municipalities=municipality))
    )


def user_unit_names(user: User) -> list[str]:
    """The names of the units the user works in, for the page header."""
    return sorted(
        set(
            Membership.objects.filter(user=user, unit__is_active=True).values_list(
                "unit__name", flat=True
            )
        )
    )


def manages_all_members(*, user: User) -> bool:
    """A system administrator manages the members of every unit."""
    return Cap.USERS_MANAGE in user_capabilities(user)


def member_scope_units(*, user: User) -> QuerySet[Unit]:
    """The units whose members the user may see and change.

    The administrator: every unit, inactive ones too (to reactivate them). A lead: the
    active units where they are lead. Anyone else: none.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Unit.objects.none()
    if manages_all_members(user=user):
        return Unit.objects.all()
    return units_with(user=user, capability=Cap.UNIT_MEMBERS)


def editable_units(*, user: User) -> QuerySet[Unit]:
    """The units the user may change: every unit for whoever manages units, else none."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Unit.objects.none()
    if Cap.UNITS_MANAGE in user_capabilities(user):
        return Unit.objects.all()
    return Unit.objects.none()


def manages_members_of(*, user: User, unit: Unit) -> bool:
    return member_scope_units(user=user).filter(pk=unit.pk).exists()


def units_led(*, user: User) -> QuerySet[Unit]:
    """The active units where the user is lead."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Unit.objects.none()
    return Unit.objects.filter(
        is_active=True, memberships__user=user, memberships__role=Role.LEAD
    ).distinct()


def leads_unit(*, user: User, unit: Unit) -> bool:
    """Whether the user is a lead of this (active) unit."""
    return units_led(user=user).filter(pk=unit.pk).exists()


def unit_has_lead(*, unit: Unit) -> bool:
    """Whether the unit has a lead whose account is active."""
    return Membership.objects.filter(unit=unit, role=Role.LEAD, user__is_active=True).exists()


def is_system_admin(*, user: User) -> bool:
    """Whether the user is a system administrator: a superuser, or the role in any unit
    (an inactive unit too: reactivating it would give the role back)."""
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(user=user, role=Role.SYSTEM_ADMIN).exists()


def holds_case_role(*, user: User) -> bool:
    """Whether the user has a role with case capabilities in any unit (an inactive unit too)."""
    return Membership.objects.filter(user=user, role__in=CASE_ROLES).exists()


def grantable_roles(*, user: User, unit: Unit | None = None) -> list[str]:
    """The roles the user may offer to give (in `unit`, or in some unit), in role order.

    The system administrator gives the roles that reach beyond a unit, and a unit's first
    lead; a lead gives the roles within the units they lead. The rules themselves, with
    their reasons, are in `services.membership_grant`, which checks every grant.
    """
    roles: set[str] = set()
    if manages_all_members(user=user):
        roles |= MUNICIPALITY_ROLES
        if unit is None or not unit_has_lead(unit=unit):
            roles.add(Role.LEAD)
    leads = units_led(user=user)
    if (unit is None and leads.exists()) or (unit is not None and leads_unit(user=user, unit=unit)):
        roles |= UNIT_ROLES
    return [role for role in Role.values if role in roles]


def revocable_roles(*, user: User, unit: Unit | None = None) -> list[str]:
    """The roles the user may take away (in `unit`, or in some unit): the administrator any
    role, for a member who leaves or changes job; a lead the roles within their units."""
    if manages_all_members(user=user):
        return list(Role.values)
    leads = units_led(user=user)
    if (unit is None and leads.exists()) or (unit is not None and leads_unit(user=user, unit=unit)):
        return [role for role in Role.values if role in UNIT_ROLES]
    return []


def unit_search(*, query: str = "", unit_type: str = "") -> QuerySet[Unit]:
    """Units matching a search on name or municipality, with member counts."""
    units = unit_list().annotate(member_count=Count("memberships", distinct=True))
    query = query.strip()
    if query:
        units = units.filter(
            Q(name__icontains=query)
            | Q(host_municipality__name__icontains=query)
            | Q(host_municipality__number=query)
        )
    if unit_type:
        units = units.filter(unit_type=unit_type)
    return units.order_by("name", "pk")


def unit_members(*, unit: Unit) -> QuerySet[Membership]:
    """The memberships of one unit, with the users at hand."""
    return (
        Membership.objects.filter(unit=unit)
        .select_related("user")
        .order_by("user__full_name", "user__username", "role")
    )


def visible_users(*, viewer: User) -> QuerySet[User]:
    """The users the viewer may see: all for the administrator, for a lead the members of
    their own units."""
    if manages_all_members(user=viewer):
        return User.objects.all()
    scope = member_scope_units(user=viewer)
    return User.objects.filter(pk__in=Membership.objects.filter(unit__in=scope).values("user_id"))


@dataclass(frozen=True)
class LoginActions:
    """What the viewer may do about a member's login, offered on the member's page."""

    enrolment_link: bool
    second_factor_reset: bool


def login_actions(*, viewer: User, member: User) -> LoginActions:
    """Which of accounts' login actions the member's page offers the viewer.

    The rules are accounts' (`enrolment_link_issue`, `second_factor_reset`), which check them
    again on every post; this only keeps the page from offering what would be refused. The
    administrator makes a link for anyone, a lead only for a member who has not set up their
    login yet (otherwise the lead could take over a colleague's account). Only the
    administrator resets a second factor, for a user who has a password of their own. Nobody
    does either for themselves or for a deactivated user.
    """
    if member.pk == viewer.pk or not member.is_active:
        return LoginActions(enrolment_link=False, second_factor_reset=False)
    if manages_all_members(user=viewer):
        return LoginActions(enrolment_link=True, second_factor_reset=member.has_usable_password())
    return LoginActions(
        enrolment_link=not user_has_enrolled(user=member), second_factor_reset=False
    )


def memberships_in_scope(*, viewer: User) -> QuerySet[Membership]:
    """The memberships the viewer may see (those in their units), with the units at hand."""
    return (
        Membership.objects.filter(unit__in=member_scope_units(user=viewer))
        .select_related("unit")
        .order_by("unit__name", "role")
    )


def user_search(
    *, viewer: User, query: str = "", unit: Unit | None = None, status: str = ""
) -> QuerySet[User]:
    """Users the viewer may see, matching a search on name, username or e-mail, with their
    memberships in the viewer's units prefetched as `scoped_memberships`."""
    users = visible_users(viewer=viewer)
    query = query.strip()
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(full_name__icontains=query) | Q(email__icontains=query)
        )
    if unit is not None:
        users = users.filter(memberships__unit=unit)
    if status == "active":
        users = users.filter(is_active=True)
    elif status == "inactive":
        users = users.filter(is_active=False)
    return (
        users.distinct()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=memberships_in_scope(viewer=viewer),
                to_attr="scoped_memberships",
            )
        )
        .order_by("full_name", "username", "pk")
    )


def user_by_username(*, username: str) -> User | None:
    """The user with this username (any case), for adding a member by username."""
    return User.objects.filter(username__iexact=username.strip()).first()


_MEMBER_IN_DETAIL = re.compile(r"\buser:(\d+)\b")
_ROLE_IN_DETAIL = re.compile(r"\brole:(\w+)\b")
# The audit note on a lead the administrator appointed as a unit's first (services).
FIRST_LEAD_NOTE = "first_lead"


@dataclass(frozen=True)
class RoleChange:
    """One grant or removal of a role, as the privacy officer's list shows it."""

    event_id: int
    occurred_at: datetime
    granted: bool
    actor_name: str
    member: User | None
    member_id: int | None
    role: str
    unit_name: str
    first_lead: bool

    @property
    def role_label(self) -> str:
        return str(dict(Role.choices).get(self.role, self.role))


def role_changes() -> QuerySet[Event]:
    """Every grant and removal of a role, newest first, from the audit log: the log is the
    record (it cannot be changed), and it keeps removals that the memberships table forgets.
    Turn a page of them into rows with `role_change_rows`."""
    return Event.objects.filter(
        object_type=object_type_of(Membership),
        kind__in=[EventKind.CREATE, EventKind.DELETE],
    ).order_by("-id")


def role_change_rows(events: Iterable[Event]) -> list[RoleChange]:
    """The grants and removals among `events` (a page of `role_changes()`), with the users
    they concern at hand (one query)."""
    events = list(events)
    member_ids = {
        int(found.group(1)) for event in events if (found := _MEMBER_IN_DETAIL.search(event.detail))
    }
    members = User.objects.in_bulk(member_ids)
    rows = []
    for event in events:
        member = _MEMBER_IN_DETAIL.search(event.detail)
        role = _ROLE_IN_DETAIL.search(event.detail)
        member_id = int(member.group(1)) if member else None
        rows.append(
            RoleChange(
                event_id=event.pk,
                occurred_at=event.occurred_at,
                granted=event.kind == EventKind.CREATE,
                actor_name=event.actor_name,
                member=members.get(member_id) if member_id is not None else None,
                member_id=member_id,
                role=role.group(1) if role else "",
                unit_name=event.unit_name,
                first_lead=FIRST_LEAD_NOTE in event.detail.split(),
            )
        )
    return rows


def membership_removed_by(*, actor: User, membership_id: int) -> tuple[int, int | None] | None:
    """If the actor themselves removed this membership, its unit id and user id.

    A second click on "remove" arrives after the first has removed the membership; it is
    told so instead of getting a page that says the membership does not exist.
    """
    event = (
        Event.objects.filter(
            kind=EventKind.DELETE,
            actor=actor,
            object_type=object_type_of(Membership),
            object_id=str(membership_id),
        )
        .order_by("-id")
        .first()
    )
    if event is None or event.unit_id is None:
        return None
    if not member_scope_units(user=actor).filter(pk=event.unit_id).exists():
        return None
    user = _MEMBER_IN_DETAIL.search(event.detail)
    return event.unit_id, int(user.group(1)) if user else None
