"""The chokepoints through which staff views fetch a service or a location.

Directory data is public information, not personal data, but the staff pages show
unpublished drafts and the confidential location's details, so only holders of
Cap.DIRECTORY_EDIT reach them (`selectors.staff_services`). "Missing" and "not allowed"
are the same 404, and both the read and the refusal are written to the audit log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helhet.core.access import fetch_or_404
from helhet.directory.models import Location, Service
from helhet.directory.selectors import staff_locations, staff_services

if TYPE_CHECKING:
    from helhet.core.types import User


def get_service_for(user: User, service_id: object, *, purpose: str) -> Service:
    """The service with its parts, if the user keeps the directory; else 404."""
    return fetch_or_404(user, staff_services(user=user), service_id, purpose=purpose)


def get_location_for(user: User, location_id: object, *, purpose: str) -> Location:
    """The location with its addresses, if the user keeps the directory; else 404."""
    return fetch_or_404(user, staff_locations(user=user), location_id, purpose=purpose)
