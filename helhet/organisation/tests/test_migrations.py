"""The organisation's own submission ids move into core's one table, and back on reverse."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conftest import make_user

BEFORE = [("organisation", "0002_submission_and_one_current_municipality")]
AFTER = [("organisation", "0004_delete_submission")]
EARLIER = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_earlier_submission_ids_are_kept_in_cores_table_and_come_back_on_reverse():
    user = make_user("former_admin")
    key = uuid.uuid4()
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = _migrate(BEFORE)
        old_table = old_apps.get_model("organisation", "Submission")
        row = old_table.objects.create(
            key=key, actor_id=user.pk, object_type="organisation.unit", object_id="7"
        )
        old_table.objects.filter(pk=row.pk).update(created_at=EARLIER)

        new_apps = _migrate(AFTER)
        copied = new_apps.get_model("core", "Submission").objects.get(key=key)
        assert (copied.actor_id, copied.object_type, copied.object_id) == (
            user.pk,
            "organisation.unit",
            "7",
        )
        assert copied.created_at == EARLIER

        old_apps = _migrate(BEFORE)
        back = old_apps.get_model("organisation", "Submission").objects.get(key=key)
        assert (back.object_type, back.object_id, back.created_at) == (
            "organisation.unit",
            "7",
            EARLIER,
        )
    finally:
        _migrate(latest)
