"""Writes to the help directory, by sub-domain.

Every write records what changed in `ChangeRecord` (HSDS metadata, shown as the
service's history) and an audit event, in the same transaction. A confidential
location's address is never written into a change record.
"""

from __future__ import annotations

from helhet.directory.services.base import (
    DirectoryError,
    language_name,
)
from helhet.directory.services.locations import (
    LOCATION_FIELDS,
    AddressData,
    location_create,
    location_update,
)
from helhet.directory.services.offers import (
    SCALAR_FIELDS,
    PhoneData,
    ScheduleData,
    ServiceData,
    service_create,
    service_publish,
    service_refresh_search_text,
    service_translation_save,
    service_unpublish,
    service_update,
    service_verify,
    terms_from_ids,
)
from helhet.directory.services.organizations import (
    organization_create,
)

__all__ = [
    "AddressData",
    "DirectoryError",
    "LOCATION_FIELDS",
    "PhoneData",
    "SCALAR_FIELDS",
    "ScheduleData",
    "ServiceData",
    "language_name",
    "location_create",
    "location_update",
    "organization_create",
    "service_create",
    "service_publish",
    "service_refresh_search_text",
    "service_translation_save",
    "service_unpublish",
    "service_update",
    "service_verify",
    "terms_from_ids",
]
