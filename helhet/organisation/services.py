"""Writes to the organisation: municipalities, units and memberships."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record
from helhet.core.errors import DomainError
from helhet.organisation.models import Membership, Municipality, Unit
from helhet.organisation.roles import Role


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
    parsed = []
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
        parsed.append((code, name))
    return parsed


@transaction.atomic
def municipalities_import(*, text: str, valid_from: date | None = None) -> ImportResult:
    """Create or update municipalities from an SSB export. All or nothing."""
    rows = _municipality_rows(text)
    created = updated = unchanged = 0
    for code, name in rows:
        existing = Municipality.objects.filter(number=code, valid_to__isnull=True).first()
        if existing is None:
            Municipality.objects.create(number=code, name=name, valid_from=valid_from)
            created += 1
        elif existing.name != name:
            existing.name = name
            existing.save(update_fields=["name"])
            updated += 1
        else:
            unchanged += 1
    return ImportResult(created, updated, unchanged)


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    name: str,
    unit_type: str,
    host_municipality: Municipality,
    covered_municipalities: Iterable[Municipality] = (),
    phone: str = "",
    email: str = "",
    is_demo: bool = False,
) -> Unit:
    """Create a unit (a service). It always covers its host municipality."""
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
        is_demo=is_demo,
    )
    unit.full_clean()
    unit.save()
    unit.covered_municipalities.set({host_municipality, *covered_municipalities})
    event_record(
        kind=EventKind.CREATE,
        actor=actor,
        object_type="organisation.unit",
        object_id=unit.pk,
        unit=unit,
    )
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
    if (
        Unit.objects.filter(name=name.strip(), host_municipality=host_municipality)
        .exclude(pk=unit.pk)
        .exists()
    ):
        raise OrganisationError(
            _("Det finnes allerede en enhet med dette navnet i kommunen."), field="name"
        )
    unit.name = name.strip()
    unit.unit_type = unit_type
    unit.host_municipality = host_municipality
    unit.phone = phone
    unit.email = email
    unit.is_active = is_active
    unit.full_clean()
    unit.save(
        update_fields=[
            "name",
            "unit_type",
            "host_municipality",
            "phone",
            "email",
            "is_active",
            "updated_at",
        ]
    )
    unit.covered_municipalities.set({host_municipality, *covered_municipalities})
    event_record(
        kind=EventKind.UPDATE,
        actor=actor,
        object_type="organisation.unit",
        object_id=unit.pk,
        unit=unit,
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
    event_record(
        kind=EventKind.CREATE,
        actor=actor,
        object_type="organisation.membership",
        object_id=membership.pk,
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
        object_type="organisation.membership",
        object_id=pk,
        unit=unit,
        detail=detail,
    )
