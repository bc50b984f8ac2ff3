"""Writes of stays: intake of an adult with or without children, changes, a child who
comes later, and the departure."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record_for
from helhet.core.idempotency import once
from helhet.core.updates import changed_detail, model_update
from helhet.organisation.models import Municipality, Unit
from helhet.people.choices import Gender
from helhet.people.models import Person
from helhet.people.services import PersonInput, person_create, person_link_unit
from helhet.shelter.choices import AnswerList, ConsentDecidedBy, YesNoUnknown
from helhet.shelter.models import AnswerOption, Stay, StayChild
from helhet.shelter.services.base import (
    OptionRef,
    ShelterError,
    active_option,
    active_options,
    check_birth_year,
    current_day,
    option_pk,
    short_text,
)

if TYPE_CHECKING:
    from helhet.core.types import User

# The source of the person links a stay makes (people.PersonUnitLink.source): a stored
# name, like a sealing context, so it is written out and never derived from the model.
STAY_LINK_SOURCE = "shelter.stay"
# Children under this age do not decide on statistics registration themselves.
CHILD_CONSENT_AGE = 16
ADULT_AGE = 18


def stay_source(stay: Stay) -> str:
    """The source of the person links a stay creates (people.PersonUnitLink.source)."""
    return f"{STAY_LINK_SOURCE}:{stay.uid}"


@dataclass
class StayInput:
    """The registration of a stay (Bufdir's resident form), without the persons."""

    arrived_on: date
    referrer: OptionRef | None
    municipality: Municipality | None = None
    violence_types: Sequence[OptionRef] = ()
    violence_repeated: str = YesNoUnknown.UNKNOWN
    perpetrator_relation: OptionRef | None = None
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


STAY_PLAIN_FIELDS = (
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
# Every registration field a change may touch (the violence types are set apart).
STAY_FIELDS = (*STAY_PLAIN_FIELDS, "referrer", "perpetrator_relation")


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
    if arrived_on > current_day():
        raise ShelterError(_("Ankomstdatoen kan ikke være fram i tid."), field="arrived_on")
    return arrived_on


def _stay_values(data: StayInput) -> tuple[dict[str, Any], list[AnswerOption]]:
    """The stay's registration fields from the input, every answer checked against its
    list, and the violence types (a many-to-many, set apart)."""
    _check_arrival(data.arrived_on)
    values: dict[str, Any] = {name: getattr(data, name) for name in STAY_PLAIN_FIELDS}
    values["referrer"] = active_option(data.referrer, AnswerList.REFERRER, field_name="referrer")
    values["perpetrator_relation"] = active_option(
        data.perpetrator_relation,
        AnswerList.PERPETRATOR_RELATION,
        field_name="perpetrator_relation",
        required=False,
    )
    violence = active_options(
        data.violence_types, AnswerList.VIOLENCE_TYPE, field_name="violence_types"
    )
    return values, violence


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
    actor: User,
    stay: Stay,
    child: ChildInput,
    arrived_on: date,
) -> StayChild:
    check_birth_year(child.birth_year, field_name=f"{child.prefix}birth_year")
    if child.birth_year is not None and arrived_on.year - child.birth_year >= ADULT_AGE:
        raise _child_error(
            child,
            _("Barnet er 18 år eller eldre. Registrer voksne som egne beboere med eget opphold."),
            "birth_year",
        )
    person = child.person
    if person is None:
        name = short_text(child.name)
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
        consent_decided_by=(
            ConsentDecidedBy.CHILD
            if age is not None and age >= CHILD_CONSENT_AGE
            else ConsentDecidedBy.CAREGIVER
        ),
        **{name: getattr(child, name) for name in _CHILD_FORM_FIELDS},
    )
    child_stay.full_clean(exclude=["stay", "child"])
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
    actor: User,
    unit: Unit,
    resident: PersonInput | Person | None,
    data: StayInput,
    children: Sequence[ChildInput] = (),
    submission_id: uuid.UUID,
) -> Stay:
    """Take in an adult, with or without children. The resident and the children are
    registered as persons (or linked, when already known) and become visible to the
    centre's staff. All or nothing."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _stay_create(
            actor=actor, unit=unit, resident=resident, data=data, children=children
        ),
    )


def _stay_create(
    *,
    actor: User,
    unit: Unit,
    resident: PersonInput | Person | None,
    data: StayInput,
    children: Sequence[ChildInput] = (),
) -> Stay:
    if resident is None or (isinstance(resident, PersonInput) and not short_text(resident.name)):
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
        check_birth_year(resident.birth_year)
        if data.arrived_on and data.arrived_on.year - resident.birth_year < ADULT_AGE:
            raise ShelterError(
                _("Beboeren er under 18 år. Barn registreres sammen med omsorgspersonen."),
                field="birth_year",
            )
    values, violence = _stay_values(data)
    stay = Stay(unit=unit, created_by=actor, **values)
    if isinstance(resident, Person):
        stay.resident = resident
        stay.full_clean()
        stay.save()
        person_link_unit(actor=actor, person=resident, unit=unit, source=stay_source(stay))
    else:
        stay.full_clean(exclude=["resident"])
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
def stay_update(*, actor: User, stay: Stay, data: StayInput) -> Stay:
    """Change the registration of a stay. The arrival cannot move after a child's arrival,
    a bed allocation or the departure."""
    values, violence = _stay_values(data)
    arrived_on = values["arrived_on"]
    if stay.departed_on is not None and arrived_on > stay.departed_on:
        raise ShelterError(
            _("Ankomsten kan ikke være etter utflyttingen (%(date)s).")
            % {"date": stay.departed_on.strftime("%d.%m.%Y")},
            field="arrived_on",
        )
    if arrived_on != stay.arrived_on and (
        stay.allocations.filter(starts_on__lt=arrived_on).exists()
        or stay.children.filter(arrived_on__lt=arrived_on).exists()
    ):
        raise ShelterError(
            _("Ankomsten kan ikke flyttes etter datoen barna kom eller fikk seng."),
            field="arrived_on",
        )
    changed = model_update(instance=stay, fields=STAY_FIELDS, data=values)
    if set(stay.violence_types.values_list("pk", flat=True)) != {o.pk for o in violence}:
        stay.violence_types.set(violence)
        if not changed:
            stay.save(update_fields=["updated_at"])
        changed.append("violence_types")
    if not changed:
        return stay
    if "arrived_on" in changed:
        stay.first_stay_of_year = _first_resident_stay_of_year(stay)
        stay.save(update_fields=["first_stay_of_year"])
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=stay,
        person_id=stay.resident_id,
        unit=stay.unit,
        detail=changed_detail(changed),
    )
    return stay


@transaction.atomic
def stay_child_add(
    *,
    actor: User,
    stay: Stay,
    child: ChildInput,
    arrived_on: date | None = None,
    submission_id: uuid.UUID,
) -> StayChild:
    """A child joins an open stay (came later than the resident)."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _stay_child_add(actor=actor, stay=stay, child=child, arrived_on=arrived_on),
    )


def _stay_child_add(
    *, actor: User, stay: Stay, child: ChildInput, arrived_on: date | None = None
) -> StayChild:
    if not stay.is_open:
        raise ShelterError(
            _("Oppholdet er avsluttet. Barn kan bare legges til et pågående opphold.")
        )
    arrived_on = arrived_on or current_day()
    if arrived_on < stay.arrived_on:
        raise ShelterError(
            _("Barnet kan ikke komme før omsorgspersonen (%(date)s).")
            % {"date": stay.arrived_on.strftime("%d.%m.%Y")},
            field="arrived_on",
        )
    if arrived_on > current_day():
        raise ShelterError(_("Ankomstdatoen kan ikke være fram i tid."), field="arrived_on")
    return _add_child(actor=actor, stay=stay, child=child, arrived_on=arrived_on)


@transaction.atomic
def stay_end(
    *, actor: User, stay: Stay, departed_on: date | None, destination: OptionRef | None
) -> Stay:
    """The resident (and the children still there) move out. Beds are freed from the
    departure day; overnights follow from the dates."""
    stay = Stay.objects.select_for_update().get(pk=stay.pk)
    if not stay.is_open:
        # A repeated submit of the same departure (a double click) is not an error.
        if stay.departed_on == departed_on and stay.destination_id == option_pk(destination):
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
    if departed_on > current_day():
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
    changed = model_update(
        instance=stay,
        fields=["departed_on", "destination"],
        data={
            "departed_on": departed_on,
            "destination": active_option(
                destination, AnswerList.DESTINATION, field_name="destination"
            ),
        },
    )
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
        detail=changed_detail(changed),
    )
    return stay
