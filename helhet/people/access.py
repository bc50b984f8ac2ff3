"""Chokepoints for persons: the only way a view fetches one.

404 for "does not exist" and for "not yours", alike; every read and every refusal is
written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import Subject, event_record, events_record
from helhet.core.policy import has_capability
from helhet.organisation.roles import Cap
from helhet.organisation.selectors import units_with
from helhet.people.choices import Purpose
from helhet.people.models import Person, PersonUnitLink
from helhet.people.selectors import PERSON_OBJECT_TYPE, linked_units, visible_persons


def _pk(person_id: Any) -> int | None:
    try:
        pk = int(person_id)
    except (TypeError, ValueError):
        return None
    # Larger than a bigint: no such row, and some databases would overflow on the query.
    return pk if 0 < pk < 2**63 else None


def _refuse(user: Any, person_id: Any, pk: int | None, *, purpose: str) -> Http404:
    """Record the refusal and return the 404 to raise; the same for missing and forbidden."""
    exists = pk is not None and Person.objects.filter(pk=pk).exists()
    event_record(
        kind=EventKind.ACCESS_DENIED,
        actor=user,
        object_type=PERSON_OBJECT_TYPE,
        object_id=str(person_id)[:64],
        # The person's own log shows attempts on them; an id that names nobody has no person.
        person_id=pk if exists else None,
        purpose=purpose,
    )
    return Http404(_("Personen finnes ikke, eller du har ikke tilgang."))


def get_person_for(user: Any, person_id: Any, *, purpose: str, detail: str = "") -> Person:
    """The person with this id if the user may see them; the read is audited.

    The event names the unit through which the user sees the person, or says that the
    access came through break-glass.
    """
    pk = _pk(person_id)
    person = (
        visible_persons(user=user).select_related("key").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if person is None:
        raise _refuse(user, person_id, pk, purpose=purpose)
    unit = linked_units(user=user, person=person).first()
    if unit is None:
        detail = ",".join(part for part in ("break_glass", detail) if part)
    event_record(
        kind=EventKind.READ,
        actor=user,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person.pk,
        person_id=person.pk,
        unit=unit,
        purpose=purpose,
        detail=detail,
    )
    return person


def record_list_reads(user: Any, persons: list[Person], *, purpose: str) -> dict[int, Any]:
    """Write one read event per person shown in a list (the list is a read of each one).

    Each event names the unit through which the user sees the person; a person seen only
    through break-glass has no unit and is marked so. Returns the unit (or None) per
    person id, so that the page can flag break-glass rows.
    """
    if not persons:
        return {}
    links = (
        PersonUnitLink.objects.filter(
            person__in=persons,
            unit__in=units_with(user=user, capability=Cap.CASE_VIEW),
            ended_at__isnull=True,
        )
        .select_related("unit")
        .order_by("unit_id")
    )
    unit_of: dict[int, Any] = {}
    for link in links:
        unit_of.setdefault(link.person_id, link.unit)
    groups: dict[int | None, list[Subject]] = {}
    for person in persons:
        unit = unit_of.get(person.pk)
        groups.setdefault(unit.pk if unit else None, []).append(
            Subject(PERSON_OBJECT_TYPE, person.pk, person.pk)
        )
        unit_of.setdefault(person.pk, None)
    units = {unit.pk: unit for unit in unit_of.values() if unit is not None}
    for unit_id, subjects in groups.items():
        events_record(
            kind=EventKind.READ,
            actor=user,
            subjects=subjects,
            unit=units.get(unit_id) if unit_id is not None else None,
            purpose=purpose,
            detail="" if unit_id is not None else "break_glass",
        )
    return unit_of


def get_person_for_edit(user: Any, person_id: Any) -> Person:
    """The person, if the user may change them: linked to a unit where the user may edit
    case content. Break-glass opens a person for reading only."""
    pk = _pk(person_id)
    person = (
        visible_persons(user=user).select_related("key").filter(pk=pk).first()
        if pk is not None
        else None
    )
    unit = (
        linked_units(user=user, person=person, capability=Cap.CASE_EDIT).first()
        if person is not None
        else None
    )
    if person is None or unit is None:
        raise _refuse(user, person_id, pk, purpose=Purpose.EDIT)
    event_record(
        kind=EventKind.READ,
        actor=user,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person.pk,
        person_id=person.pk,
        unit=unit,
        purpose=Purpose.EDIT,
    )
    return person


def get_person_for_erase(user: Any, person_id: Any) -> Person:
    """The person, if the user may erase them: the user holds the erase capability in a
    unit the person is linked to. Break-glass never gives the right to erase."""
    pk = _pk(person_id)
    units = units_with(user=user, capability=Cap.PERSON_ERASE)
    person = (
        Person.objects.select_related("key")
        .filter(
            pk=pk,
            erased_at__isnull=True,
            unit_links__unit__in=units,
            unit_links__ended_at__isnull=True,
        )
        .first()
        if pk is not None
        else None
    )
    if person is None:
        raise _refuse(user, person_id, pk, purpose=Purpose.ERASE)
    event_record(
        kind=EventKind.READ,
        actor=user,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person.pk,
        person_id=person.pk,
        unit=linked_units(user=user, person=person, capability=Cap.PERSON_ERASE).first(),
        purpose=Purpose.ERASE,
    )
    return person


def get_person_for_access_log(
    user: Any,
    person_id: Any,
    *,
    purpose: str,
    kind: str = EventKind.READ,
    detail: str = "",
) -> Person:
    """Any person, erased ones included, for the privacy officer who answers a person's
    request to see who has read their data. The look-up is itself audited (as `kind`:
    an export is recorded as an export)."""
    pk = _pk(person_id)
    allowed = has_capability(user, Cap.AUDIT_REVIEW)
    person = (
        Person.objects.select_related("key").filter(pk=pk).first()
        if pk is not None and allowed
        else None
    )
    if person is None:
        raise _refuse(user, person_id, pk, purpose=purpose)
    event_record(
        kind=kind,
        actor=user,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person.pk,
        person_id=person.pk,
        purpose=purpose,
        detail=detail,
    )
    return person
