"""Test support for the portal: a published service, and the staff pages mounted."""

from __future__ import annotations

import uuid
from typing import Any

from helhet.directory.choices import TaxonomyCode
from helhet.directory.models import Organization, Service, TaxonomyTerm
from helhet.directory.services import (
    PhoneData,
    ScheduleData,
    ServiceData,
    organization_create,
    service_create,
    service_publish,
)


def published_service(
    *,
    name: str = "Samtaletilbudet i Fjordvik",
    phone: str = "+47 99 00 77 00",
    needs: tuple[str, ...] = (),
    municipality_numbers: tuple[str, ...] = ("9901",),
    publish: bool = True,
    **extra: Any,
) -> Service:
    """A service in the directory, built with the directory's own services."""
    organization = Organization.objects.filter(name="Fjordvik kommune").first()
    if organization is None:
        organization = organization_create(
            actor=None, name="Fjordvik kommune", submission_id=uuid.uuid4()
        )
    terms = tuple(
        TaxonomyTerm.objects.get(taxonomy__code=TaxonomyCode.NEED, code=code) for code in needs
    )
    service = service_create(
        actor=None,
        data=ServiceData(
            organization=organization,
            name=name,
            description=extra.pop("description", "Samtaler for voksne."),
            terms=terms,
            municipality_numbers=municipality_numbers,
            phones=(PhoneData(phone),),
            schedules=extra.pop("schedules", (ScheduleData(open_24_7=True),)),
            **extra,
        ),
        submission_id=uuid.uuid4(),
    )
    if publish:
        service = service_publish(actor=None, service=service)
    return service
