"""Writes to the organisation: municipalities, units and memberships."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.accounts.services import user_create
from helhet.audit.choices import EventKind
from helhet.audit.services import event_record, event_record_for, object_type_of
from helhet.core.errors import DomainError
from helhet.core.idempotency import once
from helhet.core.updates import changed_detail, model_update
from helhet.organisation.models import Membership, Municipality, Unit
from helhet.organisation.roles import Role
from helhet.organisation.selectors import (
    current_municipality,
    grantable_roles,
    manages_members_of,
    revocable_roles,
)


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
    *, text: str, valid_from: date | None = None, actor: Any = None
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
    actor: Any,
    name: str,
    unit_type: str,
    host_municipality: Municipality,
    covered_municipalities: Iterable[Municipality] = (),
    phone: str = "",
    email: str = "",
    submission_id: uuid.UUID | None = None,
) -> Unit:
    """Create a unit (a service). It always covers its host municipality.

    Posting the same form twice creates the unit once (`core.idempotency.once`). Only code
    that builds a region without a form (the test cast in conftest.py, until it passes an
    id) leaves `submission_id` out; every page passes the id its form carries.
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

    if submission_id is None:
        return create()
    return once(actor=actor, submission_id=submission_id, create=create)


@transaction.atomic
def _unit_create(
    *,
    actor: Any,
    name: str,
    unit_type: str,
    host_municipality: Municipality,
    covered_municipalities: Iterable[Municipality],
    phone: str,
    email: str,
) -> Unit:
    if Unit.objects.filter(name=name.strip(), host_municipality=host_municipality).exists():
        raise OrganisationError(
            _("Det finnes allerede en enhet med dette navnet i kommunen."), field="name"
        )
    unit = Unit(
        name=name.strip(),
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
    actor: Any,
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
    if (
        Unit.objects.filter(name=name.strip(), host_municipality=host_municipality)
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
            "name": name.strip(),
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


@transaction.atomic
def membership_add(*, actor: Any, user: Any, unit: Unit, role: str) -> Membership:
    """Give a user a role in a unit."""
    if role not in Role.values:
        raise OrganisationError(_("Ukjent rolle."), field="role")
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if not created:
        raise OrganisationError(_("Brukeren har allerede denne rollen i enheten."), field="role")
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=membership,
        unit=unit,
        detail=f"user:{user.pk} role:{role}",
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership) -> None:
    """Take a role in a unit away from a user."""
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
    actor: Any,
    user: User,
    unit: Unit,
    role: str,
    submission_id: uuid.UUID,
) -> Membership:
    """Give a user a role in a unit, as a lead or a system administrator asks.

    A lead gives roles only in their own units, and never the roles that reach beyond the
    unit (privacy officer, system administrator); the administrator gives any role anywhere.
    Posting the same form twice gives the role once.
    """

    def create() -> Membership:
        _check_grant(actor=actor, user=user, unit=unit, role=role)
        return membership_add(actor=actor, user=user, unit=unit, role=role)

    return once(actor=actor, submission_id=submission_id, create=create)


def _check_grant(*, actor: Any, user: User, unit: Unit, role: str) -> None:
    if not manages_members_of(user=actor, unit=unit):
        raise OrganisationError(_("Du kan ikke endre medlemmene i denne enheten."), field="unit")
    if role not in grantable_roles(user=actor):
        raise OrganisationError(_("Du kan ikke gi denne rollen."), field="role")
    if not user.is_active:
        raise OrganisationError(
            _("Brukeren er deaktivert. Aktiver brukeren før du gir en ny rolle."), field="user"
        )
    if not unit.is_active:
        raise OrganisationError(
            _("Enheten er ikke aktiv. Aktiver enheten før du legger til medlemmer."),
            field="unit",
        )


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership) -> None:
    """Take a role away, as a lead (own units, roles they could give) or an administrator.

    The last active system administrator keeps the role: without one, nobody could manage
    users any more.
    """
    if not manages_members_of(user=actor, unit=membership.unit):
        raise OrganisationError(_("Du kan ikke endre medlemmene i denne enheten."))
    if membership.role not in revocable_roles(user=actor):
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
    actor: Any,
    username: str,
    full_name: str,
    email: str,
    password: str,
    submission_id: uuid.UUID,
) -> User:
    """Create a user from the staff pages; posting the same form twice creates one user."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: user_create(
            actor=actor, username=username, full_name=full_name, email=email, password=password
        ),
    )


def staff_user_create_in_unit(
    *,
    actor: Any,
    username: str,
    full_name: str,
    email: str,
    password: str,
    unit: Unit,
    role: str,
    submission_id: uuid.UUID,
) -> User:
    """Create a user straight into a unit with a role, as a lead does: both or neither.

    The lead's rules for giving roles apply (own units, roles within the unit), and are
    checked before the user is made. One submission covers both writes: posting the same
    form twice creates one user and one membership.
    """

    def create() -> User:
        if not manages_members_of(user=actor, unit=unit):
            raise OrganisationError(
                _("Du kan ikke endre medlemmene i denne enheten."), field="unit"
            )
        if role not in grantable_roles(user=actor):
            raise OrganisationError(_("Du kan ikke gi denne rollen."), field="role")
        user = user_create(
            actor=actor, username=username, full_name=full_name, email=email, password=password
        )
        _check_grant(actor=actor, user=user, unit=unit, role=role)
        membership_add(actor=actor, user=user, unit=unit, role=role)
        return user

    return once(actor=actor, submission_id=submission_id, create=create)
