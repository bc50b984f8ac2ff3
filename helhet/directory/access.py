"""The chokepoints through which staff views fetch a service or a location.

Directory data is public information, not personal data, but the staff pages show
unpublished drafts and the confidential location's details, so only holders of
Cap.DIRECTORY_EDIT reach them (`selectors.staff_services`). "Missing" and "not allowed"
are the same 404, and both the read and the refusal are written to the audit log.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record, object_type_of
from helhet.core.access import deny
from helhet.directory.models import Location, Service
from helhet.directory.selectors import staff_locations, staff_services

M = TypeVar("M", bound=Model)


def _fetch_by_uuid(user: Any, queryset: QuerySet[M], raw_id: Any, *, purpose: str) -> M:
    # HSDS identifiers are UUIDs, which core.access.fetch_or_404 (integer keys) does not
    # parse yet; the refusal is core's `deny`, the read the same event it would write.
    try:
        pk = uuid.UUID(str(raw_id))
    except ValueError:
        pk = None
    found = queryset.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise deny(user, object_type=object_type_of(queryset.model), raw_id=raw_id, purpose=purpose)
    event_record(
        kind=EventKind.READ,
        actor=user,
        object_type=object_type_of(found),
        object_id=str(found.pk),
        purpose=purpose,
    )
    return found


def get_service_for(user: Any, service_id: Any, *, purpose: str) -> Service:
    """The service with its parts, if the user keeps the directory; else 404."""
    return _fetch_by_uuid(user, staff_services(user=user), service_id, purpose=purpose)


def get_location_for(user: Any, location_id: Any, *, purpose: str) -> Location:
    """The location with its addresses, if the user keeps the directory; else 404."""
    return _fetch_by_uuid(user, staff_locations(user=user), location_id, purpose=purpose)
