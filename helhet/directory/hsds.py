"""Our rows as HSDS 3.0 objects (the API) and HSDS table rows (the CSV export).

HSDS schemas allow no nulls, so a value we do not have is left out, never sent as null.
A confidential location is written without its addresses, coordinates or free texts
(staff could have typed an address there): only its name, the fixed "address given
when you call" note and the meeting place.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from helhet.directory.choices import WEEKDAY_CODES, AreaScope
from helhet.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

HSDS_VERSION = "3.0"


def _compact(values: dict[str, Any], *, keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Drop None and empty strings (HSDS has no nulls; empty URIs fail format checks)."""
    return {
        key: value
        for key, value in values.items()
        if key in keep or (value is not None and value != "")
    }


def _hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def confidential_note(location: Location) -> str:
    """The public text of a confidential location, in Bokmål (the API's language)."""
    with translation.override("nb"):
        note = _("Adressen får du når du ringer.")
    if location.meeting_place:
        return f"{note} {location.meeting_place}"
    return note


def organization_basic(organization: Organization) -> dict[str, Any]:
    return _compact(
        {
            "id": str(organization.pk),
            "name": organization.name,
            "alternate_name": organization.alternate_name,
            "description": organization.description,
            "email": organization.email,
            "website": organization.website,
            "legal_status": organization.legal_status,
        },
        keep=("description",),
    )


def language_row(language: Language) -> dict[str, Any]:
    return _compact(
        {
            "id": str(language.pk),
            "service_id": str(language.service_id) if language.service_id else None,
            "location_id": str(language.location_id) if language.location_id else None,
            "phone_id": str(language.phone_id) if language.phone_id else None,
            "name": language.name,
            "code": language.code,
            "note": language.note,
        }
    )


def phone_row(phone: Phone) -> dict[str, Any]:
    return _compact(
        {
            "id": str(phone.pk),
            "service_id": str(phone.service_id) if phone.service_id else None,
            "location_id": str(phone.location_id) if phone.location_id else None,
            "organization_id": str(phone.organization_id) if phone.organization_id else None,
            "number": phone.number,
            "extension": phone.extension,
            "type": phone.type,
            "description": phone.description,
        }
    )


def phone_full(phone: Phone) -> dict[str, Any]:
    return {
        **phone_row(phone),
        "languages": [language_row(item) for item in phone.languages.all()],
    }


def schedule_row(schedule: Schedule) -> dict[str, Any]:
    opens: str | None
    closes: str | None
    if schedule.open_24_7:
        days, opens, closes = ",".join(WEEKDAY_CODES), "00:00", "23:59"
    else:
        days, opens, closes = schedule.byday, _hhmm(schedule.opens_at), _hhmm(schedule.closes_at)
    with translation.override("nb"):
        notes = schedule.notes or _("Lokal tid i Norge.")
        description = schedule.description or (_("Døgnåpent") if schedule.open_24_7 else "")
    return _compact(
        {
            "id": str(schedule.pk),
            "service_id": str(schedule.service_id) if schedule.service_id else None,
            "location_id": str(schedule.location_id) if schedule.location_id else None,
            "valid_from": schedule.valid_from.isoformat() if schedule.valid_from else None,
            "valid_to": schedule.valid_to.isoformat() if schedule.valid_to else None,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": days,
            "opens_at": opens,
            "closes_at": closes,
            "description": description,
            "notes": notes,
        }
    )


def service_area_row(area: ServiceArea) -> dict[str, Any]:
    return _compact(
        {
            "id": str(area.pk),
            "service_id": str(area.service_id),
            "name": area.name,
            "description": area.description,
            "extent_type": "country" if area.scope == AreaScope.NATIONAL else "municipality",
            "extent": "NO" if area.scope == AreaScope.NATIONAL else area.municipality_number,
        }
    )


def address_row(address: Address) -> dict[str, Any]:
    if address.location.is_confidential:
        # Every public read already leaves these out; this is the last line of defence.
        raise ValueError("A confidential location's address must never be exported.")
    return _compact(
        {
            "id": str(address.pk),
            "location_id": str(address.location_id),
            "attention": address.attention,
            "address_1": address.address_1,
            "address_2": address.address_2,
            "city": address.city,
            "region": address.region,
            "state_province": address.state_province,
            "postal_code": address.postal_code,
            "country": address.country,
            "address_type": address.address_type,
        },
        keep=("state_province",),
    )


def accessibility_row(item: Accessibility) -> dict[str, Any]:
    return _compact(
        {
            "id": str(item.pk),
            "location_id": str(item.location_id),
            "description": item.description,
            "details": item.details,
            "url": item.url,
        }
    )


def location_row(location: Location) -> dict[str, Any]:
    if location.is_confidential:
        return _compact(
            {
                "id": str(location.pk),
                "location_type": location.location_type,
                "organization_id": str(location.organization_id)
                if location.organization_id
                else None,
                "name": location.name,
                "description": confidential_note(location),
            }
        )
    return _compact(
        {
            "id": str(location.pk),
            "location_type": location.location_type,
            "url": location.url,
            "organization_id": str(location.organization_id) if location.organization_id else None,
            "name": location.name,
            "alternate_name": location.alternate_name,
            "description": location.description,
            "transportation": location.transportation,
            "latitude": float(location.latitude) if location.latitude is not None else None,
            "longitude": float(location.longitude) if location.longitude is not None else None,
        }
    )


def location_full(location: Location) -> dict[str, Any]:
    """A location with its parts. Expects the public prefetches (no confidential address)."""
    addresses = [] if location.is_confidential else list(location.addresses.all())
    return {
        **location_row(location),
        "languages": [language_row(item) for item in location.languages.all()],
        "addresses": [address_row(item) for item in addresses],
        "phones": [phone_full(item) for item in location.phones.all()],
        "schedules": [schedule_row(item) for item in location.schedules.all()],
        "accessibility": [accessibility_row(item) for item in location.accessibility.all()],
    }


def service_at_location_row(item: ServiceAtLocation) -> dict[str, Any]:
    return _compact(
        {
            "id": str(item.pk),
            "service_id": str(item.service_id),
            "location_id": str(item.location_id),
            "description": item.description,
        }
    )


def taxonomy_row(taxonomy: Taxonomy) -> dict[str, Any]:
    return _compact(
        {
            "id": str(taxonomy.pk),
            "name": taxonomy.name,
            "description": taxonomy.description,
            "uri": taxonomy.uri,
            "version": taxonomy.version,
        },
        keep=("description",),
    )


def taxonomy_term_row(term: TaxonomyTerm) -> dict[str, Any]:
    return _compact(
        {
            "id": str(term.pk),
            "code": term.code,
            "name": term.name,
            "description": term.description,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy.name,
            "language": term.language,
            "taxonomy_id": str(term.taxonomy_id),
        },
        keep=("description",),
    )


def taxonomy_term_full(term: TaxonomyTerm) -> dict[str, Any]:
    return {**taxonomy_term_row(term), "taxonomy_detail": taxonomy_row(term.taxonomy)}


def attribute_row(attribute: Attribute) -> dict[str, Any]:
    return _compact(
        {
            "id": str(attribute.pk),
            "link_id": str(attribute.service_id),
            "taxonomy_term_id": str(attribute.taxonomy_term_id),
            "link_type": attribute.taxonomy_term.taxonomy.code,
            "link_entity": "service",
            "value": attribute.value,
        }
    )


def attribute_full(attribute: Attribute) -> dict[str, Any]:
    return {**attribute_row(attribute), "taxonomy_term": taxonomy_term_row(attribute.taxonomy_term)}


def service_row(service: Service) -> dict[str, Any]:
    """The one-to-one fields of a service (a row of services.csv)."""
    return _compact(
        {
            "id": str(service.pk),
            "organization_id": str(service.organization_id),
            "name": service.name,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "interpretation_services": service.interpretation_services,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "eligibility_description": service.eligibility_description,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.last_verified_on.isoformat()
            if service.last_verified_on
            else None,
            "alert": service.alert,
            "last_modified": service.updated_at.isoformat(timespec="milliseconds"),
        }
    )


def service_list_item(service: Service) -> dict[str, Any]:
    """A service in a list: its own fields and its organisation (compiled/service_list)."""
    return {**service_row(service), "organization": organization_basic(service.organization)}


def service_full(service: Service) -> dict[str, Any]:
    """A fully nested service. Expects `selectors.with_public_relations`."""
    return {
        **service_list_item(service),
        "phones": [phone_full(item) for item in service.phones.all()],
        "schedules": [schedule_row(item) for item in service.schedules.all()],
        "service_areas": [service_area_row(item) for item in service.service_areas.all()],
        "service_at_locations": [
            {**service_at_location_row(item), "location": location_full(item.location)}
            for item in service.service_at_locations.all()
        ],
        "languages": [language_row(item) for item in service.languages.all()],
        "attributes": [attribute_full(item) for item in service.attributes.all()],
    }


def organization_full(organization: Organization, services: list[Service]) -> dict[str, Any]:
    """An organisation with its published services (simple) and their public locations."""
    return {
        **organization_basic(organization),
        "phones": [phone_full(item) for item in organization.phones.all()],
        "locations": [location_full(item) for item in organization.locations.all()],
        "services": [service_row(item) for item in services],
    }
