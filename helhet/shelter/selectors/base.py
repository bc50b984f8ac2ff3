"""Reads every part of the centre needs: which centres the user works at, and names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from helhet.organisation.choices import UnitType
from helhet.organisation.models import Unit
from helhet.organisation.roles import Cap
from helhet.organisation.selectors import units_with
from helhet.people.models import Person
from helhet.people.selectors import PersonData, person_data

if TYPE_CHECKING:
    from helhet.core.types import User


def centres_for(*, user: User, capability: str = Cap.CASE_VIEW) -> QuerySet[Unit]:
    """The crisis centres where the user holds the capability."""
    return units_with(user=user, capability=capability).filter(unit_type=UnitType.CRISIS_CENTRE)


def managed_centres(*, user: User) -> QuerySet[Unit]:
    """Crisis centres the user leads: manages members and has case access there. Rooms,
    beds and answer lists are the lead's to keep."""
    return centres_for(user=user, capability=Cap.CASE_EDIT).filter(
        pk__in=units_with(user=user, capability=Cap.UNIT_MEMBERS).values("pk")
    )


def names_of(persons: Iterable[Person]) -> dict[int, PersonData]:
    """Decrypted data of the given persons (fetched with `select_related("key")`)."""
    return {person.pk: person_data(person) for person in persons}


def active_units() -> QuerySet[Unit]:
    """Units in service, by name: those a follow-up task can be handed to."""
    return Unit.objects.filter(is_active=True).order_by("name")
