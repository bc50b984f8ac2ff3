"""Writes of contacts that are not stays: phone calls (anonymous) and the day offer."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record, event_record_for, object_type_of
from helhet.core.idempotency import once
from helhet.organisation.models import Municipality, Unit
from helhet.people.choices import Gender
from helhet.people.services import PersonInput, person_create
from helhet.shelter.choices import AnswerList, DayContactKind
from helhet.shelter.models import DayContact, DayUser, PhoneContact
from helhet.shelter.services.base import (
    OptionRef,
    ShelterError,
    active_option,
    active_options,
    check_birth_year,
    current_day,
    short_text,
)

if TYPE_CHECKING:
    from helhet.core.types import User

# How long after registering a phone contact its author may still undo it.
UNDO_WINDOW = timedelta(minutes=30)


@dataclass
class PhoneContactInput:
    started_at: datetime
    duration_minutes: int
    caller_group: OptionRef | None
    outcome: OptionRef | None
    topics: Sequence[OptionRef] = ()
    caller_gender: str = Gender.NOT_REGISTERED
    municipality: Municipality | None = None
    is_conversation: bool = False


@transaction.atomic
def phone_contact_create(
    *, actor: User, unit: Unit, data: PhoneContactInput, submission_id: uuid.UUID
) -> PhoneContact:
    """Log a phone conversation. Anonymous: nothing about the caller beyond the answers."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _phone_contact_create(actor=actor, unit=unit, data=data),
    )


def _phone_contact_create(*, actor: User, unit: Unit, data: PhoneContactInput) -> PhoneContact:
    if data.started_at > timezone.now() + timedelta(minutes=5):
        raise ShelterError(_("Tidspunktet kan ikke være fram i tid."), field="started_at")
    if not 1 <= (data.duration_minutes or 0) <= 600:
        raise ShelterError(
            _("Skriv hvor mange minutter samtalen varte (1–600)."), field="duration_minutes"
        )
    contact = PhoneContact(
        unit=unit,
        started_at=data.started_at,
        duration_minutes=data.duration_minutes,
        caller_group=active_option(
            data.caller_group, AnswerList.CALLER_GROUP, field_name="caller_group"
        ),
        caller_gender=data.caller_gender,
        outcome=active_option(data.outcome, AnswerList.OUTCOME, field_name="outcome"),
        municipality=data.municipality,
        is_conversation=data.is_conversation,
        created_by=actor,
    )
    topics = active_options(data.topics, AnswerList.TOPIC, field_name="topics")
    contact.full_clean()
    contact.save()
    contact.topics.set(topics)
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=contact,
        unit=unit,
    )
    return contact


@transaction.atomic
def phone_contact_undo(*, actor: User, unit: Unit) -> PhoneContact:
    """Remove the last phone contact the user logged at the centre, within the undo window.
    Phone contacts hold no personal data, so undo deletes the row."""
    last = (
        PhoneContact.objects.select_for_update()
        .filter(unit=unit, created_by=actor, created_at__gte=timezone.now() - UNDO_WINDOW)
        .order_by("-created_at", "-id")
        .first()
    )
    if last is None:
        raise ShelterError(
            _("Du har ingen samtale fra den siste halvtimen å angre. Eldre samtaler blir stående.")
        )
    pk = last.pk
    last.topics.clear()
    last.delete()
    event_record(
        kind=EventKind.DELETE,
        actor=actor,
        object_type=object_type_of(PhoneContact),
        object_id=pk,
        unit=unit,
        detail="undo",
    )
    last.pk = pk
    return last


@dataclass
class DayUserInput:
    gender: str = Gender.NOT_REGISTERED
    birth_year: int | None = None
    municipality: Municipality | None = None
    # Given for a registered user; empty for a pseudonymous one.
    name: str = ""


def _next_pseudonym(unit: Unit, year: int) -> str:
    prefix = f"D{year}-"
    taken = DayUser.objects.filter(unit=unit, pseudonym__startswith=prefix).count()
    number = taken + 1
    while DayUser.objects.filter(unit=unit, pseudonym=f"{prefix}{number:03d}").exists():
        number += 1
    return f"{prefix}{number:03d}"


@transaction.atomic
def _day_user_create(*, actor: User, unit: Unit, data: DayUserInput) -> DayUser:
    """A new user of the day offer: pseudonymous (no name) or registered as a person."""
    check_birth_year(data.birth_year)
    day_user = DayUser(
        unit=unit,
        pseudonym=_next_pseudonym(unit, current_day().year),
        gender=data.gender,
        birth_year=data.birth_year,
        municipality=data.municipality,
        created_by=actor,
    )
    day_user.full_clean(exclude=["person"])
    day_user.save()
    name = short_text(data.name)
    if name:
        day_user.person = person_create(
            actor=actor,
            unit=unit,
            data=PersonInput(name=name, gender=data.gender, birth_year=data.birth_year),
            source=f"shelter.dayuser:{day_user.pk}",
        )
        day_user.save(update_fields=["person"])
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=day_user,
        person_id=day_user.person_id,
        unit=unit,
    )
    return day_user


@dataclass
class DayContactInput:
    occurred_on: date
    kind: str
    topics: Sequence[OptionRef] = ()
    staff: Sequence[User] = ()
    duration_minutes: int | None = None
    with_children: bool = False
    with_interpreter: bool = False
    with_other_service: bool = False
    with_network: bool = False


@transaction.atomic
def day_contact_create(
    *,
    actor: User,
    unit: Unit,
    day_user: DayUser | None,
    new_user: DayUserInput | None,
    data: DayContactInput,
    submission_id: uuid.UUID,
) -> DayContact:
    """Log one attendance in the day offer, for a known day user or a new one."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _day_contact_create(
            actor=actor, unit=unit, day_user=day_user, new_user=new_user, data=data
        ),
    )


def _day_contact_create(
    *,
    actor: User,
    unit: Unit,
    day_user: DayUser | None,
    new_user: DayUserInput | None,
    data: DayContactInput,
) -> DayContact:
    if data.occurred_on > current_day():
        raise ShelterError(_("Datoen kan ikke være fram i tid."), field="occurred_on")
    if data.kind not in DayContactKind.values:
        raise ShelterError(_("Velg type kontakt."), field="kind")
    if day_user is not None and day_user.unit_id != unit.pk:
        raise ShelterError(_("Velg en bruker ved dette senteret."), field="day_user")
    if day_user is None:
        if new_user is None:
            raise ShelterError(
                _("Velg en bruker, eller registrer en ny bruker nedenfor."), field="day_user"
            )
        day_user = _day_user_create(actor=actor, unit=unit, data=new_user)
    topics = active_options(data.topics, AnswerList.TOPIC, field_name="topics")
    contact = DayContact(
        unit=unit,
        day_user=day_user,
        occurred_on=data.occurred_on,
        kind=data.kind,
        duration_minutes=data.duration_minutes,
        with_children=data.with_children,
        with_interpreter=data.with_interpreter,
        with_other_service=data.with_other_service,
        with_network=data.with_network,
        created_by=actor,
    )
    contact.full_clean()
    contact.save()
    contact.topics.set(topics)
    contact.staff.set(list(data.staff) or [actor])
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=contact,
        person_id=day_user.person_id,
        unit=unit,
    )
    return contact
