"""Two identical posts of a creating form at the same moment: the submission id's unique
key decides, and the loser gets the winner's record, never a second record or an error
page.

PostgreSQL only: on SQLite every write transaction takes the database lock at BEGIN
(IMMEDIATE), so two posts cannot overlap there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import build_cast, login
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.shelter.choices import AnswerList
from helhet.shelter.models import PhoneContact
from helhet.shelter.services import contacts
from helhet.shelter.tests.factories import ensure_answer_options, option, submitted

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers (BEGIN IMMEDIATE), so two posts cannot overlap",
    ),
]


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


def _wait_until_a_backend_waits_on_a_lock() -> None:
    """Return once another connection waits on a lock (the racing post, blocked on the
    submission's unique key), so that the two posts really overlap."""
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # Inside a transaction PostgreSQL keeps one snapshot of the activity view.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)  # polling for a state, not a fixed wait
    raise AssertionError("the second post never waited on the first")


def test_two_simultaneous_posts_of_one_phone_call_save_it_once(transactional_db, monkeypatch):
    cast = build_cast()
    ensure_answer_options()
    call = submitted(
        caller_group=option(AnswerList.CALLER_GROUP, "exposed").pk,
        outcome=option(AnswerList.OUTCOME, "advice").pk,
        duration_minutes="12",
        started_at=timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        caller_gender="woman",
        municipality="",
    )
    original = contacts._phone_contact_create

    def held(**kwargs: Any) -> Any:
        # Only the post that claimed the submission gets here; it writes once the other
        # post is waiting on the claim.
        _wait_until_a_backend_waits_on_a_lock()
        return original(**kwargs)

    monkeypatch.setattr(contacts, "_phone_contact_create", held)
    clients = [login(Client(), cast.shelter_worker) for _ in range(2)]
    barrier = threading.Barrier(2, timeout=10)

    def post(index: int) -> Any:
        barrier.wait()
        return clients[index].post(reverse("shelter:phone"), call)

    responses, errors = _in_two_threads(post)

    assert errors == []
    assert [response.status_code for response in responses] == [302, 302]
    contact = PhoneContact.objects.get()
    assert contact.duration_minutes == 12
    assert (
        Event.objects.filter(
            kind=EventKind.CREATE, object_type="shelter.phonecontact", object_id=str(contact.pk)
        ).count()
        == 1
    )
