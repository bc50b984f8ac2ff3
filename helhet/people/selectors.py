"""Reads of persons: which persons a user may see, and their decrypted data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from helhet.audit.selectors import break_glass_object_ids
from helhet.organisation.roles import Cap
from helhet.organisation.selectors import units_with
from helhet.people.crypto import CryptoError, decrypt_field, unwrap_data_key
from helhet.people.models import ENCRYPTED_FIELDS, Person

PERSON_OBJECT_TYPE = "people.person"


def visible_persons(*, user: Any) -> QuerySet[Person]:
    """Persons the user may see: linked to a unit where the user may see case content,
    or opened by an active break-glass grant. Erased persons are never listed."""
    units = units_with(user=user, capability=Cap.CASE_VIEW)
    glass = [int(pk) for pk in break_glass_object_ids(user=user, object_type=PERSON_OBJECT_TYPE)]
    condition = Q(unit_links__unit__in=units, unit_links__ended_at__isnull=True)
    if glass:
        condition |= Q(pk__in=glass)
    return Person.objects.filter(condition, erased_at__isnull=True).distinct()


def person_units(*, person: Person) -> QuerySet[Any]:
    from helhet.organisation.models import Unit

    return Unit.objects.filter(
        person_links__person=person, person_links__ended_at__isnull=True
    ).distinct()


@dataclass
class PersonData:
    """A person's fields in plain text, for display. Never stored, never logged."""

    person: Person
    name: str = ""
    national_id: str = ""
    birth_date: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    safe_times: str = ""
    safe_contact_person: str = ""
    notes: str = ""
    unreadable: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return self.name or str(self.person)


def person_data(person: Person) -> PersonData:
    """Decrypt the person's fields. An erased person (no key) gives empty, unreadable data."""
    data = PersonData(person=person)
    try:
        key_row = person.key
    except Person.key.RelatedObjectDoesNotExist:
        data.unreadable = True
        return data
    try:
        data_key = unwrap_data_key(key_row.master_key_id, key_row.wrapped_key)
        for name in ENCRYPTED_FIELDS:
            token = getattr(person, f"{name}_enc")
            setattr(data, name, decrypt_field(data_key, token, aad=f"{person.uid}:{name}"))
    except CryptoError:
        data.unreadable = True
    return data
