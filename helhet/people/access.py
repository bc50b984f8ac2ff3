"""Chokepoints for persons: the only way a view fetches one.

Each narrows the persons to those the user may reach for its purpose and hands them to
`core.access.fetch_or_404`: 404 for "does not exist" and for "not yours" alike, every
read and every refusal written to the audit log and shown in the person's access log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helhet.audit.choices import EventKind
from helhet.audit.services import Subject, event_record, events_record
from helhet.core.access import fetch_or_404
from helhet.organisation.models import Unit
from helhet.organisation.roles import Cap
from helhet.people.choices import Purpose
from helhet.people.models import Person
from helhet.people.selectors import (
    PERSON_OBJECT_TYPE,
    editable_persons,
    erasable_persons,
    linked_units,
    list_units,
    persons_for_access_log,
    persons_with_readable_address,
    visible_persons,
)

if TYPE_CHECKING:
    from helhet.core.types import User

# Marks a read made through break-glass (no unit of the user's links the person).
BREAK_GLASS_DETAIL = "break_glass"


def get_person_for(user: User, person_id: Any, *, purpose: str, detail: str = "") -> Person:
    """The person with this id if the user may see them; the read is audited.

    The event names the unit through which the user sees the person, or says that the
    access came through break-glass.
    """
    person = fetch_or_404(
        user,
        visible_persons(user=user).select_related("key"),
        person_id,
        purpose=purpose,
        person="pk",
        record=False,
    )
    unit = linked_units(user=user, person=person).first()
    if unit is None:
        detail = ",".join(part for part in (BREAK_GLASS_DETAIL, detail) if part)
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


def get_person_address_for(user: User, person_id: Any) -> Person:
    """The person, when the user may open their fortrolig adresse: the user works with
    the person (case editing in a unit the person is linked to). The opening is its own
    event ("show address"), so the person's access log says who saw the address."""
    return fetch_or_404(
        user,
        persons_with_readable_address(user=user).select_related("key"),
        person_id,
        purpose=Purpose.SHOW_ADDRESS,
        person="pk",
        unit=lambda person: linked_units(
            user=user, person=person, capability=Cap.CASE_EDIT
        ).first(),
        detail="field:address",
    )


def record_list_reads(user: User, persons: list[Person], *, purpose: str) -> dict[int, Unit | None]:
    """Write one read event per person shown in a list (the list is a read of each one).

    Each event names the unit through which the user sees the person; a person seen only
    through break-glass has no unit and is marked so. Returns the unit (or None) per
    person id, so that the page can flag break-glass rows.
    """
    if not persons:
        return {}
    found = list_units(user=user, persons=persons)
    unit_of: dict[int, Unit | None] = {person.pk: found.get(person.pk) for person in persons}
    groups: dict[int | None, list[Subject]] = {}
    for person in persons:
        unit = unit_of[person.pk]
        groups.setdefault(unit.pk if unit else None, []).append(
            Subject(PERSON_OBJECT_TYPE, person.pk, person.pk)
        )
    units = {unit.pk: unit for unit in unit_of.values() if unit is not None}
    for unit_id, subjects in groups.items():
        events_record(
            kind=EventKind.READ,
            actor=user,
            subjects=subjects,
            unit=units.get(unit_id) if unit_id is not None else None,
            purpose=purpose,
            detail="" if unit_id is not None else BREAK_GLASS_DETAIL,
        )
    return unit_of


def get_person_for_edit(user: User, person_id: Any) -> Person:
    """The person, if the user may change them: linked to a unit where the user may edit
    case content. Break-glass opens a person for reading only."""
    return fetch_or_404(
        user,
        editable_persons(user=user).select_related("key"),
        person_id,
        purpose=Purpose.EDIT,
        person="pk",
        unit=lambda person: linked_units(
            user=user, person=person, capability=Cap.CASE_EDIT
        ).first(),
    )


def get_person_for_erase(user: User, person_id: Any) -> Person:
    """The person, if the user may erase them: the user holds the erase capability in a
    unit the person is linked to. Break-glass never gives the right to erase."""
    return fetch_or_404(
        user,
        erasable_persons(user=user).select_related("key"),
        person_id,
        purpose=Purpose.ERASE,
        person="pk",
        unit=lambda person: linked_units(
            user=user, person=person, capability=Cap.PERSON_ERASE
        ).first(),
    )


def get_person_for_access_log(
    user: User,
    person_id: Any,
    *,
    purpose: str,
    kind: str = EventKind.READ,
    detail: str = "",
) -> Person:
    """Any person, erased ones included, for the privacy officer who answers a person's
    request to see who has read their data. The look-up is itself audited (as `kind`:
    an export is recorded as an export)."""
    return fetch_or_404(
        user,
        persons_for_access_log(user=user).select_related("key"),
        person_id,
        purpose=purpose,
        person="pk",
        kind=kind,
        detail=detail,
    )
