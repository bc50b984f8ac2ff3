"""Two requests at the same moment: the database's unique keys decide, and the loser gets
the winner's person or a clear message, never a second person or an error page.

PostgreSQL only: on SQLite every write transaction takes the database lock at BEGIN
(IMMEDIATE), so two registrations cannot overlap there.
"""

from __future__ import annotations

import datetime
import threading
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import build_cast, login
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.core.testing import in_threads, wait_until_a_backend_waits_on_a_lock
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


def test_two_simultaneous_posts_of_the_registration_form_make_one_person(monkeypatch):
    # The copy that loses must get the winner's person: not a 500, and not "already
    # registered" for the number the winner just stored.
    cast = build_cast()
    form = {
        "unit": cast.shelter.pk,
        "name": "Samtidig Person",
        "national_id": national_id(datetime.date(1981, 4, 9)),
        "gender": "woman",
        "address_protection": "none",
        "submission_id": str(uuid.uuid4()),
    }
    original = services._person_create

    def held(**kwargs: Any) -> Any:
        # Only the post that claimed the submission gets here.
        wait_until_a_backend_waits_on_a_lock()
        return original(**kwargs)

    monkeypatch.setattr(services, "_person_create", held)
    clients = [login(Client(), cast.shelter_worker) for _ in range(2)]
    barrier = threading.Barrier(2, timeout=10)

    def post(index: int) -> Any:
        barrier.wait()
        return clients[index].post(reverse("people:create"), form)

    responses, errors = in_threads(post)

    assert errors == []
    assert [response.status_code for response in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]
    person = Person.objects.get()
    assert responses[0]["Location"] == reverse("people:detail", kwargs={"person_id": person.pk})
    assert Event.objects.filter(kind=EventKind.CREATE, person_id=person.pk).count() == 1
    assert not Event.objects.filter(kind=EventKind.ACCESS_DENIED).exists()


def test_two_simultaneous_registrations_of_one_number_make_one_person(monkeypatch):
    cast = build_cast()
    number = national_id(datetime.date(1981, 4, 9))
    _hold_both_at(monkeypatch, "new_data_key")

    results, errors = in_threads(
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
    _hold_both_at(monkeypatch, "encrypt_field")

    def change(index: int) -> int:
        person = Person.objects.select_related("key").get(pk=people[index].pk)
        data = services.person_input_from(person)
        data.national_id = number
        return services.person_update(actor=cast.shelter_worker, person=person, data=data).pk

    results, errors = in_threads(change)

    assert len(results) == 1
    [error] = errors
    assert isinstance(error, DuplicatePersonError)
    holders = [p for p in Person.objects.all() if person_data(p).national_id == number]
    assert len(holders) == 1
