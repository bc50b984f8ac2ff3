"""Writes to persons: register, change, link to units, erase, rotate keys."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.no import fodselsnummer

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record
from helhet.core.errors import DomainError
from helhet.organisation.models import Unit
from helhet.people.choices import AddressProtection, Gender
from helhet.people.crypto import (
    blind_index,
    encrypt_field,
    new_data_key,
    newest_master_key,
    unwrap_data_key,
    wrap_data_key,
)
from helhet.people.models import ENCRYPTED_FIELDS, Person, PersonKey, PersonUnitLink
from helhet.people.selectors import PERSON_OBJECT_TYPE, person_data


class PersonError(DomainError):
    pass


@dataclass
class PersonInput:
    """What a form or another module gives to register or change a person."""

    name: str
    national_id: str = ""
    birth_date: str = ""
    gender: str = Gender.NOT_REGISTERED
    birth_year: int | None = None
    languages: str = ""
    needs_interpreter: bool = False
    phone: str = ""
    email: str = ""
    address: str = ""
    address_protection: str = AddressProtection.NONE
    may_call: bool = False
    may_text: bool = False
    may_write: bool = False
    may_leave_voicemail: bool = False
    safe_times: str = ""
    safe_contact_person: str = ""
    notes: str = ""


_PLAIN_FIELDS = (
    "gender",
    "birth_year",
    "languages",
    "needs_interpreter",
    "address_protection",
    "may_call",
    "may_text",
    "may_write",
    "may_leave_voicemail",
)


def normalise_national_id(value: str) -> str:
    """Validate a national identity number or D-number; return its 11 digits."""
    compact = fodselsnummer.compact(value or "")
    if not compact:
        return ""
    if not fodselsnummer.is_valid(compact):
        raise PersonError(
            _("Fødselsnummeret eller D-nummeret er ikke gyldig. Sjekk de 11 sifrene."),
            field="national_id",
        )
    return compact


def _validate(data: PersonInput) -> PersonInput:
    data.name = (data.name or "").strip()
    if not data.name:
        raise PersonError(_("Skriv inn navnet."), field="name")
    data.national_id = normalise_national_id(data.national_id)
    if data.address_protection == AddressProtection.STRICT and data.address.strip():
        raise PersonError(
            _(
                "Personen har strengt fortrolig adresse. Adressen skal ikke lagres i Helhet; "
                "la feltet stå tomt."
            ),
            field="address",
        )
    if data.national_id and not data.birth_year:
        data.birth_year = fodselsnummer.get_birth_date(data.national_id).year
    return data


def _encrypt_into(person: Person, data_key: bytes, data: PersonInput) -> list[str]:
    changed = []
    for name in ENCRYPTED_FIELDS:
        value = str(getattr(data, name) or "")
        setattr(person, f"{name}_enc", encrypt_field(data_key, value, aad=f"{person.uid}:{name}"))
        changed.append(f"{name}_enc")
    return changed


def _duplicate_error() -> PersonError:
    return PersonError(
        _(
            "En person med dette fødselsnummeret er allerede registrert. Søk opp personen, "
            "eller be om tilgang hvis du ikke finner den."
        ),
        field="national_id",
    )


@transaction.atomic
def person_create(
    *, actor: Any, unit: Unit, data: PersonInput, source: str = "people.registration"
) -> Person:
    """Register a person in the unit. The person becomes visible to the unit's staff."""
    data = _validate(data)
    index = blind_index(data.national_id) if data.national_id else None
    if index and Person.objects.filter(national_id_index=index).exists():
        raise _duplicate_error()
    person = Person(national_id_index=index)
    for name in _PLAIN_FIELDS:
        setattr(person, name, getattr(data, name))
    data_key = new_data_key()
    _encrypt_into(person, data_key, data)
    person.full_clean(exclude=["national_id_index"])
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:  # a concurrent registration of the same number
        raise _duplicate_error() from exc
    key_id, wrapped = wrap_data_key(data_key)
    PersonKey.objects.create(person=person, master_key_id=key_id, wrapped_key=wrapped)
    PersonUnitLink.objects.create(person=person, unit=unit, source=source)
    event_record(
        kind=EventKind.CREATE,
        actor=actor,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person.pk,
        person_id=person.pk,
        unit=unit,
    )
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, data: PersonInput) -> Person:
    """Change a person's fields. The audit event names the changed fields, never their values."""
    data = _validate(data)
    if person.is_erased:
        raise PersonError(_("Personen er slettet og kan ikke endres."))
    before = person_data(person)
    index = blind_index(data.national_id) if data.national_id else None
    if index and Person.objects.filter(national_id_index=index).exclude(pk=person.pk).exists():
        raise _duplicate_error()
    changed = [
        name for name in ENCRYPTED_FIELDS if getattr(before, name) != (getattr(data, name) or "")
    ]
    changed += [name for name in _PLAIN_FIELDS if getattr(person, name) != getattr(data, name)]
    for name in _PLAIN_FIELDS:
        setattr(person, name, getattr(data, name))
    person.national_id_index = index
    key_row = person.key
    data_key = unwrap_data_key(key_row.master_key_id, key_row.wrapped_key)
    update_fields = _encrypt_into(person, data_key, data)
    person.full_clean(exclude=["national_id_index"])
    person.save(update_fields=[*update_fields, *_PLAIN_FIELDS, "national_id_index", "updated_at"])
    event_record(
        kind=EventKind.UPDATE,
        actor=actor,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person.pk,
        person_id=person.pk,
        detail=",".join(sorted(changed)),
    )
    return person


@transaction.atomic
def person_link_unit(
    *, actor: Any, person: Person, unit: Unit, source: str, legal_basis: str = ""
) -> PersonUnitLink:
    """Make the person visible to a unit through a record there (a stay, a case, a share)."""
    link, created = PersonUnitLink.objects.get_or_create(
        person=person, unit=unit, source=source, defaults={"legal_basis": legal_basis}
    )
    if not created and link.ended_at is not None:
        link.ended_at = None
        link.legal_basis = legal_basis or link.legal_basis
        link.save(update_fields=["ended_at", "legal_basis"])
    event_record(
        kind=EventKind.UPDATE,
        actor=actor,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person.pk,
        person_id=person.pk,
        unit=unit,
        purpose=legal_basis,
        detail=f"link:{source}",
    )
    return link


@transaction.atomic
def person_unlink_unit(*, actor: Any, person: Person, unit: Unit, source: str) -> None:
    """End the visibility a record gave (the share was revoked, the record closed)."""
    updated = PersonUnitLink.objects.filter(
        person=person, unit=unit, source=source, ended_at__isnull=True
    ).update(ended_at=timezone.now())
    if updated:
        event_record(
            kind=EventKind.UPDATE,
            actor=actor,
            object_type=PERSON_OBJECT_TYPE,
            object_id=person.pk,
            person_id=person.pk,
            unit=unit,
            detail=f"unlink:{source}",
        )


@transaction.atomic
def person_erase(*, actor: Any, person: Person) -> Person:
    """Crypto-shred the person: delete the data key and every identifying field, keep a
    tombstone. Every earlier copy of the ciphertext (a dump, a backup) becomes unreadable."""
    if person.is_erased:
        raise PersonError(_("Personen er allerede slettet."))
    PersonKey.objects.filter(person=person).delete()
    for name in ENCRYPTED_FIELDS:
        setattr(person, f"{name}_enc", "")
    person.national_id_index = None
    person.erased_at = timezone.now()
    person.languages = ""
    person.save(
        update_fields=[
            *(f"{name}_enc" for name in ENCRYPTED_FIELDS),
            "national_id_index",
            "erased_at",
            "languages",
            "updated_at",
        ]
    )
    PersonUnitLink.objects.filter(person=person, ended_at__isnull=True).update(
        ended_at=person.erased_at
    )
    event_record(
        kind=EventKind.ERASE,
        actor=actor,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person.pk,
        person_id=person.pk,
    )
    return person


def master_key_rotate(*, batch_size: int = 500) -> int:
    """Re-wrap every person key with the newest master key. Idempotent; returns how many
    keys were re-wrapped."""
    newest = newest_master_key().key_id
    count = 0
    while True:
        with transaction.atomic():
            batch = list(
                PersonKey.objects.select_for_update()
                .exclude(master_key_id=newest)
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return count
            for row in batch:
                data_key = unwrap_data_key(row.master_key_id, row.wrapped_key)
                row.master_key_id, row.wrapped_key = wrap_data_key(data_key)
                row.save(update_fields=["master_key_id", "wrapped_key", "wrapped_at"])
            count += len(batch)


def person_input_from(person: Person) -> PersonInput:
    """The current values of a person, as input for an edit form."""
    data = person_data(person)
    values = {
        f.name: getattr(data, f.name, "") for f in fields(PersonInput) if hasattr(data, f.name)
    }
    values.update({name: getattr(person, name) for name in _PLAIN_FIELDS})
    return PersonInput(**values)
