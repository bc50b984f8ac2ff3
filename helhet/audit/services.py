"""Writes to the audit log. Every other app records events through these functions."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.audit import notices
from helhet.audit.choices import EventKind, Purpose
from helhet.audit.hashing import CURRENT_VERSION, GENESIS, event_hash
from helhet.audit.models import BreakGlassGrant, Event
from helhet.audit.selectors import RATE_LIMIT_DETAIL, EventFilter
from helhet.core.errors import DomainError
from helhet.core.idempotency import once
from helhet.core.requestid import get_request_id

if TYPE_CHECKING:
    from helhet.core.types import User

# Any fixed number: the PostgreSQL advisory lock that serialises appends to the chain.
_CHAIN_LOCK = 7_340_021


class AuditError(DomainError):
    pass


# What a break-glass reason needs (see break_glass_reason_clean).
REASON_MIN_LENGTH = 10
REASON_MIN_WORDS = 3
REASON_MIN_LETTERS = 5
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Subject:
    """What an event is about: an object and, when it concerns one, a person."""

    object_type: str = ""
    object_id: str | int = ""
    person_id: int | None = None


def _lock_chain() -> None:
    # On SQLite every transaction begins IMMEDIATE (see settings), which already serialises
    # writers. On PostgreSQL two appends could read the same tail without this lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])


def _actor_values(actor: User | AnonymousUser | None) -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor_id": None, "actor_name": ""}
    return {"actor_id": actor.pk, "actor_name": getattr(actor, "display_name", str(actor))}


@transaction.atomic
def events_record(
    *,
    kind: str,
    actor: User | AnonymousUser | None,
    subjects: list[Subject],
    unit: models.Model | None = None,
    purpose: str = "",
    detail: str = "",
    actor_name: str = "",
) -> list[Event]:
    """Append one event per subject, chained, in one transaction."""
    _lock_chain()
    tail = Event.objects.order_by("-id").values_list("hash", flat=True).first()
    prev = tail or GENESIS
    now = timezone.now()
    common = {
        **_actor_values(actor),
        "unit_id": getattr(unit, "pk", None),
        "unit_name": str(unit) if unit is not None else "",
        "request_id": get_request_id(),
        "kind": kind,
        "purpose": purpose[:200],
        "detail": detail[:300],
    }
    if actor_name and not common["actor_name"]:
        common["actor_name"] = actor_name[:200]
    events = []
    for subject in subjects:
        values = {
            **common,
            "occurred_at": now,
            "object_type": subject.object_type,
            "object_id": str(subject.object_id),
            "person_id": subject.person_id,
        }
        digest = event_hash(prev, values, version=CURRENT_VERSION)
        events.append(Event(**values, prev_hash=prev, hash=digest, hash_version=CURRENT_VERSION))
        prev = digest
    # Saved one by one so that ids follow the chain order on every database.
    for event in events:
        event.save(force_insert=True)
    return events


def event_record(
    *,
    kind: str,
    actor: User | AnonymousUser | None,
    object_type: str = "",
    object_id: str | int = "",
    person_id: int | None = None,
    unit: models.Model | None = None,
    purpose: str = "",
    detail: str = "",
    actor_name: str = "",
) -> Event:
    """Append one event to the chain."""
    return events_record(
        kind=kind,
        actor=actor,
        subjects=[Subject(object_type, object_id, person_id)],
        unit=unit,
        purpose=purpose,
        detail=detail,
        actor_name=actor_name,
    )[0]


def object_type_of(model: models.Model | type[models.Model]) -> str:
    """The object type an event names for a model class or instance: its label
    (`shelter.stay`). The one place object types come from."""
    return str(model._meta.label_lower)


def event_record_for(
    *,
    kind: str,
    actor: User | AnonymousUser | None,
    obj: models.Model,
    person_id: int | None = None,
    unit: models.Model | None = None,
    purpose: str = "",
    detail: str = "",
) -> Event:
    """Append one event about a saved model instance (its type is the model's label)."""
    return event_record(
        kind=kind,
        actor=actor,
        object_type=object_type_of(obj),
        object_id=obj.pk,
        person_id=person_id,
        unit=unit,
        purpose=purpose,
        detail=detail,
    )


def event_search_record(*, actor: User, filters: EventFilter, page: int) -> Event:
    """The privacy officer's own search in the log is itself written to the log: which
    filters (ids, codes and dates only) and which page of the results."""
    return event_record(
        kind=EventKind.READ,
        actor=actor,
        object_type=object_type_of(Event),
        person_id=filters.person_id,
        purpose=Purpose.EVENT_SEARCH,
        detail=f"{filters.describe()} page={page}",
    )


def break_glass_reason_clean(reason: str) -> str:
    """The reason for a break-glass grant, if it says something; AuditError if not.

    Ten x's, a word repeated or a single word do not tell the privacy officer why: a reason
    needs REASON_MIN_LENGTH characters, REASON_MIN_WORDS different words and
    REASON_MIN_LETTERS different letters. Apps that look something up before granting
    call this first, so that nobody probes without a reason.
    """
    cleaned = " ".join((reason or "").split())
    words = {word.casefold() for word in _WORD.findall(cleaned)}
    letters = {char.casefold() for char in cleaned if char.isalpha()}
    if (
        len(cleaned) < REASON_MIN_LENGTH
        or len(words) < REASON_MIN_WORDS
        or len(letters) < REASON_MIN_LETTERS
    ):
        raise AuditError(
            _(
                "Skriv med egne ord hvorfor du trenger tilgang nå, med minst %(words)s "
                "forskjellige ord. Begrunnelsen leses av personvernombudet."
            )
            % {"words": REASON_MIN_WORDS},
            field="reason",
        )
    return cleaned


def break_glass_grant(
    *,
    actor: User,
    object_type: str,
    object_id: str | int,
    person_id: int | None,
    reason: str,
    submission_id: uuid.UUID,
) -> BreakGlassGrant:
    """Open a record outside the user's access for a limited time, with a reason.

    The grant lasts HELHET_BREAK_GLASS_MINUTES, gives read access only (the apps check
    it only on their read paths), is flagged wherever the record is shown, waits in the
    privacy officer's review queue, and every privacy officer gets an e-mail at once.

    A user gets at most HELHET_BREAK_GLASS_PER_HOUR grants an hour; one more is refused,
    written to the log and told to the privacy officers. Call this outside a transaction
    of your own: the refusal is kept even though the request fails.

    The same `submission_id` sent again (a double click) returns the first grant.
    """
    cleaned = break_glass_reason_clean(reason)
    try:
        return once(
            actor=actor,
            submission_id=submission_id,
            create=lambda: _break_glass_open(
                actor=actor,
                object_type=object_type,
                object_id=object_id,
                person_id=person_id,
                reason=cleaned,
            ),
        )
    except _RateExceeded as exceeded:
        _break_glass_refuse(
            actor=actor,
            object_type=object_type,
            object_id=object_id,
            person_id=person_id,
            recent=exceeded.recent,
        )
        raise AuditError(
            _(
                "Du har brukt nødtilgang %(count)s ganger den siste timen, som er grensen. "
                "Personvernombudet er varslet. Kontakt lederen din eller personvernombudet "
                "hvis du trenger tilgang nå."
            )
            % {"count": exceeded.recent}
        ) from None


class _RateExceeded(Exception):
    def __init__(self, recent: int) -> None:
        super().__init__(recent)
        self.recent = recent


def _break_glass_open(
    *,
    actor: User,
    object_type: str,
    object_id: str | int,
    person_id: int | None,
    reason: str,
) -> BreakGlassGrant:
    # Runs inside once()'s transaction. The user's row is locked so that two requests at
    # the same moment cannot both pass the rate check (SQLite serialises writers anyway).
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    now = timezone.now()
    recent = BreakGlassGrant.objects.filter(
        user=actor, granted_at__gt=now - timedelta(hours=1)
    ).count()
    if recent >= settings.HELHET_BREAK_GLASS_PER_HOUR:
        raise _RateExceeded(recent)
    grant = BreakGlassGrant(
        user=actor,
        object_type=object_type,
        object_id=str(object_id),
        person_id=person_id,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(minutes=settings.HELHET_BREAK_GLASS_MINUTES),
    )
    grant.full_clean()
    grant.save()
    event_record(
        kind=EventKind.BREAK_GLASS,
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        person_id=person_id,
        purpose=Purpose.BREAK_GLASS,
        detail=f"grant:{grant.pk}",
    )
    transaction.on_commit(partial(notices.break_glass_granted, grant_id=grant.pk))
    return grant


@transaction.atomic
def _break_glass_refuse(
    *,
    actor: User,
    object_type: str,
    object_id: str | int,
    person_id: int | None,
    recent: int,
) -> None:
    event = event_record(
        kind=EventKind.ACCESS_DENIED,
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        person_id=person_id,
        purpose=Purpose.BREAK_GLASS,
        detail=f"{RATE_LIMIT_DETAIL} recent:{recent}",
    )
    transaction.on_commit(partial(notices.break_glass_refused, event_id=event.pk))


def break_glass_review(
    *, actor: User, grant: BreakGlassGrant, comment: str, submission_id: uuid.UUID
) -> BreakGlassGrant:
    """The privacy officer marks one use of break-glass as reviewed, with a comment.

    Nobody reviews their own use: the review is the check on that user. The same form sent
    twice (the same `submission_id`) returns the reviewed grant; a second review from
    another form is refused.
    """
    comment = (comment or "").strip()
    if not comment:
        raise AuditError(_("Skriv en kommentar til gjennomgangen."), field="comment")
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _break_glass_mark_reviewed(actor=actor, grant=grant, comment=comment),
    )


def _break_glass_mark_reviewed(
    *, actor: User, grant: BreakGlassGrant, comment: str
) -> BreakGlassGrant:
    # Locked, so that two reviewers at once cannot both review the same use.
    grant = BreakGlassGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.user_id == actor.pk:
        raise AuditError(_("Du kan ikke gjennomgå din egen nødtilgang."))
    if grant.reviewed_at is not None:
        raise AuditError(_("Denne nødtilgangen er allerede gjennomgått."))
    grant.reviewed_at = timezone.now()
    grant.reviewed_by = actor
    grant.review_comment = comment
    grant.save(update_fields=["reviewed_at", "reviewed_by", "review_comment"])
    event_record_for(
        kind=EventKind.REVIEW,
        actor=actor,
        obj=grant,
        person_id=grant.person_id,
        purpose=Purpose.BREAK_GLASS_REVIEW,
    )
    return grant
