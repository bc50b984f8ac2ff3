"""Writes of the crisis centre: answer lists, rooms and beds, contacts, stays, bed
allocations, safety plans, threat mappings and follow-up.

Every function owns its transaction, validates before it saves, and writes its audit event
in the same transaction. Forms post a one-time submission id, so a double click finds the
record the first click created instead of creating a second one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record, event_record_for
from helhet.core.errors import DomainError
from helhet.organisation.models import Municipality, Unit
from helhet.people.choices import Gender
from helhet.people.models import Person
from helhet.people.sealing import seal
from helhet.people.services import PersonInput, person_create, person_link_unit
from helhet.shelter.choices import (
    OPEN_TASK_STATUSES,
    AnswerList,
    BedKind,
    ConsentDecidedBy,
    ConsentScope,
    DayContactKind,
    ReferralReason,
    RiskLevel,
    TaskCategory,
    TaskStatus,
    ThreatMethod,
    YesNoUnknown,
)
from helhet.shelter.models import (
    SAFETY_PLAN_SECTIONS,
    THREAT_SECTIONS,
    AnswerOption,
    Bed,
    BedAllocation,
    CapacityReferral,
    DayContact,
    DayUser,
    FollowUpPlan,
    FollowUpTask,
    PhoneContact,
    Room,
    RoomClosure,
    SafetyPlan,
    SafetyPlanReview,
    Stay,
    StayChild,
    ThreatAssessment,
)

STAY = "shelter.stay"
SAFETY_PLAN = "shelter.safetyplan"
THREAT_ASSESSMENT = "shelter.threatassessment"
FOLLOWUP_TASK = "shelter.followuptask"

# How long after registering a phone contact its author may still undo it.
UNDO_WINDOW = timedelta(minutes=30)
# The default deadline of a checklist task, counted from the day the plan starts.
DEFAULT_TASK_DAYS = 14
# Children under this age do not decide on statistics registration themselves.
CHILD_CONSENT_AGE = 16
ADULT_AGE = 18


class ShelterError(DomainError):
    """A rule of the crisis centre was broken."""


class BedTakenError(ShelterError):
    """The bed (or every bed of the room) is already given for those nights."""


def stay_source(stay: Stay) -> str:
    """The source of the person links a stay creates (people.PersonUnitLink.source)."""
    return f"{STAY}:{stay.uid}"


def _today() -> date:
    return timezone.localdate()


def _option(pk: Any, answer_list: str, *, field_name: str, required: bool = True) -> Any:
    """An active option of the given list, or a clear error by the field."""
    if pk in (None, ""):
        if required:
            raise ShelterError(_("Velg et svar."), field=field_name)
        return None
    option = AnswerOption.objects.filter(
        pk=getattr(pk, "pk", pk), answer_list=answer_list, is_active=True
    ).first()
    if option is None:
        raise ShelterError(_("Velg et av svarene i listen."), field=field_name)
    return option


def _options(pks: Iterable[Any], answer_list: str, *, field_name: str) -> list[AnswerOption]:
    wanted = {getattr(pk, "pk", pk) for pk in pks}
    found = list(
        AnswerOption.objects.filter(pk__in=wanted, answer_list=answer_list, is_active=True)
    )
    if len(found) != len(wanted):
        raise ShelterError(_("Velg bare svar fra listen."), field=field_name)
    return found


# Answer lists ---------------------------------------------------------------------------


@transaction.atomic
def answer_option_create(
    *, actor: Any, answer_list: str, label: str, label_en: str = ""
) -> AnswerOption:
    """Add an answer to a list. Its code is derived once from the label and never changes."""
    label = " ".join((label or "").split())
    if answer_list not in AnswerList.values:
        raise ShelterError(_("Velg en svarliste."), field="answer_list")
    if not label:
        raise ShelterError(_("Skriv teksten for svaret."), field="label")
    if AnswerOption.objects.filter(answer_list=answer_list, label__iexact=label).exists():
        raise ShelterError(_("Listen har allerede et svar med denne teksten."), field="label")
    base = slugify(label)[:50] or "svar"
    code, number = base, 2
    while AnswerOption.objects.filter(answer_list=answer_list, code=code).exists():
        code, number = f"{base}-{number}", number + 1
    last = AnswerOption.objects.filter(answer_list=answer_list).order_by("-position").first()
    option = AnswerOption(
        answer_list=answer_list,
        code=code,
        label=label,
        label_en=" ".join((label_en or "").split()),
        position=(last.position + 10) if last else 10,
    )
    option.full_clean()
    option.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=option,
        detail=f"{answer_list}:{code}",
    )
    return option


@transaction.atomic
def answer_option_set_active(*, actor: Any, option: AnswerOption, is_active: bool) -> AnswerOption:
    """Take an answer out of use (or back). Past records keep pointing at it."""
    if option.is_active == is_active:
        return option
    option.is_active = is_active
    option.deactivated_at = None if is_active else timezone.now()
    option.save(update_fields=["is_active", "deactivated_at"])
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=option,
        detail="activated" if is_active else "deactivated",
    )
    return option


# Rooms and beds -------------------------------------------------------------------------


@dataclass
class RoomInput:
    name: str
    is_family_room: bool = False
    is_accessible: bool = False
    is_ground_floor: bool = False
    allows_pets: bool = False
    has_own_bathroom: bool = False
    is_mens_unit: bool = False
    is_active: bool = True


_ROOM_FIELDS = (
    "name",
    "is_family_room",
    "is_accessible",
    "is_ground_floor",
    "allows_pets",
    "has_own_bathroom",
    "is_mens_unit",
    "is_active",
)


def _check_room_name(unit: Unit, name: str, *, exclude: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ShelterError(_("Gi rommet et navn."), field="name")
    if Room.objects.filter(unit=unit, name__iexact=name).exclude(pk=exclude).exists():
        raise ShelterError(_("Senteret har allerede et rom med dette navnet."), field="name")
    return name


@transaction.atomic
def room_create(*, actor: Any, unit: Unit, data: RoomInput) -> Room:
    """Add a room to the centre."""
    data.name = _check_room_name(unit, data.name)
    room = Room(unit=unit, **{name: getattr(data, name) for name in _ROOM_FIELDS})
    room.full_clean()
    room.save()
    event_record_for(kind=EventKind.CREATE, actor=actor, obj=room, unit=unit)
    return room


@transaction.atomic
def room_update(*, actor: Any, room: Room, data: RoomInput) -> Room:
    """Change a room's name and properties."""
    data.name = _check_room_name(room.unit, data.name, exclude=room.pk)
    changed = [name for name in _ROOM_FIELDS if getattr(room, name) != getattr(data, name)]
    if not changed:
        return room
    if (
        "is_active" in changed
        and not data.is_active
        and BedAllocation.objects.filter(bed__room=room)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=_today()))
        .exists()
    ):
        raise ShelterError(
            _("Noen bor i rommet nå. Flytt dem før du tar rommet ut av bruk."), field="is_active"
        )
    for name in changed:
        setattr(room, name, getattr(data, name))
    room.full_clean()
    room.save(update_fields=[*changed, "updated_at"])
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=room,
        unit=room.unit,
        detail=",".join(changed),
    )
    return room


@transaction.atomic
def bed_create(*, actor: Any, room: Room, label: str, kind: str = BedKind.ADULT) -> Bed:
    """Add a bed to a room."""
    label = " ".join((label or "").split())
    if not label:
        raise ShelterError(_("Gi sengen et navn, for eksempel «Seng 1»."), field="label")
    if kind not in BedKind.values:
        raise ShelterError(_("Velg type seng."), field="kind")
    if Bed.objects.filter(room=room, label__iexact=label).exists():
        raise ShelterError(_("Rommet har allerede en seng med dette navnet."), field="label")
    bed = Bed(room=room, label=label, kind=kind)
    bed.full_clean()
    bed.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=bed,
        unit=room.unit,
    )
    return bed


@transaction.atomic
def bed_set_active(*, actor: Any, bed: Bed, is_active: bool) -> Bed:
    """Take a bed out of use for good (or back). A bed in use cannot be removed."""
    if bed.is_active == is_active:
        return bed
    if not is_active and (
        BedAllocation.objects.filter(bed=bed)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=_today()))
        .exists()
    ):
        raise ShelterError(_("Sengen er i bruk. Flytt beboeren først."), field="bed")
    bed.is_active = is_active
    bed.save(update_fields=["is_active", "updated_at"])
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=bed,
        unit=bed.room.unit,
        detail="activated" if is_active else "deactivated",
    )
    return bed


@transaction.atomic
def room_closure_create(
    *, actor: Any, room: Room, starts_on: date, ends_on: date | None, reason: str
) -> RoomClosure:
    """Take a room out of service for a period. Refused while someone has a bed there then."""
    if ends_on is not None and ends_on <= starts_on:
        raise ShelterError(
            _("Datoen rommet er tilbake i drift må være etter startdatoen."), field="ends_on"
        )
    same = RoomClosure.objects.filter(
        room=room, starts_on=starts_on, ends_on=ends_on, reason=reason
    ).first()
    if same is not None:
        return same
    overlapping = (
        BedAllocation.objects.filter(bed__room=room)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on))
        .exclude(ends_on=F("starts_on"))
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lt=ends_on)
    if overlapping.exists():
        raise ShelterError(
            _("Noen har seng i rommet i denne perioden. Flytt dem først."), field="starts_on"
        )
    closure = RoomClosure(
        room=room, starts_on=starts_on, ends_on=ends_on, reason=reason, created_by=actor
    )
    closure.full_clean()
    closure.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=closure,
        unit=room.unit,
    )
    return closure


# Phone contacts ---------------------------------------------------------------------------


@dataclass
class PhoneContactInput:
    started_at: datetime
    duration_minutes: int
    caller_group: Any
    outcome: Any
    topics: Sequence[Any] = ()
    caller_gender: str = Gender.NOT_REGISTERED
    municipality: Municipality | None = None
    is_conversation: bool = False


@transaction.atomic
def phone_contact_create(
    *, actor: Any, unit: Unit, data: PhoneContactInput, submission_id: uuid.UUID
) -> PhoneContact:
    """Log a phone conversation. Anonymous: nothing about the caller beyond the answers."""
    earlier = PhoneContact.objects.filter(submission_id=submission_id).first()
    if earlier is not None:
        return earlier
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
        caller_group=_option(data.caller_group, AnswerList.CALLER_GROUP, field_name="caller_group"),
        caller_gender=data.caller_gender,
        outcome=_option(data.outcome, AnswerList.OUTCOME, field_name="outcome"),
        municipality=data.municipality,
        is_conversation=data.is_conversation,
        created_by=actor,
        submission_id=submission_id,
    )
    topics = _options(data.topics, AnswerList.TOPIC, field_name="topics")
    contact.full_clean(exclude=["submission_id"])
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
def phone_contact_undo(*, actor: Any, unit: Unit) -> PhoneContact:
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
        object_type="shelter.phonecontact",
        object_id=pk,
        unit=unit,
        detail="undo",
    )
    last.pk = pk
    return last


# Day contacts -----------------------------------------------------------------------------


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


def _check_birth_year(year: int | None, *, field_name: str = "birth_year") -> None:
    if year is None:
        return
    this_year = _today().year
    if not this_year - 120 <= year <= this_year:
        raise ShelterError(
            _("Skriv et fødselsår mellom %(first)s og %(last)s.")
            % {"first": this_year - 120, "last": this_year},
            field=field_name,
        )


@transaction.atomic
def day_user_create(*, actor: Any, unit: Unit, data: DayUserInput) -> DayUser:
    """A new user of the day offer: pseudonymous (no name) or registered as a person."""
    _check_birth_year(data.birth_year)
    day_user = DayUser(
        unit=unit,
        pseudonym=_next_pseudonym(unit, _today().year),
        gender=data.gender,
        birth_year=data.birth_year,
        municipality=data.municipality,
        created_by=actor,
    )
    day_user.full_clean(exclude=["person"])
    day_user.save()
    name = " ".join((data.name or "").split())
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
    topics: Sequence[Any] = ()
    staff: Sequence[Any] = ()
    duration_minutes: int | None = None
    with_children: bool = False
    with_interpreter: bool = False
    with_other_service: bool = False
    with_network: bool = False


@transaction.atomic
def day_contact_create(
    *,
    actor: Any,
    unit: Unit,
    day_user: DayUser | None,
    new_user: DayUserInput | None,
    data: DayContactInput,
    submission_id: uuid.UUID,
) -> DayContact:
    """Log one attendance in the day offer, for a known day user or a new one."""
    earlier = DayContact.objects.filter(submission_id=submission_id).first()
    if earlier is not None:
        return earlier
    if data.occurred_on > _today():
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
        day_user = day_user_create(actor=actor, unit=unit, data=new_user)
    topics = _options(data.topics, AnswerList.TOPIC, field_name="topics")
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
        submission_id=submission_id,
    )
    contact.full_clean(exclude=["submission_id"])
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


# Stays --------------------------------------------------------------------------------------


@dataclass
class StayInput:
    """The registration of a stay (Bufdir's resident form), without the persons."""

    arrived_on: date
    referrer: Any
    municipality: Municipality | None = None
    violence_types: Sequence[Any] = ()
    violence_repeated: str = YesNoUnknown.UNKNOWN
    perpetrator_relation: Any = None
    perpetrator_gender: str = Gender.NOT_REGISTERED
    disability: str = YesNoUnknown.UNKNOWN
    immigrant_background: str = YesNoUnknown.UNKNOWN
    earlier_contact: str = YesNoUnknown.UNKNOWN
    needs_interpreter: bool = False
    needs_sign_language: bool = False
    needs_accessibility: bool = False
    substance_use: bool = False
    mental_health: bool = False
    has_pets: bool = False
    statistics_consent: bool = False


_STAY_PLAIN_FIELDS = (
    "arrived_on",
    "municipality",
    "violence_repeated",
    "perpetrator_gender",
    "disability",
    "immigrant_background",
    "earlier_contact",
    "needs_interpreter",
    "needs_sign_language",
    "needs_accessibility",
    "substance_use",
    "mental_health",
    "has_pets",
    "statistics_consent",
)


@dataclass
class ChildInput:
    """A child who comes with the resident: the person and the child form."""

    name: str
    birth_year: int | None = None
    gender: str = Gender.NOT_REGISTERED
    statistics_consent: bool = False
    school_interrupted: str = YesNoUnknown.UNKNOWN
    witnessed_violence: str = YesNoUnknown.UNKNOWN
    suffered_violence: str = YesNoUnknown.UNKNOWN
    child_welfare_contact: str = YesNoUnknown.UNKNOWN
    contact_with_violent_parent: str = YesNoUnknown.UNKNOWN
    # Set when the child is already registered (and visible to the user).
    person: Person | None = None
    # The form prefix of the child's fields, so an error lands by the right field.
    prefix: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


_CHILD_FORM_FIELDS = (
    "statistics_consent",
    "school_interrupted",
    "witnessed_violence",
    "suffered_violence",
    "child_welfare_contact",
    "contact_with_violent_parent",
)


def _check_arrival(arrived_on: date | None) -> date:
    if arrived_on is None:
        raise ShelterError(_("Skriv ankomstdatoen."), field="arrived_on")
    if arrived_on > _today():
        raise ShelterError(_("Ankomstdatoen kan ikke være fram i tid."), field="arrived_on")
    return arrived_on


def _apply_stay_input(stay: Stay, data: StayInput) -> tuple[list[str], list[AnswerOption]]:
    """Set the stay's registration fields; returns the changed names and the violence types."""
    _check_arrival(data.arrived_on)
    values: dict[str, Any] = {name: getattr(data, name) for name in _STAY_PLAIN_FIELDS}
    values["referrer"] = _option(data.referrer, AnswerList.REFERRER, field_name="referrer")
    values["perpetrator_relation"] = _option(
        data.perpetrator_relation,
        AnswerList.PERPETRATOR_RELATION,
        field_name="perpetrator_relation",
        required=False,
    )
    violence = _options(data.violence_types, AnswerList.VIOLENCE_TYPE, field_name="violence_types")
    changed = [name for name, value in values.items() if getattr(stay, name, None) != value]
    for name, value in values.items():
        setattr(stay, name, value)
    return changed, violence


def _first_resident_stay_of_year(stay: Stay) -> bool:
    return (
        not Stay.objects.filter(resident=stay.resident, arrived_on__year=stay.arrived_on.year)
        .exclude(pk=stay.pk)
        .filter(Q(arrived_on__lt=stay.arrived_on) | Q(arrived_on=stay.arrived_on, pk__lt=stay.pk))
        .exists()
    )


def _first_child_stay_of_year(child_stay: StayChild) -> bool:
    return (
        not StayChild.objects.filter(
            child=child_stay.child, arrived_on__year=child_stay.arrived_on.year
        )
        .exclude(pk=child_stay.pk)
        .filter(
            Q(arrived_on__lt=child_stay.arrived_on)
            | Q(arrived_on=child_stay.arrived_on, pk__lt=child_stay.pk)
        )
        .exists()
    )


def _child_error(child: ChildInput, message: str, name: str) -> ShelterError:
    return ShelterError(message, field=f"{child.prefix}{name}" if child.prefix else name)


def _add_child(
    *,
    actor: Any,
    stay: Stay,
    child: ChildInput,
    arrived_on: date,
    submission_id: uuid.UUID | None = None,
) -> StayChild:
    _check_birth_year(child.birth_year, field_name=f"{child.prefix}birth_year")
    if child.birth_year is not None and arrived_on.year - child.birth_year >= ADULT_AGE:
        raise _child_error(
            child,
            _("Barnet er 18 år eller eldre. Registrer voksne som egne beboere med eget opphold."),
            "birth_year",
        )
    person = child.person
    if person is None:
        name = " ".join((child.name or "").split())
        if not name:
            raise _child_error(child, _("Skriv barnets navn."), "name")
        person = person_create(
            actor=actor,
            unit=stay.unit,
            data=PersonInput(name=name, gender=child.gender, birth_year=child.birth_year),
            source=stay_source(stay),
        )
    else:
        if person.pk == stay.resident_id:
            raise _child_error(child, _("Beboeren kan ikke også være barn i oppholdet."), "name")
        person_link_unit(actor=actor, person=person, unit=stay.unit, source=stay_source(stay))
    if StayChild.objects.filter(stay=stay, child=person).exists():
        raise _child_error(child, _("Barnet er allerede registrert i dette oppholdet."), "name")
    age = arrived_on.year - child.birth_year if child.birth_year is not None else None
    child_stay = StayChild(
        stay=stay,
        child=person,
        arrived_on=arrived_on,
        submission_id=submission_id,
        consent_decided_by=(
            ConsentDecidedBy.CHILD
            if age is not None and age >= CHILD_CONSENT_AGE
            else ConsentDecidedBy.CAREGIVER
        ),
        **{name: getattr(child, name) for name in _CHILD_FORM_FIELDS},
    )
    child_stay.full_clean(exclude=["stay", "child", "submission_id"])
    child_stay.save()
    child_stay.first_stay_of_year = _first_child_stay_of_year(child_stay)
    child_stay.save(update_fields=["first_stay_of_year"])
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=child_stay,
        person_id=person.pk,
        unit=stay.unit,
    )
    return child_stay


@transaction.atomic
def stay_create(
    *,
    actor: Any,
    unit: Unit,
    resident: PersonInput | Person | None,
    data: StayInput,
    children: Sequence[ChildInput] = (),
    submission_id: uuid.UUID,
) -> Stay:
    """Take in an adult, with or without children. The resident and the children are
    registered as persons (or linked, when already known) and become visible to the
    centre's staff. All or nothing."""
    earlier = Stay.objects.filter(submission_id=submission_id).first()
    if earlier is not None:
        return earlier
    if resident is None or (isinstance(resident, PersonInput) and not resident.name.strip()):
        if children:
            raise ShelterError(
                _(
                    "Barn kan bare bo på krisesenteret sammen med en omsorgsperson. "
                    "Registrer den voksne som kommer med barnet."
                ),
                field="name",
            )
        raise ShelterError(_("Skriv inn navnet."), field="name")
    if isinstance(resident, Person):
        if Stay.objects.filter(unit=unit, resident=resident, departed_on__isnull=True).exists():
            raise ShelterError(
                _("Personen bor allerede på senteret. Avslutt det åpne oppholdet først."),
                field="name",
            )
        if (
            resident.birth_year
            and data.arrived_on
            and (data.arrived_on.year - resident.birth_year < ADULT_AGE)
        ):
            raise ShelterError(
                _("Beboeren er under 18 år. Barn registreres sammen med omsorgspersonen."),
                field="name",
            )
    elif resident.birth_year is not None:
        _check_birth_year(resident.birth_year)
        if data.arrived_on and data.arrived_on.year - resident.birth_year < ADULT_AGE:
            raise ShelterError(
                _("Beboeren er under 18 år. Barn registreres sammen med omsorgspersonen."),
                field="birth_year",
            )
    stay = Stay(unit=unit, created_by=actor, submission_id=submission_id)
    _changed, violence = _apply_stay_input(stay, data)
    if isinstance(resident, Person):
        stay.resident = resident
        stay.full_clean(exclude=["submission_id"])
        stay.save()
        person_link_unit(actor=actor, person=resident, unit=unit, source=stay_source(stay))
    else:
        stay.full_clean(exclude=["submission_id", "resident"])
        # The stay's uid is known before it is saved, so the person's link can name it.
        stay.resident = person_create(
            actor=actor, unit=unit, data=resident, source=stay_source(stay)
        )
        stay.save()
    stay.violence_types.set(violence)
    stay.first_stay_of_year = _first_resident_stay_of_year(stay)
    stay.save(update_fields=["first_stay_of_year"])
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=stay,
        person_id=stay.resident_id,
        unit=unit,
    )
    for child in children:
        _add_child(actor=actor, stay=stay, child=child, arrived_on=stay.arrived_on)
    return stay


@transaction.atomic
def stay_update(*, actor: Any, stay: Stay, data: StayInput) -> Stay:
    """Change the registration of a stay. The arrival cannot move after a child's arrival,
    a bed allocation or the departure."""
    changed, violence = _apply_stay_input(stay, data)
    if stay.departed_on is not None and stay.arrived_on > stay.departed_on:
        raise ShelterError(
            _("Ankomsten kan ikke være etter utflyttingen (%(date)s).")
            % {"date": stay.departed_on.strftime("%d.%m.%Y")},
            field="arrived_on",
        )
    if "arrived_on" in changed and (
        stay.allocations.filter(starts_on__lt=stay.arrived_on).exists()
        or stay.children.filter(arrived_on__lt=stay.arrived_on).exists()
    ):
        raise ShelterError(
            _("Ankomsten kan ikke flyttes etter datoen barna kom eller fikk seng."),
            field="arrived_on",
        )
    before_violence = set(stay.violence_types.values_list("pk", flat=True))
    if before_violence != {option.pk for option in violence}:
        changed.append("violence_types")
    if not changed:
        return stay
    stay.full_clean(exclude=["submission_id"])
    stay.save(update_fields=[name for name in changed if name != "violence_types"] + ["updated_at"])
    stay.violence_types.set(violence)
    if "arrived_on" in changed:
        stay.first_stay_of_year = _first_resident_stay_of_year(stay)
        stay.save(update_fields=["first_stay_of_year"])
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=stay,
        person_id=stay.resident_id,
        unit=stay.unit,
        detail=",".join(changed),
    )
    return stay


@transaction.atomic
def stay_child_add(
    *,
    actor: Any,
    stay: Stay,
    child: ChildInput,
    arrived_on: date | None = None,
    submission_id: uuid.UUID | None = None,
) -> StayChild:
    """A child joins an open stay (came later than the resident)."""
    if submission_id is not None:
        earlier = StayChild.objects.filter(submission_id=submission_id).first()
        if earlier is not None:
            return earlier
    if not stay.is_open:
        raise ShelterError(
            _("Oppholdet er avsluttet. Barn kan bare legges til et pågående opphold.")
        )
    arrived_on = arrived_on or _today()
    if arrived_on < stay.arrived_on:
        raise ShelterError(
            _("Barnet kan ikke komme før omsorgspersonen (%(date)s).")
            % {"date": stay.arrived_on.strftime("%d.%m.%Y")},
            field="arrived_on",
        )
    if arrived_on > _today():
        raise ShelterError(_("Ankomstdatoen kan ikke være fram i tid."), field="arrived_on")
    return _add_child(
        actor=actor, stay=stay, child=child, arrived_on=arrived_on, submission_id=submission_id
    )


@transaction.atomic
def stay_end(*, actor: Any, stay: Stay, departed_on: date | None, destination: Any) -> Stay:
    """The resident (and the children still there) move out. Beds are freed from the
    departure day; overnights follow from the dates."""
    stay = Stay.objects.select_for_update().get(pk=stay.pk)
    if not stay.is_open:
        # A repeated submit of the same departure (a double click) is not an error.
        if stay.departed_on == departed_on and stay.destination_id == getattr(
            destination, "pk", destination
        ):
            return stay
        raise ShelterError(_("Oppholdet er allerede avsluttet."))
    if departed_on is None:
        raise ShelterError(_("Skriv utflyttingsdatoen."), field="departed_on")
    if departed_on < stay.arrived_on:
        raise ShelterError(
            _("Utflyttingen kan ikke være før ankomsten (%(date)s).")
            % {"date": stay.arrived_on.strftime("%d.%m.%Y")},
            field="departed_on",
        )
    if departed_on > _today():
        raise ShelterError(
            _(
                "Utflyttingsdatoen kan ikke være fram i tid. Avslutt oppholdet den dagen "
                "beboeren flytter."
            ),
            field="departed_on",
        )
    late_child = stay.children.filter(arrived_on__gt=departed_on).first()
    if late_child is not None:
        raise ShelterError(
            _("Et av barna kom etter denne datoen. Sjekk utflyttingsdatoen."), field="departed_on"
        )
    stay.departed_on = departed_on
    stay.destination = _option(destination, AnswerList.DESTINATION, field_name="destination")
    stay.full_clean(exclude=["submission_id"])
    stay.save(update_fields=["departed_on", "destination", "updated_at"])
    stay.children.filter(departed_on__isnull=True).update(departed_on=departed_on)
    # Allocations that would run past the departure end on it; one that had not started
    # yet becomes empty (it overlaps nothing and keeps the history honest).
    for allocation in stay.allocations.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=departed_on)):
        allocation.ends_on = max(departed_on, allocation.starts_on)
        allocation.save(update_fields=["ends_on"])
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=stay,
        person_id=stay.resident_id,
        unit=stay.unit,
        detail="departed_on,destination",
    )
    return stay


# Beds -----------------------------------------------------------------------------------------


def _taken_message() -> str:
    return _(
        "Rommet er tatt: sengen er allerede gitt til noen andre for disse nettene. "
        "Velg en annen seng."
    )


def _bed_is_free(bed: Bed, starts_on: date) -> bool:
    """No allocation of the bed covers any night from starts_on on (the new one is open)."""
    return not (
        BedAllocation.objects.filter(bed=bed)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on))
        .exclude(ends_on=F("starts_on"))
        .exists()
    )


def _room_closed(room: Room, starts_on: date) -> bool:
    return (
        RoomClosure.objects.filter(room=room)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on))
        .exists()
    )


def _check_allocation_dates(stay: Stay, starts_on: date) -> None:
    if not stay.is_open:
        raise ShelterError(_("Oppholdet er avsluttet. Seng kan bare gis i et pågående opphold."))
    if starts_on < stay.arrived_on:
        raise ShelterError(
            _("Sengen kan ikke gis før ankomsten (%(date)s).")
            % {"date": stay.arrived_on.strftime("%d.%m.%Y")},
            field="starts_on",
        )


def _save_allocation(
    *, actor: Any, stay: Stay, bed: Bed, starts_on: date, stay_child: StayChild | None
) -> BedAllocation:
    # The occupant moves: the bed they had ends the day the new one starts.
    mine = stay.allocations.filter(stay_child=stay_child)
    mine.filter(starts_on__gt=starts_on).update(ends_on=F("starts_on"))
    mine.filter(starts_on__lte=starts_on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on)
    ).update(ends_on=starts_on)
    allocation = BedAllocation(
        stay=stay, stay_child=stay_child, bed=bed, starts_on=starts_on, created_by=actor
    )
    allocation.full_clean(exclude=["stay", "stay_child", "bed"])
    try:
        # The database refuses an overlap (exclusion constraint, or the SQLite trigger)
        # even if a check above was wrong; that is the same answer to the user.
        with transaction.atomic():
            allocation.save()
    except IntegrityError as exc:
        raise BedTakenError(_taken_message(), field="bed") from exc
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=allocation,
        person_id=stay_child.child_id if stay_child else stay.resident_id,
        unit=stay.unit,
        detail=f"bed:{bed.pk}",
    )
    return allocation


@transaction.atomic
def bed_allocate(
    *,
    actor: Any,
    stay: Stay,
    bed: Bed | int,
    starts_on: date | None = None,
    stay_child: StayChild | None = None,
) -> BedAllocation:
    """Give one bed to the resident (or to one of the children) from `starts_on` until the
    stay ends. Two people asking for the same bed at once: the row lock on the bed makes
    the second wait and then see the first one's allocation."""
    starts_on = starts_on or _today()
    bed_id = getattr(bed, "pk", bed)
    locked = (
        Bed.objects.select_for_update()
        .select_related("room")
        .filter(pk=bed_id, room__unit=stay.unit, is_active=True, room__is_active=True)
        .first()
    )
    if locked is None:
        raise ShelterError(_("Velg en seng ved dette senteret."), field="bed")
    if stay_child is not None and stay_child.stay_id != stay.pk:
        raise ShelterError(_("Velg et av barna i dette oppholdet."), field="stay_child")
    same = stay.allocations.filter(
        bed=locked, stay_child=stay_child, starts_on=starts_on, ends_on__isnull=True
    ).first()
    if same is not None:
        # A repeated submit: the occupant already has this bed from this day.
        return same
    _check_allocation_dates(stay, starts_on)
    if _room_closed(locked.room, starts_on):
        raise ShelterError(
            _("Rommet er ute av drift i denne perioden. Velg et annet rom."), field="bed"
        )
    if not _bed_is_free(locked, starts_on):
        raise BedTakenError(_taken_message(), field="bed")
    return _save_allocation(
        actor=actor, stay=stay, bed=locked, starts_on=starts_on, stay_child=stay_child
    )


@transaction.atomic
def room_allocate(
    *, actor: Any, stay: Stay, room: Room | int, starts_on: date | None = None
) -> list[BedAllocation]:
    """Give a room to the whole family: one free bed to the resident and to each child
    still in the stay who has no bed there. Children get child beds first when there are
    any. All or nothing."""
    starts_on = starts_on or _today()
    room_id = getattr(room, "pk", room)
    beds = list(
        Bed.objects.select_for_update()
        .select_related("room")
        .filter(room_id=room_id, room__unit=stay.unit, is_active=True, room__is_active=True)
        .order_by("label", "pk")
    )
    if not beds:
        raise ShelterError(_("Velg et rom med senger ved dette senteret."), field="room")
    _check_allocation_dates(stay, starts_on)
    if _room_closed(beds[0].room, starts_on):
        raise ShelterError(
            _("Rommet er ute av drift i denne perioden. Velg et annet rom."), field="room"
        )
    in_room = set(
        stay.allocations.filter(bed__room_id=room_id, ends_on__isnull=True).values_list(
            "stay_child_id", flat=True
        )
    )
    occupants: list[StayChild | None] = [
        occupant
        for occupant in [None, *stay.children.filter(departed_on__isnull=True)]
        if (occupant.pk if occupant else None) not in in_room
    ]
    if not occupants:
        # A repeated submit: the whole family already has beds in this room.
        return list(stay.allocations.filter(bed__room_id=room_id, ends_on__isnull=True))
    free = [bed for bed in beds if _bed_is_free(bed, starts_on)]
    if len(free) < len(occupants):
        raise BedTakenError(
            _(
                "Rommet er tatt: det har %(free)s ledige senger, og familien trenger "
                "%(needed)s. Velg et annet rom, eller gi senger enkeltvis."
            )
            % {"free": len(free), "needed": len(occupants)},
            field="room",
        )
    adult_beds = [bed for bed in free if bed.kind == BedKind.ADULT] or free
    allocations = []
    remaining = list(free)
    for occupant in occupants:
        if occupant is None:
            choice = adult_beds[0] if adult_beds[0] in remaining else remaining[0]
        else:
            child_beds = [bed for bed in remaining if bed.kind != BedKind.ADULT]
            choice = child_beds[0] if child_beds else remaining[0]
        remaining.remove(choice)
        allocations.append(
            _save_allocation(
                actor=actor, stay=stay, bed=choice, starts_on=starts_on, stay_child=occupant
            )
        )
    return allocations


@dataclass
class CapacityReferralInput:
    occurred_on: date
    referred_to: str
    reason: str = ReferralReason.FULL
    adults: int = 1
    children: int = 0
    gender: str = Gender.NOT_REGISTERED
    municipality: Municipality | None = None


@transaction.atomic
def capacity_referral_create(
    *, actor: Any, unit: Unit, data: CapacityReferralInput, submission_id: uuid.UUID
) -> CapacityReferral:
    """Record that someone who asked for a place was referred to another centre."""
    earlier = CapacityReferral.objects.filter(submission_id=submission_id).first()
    if earlier is not None:
        return earlier
    if data.occurred_on > _today():
        raise ShelterError(_("Datoen kan ikke være fram i tid."), field="occurred_on")
    referred_to = " ".join((data.referred_to or "").split())
    if not referred_to:
        raise ShelterError(
            _("Skriv hvilket senter eller tilbud personen ble henvist til."), field="referred_to"
        )
    if (data.adults or 0) + (data.children or 0) < 1:
        raise ShelterError(_("Minst én voksen eller ett barn må være henvist."), field="adults")
    referral = CapacityReferral(
        unit=unit,
        occurred_on=data.occurred_on,
        reason=data.reason,
        referred_to=referred_to,
        adults=data.adults,
        children=data.children,
        gender=data.gender,
        municipality=data.municipality,
        created_by=actor,
        submission_id=submission_id,
    )
    referral.full_clean(exclude=["submission_id"])
    referral.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=referral,
        unit=unit,
    )
    return referral


# Safety plan and threat mapping ----------------------------------------------------------


def plan_context(plan: SafetyPlan) -> str:
    return f"{SAFETY_PLAN}:{plan.uid}"


def threat_context(assessment: ThreatAssessment) -> str:
    return f"{THREAT_ASSESSMENT}:{assessment.uid}"


def task_context(task: FollowUpTask) -> str:
    return f"{FOLLOWUP_TASK}:{task.uid}"


@transaction.atomic
def safety_plan_save(
    *,
    actor: Any,
    stay: Stay,
    sections: dict[str, str],
    reviewed_on: date | None = None,
    next_review_on: date | None = None,
) -> SafetyPlan:
    """Write (or revise) the stay's safety plan. Each section is sealed with the
    resident's key; every save is a review with its date."""
    reviewed_on = reviewed_on or _today()
    if reviewed_on > _today():
        raise ShelterError(_("Gjennomgangen kan ikke være fram i tid."), field="reviewed_on")
    if reviewed_on < stay.arrived_on:
        raise ShelterError(_("Gjennomgangen kan ikke være før ankomsten."), field="reviewed_on")
    if next_review_on is not None and next_review_on < reviewed_on:
        raise ShelterError(
            _("Neste gjennomgang må være etter denne gjennomgangen."), field="next_review_on"
        )
    unknown = set(sections) - set(SAFETY_PLAN_SECTIONS)
    if unknown:
        raise ShelterError(_("Planen har ukjente deler."))
    if not any((sections.get(name) or "").strip() for name in SAFETY_PLAN_SECTIONS):
        raise ShelterError(_("Skriv minst én del av planen."), field="dangers")
    plan = SafetyPlan.objects.select_for_update().filter(stay=stay).first()
    created = plan is None
    if plan is None:
        plan = SafetyPlan(stay=stay, reviewed_on=reviewed_on, updated_by=actor)
    sealed = seal(
        stay.resident,
        {name: sections.get(name, "") for name in SAFETY_PLAN_SECTIONS},
        context=plan_context(plan),
    )
    for name, token in sealed.items():
        setattr(plan, f"{name}_enc", token)
    plan.reviewed_on = reviewed_on
    plan.next_review_on = next_review_on
    plan.updated_by = actor
    plan.full_clean(exclude=["stay"])
    plan.save()
    # A second save the same day by the same person is a correction, not a new review.
    SafetyPlanReview.objects.get_or_create(plan=plan, reviewed_on=reviewed_on, reviewed_by=actor)
    event_record_for(
        kind=EventKind.CREATE if created else EventKind.UPDATE,
        actor=actor,
        obj=plan,
        person_id=stay.resident_id,
        unit=stay.unit,
        detail="sections",
    )
    return plan


@dataclass
class ThreatInput:
    assessed_on: date
    method: str
    risk_level: str
    threats: str = ""
    perpetrator: str = ""
    children: str = ""
    measures: str = ""


@transaction.atomic
def threat_assessment_create(
    *, actor: Any, stay: Stay, data: ThreatInput, submission_id: uuid.UUID
) -> ThreatAssessment:
    """Record a systematic mapping of threats and risk for the stay."""
    earlier = ThreatAssessment.objects.filter(submission_id=submission_id).first()
    if earlier is not None:
        return earlier
    if data.assessed_on is None:
        raise ShelterError(_("Skriv datoen for kartleggingen."), field="assessed_on")
    if data.assessed_on > _today():
        raise ShelterError(_("Datoen kan ikke være fram i tid."), field="assessed_on")
    if data.assessed_on < stay.arrived_on:
        raise ShelterError(_("Kartleggingen kan ikke være før ankomsten."), field="assessed_on")
    if data.method not in ThreatMethod.values:
        raise ShelterError(_("Velg metode."), field="method")
    if data.risk_level not in RiskLevel.values:
        raise ShelterError(_("Velg risikonivå."), field="risk_level")
    if not (data.threats or "").strip():
        raise ShelterError(_("Beskriv truslene som ble kartlagt."), field="threats")
    assessment = ThreatAssessment(
        stay=stay,
        assessed_on=data.assessed_on,
        method=data.method,
        risk_level=data.risk_level,
        created_by=actor,
        submission_id=submission_id,
    )
    sealed = seal(
        stay.resident,
        {name: getattr(data, name) for name in THREAT_SECTIONS},
        context=threat_context(assessment),
    )
    for name, token in sealed.items():
        setattr(assessment, f"{name}_enc", token)
    assessment.full_clean(exclude=["stay", "submission_id"])
    assessment.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=assessment,
        person_id=stay.resident_id,
        unit=stay.unit,
    )
    return assessment


# Follow-up ------------------------------------------------------------------------------------


@transaction.atomic
def followup_plan_start(*, actor: Any, stay: Stay, started_on: date | None = None) -> FollowUpPlan:
    """Start the re-establishment plan with the default checklist. The centre is responsible
    for every task until a worker hands one to another unit."""
    existing = FollowUpPlan.objects.filter(stay=stay).first()
    if existing is not None:
        return existing
    started_on = started_on or _today()
    if started_on > _today():
        raise ShelterError(_("Startdatoen kan ikke være fram i tid."), field="started_on")
    plan = FollowUpPlan(stay=stay, started_on=started_on, created_by=actor)
    plan.full_clean(exclude=["stay"])
    plan.save()
    due = started_on + timedelta(days=DEFAULT_TASK_DAYS)
    FollowUpTask.objects.bulk_create(
        FollowUpTask(
            plan=plan,
            category=category,
            title=str(category.label),
            responsible_unit=stay.unit,
            due_on=due,
            updated_by=actor,
        )
        for category in TaskCategory
        if category != TaskCategory.OTHER
    )
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=plan,
        person_id=stay.resident_id,
        unit=stay.unit,
    )
    return plan


@dataclass
class ConsentInput:
    share_consent: bool
    scope: str = ConsentScope.TASKS
    units: Sequence[Unit] = ()
    given_on: date | None = None
    expires_on: date | None = None


@transaction.atomic
def followup_consent_record(*, actor: Any, plan: FollowUpPlan, data: ConsentInput) -> FollowUpPlan:
    """Record the person's consent to share follow-up tasks with other units (and with
    which), or its withdrawal. Without consent, every task stays internal to the centre."""
    today = _today()
    if data.share_consent:
        units = [unit for unit in data.units if unit.pk != plan.stay.unit_id]
        if not units:
            raise ShelterError(
                _("Velg hvilke enheter personen samtykker til at oppgaver deles med."),
                field="units",
            )
        given_on = data.given_on or today
        if given_on > today:
            raise ShelterError(_("Datoen kan ikke være fram i tid."), field="given_on")
        if data.expires_on is not None and data.expires_on < given_on:
            raise ShelterError(_("Samtykket kan ikke utløpe før det ble gitt."), field="expires_on")
        if data.scope not in ConsentScope.values:
            raise ShelterError(_("Velg hva som kan deles."), field="scope")
        plan.share_consent = True
        plan.consent_scope = data.scope
        plan.consent_given_on = given_on
        plan.consent_expires_on = data.expires_on
        plan.consent_withdrawn_on = None
        detail = "consent:" + ",".join(str(unit.pk) for unit in units)
    else:
        if not plan.share_consent:
            raise ShelterError(_("Det er ikke registrert noe samtykke å trekke."))
        units = []
        plan.share_consent = False
        plan.consent_withdrawn_on = today
        detail = "consent:withdrawn"
    plan.full_clean(exclude=["stay"])
    plan.save(
        update_fields=[
            "share_consent",
            "consent_scope",
            "consent_given_on",
            "consent_expires_on",
            "consent_withdrawn_on",
            "updated_at",
        ]
    )
    plan.consent_units.set(units)
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=plan,
        person_id=plan.stay.resident_id,
        unit=plan.stay.unit,
        purpose=_("Samtykke til deling"),
        detail=detail,
    )
    return plan


@dataclass
class TaskInput:
    category: str
    title: str
    responsible_unit: Unit
    due_on: date
    status: str = TaskStatus.NOT_STARTED
    notes: str | None = None  # None: leave the notes as they are


def _check_task(data: TaskInput) -> None:
    if data.category not in TaskCategory.values:
        raise ShelterError(_("Velg område."), field="category")
    if not " ".join((data.title or "").split()):
        raise ShelterError(_("Skriv hva oppgaven går ut på."), field="title")
    if data.due_on is None:
        raise ShelterError(_("Skriv en frist."), field="due_on")
    if data.status not in TaskStatus.values:
        raise ShelterError(_("Velg status."), field="status")
    if data.responsible_unit is None or not data.responsible_unit.is_active:
        raise ShelterError(_("Velg en aktiv enhet som er ansvarlig."), field="responsible_unit")


@transaction.atomic
def followup_task_create(
    *, actor: Any, plan: FollowUpPlan, data: TaskInput, submission_id: uuid.UUID | None = None
) -> FollowUpTask:
    """Add a task to the plan."""
    if submission_id is not None:
        earlier = FollowUpTask.objects.filter(submission_id=submission_id).first()
        if earlier is not None:
            return earlier
    _check_task(data)
    task = FollowUpTask(
        plan=plan,
        category=data.category,
        title=" ".join(data.title.split()),
        responsible_unit=data.responsible_unit,
        due_on=data.due_on,
        status=data.status,
        completed_on=_today() if data.status == TaskStatus.DONE else None,
        updated_by=actor,
        submission_id=submission_id,
    )
    if data.notes:
        task.notes_enc = seal(
            plan.stay.resident, {"notes": data.notes}, context=task_context(task)
        )["notes"]
    task.full_clean(exclude=["plan", "responsible_unit", "submission_id"])
    task.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=task,
        person_id=plan.stay.resident_id,
        unit=plan.stay.unit,
    )
    return task


@transaction.atomic
def followup_task_update(
    *, actor: Any, task: FollowUpTask, data: TaskInput, owner: bool, notes_allowed: bool
) -> FollowUpTask:
    """Change a task. The centre (`owner`) may change everything; the responsible unit
    may change the status, and the notes when the consent covers notes."""
    _check_task(data)
    changed: list[str] = []
    if owner:
        values = {
            "category": data.category,
            "title": " ".join(data.title.split()),
            "responsible_unit": data.responsible_unit,
            "due_on": data.due_on,
        }
        for name, value in values.items():
            if getattr(task, name) != value:
                setattr(task, name, value)
                changed.append(name)
    if task.status != data.status:
        task.status = data.status
        task.completed_on = _today() if data.status == TaskStatus.DONE else None
        changed += ["status", "completed_on"]
    if data.notes is not None:
        if not (owner or notes_allowed):
            raise ShelterError(_("Samtykket omfatter ikke notater."), field="notes")
        task.notes_enc = seal(
            task.plan.stay.resident, {"notes": data.notes}, context=task_context(task)
        )["notes"]
        changed.append("notes")
    if not changed:
        return task
    task.updated_by = actor
    task.full_clean(exclude=["plan", "responsible_unit"])
    task.save(
        update_fields=[
            *(name if name != "notes" else "notes_enc" for name in changed),
            "updated_by",
            "updated_at",
        ]
    )
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=task,
        person_id=task.plan.stay.resident_id,
        unit=task.responsible_unit,
        detail=",".join(changed),
    )
    return task


def task_is_open(task: FollowUpTask) -> bool:
    return task.status in OPEN_TASK_STATUSES
