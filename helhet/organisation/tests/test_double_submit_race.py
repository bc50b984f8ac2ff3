"""Two posts of the same form that arrive at the same moment create one unit.

Both requests find no earlier submission, both try to create; the database's unique keys
let one win, and the loser, retried, returns the winner's unit.
"""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections

from conftest import build_cast
from helhet.organisation import services
from helhet.organisation.choices import UnitType
from helhet.organisation.models import Submission, Unit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers (BEGIN IMMEDIATE), so two posts cannot overlap there",
    ),
]


def test_two_simultaneous_posts_with_one_submission_id_create_one_unit(monkeypatch):
    cast = build_cast()
    key = uuid.uuid4()
    both_checked = threading.Barrier(2, timeout=10)
    original = services._unit_create
    calls = []

    def create_after_both_checked(**kwargs):
        # Hold each request until both have looked for an earlier submission and found none.
        calls.append(threading.get_ident())
        if len(calls) <= 2:
            both_checked.wait()
        return original(**kwargs)

    monkeypatch.setattr(services, "_unit_create", create_after_both_checked)
    results: list[int] = []
    errors: list[Exception] = []

    def post() -> None:
        try:
            unit = services.unit_create(
                actor=cast.admin,
                name="Familievernkontoret",
                unit_type=UnitType.FAMILY_COUNSELLING,
                host_municipality=cast.fjordvik,
                submission_id=key,
            )
            results.append(unit.pk)
        except Exception as exc:  # reported by the assertion below
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
    assert len(results) == 2
    assert results[0] == results[1]
    assert Unit.objects.filter(name="Familievernkontoret").count() == 1
    assert Submission.objects.filter(key=key).count() == 1
