"""Daily anchors: the chain's newest event, written to a file that is copied off the system.

The keyed chain alone shows a changed or removed row in its middle. It cannot show that
the newest rows were removed, nor that someone who also holds the key rewrote the chain.
Once a day `manage.py audit_anchor FILE` appends one line to FILE:

    {"day": "2026-11-26", "event_id": 4211, "hash": "…", "anchored_at": "…", "mac": "…"}

(the newest event's id and hash, and an HMAC over them with HELHET_AUDIT_KEY). Operations
copy FILE to another system (see docs/operations.md). `manage.py audit_verify --anchor FILE`
then checks that every anchored event still exists with the anchored hash: rows deleted
before an anchor, the newest rows deleted, or a chain recomputed after either, all fail.
Events after the newest anchor are protected by the next one.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from helhet.audit.hashing import ANCHOR_FIELDS, GENESIS, anchor_mac, anchor_mac_valid
from helhet.audit.selectors import ChainProblem, chain_tail, event_hash_by_id


@dataclass(frozen=True)
class Anchor:
    day: str
    event_id: int
    hash: str
    anchored_at: str
    mac: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "event_id": self.event_id,
            "hash": self.hash,
            "anchored_at": self.anchored_at,
            "mac": self.mac,
        }


class AnchorFileError(Exception):
    """The anchor file cannot be read or written."""


def _anchor_from(values: dict[str, Any]) -> Anchor:
    return Anchor(**{name: values[name] for name in (*ANCHOR_FIELDS, "mac")})


def _parse(line: str) -> dict[str, Any] | None:
    try:
        values = json.loads(line)
    except ValueError:
        return None
    if not isinstance(values, dict) or any(name not in values for name in ANCHOR_FIELDS):
        return None
    if not isinstance(values["event_id"], int) or isinstance(values["event_id"], bool):
        return None
    return values


def anchor_append(path: Path, *, now: datetime | None = None) -> tuple[Anchor, bool]:
    """Append today's anchor to `path`, unless the file already holds one for today.

    Returns the anchor for today and whether it was written now. Safe to run from cron as
    often as wanted: the file is locked while it is read and appended to, and one day gets
    one anchor.
    """
    now = now or timezone.now()
    day = timezone.localdate(now).isoformat()
    try:
        with open(path, "a+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            handle.seek(0)
            for line in handle.read().splitlines():
                values = _parse(line)
                if values is not None and values["day"] == day and anchor_mac_valid(values):
                    return _anchor_from(values), False
            event_id, digest = chain_tail()
            values = {
                "day": day,
                "event_id": event_id,
                "hash": digest,
                "anchored_at": now.isoformat(),
            }
            values["mac"] = anchor_mac(values)
            handle.seek(0, os.SEEK_END)
            handle.write(json.dumps(values, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
            return _anchor_from(values), True
    except OSError as error:
        raise AnchorFileError(f"Cannot write the anchor file {path}: {error}") from error


def anchors_read(path: Path) -> tuple[list[Anchor], list[ChainProblem]]:
    """The anchors in the file whose MAC holds, and a problem for every line that does not."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise AnchorFileError(f"Cannot read the anchor file {path}: {error}") from error
    anchors: list[Anchor] = []
    problems: list[ChainProblem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        values = _parse(line)
        if values is None:
            problems.append(ChainProblem(None, f"anchor line {number}: not an anchor"))
        elif not anchor_mac_valid(values):
            problems.append(
                ChainProblem(
                    None,
                    f"anchor line {number} ({values['day']}): its MAC does not match "
                    "(written without the audit key, or changed)",
                )
            )
        else:
            anchors.append(_anchor_from(values))
    return anchors, problems


def anchors_verify(path: Path) -> Iterator[ChainProblem]:
    """Check the chain against every anchor in the file."""
    anchors, problems = anchors_read(path)
    yield from problems
    if not anchors and not problems:
        yield ChainProblem(None, f"the anchor file {path} holds no anchor")
        return
    stored = event_hash_by_id(event_ids=[a.event_id for a in anchors if a.event_id])
    newest_id = chain_tail()[0]
    previous = 0
    for anchor in anchors:
        if anchor.event_id < previous:
            yield ChainProblem(
                anchor.event_id,
                f"anchor of {anchor.day}: names event {anchor.event_id}, older than the "
                f"anchor before it (event {previous})",
            )
        previous = max(previous, anchor.event_id)
        if anchor.event_id == 0:
            if anchor.hash != GENESIS:
                yield ChainProblem(None, f"anchor of {anchor.day}: an empty log with a hash")
            continue
        found = stored.get(anchor.event_id)
        if found is None:
            yield ChainProblem(
                anchor.event_id,
                f"event {anchor.event_id}, anchored on {anchor.day}, is missing "
                f"(the newest event is {newest_id}): events were deleted",
            )
        elif found != anchor.hash:
            yield ChainProblem(
                anchor.event_id,
                f"event {anchor.event_id}, anchored on {anchor.day}, has another hash than "
                "the anchor: the chain up to it was changed and recomputed",
            )
