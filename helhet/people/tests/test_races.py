"""Two requests at the same moment: the database's unique keys decide, and the loser gets
the winner's person or a clear message, never a second person or an error page.

PostgreSQL only: on SQLite every write transaction takes the database lock at BEGIN
(IMMEDIATE), so two registrations cannot overlap there.
"""

from __future__ import annotations

import datetime
import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from conftest import build_cast
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.people import services
from helhet.people.models import Person
from helhet.people.selectors import person_data
from helhet.people.services import DuplicatePersonError, PersonInput
from helhet.people.tests.helpers import national_id

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers (BEGIN IMMEDIATE), so two requests cannot overlap",
    ),
]


def _hold_both_at(monkeypatch: Any, name: str) -> None:
    """Make the first two calls of services.<name> wait for each other: both requests have
    then passed their checks, and both go on to write."""
    barrier = threading.Barrier(2, timeout=10)
    original = getattr(services, name)
    calls: list[int] = []

    def held(*args: Any, **kwargs: Any) -> Any:
        calls.append(threading.get_ident())
        if len(calls) <= 2:
            barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(services, name, held)


def _in_two_threads(work: Callable[[int], Any]) -> tuple[list[Any], list[Exception]]:
    results: list[Any] = []
    errors: list[Exception] = []

    def run(index: int) -> None:
        try:
            results.append(work(index))
        except Exception as exc:  # reported by the caller's assertions
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def test_two_simultaneous_posts_of_one_form_register_one_person(monkeypatch):
    cast = build_cast()
    key = uuid.uuid4()
    _hold_both_at(monkeypatch, "_person_create")

    results, errors = _in_two_threads(
        lambda _index: (
            services.person_create(
                actor=cast.shelter_worker,
                unit=cast.shelter,
                data=PersonInput(name="Samtidig"),
                submission_id=key,
            ).pk
        )
    )

    assert errors == []
    assert len(results) == 2 and results[0] == results[1]
    assert Person.objects.count() == 1


def test_two_simultaneous_posts_of_one_form_with_a_number_register_one_person(monkeypatch):
    # The copy that loses must get the winner's person, not "already registered".
    cast = build_cast()
    key = uuid.uuid4()
    number = national_id(datetime.date(1981, 4, 9))
    _hold_both_at(monkeypatch, "new_data_key")

    results, errors = _in_two_threads(
        lambda _index: (
            services.person_create(
                actor=cast.shelter_worker,
                unit=cast.shelter,
                data=PersonInput(name="Samtidig", national_id=number),
                submission_id=key,
            ).pk
        )
    )

    assert errors == []
    assert len(results) == 2 and results[0] == results[1]
    assert Person.objects.count() == 1


def test_two_simultaneous_registrations_of_one_number_make_one_person(monkeypatch):
    cast = build_cast()
    number = national_id(datetime.date(1981, 4, 9))
    _hold_both_at(monkeypatch, "new_data_key")

    results, errors = _in_two_threads(
        lambda index: (
            services.person_create(
                actor=(cast.shelter_worker, cast.nav_worker)[index],
                unit=(cast.shelter, cast.nav)[index],
                data=PersonInput(name=f"Person {index}", national_id=number),
            ).pk
        )
    )

    assert len(results) == 1
    [error] = errors
    assert isinstance(error, DuplicatePersonError)
    assert error.field == "national_id"
    assert Person.objects.count() == 1
    assert Event.objects.filter(kind=EventKind.ACCESS_DENIED, person_id=results[0]).exists()


def test_two_simultaneous_changes_to_one_number_keep_it_on_one_person(monkeypatch):
    cast = build_cast()
    number = national_id(datetime.date(1981, 4, 9))
    people = [
        services.person_create(
            actor=cast.shelter_worker, unit=cast.shelter, data=PersonInput(name=f"P{index}")
        )
        for index in range(2)
    ]
    _hold_both_at(monkeypatch, "_encrypt_into")

    def change(index: int) -> int:
        person = Person.objects.select_related("key").get(pk=people[index].pk)
        data = services.person_input_from(person)
        data.national_id = number
        return services.person_update(actor=cast.shelter_worker, person=person, data=data).pk

    results, errors = _in_two_threads(change)

    assert len(results) == 1
    [error] = errors
    assert isinstance(error, DuplicatePersonError)
    holders = [p for p in Person.objects.all() if person_data(p).national_id == number]
    assert len(holders) == 1
