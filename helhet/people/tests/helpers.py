"""Test data for persons: valid national identity numbers and registered persons."""

from __future__ import annotations

import datetime
from typing import Any

from stdnum.no import fodselsnummer

from helhet.people.models import Person
from helhet.people.services import PersonInput, person_create


def national_id(born: datetime.date, serial: int = 123, *, d_number: bool = False) -> str:
    """A valid fødselsnummer (or D-number) for the date; the serial picks the individual
    number, and the next serial is tried when a check digit would be 10."""
    for individual in range(serial, serial + 100):
        day = born.day + (40 if d_number else 0)
        stem = f"{day:02d}{born.month:02d}{born.year % 100:02d}{individual % 500:03d}"
        first = fodselsnummer.calc_check_digit1(stem)
        if len(first) != 1:
            continue
        second = fodselsnummer.calc_check_digit2(stem + first)
        if len(second) != 1:
            continue
        number = stem + first + second
        if fodselsnummer.is_valid(number):
            return number
    raise AssertionError("no valid number found")


def register(actor: Any, unit: Any, name: str = "Kari Nordmann", **fields: Any) -> Person:
    return person_create(actor=actor, unit=unit, data=PersonInput(name=name, **fields))


def registered_person(cast: Any) -> Person:
    """The person the matrix uses: registered by the shelter worker at the crisis centre."""
    person = getattr(cast, "_matrix_person", None)
    if person is None:
        person = register(cast.shelter_worker, cast.shelter, name="Matrise Person")
        cast._matrix_person = person
    return person
