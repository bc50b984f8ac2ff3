"""Two posts of the same break-glass form at the same moment open one grant.

PostgreSQL only: on SQLite every write transaction takes the database lock at BEGIN
(IMMEDIATE), so the two posts cannot overlap there.
"""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections

from conftest import build_cast
from helhet.audit import services
from helhet.audit.models import BreakGlassGrant

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers (BEGIN IMMEDIATE), so two posts cannot overlap",
    ),
]


def test_two_simultaneous_posts_of_one_form_open_one_grant():
    cast = build_cast()
    key = uuid.uuid4()
    barrier = threading.Barrier(2, timeout=10)
    results: list[int] = []
    errors: list[Exception] = []

    def post() -> None:
        try:
            barrier.wait()  # both posts start together; core.idempotency.once decides
            grant = services.break_glass_grant(
                actor=cast.nav_worker,
                object_type="people.person",
                object_id=8,
                person_id=8,
                reason="Politiet meldte akutt fare for personen.",
                submission_id=key,
            )
            results.append(grant.pk)
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
    assert len(results) == 2 and results[0] == results[1]
    assert BreakGlassGrant.objects.count() == 1


def test_simultaneous_grants_over_the_rate_open_no_more_than_the_rate(settings):
    settings.HELHET_BREAK_GLASS_PER_HOUR = 2
    cast = build_cast()
    barrier = threading.Barrier(4, timeout=10)
    opened: list[int] = []
    refused: list[Exception] = []

    def post(person_id: int) -> None:
        try:
            barrier.wait()
            grant = services.break_glass_grant(
                actor=cast.nav_worker,
                object_type="people.person",
                object_id=person_id,
                person_id=person_id,
                reason="Politiet meldte akutt fare for personen.",
                submission_id=uuid.uuid4(),
            )
            opened.append(grant.pk)
        except services.AuditError as exc:
            refused.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(1, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert (len(opened), len(refused)) == (2, 2)
    assert BreakGlassGrant.objects.count() == 2
