"""Writes to persons: register, change, link to units, erase, rotate keys."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.no import fodselsnummer

from helhet.audit.choices import EventKind
from helhet.audit.models import BreakGlassGrant
from helhet.audit.services import (
    break_glass_grant,
    break_glass_reason_clean,
    event_record,
    object_type_of,
)
from helhet.core.errors import DomainError
from helhet.core.idempotency import once
from helhet.core.text import clean_text
from helhet.core.updates import changed_detail, model_update
from helhet.organisation.models import Unit
from helhet.people import contexts
from helhet.people.choices import AddressProtection, Gender, Purpose
from helhet.people.crypto import (
    blind_index,
    encrypt_field,
    new_data_key,
    newest_master_key,
    unwrap_data_key,
    wrap_data_key,
)
from helhet.people.models import ENCRYPTED_FIELDS, Person, PersonKey, PersonUnitLink
from helhet.people.selectors import (
    PERSON_OBJECT_TYPE,
    person_by_national_id,
    person_data,
    visible_persons,
)

if TYPE_CHECKING:
    from helhet.core.types import User


class PersonError(DomainError):
    pass


class DuplicatePersonError(PersonError):
    """The national identity number belongs to a person already registered. Carries the
    person's id so that the view can write the attempt to the audit log (a probe for
    whether someone is known to the services is itself worth reviewing)."""

    def __init__(self, message: str, *, person_id: int | None) -> None:
        super().__init__(message, field="national_id")
        self.person_id = person_id


@dataclass
class PersonInput:
    """What a form or another module gives to register or change a person."""

    name: str
    national_id: str = ""
    birth_date: str = ""  # ISO 8601 (YYYY-MM-DD) or empty
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
    # On a change: keep the stored address instead of `address` (the edit form of a
    # person with fortrolig adresse never shows it, and leaves it as it is when empty).
    keep_address: bool = False


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
            _(
                "Fødselsnummeret eller D-nummeret er ikke gyldig. Sjekk at du har skrevet "
                "alle de 11 sifrene riktig."
            ),
            field="national_id",
        )
    return compact


def _birth_date(data: PersonInput) -> datetime.date | None:
    text = str(data.birth_date or "").strip()
    given = None
    if text:
        try:
            given = datetime.date.fromisoformat(text)
        except ValueError as exc:
            raise PersonError(
                _("Skriv fødselsdatoen som dag, måned og år."), field="birth_date"
            ) from exc
        if given > timezone.localdate():
            raise PersonError(_("Fødselsdatoen kan ikke være fram i tid."), field="birth_date")
    if not data.national_id:
        return given
    from_number = fodselsnummer.get_birth_date(data.national_id)
    if given is not None and given != from_number:
        raise PersonError(
            _(
                "Fødselsdatoen stemmer ikke med fødselsnummeret eller D-nummeret. "
                "Sjekk begge feltene."
            ),
            field="birth_date",
        )
    return from_number


def _validate(data: PersonInput) -> PersonInput:
    """A checked, tidied copy of the input (the caller's object is left as it was)."""
    data = replace(data)
    data.name = " ".join(clean_text(data.name).split())
    if not data.name:
        raise PersonError(_("Skriv inn navnet."), field="name")
    data.national_id = normalise_national_id(data.national_id)
    born = _birth_date(data)
    data.birth_date = born.isoformat() if born else ""
    if born is not None:
        data.birth_year = born.year
    if data.address_protection == AddressProtection.STRICT and (data.address or "").strip():
        raise PersonError(
            _(
                "Personen har strengt fortrolig adresse. Adressen skal ikke lagres i Helhet. "
                "Fjern adressen fra feltet."
            ),
            field="address",
        )
    # Short texts lose the invisible characters that could make them show as something
    # else (core.text); the notes are the person's own words and are only trimmed.
    for name in ("languages", "phone", "email", "address", "safe_times", "safe_contact_person"):
        setattr(data, name, clean_text(str(getattr(data, name) or "")))
    data.notes = str(data.notes or "").strip()
    return data


def _encrypt_into(person: Person, data_key: bytes, data: PersonInput) -> list[str]:
    changed = []
    for name in ENCRYPTED_FIELDS:
        value = str(getattr(data, name) or "")
        setattr(
            person,
            f"{name}_enc",
            encrypt_field(data_key, value, aad=contexts.person_field(person.uid, name)),
        )
        changed.append(f"{name}_enc")
    return changed


def _duplicate_error(index: str) -> DuplicatePersonError:
    existing = Person.objects.filter(national_id_index=index).values_list("pk", flat=True).first()
    return DuplicatePersonError(
        _(
            "En person med dette fødselsnummeret eller D-nummeret er allerede registrert. "
            "Søk opp personen i personlisten. Finner du den ikke, har enheten din ikke "
            "tilgang; snakk med enheten som fulgte opp personen, eller bruk nødtilgang "
            "hvis det haster."
        ),
        person_id=existing,
    )


@transaction.atomic
def _person_create(*, actor: User, unit: Unit, data: PersonInput, source: str) -> Person:
    data = _validate(data)
    index = blind_index(data.national_id) if data.national_id else None
    if index and Person.objects.filter(national_id_index=index).exists():
        raise _duplicate_error(index)
    person = Person(national_id_index=index)
    for name in _PLAIN_FIELDS:
        setattr(person, name, getattr(data, name))
    data_key = new_data_key()
    _encrypt_into(person, data_key, data)
    person.full_clean(exclude=["national_id_index"])
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:
        if index and Person.objects.filter(national_id_index=index).exists():
            # A concurrent registration of the same number.
            raise _duplicate_error(index) from exc
        raise
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
        purpose=Purpose.REGISTER,
        detail=f"source:{source}",
    )
    return person


def person_register(
    *, actor: User, unit: Unit, data: PersonInput, submission_id: uuid.UUID
) -> Person:
    """Register a person in the unit from the registration form. The same `submission_id`
    sent again (a double click, a reload) returns the person the first post registered."""
    try:
        return once(
            actor=actor,
            submission_id=submission_id,
            create=lambda: _person_create(
                actor=actor, unit=unit, data=data, source="people.registration"
            ),
        )
    except DuplicatePersonError as error:
        _record_duplicate(actor=actor, error=error, unit=unit)
        raise


def person_create(
    *, actor: User, unit: Unit, data: PersonInput, source: str = "people.registration"
) -> Person:
    """Register a person as part of another module's write (a stay registers its
    resident). That write is the one the user submitted, and it is the one guarded
    against double submits; forms of this app use `person_register`."""
    try:
        return _person_create(actor=actor, unit=unit, data=data, source=source)
    except DuplicatePersonError as error:
        _record_duplicate(actor=actor, error=error, unit=unit)
        raise


def _record_duplicate(*, actor: User, error: DuplicatePersonError, unit: Unit | None) -> None:
    # Outside the failed transaction, so that the attempt stays in the log.
    event_record(
        kind=EventKind.ACCESS_DENIED,
        actor=actor,
        object_type=PERSON_OBJECT_TYPE,
        object_id=error.person_id or "",
        person_id=error.person_id,
        unit=unit,
        purpose=Purpose.REGISTER,
        detail="duplicate_national_id",
    )


def person_update(*, actor: User, person: Person, data: PersonInput) -> Person:
    """Change a person's fields. The audit event names the changed fields, never their values."""
    try:
        return _person_update(actor=actor, person=person, data=data)
    except DuplicatePersonError as error:
        _record_duplicate(actor=actor, error=error, unit=None)
        raise


@transaction.atomic
def _person_update(*, actor: User, person: Person, data: PersonInput) -> Person:
    if person.is_erased:
        raise PersonError(_("Personen er slettet og kan ikke endres."))
    before = person_data(person)
    if before.unreadable:
        raise PersonError(_("Personens opplysninger kan ikke leses, og kan derfor ikke endres."))
    if data.keep_address:
        # Strengt fortrolig adresse is never stored: a kept address goes when it applies.
        strict = data.address_protection == AddressProtection.STRICT
        data = replace(data, address="" if strict else before.address, keep_address=False)
    data = _validate(data)
    index = blind_index(data.national_id) if data.national_id else None
    if index and Person.objects.filter(national_id_index=index).exclude(pk=person.pk).exists():
        raise _duplicate_error(index)
    values: dict[str, Any] = {name: getattr(data, name) for name in _PLAIN_FIELDS}
    values["national_id_index"] = index
    secret = [name for name in ENCRYPTED_FIELDS if getattr(before, name) != getattr(data, name)]
    if secret:
        key_row = person.key
        data_key = unwrap_data_key(key_row.master_key_id, key_row.wrapped_key)
        for name in secret:
            values[f"{name}_enc"] = encrypt_field(
                data_key, getattr(data, name), aad=contexts.person_field(person.uid, name)
            )
    try:
        with transaction.atomic():
            changed = model_update(
                instance=person,
                fields=[*_PLAIN_FIELDS, "national_id_index", *(f"{n}_enc" for n in secret)],
                data=values,
            )
    except ValidationError as exc:
        if index and "national_id_index" in getattr(exc, "error_dict", {}):
            raise _duplicate_error(index) from exc
        raise PersonError(exc.messages[0]) from exc
    except IntegrityError as exc:  # the same number registered concurrently
        if index is None:
            raise
        raise _duplicate_error(index) from exc
    if not changed:
        return person
    # The detail names the fields (the person's, not the columns), never their values.
    names = {name.removesuffix("_enc") for name in changed} - {"national_id_index"}
    event_record(
        kind=EventKind.UPDATE,
        actor=actor,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person.pk,
        person_id=person.pk,
        purpose=Purpose.EDIT,
        detail=changed_detail(sorted(names)),
    )
    return person


@transaction.atomic
def person_link_unit(
    *, actor: User, person: Person, unit: Unit, source: str, legal_basis: str = ""
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
        purpose=Purpose.LINK,
        detail=f"link:{source}",
    )
    return link


@transaction.atomic
def person_unlink_unit(*, actor: User, person: Person, unit: Unit, source: str) -> None:
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
            purpose=Purpose.UNLINK,
            detail=f"unlink:{source}",
        )


@transaction.atomic
def person_erase(*, actor: User, person: Person) -> Person:
    """Crypto-shred the person: delete the data key and every identifying field, keep a
    tombstone. Every earlier copy of the ciphertext (a dump, a backup) becomes unreadable."""
    # Locked, so that an edit running at the same moment cannot write new ciphertext
    # with the key this erase is about to delete.
    person = Person.objects.select_for_update().get(pk=person.pk)
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
        purpose=Purpose.ERASE,
    )
    return person


def master_key_rotate(*, actor: User | None = None, batch_size: int = 500) -> int:
    """Re-wrap every person key with the newest master key. Idempotent; returns how many
    keys were re-wrapped. Once it has run, older master keys can leave the keyring, and
    every copy of a key wrapped with them (in a backup) is useless."""
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
                break
            for row in batch:
                data_key = unwrap_data_key(row.master_key_id, row.wrapped_key)
                row.master_key_id, row.wrapped_key = wrap_data_key(data_key)
                row.save(update_fields=["master_key_id", "wrapped_key", "wrapped_at"])
            count += len(batch)
    if count:
        event_record(
            kind=EventKind.UPDATE,
            actor=actor,
            actor_name="" if actor else "rotate_master_key",
            object_type=object_type_of(PersonKey),
            detail=f"rewrapped:{count} with:{newest}",
        )
    return count


def person_break_glass(
    *, actor: User, national_id: str, reason: str, submission_id: uuid.UUID
) -> tuple[int, BreakGlassGrant | None]:
    """Open a person outside the user's access, for HELHET_BREAK_GLASS_MINUTES, with a
    reason. The person is searched for by the whole national identity number or
    D-number; person ids are refused, so that nobody opens persons by counting ids.
    Returns the person's id and the grant (None when the user could already see the
    person, so no grant was needed).

    Not one transaction on purpose: a failed look-up (and a refusal over the rate) is
    written to the audit log even though the request fails.
    """
    # Checked before the look-up, so that nobody probes numbers without a reason.
    reason = break_glass_reason_clean(reason)
    person = person_by_national_id(national_id)
    if person is None:
        event_record(
            kind=EventKind.ACCESS_DENIED,
            actor=actor,
            object_type=PERSON_OBJECT_TYPE,
            purpose=Purpose.BREAK_GLASS,
            detail="break_glass:not_found",
        )
        raise PersonError(
            _(
                "Fant ingen person med dette fødselsnummeret eller D-nummeret. Sjekk at "
                "du har skrevet alle de 11 sifrene riktig."
            ),
            field="national_id",
        )
    if visible_persons(user=actor).filter(pk=person.pk).exists():
        return person.pk, None
    grant = break_glass_grant(
        actor=actor,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person.pk,
        person_id=person.pk,
        reason=reason,
        submission_id=submission_id,
    )
    return person.pk, grant


def person_input_from(person: Person) -> PersonInput:
    """The current values of a person, as input for an edit form."""
    data = person_data(person)
    values: dict[str, Any] = {
        f.name: getattr(data, f.name, "") for f in fields(PersonInput) if hasattr(data, f.name)
    }
    values.update({name: getattr(person, name) for name in _PLAIN_FIELDS})
    return PersonInput(**values)
