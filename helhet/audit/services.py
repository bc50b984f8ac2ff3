"""Writes to the audit log. Every other app records events through these functions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from helhet.audit.choices import EventKind
from helhet.audit.hashing import CURRENT_VERSION, GENESIS, event_hash
from helhet.audit.models import BreakGlassGrant, Event
from helhet.core.errors import DomainError
from helhet.core.requestid import get_request_id

# Any fixed number: the PostgreSQL advisory lock that serialises appends to the chain.
_CHAIN_LOCK = 7_340_021


class AuditError(DomainError):
    pass


# Stored in Bokmål and translated when shown, like every purpose in the log.
BREAK_GLASS_PURPOSE = gettext_noop("Nødtilgang")
BREAK_GLASS_REVIEW_PURPOSE = gettext_noop("Gjennomgang av nødtilgang")
REASON_MIN_LENGTH = 10


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


def _actor_values(actor: Any) -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor_id": None, "actor_name": ""}
    return {"actor_id": actor.pk, "actor_name": getattr(actor, "display_name", str(actor))}


@transaction.atomic
def events_record(
    *,
    kind: str,
    actor: Any,
    subjects: list[Subject],
    unit: Any = None,
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
    actor: Any,
    object_type: str = "",
    object_id: str | int = "",
    person_id: int | None = None,
    unit: Any = None,
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


def object_type_of(model: Any) -> str:
    """The object type an event names for a model class or instance: its label
    (`shelter.stay`). The one place object types come from."""
    return str(model._meta.label_lower)


def event_record_for(
    *,
    kind: str,
    actor: Any,
    obj: Any,
    person_id: int | None = None,
    unit: Any = None,
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


def break_glass_grant(
    *,
    actor: Any,
    object_type: str,
    object_id: str | int,
    person_id: int | None,
    reason: str,
    submission_id: uuid.UUID | None = None,
) -> BreakGlassGrant:
    """Open a record outside the user's access for a limited time. The reason is required.

    The grant lasts HELHET_BREAK_GLASS_MINUTES, is flagged wherever the record is shown,
    and waits in the privacy officer's review queue. A repeated submission (the same
    `submission_id`) returns the grant the first one opened.
    """
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise AuditError(
            _("Skriv en begrunnelse på minst %(count)s tegn: hvorfor trenger du tilgang nå?")
            % {"count": REASON_MIN_LENGTH},
            field="reason",
        )
    if submission_id is not None:
        earlier = BreakGlassGrant.objects.filter(submission_id=submission_id, user=actor).first()
        if earlier is not None:
            return earlier
    try:
        return _break_glass_open(
            actor=actor,
            object_type=object_type,
            object_id=object_id,
            person_id=person_id,
            reason=reason,
            submission_id=submission_id,
        )
    except IntegrityError:
        # Two copies of the same submission raced; the first one won.
        earlier = BreakGlassGrant.objects.filter(submission_id=submission_id, user=actor).first()
        if earlier is None:
            raise
        return earlier


@transaction.atomic
def _break_glass_open(
    *,
    actor: Any,
    object_type: str,
    object_id: str | int,
    person_id: int | None,
    reason: str,
    submission_id: uuid.UUID | None,
) -> BreakGlassGrant:
    now = timezone.now()
    grant = BreakGlassGrant(
        user=actor,
        object_type=object_type,
        object_id=str(object_id),
        person_id=person_id,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(minutes=settings.HELHET_BREAK_GLASS_MINUTES),
        submission_id=submission_id,
    )
    grant.full_clean(exclude=["submission_id"])
    grant.save()
    event_record(
        kind=EventKind.BREAK_GLASS,
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        person_id=person_id,
        purpose=BREAK_GLASS_PURPOSE,
        detail=f"grant:{grant.pk}",
    )
    return grant


@transaction.atomic
def break_glass_review(*, actor: Any, grant: BreakGlassGrant, comment: str) -> BreakGlassGrant:
    """The privacy officer marks one use of break-glass as reviewed, with a comment.

    Nobody reviews their own use: the review is the check on that user.
    """
    comment = (comment or "").strip()
    if not comment:
        raise AuditError(_("Skriv en kommentar til gjennomgangen."), field="comment")
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
    event_record(
        kind=EventKind.REVIEW,
        actor=actor,
        object_type="audit.breakglassgrant",
        object_id=grant.pk,
        person_id=grant.person_id,
        purpose=BREAK_GLASS_REVIEW_PURPOSE,
    )
    return grant
