"""Reads of persons: which persons a user may see, searching them, and their decrypted data."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from stdnum.no import fodselsnummer

from helhet.audit.selectors import break_glass_object_ids
from helhet.audit.services import object_type_of
from helhet.core.policy import has_capability
from helhet.organisation.models import Unit
from helhet.organisation.roles import Cap
from helhet.organisation.selectors import units_with
from helhet.people import contexts
from helhet.people.crypto import CryptoError, blind_index, decrypt_field, unwrap_data_key
from helhet.people.models import ENCRYPTED_FIELDS, Person, PersonUnitLink

if TYPE_CHECKING:
    from helhet.core.types import User

# The object type events about a person carry (other modules name persons with it too).
PERSON_OBJECT_TYPE = object_type_of(Person)


def break_glass_person_ids(user: User) -> list[int]:
    """Persons the user holds a running break-glass grant for."""
    ids = break_glass_object_ids(user=user, object_type=PERSON_OBJECT_TYPE)
    return [int(pk) for pk in ids if str(pk).isdigit()]


def visible_persons(*, user: User) -> QuerySet[Person]:
    """Persons the user may see: linked to a unit where the user may see case content,
    or opened by an active break-glass grant. Erased persons are never listed."""
    units = units_with(user=user, capability=Cap.CASE_VIEW)
    condition = Q(unit_links__unit__in=units, unit_links__ended_at__isnull=True)
    glass = break_glass_person_ids(user)
    if glass:
        condition |= Q(pk__in=glass)
    return Person.objects.filter(condition, erased_at__isnull=True).distinct()


def _linked_to_units_with(*, user: User, capability: str) -> QuerySet[Person]:
    units = units_with(user=user, capability=capability)
    return Person.objects.filter(
        erased_at__isnull=True, unit_links__unit__in=units, unit_links__ended_at__isnull=True
    ).distinct()


def editable_persons(*, user: User) -> QuerySet[Person]:
    """Persons the user may change: linked to a unit where the user may edit case content.
    Break-glass opens a person for reading only, so it never makes one editable."""
    return _linked_to_units_with(user=user, capability=Cap.CASE_EDIT)


def erasable_persons(*, user: User) -> QuerySet[Person]:
    """Persons the user may erase: linked to a unit where the user holds the erase
    capability. Never through break-glass."""
    return _linked_to_units_with(user=user, capability=Cap.PERSON_ERASE)


def persons_with_readable_address(*, user: User) -> QuerySet[Person]:
    """Persons whose fortrolig adresse the user may open: those linked to a unit where the
    user works directly with them (Cap.PERSON_ADDRESS: workers and leads, not the
    municipality-wide coordinator). Not through break-glass, which is for reading what an
    emergency needs, and not for the privacy officer."""
    return _linked_to_units_with(user=user, capability=Cap.PERSON_ADDRESS)


def persons_for_access_log(*, user: User) -> QuerySet[Person]:
    """Every person, erased ones included, for a holder of the audit review capability
    (the privacy officer answers a person's request to see who has read their data)."""
    if not has_capability(user, Cap.AUDIT_REVIEW):
        return Person.objects.none()
    return Person.objects.all()


def list_units(*, user: User, persons: Iterable[Person]) -> dict[int, Unit]:
    """For each person in a list, one of the user's units (where the user may see case
    content) that the person is linked to; persons seen through break-glass have none."""
    links = (
        PersonUnitLink.objects.filter(
            person__in=list(persons),
            unit__in=units_with(user=user, capability=Cap.CASE_VIEW),
            ended_at__isnull=True,
        )
        .select_related("unit")
        .order_by("unit_id")
    )
    unit_of: dict[int, Unit] = {}
    for link in links:
        unit_of.setdefault(link.person_id, link.unit)
    return unit_of


def linked_units(*, user: User, person: Person, capability: str = Cap.CASE_VIEW) -> QuerySet[Unit]:
    """The user's units, holding the capability, that the person is linked to now."""
    return units_with(user=user, capability=capability).filter(
        person_links__person=person, person_links__ended_at__isnull=True
    )


def looks_like_national_id(text: str) -> bool:
    compact = fodselsnummer.compact(text or "")
    return len(compact) == 11 and compact.isdigit()


def person_search(*, user: User, query: str = "") -> QuerySet[Person]:
    """The visible persons matching the query, newest first.

    Eleven digits are looked up through the blind index (a whole number only: the index
    cannot match part of one). Anything else is matched against names, which must be
    decrypted to be compared, so only the user's visible set is decrypted.
    """
    persons = visible_persons(user=user).order_by("-created_at", "-id")
    query = (query or "").strip()
    if not query:
        return persons
    if looks_like_national_id(query):
        return persons.filter(national_id_index=blind_index(fodselsnummer.compact(query)))
    needle = query.casefold()
    matching = [
        person.pk
        for person in persons.select_related("key")
        if needle in _decrypt(person, ("name",)).get("name", "").casefold()
    ]
    return persons.filter(pk__in=matching)


def person_by_national_id(identifier: str) -> Person | None:
    """A person who is not erased, found by the whole national identity number or
    D-number (through the blind index). Person ids are not accepted: break-glass opens a
    person someone is looking for, never the next id in a row. Gives no access: only
    break-glass uses it, and it audits every look-up."""
    if not looks_like_national_id(identifier):
        return None
    index = blind_index(fodselsnummer.compact(identifier))
    return Person.objects.filter(national_id_index=index, erased_at__isnull=True).first()


def person_id_for_access_log(identifier: str) -> int | None:
    """The id of the person a privacy officer asks about: by national identity number or
    D-number (blind index) or by id. Erased persons keep their log and are found by id."""
    identifier = (identifier or "").strip()
    if looks_like_national_id(identifier):
        index = blind_index(fodselsnummer.compact(identifier))
        return Person.objects.filter(national_id_index=index).values_list("pk", flat=True).first()
    if identifier.isdigit() and len(identifier) < 19:
        return Person.objects.filter(pk=int(identifier)).values_list("pk", flat=True).first()
    return None


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

    @property
    def birth_date_value(self) -> datetime.date | None:
        # Stored as ISO 8601 by people.services, which refuses anything else.
        return datetime.date.fromisoformat(self.birth_date) if self.birth_date else None

    @property
    def national_id_display(self) -> str:
        return fodselsnummer.format(self.national_id) if self.national_id else ""

    @property
    def is_d_number(self) -> bool:
        return bool(self.national_id) and int(self.national_id[0]) >= 4


def _decrypt(person: Person, names: Iterable[str]) -> dict[str, str]:
    """Decrypt the named fields; raises CryptoError when the key is gone or wrong."""
    try:
        key_row = person.key
    except Person.key.RelatedObjectDoesNotExist as exc:
        raise CryptoError("The person has no key (erased).") from exc
    data_key = unwrap_data_key(key_row.master_key_id, key_row.wrapped_key)
    return {
        name: decrypt_field(
            data_key, getattr(person, f"{name}_enc"), aad=contexts.person_field(person.uid, name)
        )
        for name in names
    }


def person_data(person: Person) -> PersonData:
    """Decrypt the person's fields. An erased person (no key) gives empty, unreadable data."""
    data = PersonData(person=person)
    try:
        values = _decrypt(person, ENCRYPTED_FIELDS)
    except CryptoError:
        data.unreadable = True
        return data
    for name, value in values.items():
        setattr(data, name, value)
    return data


def persons_data(persons: Iterable[Person]) -> list[PersonData]:
    """Decrypt a page of persons (fetch them with `select_related("key")`)."""
    return [person_data(person) for person in persons]
