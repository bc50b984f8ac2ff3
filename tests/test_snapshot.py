"""The snapshot that builds the cast (and other fixture data) once and copies it in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from django.contrib.auth.models import Permission
from django.db import connection, transaction

from conftest import Cast, build_cast
from helhet.accounts.models import User
from helhet.core.testing import Snapshot, _read_tables, database_emptied
from helhet.directory.models import Service
from helhet.directory.tests.factories import published_service


def _cast_and_a_service() -> tuple[Cast, Service]:
    cast = build_cast()
    # Times, a UUID key, many-to-many rows and links to reference data.
    return cast, published_service(cast.admin)


def _rows() -> dict[str, set[str]]:
    tables = _read_tables(connection)
    return {name: {repr(row) for row in table.rows} for name, table in tables.items()}


def _added(before: dict[str, set[str]], after: dict[str, set[str]]) -> dict[str, set[str]]:
    added = {name: rows - before.get(name, set()) for name, rows in after.items()}
    return {name: rows for name, rows in added.items() if rows}


def _as_another_test(snapshot: Snapshot[Any]) -> tuple[Any, dict[str, set[str]]]:
    """Load inside a savepoint that is rolled back afterwards, as a test's transaction is."""
    before = _rows()
    savepoint = transaction.savepoint()
    result = snapshot.load()
    added = _added(before, _rows())
    transaction.savepoint_rollback(savepoint)
    assert _rows() == before
    return result, added


def test_a_copy_holds_exactly_the_rows_the_build_wrote(db):
    snapshot = Snapshot(_cast_and_a_service)
    _built, built_rows = _as_another_test(snapshot)
    (cast, service), copied_rows = _as_another_test(snapshot)
    assert snapshot.builds == 1
    assert "audit_event" in built_rows
    assert "directory_service" in built_rows
    assert copied_rows == built_rows
    assert cast.shelter_worker.username == "shelter_worker"
    assert service.name == "Testsenteret for voldsutsatte"


def test_the_copied_rows_are_usable_through_the_orm(db):
    snapshot = Snapshot(build_cast)
    _as_another_test(snapshot)
    cast = snapshot.load()
    assert snapshot.builds == 1
    assert User.objects.get(pk=cast.shelter_worker.pk).username == "shelter_worker"
    covered = {municipality.name for municipality in cast.shelter.covered_municipalities.all()}
    assert {"Nordøy", "Sørdal"} <= covered
    # New rows get keys after the copied ones.
    assert User.objects.create(username="newcomer").pk > cast.outsider.pk


def test_each_load_gets_its_own_objects(db):
    snapshot = Snapshot(build_cast)
    first, _rows_added = _as_another_test(snapshot)
    first.shelter_worker.full_name = "Changed In Memory"
    second, _rows_added = _as_another_test(snapshot)
    assert second.shelter_worker is not first.shelter_worker
    assert second.shelter_worker.full_name == "Shelter Worker"


def test_a_flush_makes_the_next_load_build_again(db):
    snapshot = Snapshot(build_cast)
    _as_another_test(snapshot)
    database_emptied()
    _as_another_test(snapshot)
    assert snapshot.builds == 2
    _as_another_test(snapshot)
    assert snapshot.builds == 2


def test_a_snapshot_older_than_its_age_limit_is_taken_again(db):
    snapshot = Snapshot(build_cast, max_age=timedelta(0))
    _as_another_test(snapshot)
    _as_another_test(snapshot)
    assert snapshot.builds == 2


def test_it_builds_for_real_while_the_test_travels_in_time(db):
    snapshot = Snapshot(build_cast)
    _as_another_test(snapshot)
    with time_machine.travel(datetime(2020, 5, 17, 12, tzinfo=UTC), tick=False):
        cast, _rows_added = _as_another_test(snapshot)
    assert snapshot.builds == 2
    assert cast.admin.date_joined.year == 2020


def test_a_builder_that_changes_rows_it_did_not_write_is_never_copied(db):
    def build() -> Cast:
        Permission.objects.filter(pk=Permission.objects.order_by("pk").first().pk).update(
            name="changed"
        )
        return build_cast()

    snapshot = Snapshot(build)
    _as_another_test(snapshot)
    _cast, added = _as_another_test(snapshot)
    assert snapshot.builds == 2
    assert Permission.objects.filter(name="changed").count() == 0
