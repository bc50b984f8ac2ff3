"""Two identical posts of a creating form at the same moment: the submission id's unique
key decides, and the loser gets the winner's record, never a second record or an error
page.

PostgreSQL only: on SQLite every write transaction takes the database lock at BEGIN
(IMMEDIATE), so two posts cannot overlap there.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import build_cast, login
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.core.testing import in_threads, wait_until_a_backend_waits_on_a_lock
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
        wait_until_a_backend_waits_on_a_lock()
        return original(**kwargs)

    monkeypatch.setattr(contacts, "_phone_contact_create", held)
    clients = [login(Client(), cast.shelter_worker) for _ in range(2)]
    barrier = threading.Barrier(2, timeout=10)

    def post(index: int) -> Any:
        barrier.wait()
        return clients[index].post(reverse("shelter:phone"), call)

    responses, errors = in_threads(post)

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
