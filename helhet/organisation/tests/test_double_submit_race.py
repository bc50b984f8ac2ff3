"""Two posts of the "new unit" form that arrive at the same moment create one unit.

A double click sends the same form (the same submission id) twice. The first post claims
the id and creates the unit; the second waits on the claim's unique key until the first
commits, then answers with the first one's unit: both are sent to the same unit page, no
500, one unit.

PostgreSQL only: on SQLite every write transaction takes the database lock at BEGIN
(IMMEDIATE), so the two posts cannot overlap there.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from conftest import build_cast, login
from helhet.core.models import Submission
from helhet.core.testing import wait_until_a_backend_waits_on_a_lock
from helhet.organisation import services
from helhet.organisation.choices import UnitType
from helhet.organisation.models import Unit

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers (BEGIN IMMEDIATE), so two posts cannot overlap",
    ),
]


def test_two_simultaneous_posts_of_the_new_unit_form_create_one_unit(monkeypatch):
    cast = build_cast()
    key = uuid.uuid4()
    original = services._unit_create
    calls: list[int] = []

    def create_while_the_other_post_waits(**kwargs: Any) -> Unit:
        # Only the post that won the claim gets here: hold it until the other post is
        # waiting on the claim's unique key, so that the two really overlap.
        calls.append(threading.get_ident())
        wait_until_a_backend_waits_on_a_lock()
        return original(**kwargs)

    monkeypatch.setattr(services, "_unit_create", create_while_the_other_post_waits)
    session = login(Client(), cast.admin).session.session_key
    data = {
        "name": "Familievernkontoret",
        "unit_type": UnitType.FAMILY_COUNSELLING,
        "host_municipality": cast.fjordvik.pk,
        "submission_id": str(key),
    }
    barrier = threading.Barrier(2, timeout=10)
    statuses: list[int] = []
    locations: list[str] = []
    errors: list[Exception] = []

    def post() -> None:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session
        try:
            barrier.wait()
            response = client.post(reverse("organisation:unit_create"), data)
            statuses.append(response.status_code)
            locations.append(response.get("Location", ""))
        except Exception as exc:  # reported by the assertions below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert statuses == [302, 302]
    assert len(calls) == 1
    unit = Unit.objects.get(name="Familievernkontoret")
    assert locations == [reverse("organisation:unit_detail", kwargs={"unit_id": unit.pk})] * 2
    assert Submission.objects.filter(key=key).count() == 1
