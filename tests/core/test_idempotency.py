"""core.idempotency.once: one record per submission id, bound to the user who sent it."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from django.db import connection, connections

from conftest import build_cast
from helhet.core.idempotency import SubmissionError, once
from helhet.core.models import Submission
from helhet.core.testing import wait_until_a_backend_waits_on_a_lock
from helhet.organisation.models import Municipality


def _create(number: str = "9990") -> Any:
    return lambda: Municipality.objects.create(number=number, name=f"Prøve {number}")


@pytest.mark.django_db
def test_it_creates_once_and_returns_the_first_result_to_a_repeat(cast):
    key = uuid.uuid4()
    first = once(actor=cast.admin, submission_id=key, create=_create())
    again = once(actor=cast.admin, submission_id=key, create=_create("9991"))
    assert again.pk == first.pk
    assert Municipality.objects.filter(number__in=["9990", "9991"]).count() == 1
    claim = Submission.objects.get(key=key)
    assert (claim.object_type, claim.object_id) == ("organisation.municipality", str(first.pk))


@pytest.mark.django_db
def test_it_refuses_another_users_replay_of_the_same_id(cast):
    key = uuid.uuid4()
    once(actor=cast.admin, submission_id=key, create=_create())
    with pytest.raises(SubmissionError):
        once(actor=cast.shelter_worker, submission_id=key, create=_create("9991"))
    assert not Municipality.objects.filter(number="9991").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("bad", [None, "", "not-a-uuid", 42])
def test_it_refuses_a_post_without_a_valid_id(cast, bad):
    with pytest.raises(SubmissionError):
        once(actor=cast.admin, submission_id=bad, create=_create())
    assert not Municipality.objects.filter(number="9990").exists()


@pytest.mark.django_db
def test_a_failed_write_releases_the_id_so_the_corrected_form_can_be_sent(cast):
    key = uuid.uuid4()

    def broken() -> Any:
        raise SubmissionError("regelbrudd")

    with pytest.raises(SubmissionError):
        once(actor=cast.admin, submission_id=key, create=broken)
    assert not Submission.objects.filter(key=key).exists()
    made = once(actor=cast.admin, submission_id=key, create=_create())
    assert made.number == "9990"


@pytest.mark.django_db
def test_a_repeat_of_a_submission_whose_record_is_gone_gets_a_clear_message(cast):
    key = uuid.uuid4()
    made = once(actor=cast.admin, submission_id=key, create=_create())
    made.delete()
    with pytest.raises(SubmissionError, match="allerede sendt"):
        once(actor=cast.admin, submission_id=key, create=_create())


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers (BEGIN IMMEDIATE), so two posts cannot overlap",
)
def test_two_racing_posts_with_one_id_make_one_record_and_both_get_it():
    cast = build_cast()
    key = uuid.uuid4()
    barrier = threading.Barrier(2, timeout=10)
    results: list[Any] = []
    errors: list[Exception] = []

    def create() -> Any:
        # Only the winner of the claim gets here. Hold it until the other post is waiting
        # on the claim's unique key, so that the two really overlap.
        wait_until_a_backend_waits_on_a_lock()
        return Municipality.objects.create(number="9990", name="Prøve")

    def run() -> None:
        try:
            barrier.wait()
            results.append(once(actor=cast.admin, submission_id=key, create=create))
        except Exception as exc:  # asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(results) == 2
    assert results[0].pk == results[1].pk
    assert Municipality.objects.filter(number="9990").count() == 1
    assert Submission.objects.filter(key=key).count() == 1
