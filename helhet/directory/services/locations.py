"""Writes of locations and their addresses (a confidential address never enters a change
record)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record, object_type_of
from helhet.core.idempotency import once
from helhet.core.text import clean_text
from helhet.core.updates import changed_detail
from helhet.directory.choices import (
    ChangeAction,
    ResourceType,
)
from helhet.directory.models import (
    Accessibility,
    Address,
    Location,
    Organization,
    Service,
)
from helhet.directory.services.base import _change, _clean, _display, _update

if TYPE_CHECKING:
    from helhet.core.types import User


@dataclass(frozen=True)
class AddressData:
    address_1: str
    postal_code: str
    city: str
    region: str = ""
    state_province: str = ""
    address_type: str = "physical"
    country: str = "NO"


LOCATION_FIELDS = (
    "name",
    "location_type",
    "organization",
    "description",
    "transportation",
    "url",
    "is_confidential",
    "meeting_place",
    "latitude",
    "longitude",
)


def _set_location_parts(
    location: Location, addresses: tuple[AddressData, ...] | None, accessibility: tuple[str, ...]
) -> None:
    if addresses is not None:
        location.addresses.all().delete()
        for item in addresses:
            address = Address(
                location=location,
                **{key: clean_text(value) for key, value in item.__dict__.items()},
            )
            _clean(address)
            address.save()
    location.accessibility.all().delete()
    for text in accessibility:
        entry = Accessibility(location=location, description=clean_text(text))
        _clean(entry)
        entry.save()


@transaction.atomic
def _location_create(
    *,
    actor: User | None,
    values: dict[str, Any],
    addresses: tuple[AddressData, ...],
    accessibility: tuple[str, ...],
) -> Location:
    location = Location(**values)
    _clean(location)
    location.save()
    _set_location_parts(location, addresses, accessibility)
    _change(
        actor=actor,
        service=None,
        resource_type=ResourceType.LOCATION,
        resource_id=location.pk,
        action=ChangeAction.CREATE,
    )
    event_record(
        kind=EventKind.CREATE,
        actor=actor,
        object_type=object_type_of(location),
        object_id=str(location.pk),
    )
    return location


def location_create(
    *,
    actor: User | None,
    name: str,
    submission_id: uuid.UUID,
    location_type: str = "physical",
    organization: Organization | None = None,
    description: str = "",
    transportation: str = "",
    url: str = "",
    is_confidential: bool = False,
    meeting_place: str = "",
    addresses: tuple[AddressData, ...] = (),
    accessibility: tuple[str, ...] = (),
    latitude: Any = None,
    longitude: Any = None,
) -> Location:
    """Create a location with its addresses. A confidential location's address is stored
    for staff and never published; no change record carries its values. The same
    `submission_id` sent again returns the location the first post created."""
    values = {
        "name": clean_text(name),
        "location_type": location_type,
        "organization": organization,
        "description": description,
        "transportation": transportation,
        "url": url,
        "is_confidential": is_confidential,
        "meeting_place": clean_text(meeting_place),
        "latitude": None if is_confidential else latitude,
        "longitude": None if is_confidential else longitude,
    }
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _location_create(
            actor=actor, values=values, addresses=addresses, accessibility=accessibility
        ),
    )


def _address_summary(location: Location) -> str:
    return "; ".join(str(address) for address in location.addresses.all())


@transaction.atomic
def location_update(
    *,
    actor: User | None,
    location: Location,
    values: dict[str, Any],
    addresses: tuple[AddressData, ...] | None,
    accessibility: tuple[str, ...],
) -> Location:
    """Change a location. `addresses=None` keeps the stored addresses (the staff form of a
    confidential location never shows them, so leaving the fields empty keeps them)."""
    location = Location.objects.select_for_update().get(pk=location.pk)
    secret_before = location.is_confidential
    before = {name: _display(getattr(location, name)) for name in LOCATION_FIELDS}
    before_addresses = _address_summary(location)
    data = {name: values[name] for name in LOCATION_FIELDS if name in values}
    for name in ("name", "meeting_place"):
        if name in data:
            data[name] = clean_text(data[name])
    if data.get("is_confidential", location.is_confidential):
        data["latitude"] = data["longitude"] = None
    changed = _update(location, LOCATION_FIELDS, data)
    _set_location_parts(location, addresses, accessibility)
    after_addresses = _address_summary(location)
    secret = secret_before or location.is_confidential
    now = timezone.now()
    records = [(name, before[name], _display(getattr(location, name))) for name in changed]
    if after_addresses != before_addresses:
        records.append(("addresses", before_addresses, after_addresses))
    for name, previous, replacement in records:
        hidden = secret and name in ("addresses", "latitude", "longitude")
        _change(
            actor=actor,
            service=None,
            resource_type=ResourceType.LOCATION,
            resource_id=location.pk,
            action=ChangeAction.UPDATE,
            field_name=name,
            previous="" if hidden else previous,
            replacement="" if hidden else replacement,
            at=now,
        )
    if records:
        # The services at this place changed for the public too (HSDS last_modified).
        Service.objects.filter(service_at_locations__location=location).update(updated_at=now)
        event_record(
            kind=EventKind.UPDATE,
            actor=actor,
            object_type=object_type_of(location),
            object_id=str(location.pk),
            detail=changed_detail(name for name, _old, _new in records),
        )
    return location
