"""The hash chain over audit events."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

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


def _normalise(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def event_hash(prev_hash: str, values: dict[str, Any]) -> str:
    payload = {name: _normalise(values.get(name)) for name in CHAINED_FIELDS}
    payload["prev_hash"] = prev_hash
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
