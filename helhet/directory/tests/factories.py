"""Directory data for tests, built with the real services."""

from __future__ import annotations

import uuid
from datetime import time
from typing import Any

from helhet.directory.choices import NeedCode, TaxonomyCode
from helhet.directory.models import Location, Organization, Service, TaxonomyTerm
from helhet.directory.services import (
    AddressData,
    PhoneData,
    ScheduleData,
    ServiceData,
    location_create,
    organization_create,
    service_create,
    service_publish,
)

SECRET_STREET = "Hemmeligveien 99"


def organization(actor: Any = None, name: str = "Testkommunen") -> Organization:
    existing = Organization.objects.filter(name=name).first()
    return existing or organization_create(
        actor=actor, name=name, description="Til test.", submission_id=uuid.uuid4()
    )


def secret_location(actor: Any = None) -> Location:
    existing = Location.objects.filter(name="Testsenteret").first()
    return existing or location_create(
        actor=actor,
        name="Testsenteret",
        submission_id=uuid.uuid4(),
        organization=organization(actor),
        is_confidential=True,
        meeting_place="Vi møter deg på biblioteket.",
        addresses=(AddressData(SECRET_STREET, "9999", "Testby"),),
    )


def need(code: str = NeedCode.EXPOSED_TO_VIOLENCE) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(taxonomy__code=TaxonomyCode.NEED, code=code)


def service_data(actor: Any = None, **overrides: Any) -> ServiceData:
    values: dict[str, Any] = {
        "organization": organization(actor),
        "name": "Testsenteret for voldsutsatte",
        "description": "Et krisesenter til bruk i tester.",
        "terms": (need(),),
        "municipality_numbers": ("9901",),
        "languages": ("nb",),
        "locations": (secret_location(actor),),
        "phones": (PhoneData("+47 99 99 99 99"),),
        "schedules": (ScheduleData(days=("MO", "TU"), opens_at=time(9), closes_at=time(15)),),
    }
    values.update(overrides)
    return ServiceData(**values)


def published_service(actor: Any = None, **overrides: Any) -> Service:
    name = overrides.get("name", "Testsenteret for voldsutsatte")
    existing = Service.objects.filter(name=name).first()
    if existing is not None:
        return existing
    service = service_create(
        actor=actor, data=service_data(actor, **overrides), submission_id=uuid.uuid4()
    )
    return service_publish(actor=actor, service=service)
