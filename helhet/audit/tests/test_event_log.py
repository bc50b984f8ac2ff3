"""The audit log is append-only and tamper-evident."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.audit.selectors import chain_verify
from helhet.audit.services import event_record


def _three_events(actor):
    return [
        event_record(
            kind=EventKind.READ, actor=actor, object_type="people.person", object_id=i, person_id=i
        )
        for i in (1, 2, 3)
    ]


def test_it_chains_each_event_to_the_previous(cast):
    first, second, third = _three_events(cast.shelter_worker)
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert list(chain_verify()) == []


def test_the_database_refuses_update(cast):
    event = _three_events(cast.shelter_worker)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(detail="changed")


def test_the_database_refuses_delete(cast):
    event = _three_events(cast.shelter_worker)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        Event.objects.filter(pk=event.pk).delete()


def test_the_database_refuses_raw_sql_update(cast):
    _three_events(cast.shelter_worker)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET detail = 'x'")


def _tamper(sql, params):
    """Change a row as an attacker with database access would: past the triggers."""
    from helhet.audit.db import drop_append_only_triggers, install_append_only_triggers

    drop_append_only_triggers(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    install_append_only_triggers(connection)


def test_audit_verify_passes_an_intact_log(cast, capsys):
    _three_events(cast.shelter_worker)
    call_command("audit_verify")
    assert "intact" in capsys.readouterr().out


def test_audit_verify_catches_a_changed_row(cast):
    events = _three_events(cast.shelter_worker)
    _tamper("UPDATE audit_event SET actor_name = %s WHERE id = %s", ["Someone Else", events[1].pk])
    with pytest.raises(CommandError, match="failed verification"):
        call_command("audit_verify")
    problems = list(chain_verify())
    assert [p.event_id for p in problems] == [events[1].pk]


def test_audit_verify_catches_a_removed_row(cast):
    events = _three_events(cast.shelter_worker)
    _tamper("DELETE FROM audit_event WHERE id = %s", [events[1].pk])
    problems = list(chain_verify())
    assert [p.event_id for p in problems] == [events[2].pk]
    assert "broken" in problems[0].message
