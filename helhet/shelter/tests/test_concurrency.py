"""Twenty workers try to book the last bed at the same moment: exactly one gets it.

Runs on PostgreSQL only: it needs real concurrent connections (the row lock on the bed and
the exclusion constraint). On SQLite every write transaction takes the database lock at
BEGIN, so the race this test provokes cannot happen there.
"""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections

from helhet.shelter.models import BedAllocation
from helhet.shelter.services import BedTakenError, bed_allocate, bed_create
from helhet.shelter.tests.factories import ensure_answer_options, make_room, make_stay

THREADS = 20
ROUNDS = 50

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="needs PostgreSQL: concurrent connections, row locks and the exclusion constraint",
    ),
]


def _race(actor, stays, bed_id):
    barrier = threading.Barrier(len(stays))
    outcomes: list[tuple[str, str]] = []
    lock = threading.Lock()

    def book(stay):
        try:
            barrier.wait(timeout=30)
            bed_allocate(actor=actor, stay=stay, bed=bed_id, submission_id=uuid.uuid4())
            result = ("booked", "")
        except BedTakenError as error:
            result = ("taken", error.message)
        except Exception as error:  # noqa: BLE001 - any other failure fails the test below
            result = ("error", repr(error))
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=book, args=(stay,)) for stay in stays]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_exactly_one_of_twenty_simultaneous_bookings_gets_the_last_bed(cast, transactional_db):
    assert connection.vendor == "postgresql"
    ensure_answer_options()
    room = make_room(cast, "Siste rom", beds=0)
    stays = [make_stay(cast, f"Beboer {number}") for number in range(THREADS)]
    for round_number in range(ROUNDS):
        bed = bed_create(
            actor=cast.shelter_lead,
            room=room,
            label=f"Seng {round_number}",
            submission_id=uuid.uuid4(),
        )
        outcomes = _race(cast.shelter_worker, stays, bed.pk)
        kinds = [kind for kind, _message in outcomes]
        assert len(outcomes) == THREADS, f"round {round_number}: a thread did not finish"
        assert kinds.count("error") == 0, [m for k, m in outcomes if k == "error"]
        assert kinds.count("booked") == 1, f"round {round_number}: {kinds.count('booked')} booked"
        assert kinds.count("taken") == THREADS - 1
        assert all(m.startswith("Rommet er tatt") for k, m in outcomes if k == "taken")
        assert BedAllocation.objects.filter(bed=bed).count() == 1
