"""Two posts of the same break-glass form at the same moment open one grant.

PostgreSQL only: on SQLite every write transaction takes the database lock at BEGIN
(IMMEDIATE), so the two posts cannot overlap there.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

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


def test_two_simultaneous_posts_of_one_form_open_one_grant(monkeypatch):
    cast = build_cast()
    key = uuid.uuid4()
    barrier = threading.Barrier(2, timeout=10)
    original = services._break_glass_open
    calls: list[int] = []

    def open_after_both_checked(**kwargs: Any) -> Any:
        # Both posts have looked for an earlier grant with this key and found none.
        calls.append(threading.get_ident())
        if len(calls) <= 2:
            barrier.wait()
        return original(**kwargs)

    monkeypatch.setattr(services, "_break_glass_open", open_after_both_checked)
    results: list[int] = []
    errors: list[Exception] = []

    def post() -> None:
        try:
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
    assert len(calls) == 2
    assert len(results) == 2 and results[0] == results[1]
    assert BreakGlassGrant.objects.count() == 1
