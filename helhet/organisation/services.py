"""Writes to the organisation: municipalities, units and memberships."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from helhet.accounts.services import user_create
from helhet.audit.choices import EventKind
from helhet.audit.services import event_record, event_record_for, object_type_of
from helhet.core.errors import DomainError
from helhet.core.idempotency import once
from helhet.core.text import clean_text
from helhet.core.updates import changed_detail, model_update
from helhet.organisation.models import Membership, Municipality, Unit
from helhet.organisation.roles import CASE_ROLES, MUNICIPALITY_ROLES, UNIT_ROLES, Role
from helhet.organisation.selectors import (
    FIRST_LEAD_NOTE,
    current_municipality,
    holds_case_role,
    is_system_admin,
    leads_unit,
    manages_all_members,
    manages_members_of,
    revocable_roles,
    unit_has_lead,
)

if TYPE_CHECKING:
    from helhet.core.types import User


class OrganisationError(DomainError):
    pass


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _municipality_rows(text: str) -> list[tuple[str, str]]:
    """Parse Statistics Norway's classification export: `code;name` or the full export
    with quoted columns (code, parentCode, level, name, …)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    rows = list(reader)
    if not rows:
        raise OrganisationError(_("Filen er tom."))
    header = [cell.strip().lower() for cell in rows[0]]
    if "code" not in header or "name" not in header:
        raise OrganisationError(_("Filen må ha kolonnene «code» og «name» (semikolonseparert)."))
    code_at, name_at = header.index("code"), header.index("name")
    parsed: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for line_number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(code_at, name_at):
            raise OrganisationError(_("Linje %(line)s mangler kolonner.") % {"line": line_number})
        code, name = row[code_at].strip(), row[name_at].strip()
        if not (len(code) == 4 and code.isdigit()):
            raise OrganisationError(
                _("Linje %(line)s: «%(code)s» er ikke et firesifret kommunenummer.")
                % {"line": line_number, "code": code}
            )
        if not name:
            raise OrganisationError(_("Linje %(line)s mangler navn.") % {"line": line_number})
        if code in seen:
            raise OrganisationError(
                _("Linje %(line)s: kommunenummeret %(code)s står også på linje %(first)s.")
                % {"line": line_number, "code": code, "first": seen[code]}
            )
        seen[code] = line_number
        parsed.append((code, name))
    if not parsed:
        raise OrganisationError(_("Filen har ingen kommuner."))
    return parsed


@transaction.atomic
def municipalities_import(
    *, text: str, valid_from: date | None = None, actor: User | None = None
) -> ImportResult:
    """Create or update municipalities from an SSB export. All or nothing.

    A number with no version valid on `valid_from` (today if not given) is created, valid
    from that day; the version valid then is renamed in place if its name changed, so that
    units keep pointing at it. Running the same file twice changes nothing.
    """
    rows = _municipality_rows(text)
    created = updated = unchanged = 0
    for code, name in rows:
        existing = current_municipality(number=code, on=valid_from)
        if existing is None:
            municipality = Municipality(number=code, name=name, valid_from=valid_from)
            _clean(municipality)
            municipality.save()
            created += 1
        elif _update(existing, fields=["name"], data={"name": name}):
            updated += 1
        else:
            unchanged += 1
    if created or updated:
        event_record(
            kind=EventKind.UPDATE,
            actor=actor,
            object_type=object_type_of(Municipality),
            detail=f"import created:{created} updated:{updated} unchanged:{unchanged}",
        )
    return ImportResult(created, updated, unchanged)


def _clean(instance: models.Model) -> None:
    """`full_clean`, with the first problem as a domain error a user can read."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise _domain_error(exc) from exc


def _update(instance: models.Model, *, fields: list[str], data: dict[str, Any]) -> list[str]:
    """`core.updates.model_update`, with a validation problem as a domain error."""
    try:
        return model_update(instance=instance, fields=fields, data=data)
    except ValidationError as exc:
        raise _domain_error(exc) from exc


def _domain_error(exc: ValidationError) -> OrganisationError:
    field, messages = next(iter(exc.message_dict.items()))
    return OrganisationError(messages[0], field=None if field == "__all__" else field)


def unit_create(
    *,
    actor: User | None,
    name: str,
    unit_type: str,
    host_municipality: Municipality,
    covered_municipalities: Iterable[Municipality] = (),
    phone: str = "",
    email: str = "",
    submission_id: uuid.UUID,
) -> Unit:
    """Create a unit (a service). It always covers its host municipality.

    Posting the same form twice creates the unit once (`core.idempotency.once`). The actor
    is None only when the system seeds a region with nobody asking (the demo's first run).
    """

    def create() -> Unit:
        return _unit_create(
            actor=actor,
            name=name,
            unit_type=unit_type,
            host_municipality=host_municipality,
            covered_municipalities=covered_municipalities,
            phone=phone,
            email=email,
        )

    return once(actor=actor, submission_id=submission_id, create=create)


@transaction.atomic
def _unit_create(
    *,
    actor: User | None,
    name: str,
    unit_type: str,
    host_municipality: Municipality,
    covered_municipalities: Iterable[Municipality],
    phone: str,
    email: str,
) -> Unit:
    name = clean_text(name)
    if Unit.objects.filter(name=name, host_municipality=host_municipality).exists():
        raise OrganisationError(
            _("Det finnes allerede en enhet med dette navnet i kommunen."), field="name"
        )
    unit = Unit(
        name=name,
        unit_type=unit_type,
        host_municipality=host_municipality,
        phone=phone,
        email=email,
    )
    _clean(unit)
    unit.save()
    unit.covered_municipalities.set({host_municipality, *covered_municipalities})
    event_record_for(kind=EventKind.CREATE, actor=actor, obj=unit, unit=unit)
    return unit


@transaction.atomic
def unit_update(
    *,
    actor: User,
    unit: Unit,
    name: str,
    unit_type: str,
    host_municipality: Municipality,
    covered_municipalities: Iterable[Municipality],
    phone: str,
    email: str,
    is_active: bool,
) -> Unit:
    """Change a unit's name, type, municipalities, contact details or whether it is active.

    Deactivating a unit takes every capability its memberships gave away at once. The audit
    event names the fields that changed; saving the form unchanged records nothing.
    """
    name = clean_text(name)
    if (
        Unit.objects.filter(name=name, host_municipality=host_municipality)
        .exclude(pk=unit.pk)
        .exists()
    ):
        raise OrganisationError(
            _("Det finnes allerede en enhet med dette navnet i kommunen."), field="name"
        )
    changed = _update(
        unit,
        fields=["name", "unit_type", "host_municipality", "phone", "email", "is_active"],
        data={
            "name": name,
            "unit_type": unit_type,
            "host_municipality": host_municipality,
            "phone": phone,
            "email": email,
            "is_active": is_active,
        },
    )
    covered = {host_municipality, *covered_municipalities}
    if set(unit.covered_municipalities.all()) != covered:
        unit.covered_municipalities.set(covered)
        if not changed:
            unit.save(update_fields=["updated_at"])
        changed.append("covered_municipalities")
    if changed:
        event_record_for(
            kind=EventKind.UPDATE, actor=actor, obj=unit, unit=unit, detail=changed_detail(changed)
        )
    return unit


# Roles
#
# Who may give which role is a matter of separation of duties (issue 7 §5, design §3):
#
# - Nobody gives a role to themselves.
# - The roles that reach beyond one unit (coordinator, privacy officer, system administrator)
#   are given only by the system administrator.
# - The roles within a unit (worker, lead) are given by a lead of that unit. The system
#   administrator manages accounts and units and sees no case content; they give no such
#   role, with one exception: a unit's first lead (see `_check_role_in_unit`).
# - A system administrator holds no role with case capabilities, and someone who holds one
#   is not made system administrator: otherwise two administrators could give each other
#   the access their own role withholds.
#
# Every grant and removal is an audit event, listed for the privacy officer on the page
# "Tildelte roller" (selectors.role_changes).


@transaction.atomic
def membership_add(
    *, actor: User | None, user: User, unit: Unit, role: str, note: str = ""
) -> Membership:
    """Record that a user has a role in a unit, and audit it. No rule is checked here.

    Only for code that builds a region without a person asking: the demo region, the test
    cast, and the services below after they have checked the rules. No page calls it
    (tests/test_separation_of_duties.py checks that no view imports it); pages go through
    `membership_grant` and `staff_user_create_in_unit`. The actor is None when the system
    seeds the demo region (nobody asked).
    """
    if role not in Role.values:
        raise OrganisationError(_("Ukjent rolle."), field="role")
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if not created:
        raise OrganisationError(_("Brukeren har allerede denne rollen i enheten."), field="role")
    detail = f"user:{user.pk} role:{role}" + (f" {note}" if note else "")
    event_record_for(kind=EventKind.CREATE, actor=actor, obj=membership, unit=unit, detail=detail)
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """Take a role in a unit away from a user, and audit it. No rule is checked here (see
    `membership_revoke`)."""
    unit, pk, detail = (
        membership.unit,
        membership.pk,
        f"user:{membership.user_id} role:{membership.role}",
    )
    membership.delete()
    event_record(
        kind=EventKind.DELETE,
        actor=actor,
        object_type=object_type_of(Membership),
        object_id=pk,
        unit=unit,
        detail=detail,
    )


def membership_grant(
    *,
    actor: User,
    user: User,
    unit: Unit,
    role: str,
    submission_id: uuid.UUID,
) -> Membership:
    """Give a user a role in a unit, as a lead or the system administrator asks.

    The rules of separation of duties above are checked on every grant; a refusal says why
    in Norwegian. Posting the same form twice gives the role once (the rules are checked by
    the first post; the second gets its result).
    """

    def create() -> Membership:
        _check_not_themselves(actor=actor, user=user)
        note = _check_role_in_unit(actor=actor, unit=unit, role=role)
        _check_grantee(user=user, role=role)
        return membership_add(actor=actor, user=user, unit=unit, role=role, note=note)

    return once(actor=actor, submission_id=submission_id, create=create)


def _check_role_in_unit(*, actor: User, unit: Unit, role: str) -> str:
    """May the actor give this role in this unit? Returns the audit note of the grant.

    The first lead. A new unit has no lead to appoint one, so the system administrator
    appoints a unit's lead while it has none with an active account (a new unit, or one
    whose lead has left); after that, leads appoint leads and workers. This is the one case
    role the administrator gives, and it is not safe by itself: an administrator who
    creates an account, makes its one-time enrolment link, uses it themselves and appoints
    the account lead of a unit without one could reach that unit's cases. It is bounded
    and visible instead: never to themselves or to another system administrator, never
    where the unit already has a lead, and recorded as "first lead" in the list of granted
    roles the privacy officer reviews (the link is audited too, and the user's e-mail
    address is told of it).
    """
    if role not in Role.values:
        raise OrganisationError(_("Ukjent rolle."), field="role")
    if not manages_members_of(user=actor, unit=unit):
        raise OrganisationError(_("Du kan ikke endre medlemmene i denne enheten."), field="unit")
    if not unit.is_active:
        raise OrganisationError(
            _("Enheten er ikke aktiv. Aktiver enheten før du legger til medlemmer."),
            field="unit",
        )
    if role in MUNICIPALITY_ROLES and not manages_all_members(user=actor):
        raise OrganisationError(
            _(
                "Bare systemadministratoren kan gi roller som gjelder hele kommunen "
                "(koordinator, personvernombud og systemadministrator)."
            ),
            field="role",
        )
    if role not in UNIT_ROLES or leads_unit(user=actor, unit=unit):
        return ""
    # A unit role from someone who does not lead the unit: only the administrator gets
    # here (a lead manages only the units they lead), and only for a first lead.
    if role != Role.LEAD:
        raise OrganisationError(
            _(
                "Systemadministratoren gir ikke roller med tilgang til saker. "
                "Saksbehandlere får rollen av lederen i enheten."
            ),
            field="role",
        )
    if unit_has_lead(unit=unit):
        raise OrganisationError(
            _(
                "Enheten har allerede en leder. Nye ledere og saksbehandlere får rollen "
                "av lederen i enheten."
            ),
            field="role",
        )
    return FIRST_LEAD_NOTE


def _check_not_themselves(*, actor: User, user: User) -> None:
    if user.pk == actor.pk:
        raise OrganisationError(
            _("Du kan ikke gi deg selv en rolle. Be en annen som har rett til det."),
            field="user",
        )


def _check_grantee(*, user: User, role: str) -> None:
    """May this user be given this role?"""
    if not user.is_active:
        raise OrganisationError(
            _("Brukeren er deaktivert. Aktiver brukeren før du gir en ny rolle."), field="user"
        )
    if role in CASE_ROLES and is_system_admin(user=user):
        raise OrganisationError(
            _("En systemadministrator kan ikke ha en rolle med tilgang til saker."),
            field="user",
        )
    if role == Role.SYSTEM_ADMIN and holds_case_role(user=user):
        raise OrganisationError(
            _(
                "Brukeren har en rolle med tilgang til saker og kan ikke også være "
                "systemadministrator. Fjern den rollen først."
            ),
            field="user",
        )


@transaction.atomic
def membership_revoke(*, actor: User, membership: Membership) -> None:
    """Take a role away: the administrator any role (someone leaves or changes job), a lead
    the roles within the units they lead.

    The last active system administrator keeps the role: without one, nobody could manage
    users any more.
    """
    if not manages_members_of(user=actor, unit=membership.unit):
        raise OrganisationError(_("Du kan ikke endre medlemmene i denne enheten."))
    if membership.role not in revocable_roles(user=actor, unit=membership.unit):
        raise OrganisationError(_("Du kan ikke fjerne denne rollen."))
    if membership.role == Role.SYSTEM_ADMIN and not (
        Membership.objects.filter(
            role=Role.SYSTEM_ADMIN, user__is_active=True, unit__is_active=True
        )
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise OrganisationError(
            _("Dette er den siste systemadministratoren. Gi rollen til noen andre først.")
        )
    membership_remove(actor=actor, membership=membership)


def staff_user_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    email: str,
    submission_id: uuid.UUID,
) -> User:
    """Create a user from the staff pages; posting the same form twice creates one user.

    The user has no password that works: they set their own, and their authenticator app,
    through a one-time link (`accounts.services.enrolment_link_issue`). Nobody else ever
    knows it.
    """
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: user_create(
            actor=actor, username=username, full_name=full_name, email=email
        ),
    )


def staff_user_create_in_unit(
    *,
    actor: User,
    username: str,
    full_name: str,
    email: str,
    unit: Unit,
    role: str,
    submission_id: uuid.UUID,
) -> User:
    """Create a user straight into a unit with a role, as a lead does: both or neither.

    The rules for giving the role are checked before the user is made. One submission
    covers both writes: posting the same form twice creates one user and one membership.
    As with `staff_user_create`, the user sets their own password through a one-time link.
    """

    def create() -> User:
        note = _check_role_in_unit(actor=actor, unit=unit, role=role)
        user = user_create(actor=actor, username=username, full_name=full_name, email=email)
        _check_grantee(user=user, role=role)
        membership_add(actor=actor, user=user, unit=unit, role=role, note=note)
        return user

    return once(actor=actor, submission_id=submission_id, create=create)
