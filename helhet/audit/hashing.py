"""The keyed hash chain over audit events, and the anchors exported from it.

Each event's hash covers the fields in `CHAINED_FIELDS` and the previous event's hash. The
writer (`services.events_record`) and the verifier (`selectors.chain_verify`) both take
the field list from here; there is no second copy.

Since hash version 2 the hash is an HMAC-SHA256 with `HELHET_AUDIT_KEY`, a key that lives
in the environment and never in the database: someone who can write to the database can
delete rows and recompute a plain hash chain, but cannot recompute a keyed one.

Version 1 (a plain SHA-256 of the same payload) is what events written before the chain
was keyed carry. The verifier accepts version 1 only as the unbroken beginning of the
chain: the first keyed event's link to the last unkeyed one then vouches for everything
before it. A version-1 event after a keyed one is reported as tampering.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

GENESIS = "0" * 64

# The fields of an event that its hash covers. Never reorder or rename: stored hashes
# depend on the names (the payload is a JSON object with sorted keys).
CHAINED_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_name",
    "unit_id",
    "unit_name",
    "request_id",
    "kind",
    "object_type",
    "object_id",
    "person_id",
    "purpose",
    "detail",
)

UNKEYED = 1  # SHA-256, before the chain was keyed (read and verified, never written)
KEYED = 2  # HMAC-SHA256 with HELHET_AUDIT_KEY
VERSIONS = (UNKEYED, KEYED)
CURRENT_VERSION = KEYED

# What the verifier reads of each row: the chained fields and the chain itself.
VERIFIED_FIELDS = ("id", *CHAINED_FIELDS, "prev_hash", "hash", "hash_version")


def audit_key() -> bytes:
    """The chain's key, from the environment. Without it no event can be written."""
    key = getattr(settings, "HELHET_AUDIT_KEY", "")
    if not key:
        raise ImproperlyConfigured(
            "HELHET_AUDIT_KEY must be set: the audit log's hash chain is keyed with it "
            "(scripts/make_dev_env.py writes one for development)."
        )
    return str(key).encode("utf-8")


def _normalise(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def _canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def event_hash(prev_hash: str, values: dict[str, Any], *, version: int = CURRENT_VERSION) -> str:
    """The hash of one event, chained to `prev_hash`, under the given hash version."""
    payload = {name: _normalise(values.get(name)) for name in CHAINED_FIELDS}
    payload["prev_hash"] = prev_hash
    encoded = _canonical(payload)
    if version == KEYED:
        return hmac.new(audit_key(), encoded, hashlib.sha256).hexdigest()
    if version == UNKEYED:
        return hashlib.sha256(encoded).hexdigest()
    raise ValueError(f"Unknown audit hash version {version!r}.")


# The fields of an anchor that its MAC covers.
ANCHOR_FIELDS = ("day", "event_id", "hash", "anchored_at")


def anchor_mac(anchor: dict[str, Any]) -> str:
    """The MAC of an anchor (a day's last event id and hash), keyed like the chain, so that
    nobody without the key can write an anchor that matches a rewritten chain."""
    payload = {name: anchor.get(name) for name in ANCHOR_FIELDS}
    payload["type"] = "helhet.audit.anchor"
    return hmac.new(audit_key(), _canonical(payload), hashlib.sha256).hexdigest()


def anchor_mac_valid(anchor: dict[str, Any]) -> bool:
    return hmac.compare_digest(anchor_mac(anchor), str(anchor.get("mac", "")))
