"""Reads of the audit log."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from helhet.audit.choices import EventKind, Purpose
from helhet.audit.hashing import GENESIS, KEYED, UNKEYED, VERIFIED_FIELDS, VERSIONS, event_hash
from helhet.audit.models import BreakGlassGrant, Event
from helhet.audit.policy import AUDIT_REVIEW
from helhet.core.policy import has_capability

if TYPE_CHECKING:
    from helhet.core.types import User

# The kinds of event that tell a person who has seen or handled their data.
PERSON_LOG_KINDS = (
    EventKind.CREATE,
    EventKind.READ,
    EventKind.UPDATE,
    EventKind.EXPORT,
    EventKind.BREAK_GLASS,
    EventKind.ERASE,
)


def break_glass_active(
    *, user: User | AnonymousUser, object_type: str, object_id: str | int
) -> bool:
    return (
        break_glass_active_grant(user=user, object_type=object_type, object_id=object_id)
        is not None
    )


def break_glass_active_grant(
    *, user: User | AnonymousUser, object_type: str, object_id: str | int
) -> BreakGlassGrant | None:
    """The user's running grant for this object (the one that expires last), if any."""
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    return (
        BreakGlassGrant.objects.filter(
            user=user,
            object_type=object_type,
            object_id=str(object_id),
            expires_at__gt=timezone.now(),
        )
        .order_by("-expires_at")
        .first()
    )


def break_glass_object_ids(
    *, user: User | AnonymousUser, object_type: str
) -> QuerySet[BreakGlassGrant, str]:
    """Ids of the objects the user holds a running grant for (a lazy values list)."""
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return BreakGlassGrant.objects.none().values_list("object_id", flat=True)
    return BreakGlassGrant.objects.filter(
        user=user, object_type=object_type, expires_at__gt=timezone.now()
    ).values_list("object_id", flat=True)


def break_glass_queue(*, reviewed: bool = False) -> QuerySet[BreakGlassGrant]:
    """Uses of break-glass waiting for review (oldest first), or those already reviewed
    (newest review first)."""
    grants = BreakGlassGrant.objects.select_related("user", "reviewed_by").filter(
        reviewed_at__isnull=not reviewed
    )
    if reviewed:
        return grants.order_by("-reviewed_at", "-id")
    return grants.order_by("granted_at", "id")


# The detail of the event that records a break-glass request refused over the hourly rate.
RATE_LIMIT_DETAIL = "break_glass:rate_limit"


def break_glass_refusals(*, since: datetime) -> QuerySet[Event]:
    """Requests for break-glass refused over the hourly rate since the given time."""
    return Event.objects.filter(
        kind=EventKind.ACCESS_DENIED,
        purpose=Purpose.BREAK_GLASS,
        detail__startswith=RATE_LIMIT_DETAIL,
        occurred_at__gte=since,
    )


def break_glass_grants_reviewable(*, user: User) -> QuerySet[BreakGlassGrant]:
    """Every grant, for a user who reviews the audit log; none for anyone else."""
    grants = BreakGlassGrant.objects.select_related("user", "reviewed_by")
    if not has_capability(user, AUDIT_REVIEW):
        return grants.none()
    return grants


def event_unit_choices() -> list[tuple[int, str]]:
    """Units named in the log, by the name they had when the event was written; audit
    reads no other app, so the log's own copy is the source."""
    rows = (
        Event.objects.filter(unit_id__isnull=False)
        .values_list("unit_id", "unit_name")
        .order_by("unit_name", "unit_id")
        .distinct()
    )
    seen: dict[int, str] = {}
    for unit_id, unit_name in rows:
        if unit_id is not None:
            seen.setdefault(unit_id, unit_name)
    return sorted(seen.items(), key=lambda item: (item[1].casefold(), item[0]))


@dataclass(frozen=True)
class EventFilter:
    person_id: int | None = None
    actor_id: int | None = None
    unit_id: int | None = None
    kind: str = ""
    purpose: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def describe(self) -> str:
        """The filters given, as ids, codes and dates (no free text): the detail of the
        privacy officer's own search in the log."""
        parts = {
            "person_id": self.person_id,
            "actor": self.actor_id,
            "unit": self.unit_id,
            "kind": self.kind,
            "purpose": self.purpose,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }
        return " ".join(f"{name}={value}" for name, value in parts.items() if value) or "all"


def event_search(*, filters: EventFilter) -> QuerySet[Event]:
    """Events matching every filter given (they combine), newest first."""
    events = Event.objects.all()
    if filters.person_id is not None:
        events = events.filter(person_id=filters.person_id)
    if filters.actor_id is not None:
        events = events.filter(actor_id=filters.actor_id)
    if filters.unit_id is not None:
        events = events.filter(unit_id=filters.unit_id)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.purpose:
        events = events.filter(purpose=filters.purpose)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        events = events.filter(occurred_at__gte=datetime.combine(filters.date_from, time.min, tz))
    if filters.date_to:
        events = events.filter(occurred_at__lte=datetime.combine(filters.date_to, time.max, tz))
    return events.order_by("-occurred_at", "-id")


def person_access_log(
    *, person_id: int, kinds: tuple[str, ...] = PERSON_LOG_KINDS
) -> QuerySet[Event]:
    """Who has seen or changed this person's data, and when: the answer a person is
    entitled to (Normen, factsheet 15). Oldest first, as a person reads a history."""
    return Event.objects.filter(person_id=person_id, kind__in=kinds).order_by("occurred_at", "id")


@dataclass(frozen=True)
class ChainProblem:
    event_id: int | None
    message: str


def chain_verify(*, batch_size: int = 2000) -> Iterator[ChainProblem]:
    """Walk the chain in id order and report every changed, missing or reordered row.

    Unkeyed events (hash version 1, written before the chain was keyed) are accepted only
    at the beginning of the chain; one after a keyed event means someone rewrote the tail
    without the key.
    """
    prev = GENESIS
    last_id = 0
    keyed_seen = False
    while True:
        rows = list(
            Event.objects.filter(id__gt=last_id)
            .order_by("id")
            .values(*VERIFIED_FIELDS)[:batch_size]
        )
        if not rows:
            return
        for row in rows:
            yield from _row_problems(row, prev, keyed_seen=keyed_seen)
            keyed_seen = keyed_seen or row["hash_version"] == KEYED
            prev = row["hash"]
            last_id = row["id"]


def _row_problems(row: dict[str, Any], prev: str, *, keyed_seen: bool) -> Iterator[ChainProblem]:
    event_id = row["id"]
    version = row["hash_version"]
    if row["prev_hash"] != prev:
        yield ChainProblem(
            event_id,
            f"event {event_id}: the link to the previous event is broken "
            "(an event before it was removed or changed)",
        )
    if version not in VERSIONS:
        yield ChainProblem(event_id, f"event {event_id}: unknown hash version {version!r}")
        return
    if version == UNKEYED and keyed_seen:
        yield ChainProblem(
            event_id,
            f"event {event_id}: hashed without the key after keyed events "
            "(the chain was rewritten from here)",
        )
    if not hmac.compare_digest(event_hash(row["prev_hash"], row, version=version), row["hash"]):
        yield ChainProblem(event_id, f"event {event_id}: its content was changed")


def chain_unkeyed_count() -> int:
    """How many events carry the unkeyed hash of before the chain was keyed."""
    return Event.objects.filter(hash_version=UNKEYED).count()


def chain_tail() -> tuple[int, str]:
    """The id and hash of the newest event (0 and the genesis hash for an empty log)."""
    row = Event.objects.order_by("-id").values_list("id", "hash").first()
    return (row[0], row[1]) if row else (0, GENESIS)


def event_hash_by_id(*, event_ids: list[int]) -> dict[int, str]:
    """The stored hash of each of these events that still exists."""
    return dict(Event.objects.filter(id__in=event_ids).values_list("id", "hash"))
