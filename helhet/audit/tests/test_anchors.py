"""Daily anchors exported off the system catch deleted rows and a recomputed chain."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from helhet.audit.anchors import anchor_append
from helhet.audit.choices import EventKind
from helhet.audit.services import event_record
from helhet.audit.tests.test_keyed_chain import delete_events, rewrite_chain


def _events(actor, count=3):
    return [
        event_record(
            kind=EventKind.READ, actor=actor, object_type="people.person", object_id=i, person_id=i
        )
        for i in range(1, count + 1)
    ]


def _verify(path):
    call_command("audit_verify", anchor=path)


@pytest.fixture
def anchors(tmp_path):
    return tmp_path / "anchors.jsonl"


def test_an_untouched_log_passes_against_its_anchors(actor, anchors, capsys):
    _events(actor)
    call_command("audit_anchor", anchors)
    _events(actor)  # events after the anchor are fine
    _verify(anchors)
    assert "The audit log is intact, and matches its anchors." in capsys.readouterr().out


def test_deleted_rows_and_a_recomputed_chain_fail_against_the_anchors(actor, anchors):
    events = _events(actor)
    call_command("audit_anchor", anchors)
    delete_events(events[0].pk)
    rewrite_chain()  # with the key: the chain alone is consistent again
    call_command("audit_verify")
    with pytest.raises(CommandError, match="failed verification"):
        _verify(anchors)


def test_the_newest_rows_deleted_fail_against_the_anchors(actor, anchors, capsys):
    events = _events(actor)
    call_command("audit_anchor", anchors)
    delete_events(events[-1].pk, events[-2].pk)
    call_command("audit_verify")  # a shorter chain is still a valid chain
    with pytest.raises(CommandError):
        _verify(anchors)
    assert f"event {events[-1].pk}, anchored on" in capsys.readouterr().err


def test_an_anchor_written_without_the_key_fails(actor, anchors, capsys):
    _events(actor)
    with override_settings(HELHET_AUDIT_KEY="not-the-real-key-0123456789abcdefgh"):
        call_command("audit_anchor", anchors)
    with pytest.raises(CommandError):
        _verify(anchors)
    assert "MAC does not match" in capsys.readouterr().err


def test_a_changed_anchor_line_fails(actor, anchors, capsys):
    events = _events(actor)
    call_command("audit_anchor", anchors)
    line = json.loads(anchors.read_text())
    line["event_id"] = events[0].pk
    anchors.write_text(json.dumps(line) + "\n")
    with pytest.raises(CommandError):
        _verify(anchors)
    assert "MAC does not match" in capsys.readouterr().err


def test_garbage_in_the_anchor_file_fails(actor, anchors):
    anchors.write_text("not json\n")
    with pytest.raises(CommandError):
        _verify(anchors)


def test_an_empty_or_missing_anchor_file_fails(actor, anchors):
    with pytest.raises(CommandError, match="Cannot read"):
        _verify(anchors)
    anchors.write_text("")
    with pytest.raises(CommandError):
        _verify(anchors)


def test_anchoring_twice_a_day_writes_one_line(actor, anchors, capsys):
    _events(actor)
    call_command("audit_anchor", anchors)
    _events(actor, 1)
    call_command("audit_anchor", anchors)
    assert len(anchors.read_text().splitlines()) == 1
    assert "nothing to do" in capsys.readouterr().out


def test_each_day_gets_its_own_anchor(actor, anchors):
    _events(actor, 1)
    first, written = anchor_append(anchors, now=timezone.now() - timedelta(days=1))
    assert written
    last = _events(actor, 1)[0]
    second, written = anchor_append(anchors)
    assert written and second.event_id == last.pk > first.event_id
    assert len(anchors.read_text().splitlines()) == 2
    _verify(anchors)


def test_an_empty_log_can_be_anchored(db, anchors):
    anchor, _written = anchor_append(anchors)
    assert anchor.event_id == 0
    _verify(anchors)


def test_an_unwritable_anchor_file_is_a_clear_error(actor, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("audit_anchor", tmp_path / "missing-dir" / "anchors.jsonl")
