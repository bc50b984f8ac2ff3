"""The chain is keyed: without HELHET_AUDIT_KEY nobody can recompute it after a change."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from helhet.audit.choices import EventKind
from helhet.audit.db import drop_append_only_triggers, install_append_only_triggers
from helhet.audit.hashing import CHAINED_FIELDS, GENESIS, KEYED, UNKEYED, event_hash
from helhet.audit.models import Event
from helhet.audit.selectors import chain_verify
from helhet.audit.services import event_record


def _events(actor, count=3):
    return [
        event_record(
            kind=EventKind.READ, actor=actor, object_type="people.person", object_id=i, person_id=i
        )
        for i in range(1, count + 1)
    ]


def rewrite_chain(*, version=KEYED):
    """What an attacker with database access does after deleting rows: recompute every
    hash from the first event on, past the triggers."""
    drop_append_only_triggers(connection)
    try:
        prev = GENESIS
        for event in Event.objects.order_by("id"):
            values = {name: getattr(event, name) for name in CHAINED_FIELDS}
            digest = event_hash(prev, values, version=version)
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE audit_event SET prev_hash = %s, hash = %s, hash_version = %s "
                    "WHERE id = %s",
                    [prev, digest, version, event.pk],
                )
            prev = digest
    finally:
        install_append_only_triggers(connection)


def delete_events(*ids):
    drop_append_only_triggers(connection)
    try:
        with connection.cursor() as cursor:
            for pk in ids:
                cursor.execute("DELETE FROM audit_event WHERE id = %s", [pk])
    finally:
        install_append_only_triggers(connection)


def test_new_events_carry_the_keyed_hash_version(actor):
    event = _events(actor, 1)[0]
    assert event.hash_version == KEYED
    values = {name: getattr(event, name) for name in CHAINED_FIELDS}
    assert event.hash == event_hash(event.prev_hash, values, version=KEYED)
    assert event.hash != event_hash(event.prev_hash, values, version=UNKEYED)


def test_the_hash_depends_on_the_key(actor):
    event = _events(actor, 1)[0]
    values = {name: getattr(event, name) for name in CHAINED_FIELDS}
    with override_settings(HELHET_AUDIT_KEY="another-key-entirely-0123456789abcdef"):
        assert event_hash(event.prev_hash, values) != event.hash
        assert event.pk in {p.event_id for p in chain_verify()}


def test_a_chain_recomputed_without_the_key_fails_verification(actor):
    events = _events(actor)
    delete_events(events[1].pk)
    with override_settings(HELHET_AUDIT_KEY="the-attacker-guessed-this-key-000000"):
        rewrite_chain()
    with pytest.raises(CommandError, match="failed verification"):
        call_command("audit_verify")


def test_a_chain_downgraded_to_unkeyed_hashes_after_keyed_ones_fails(actor):
    events = _events(actor)
    drop_append_only_triggers(connection)
    try:
        last = events[-1]
        values = {name: getattr(last, name) for name in CHAINED_FIELDS}
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_event SET detail = %s, hash = %s, hash_version = %s WHERE id = %s",
                [
                    "changed",
                    event_hash(last.prev_hash, {**values, "detail": "changed"}, version=UNKEYED),
                    UNKEYED,
                    last.pk,
                ],
            )
    finally:
        install_append_only_triggers(connection)
    problems = list(chain_verify())
    assert [p.event_id for p in problems] == [last.pk]
    assert "without the key" in problems[0].message


def test_unkeyed_events_from_before_the_key_verify_as_the_start_of_the_chain(actor, capsys):
    _events(actor, 2)
    rewrite_chain(version=UNKEYED)  # as the log was before the chain was keyed
    after = _events(actor, 1)[0]
    assert after.hash_version == KEYED
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert "2 event(s) from before the chain was keyed" in out
    assert "intact" in out


def test_without_the_key_no_event_is_written(actor):
    from django.core.exceptions import ImproperlyConfigured

    before = Event.objects.count()
    with override_settings(HELHET_AUDIT_KEY=""), pytest.raises(ImproperlyConfigured):
        event_record(kind=EventKind.READ, actor=actor, object_type="x")
    assert Event.objects.count() == before
