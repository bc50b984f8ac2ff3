"""The chokepoint through which staff views fetch a service.

Directory data is public information, not personal data, but the staff pages show
unpublished drafts and the confidential location's details, so only holders of
Cap.DIRECTORY_EDIT reach them. "Missing" and "not allowed" are the same 404, and
both the read and the refusal are written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record
from helhet.core.policy import has_capability
from helhet.directory.models import Location, Service
from helhet.directory.selectors import staff_location_detail, staff_service_detail
from helhet.organisation.roles import Cap


def _checked(user: Any, found: Any, object_id: Any, *, object_type: str, purpose: str) -> Any:
    if found is None:
        event_record(
            kind=EventKind.ACCESS_DENIED,
            actor=user,
            object_type=object_type,
            object_id=str(object_id)[:64],
            purpose=purpose,
        )
        raise Http404(_("Siden finnes ikke, eller du har ikke tilgang til den."))
    event_record(
        kind=EventKind.READ,
        actor=user,
        object_type=object_type,
        object_id=str(found.pk),
        purpose=purpose,
    )
    return found


def get_service_for(user: Any, service_id: Any, *, purpose: str) -> Service:
    """The service with its parts, if the user keeps the directory; else 404."""
    allowed = has_capability(user, Cap.DIRECTORY_EDIT)
    service = staff_service_detail(service_id=service_id) if allowed else None
    return _checked(user, service, service_id, object_type="directory.service", purpose=purpose)


def get_location_for(user: Any, location_id: Any, *, purpose: str) -> Location:
    """The location with its addresses, if the user keeps the directory; else 404."""
    allowed = has_capability(user, Cap.DIRECTORY_EDIT)
    location = staff_location_detail(location_id=location_id) if allowed else None
    return _checked(user, location, location_id, object_type="directory.location", purpose=purpose)
