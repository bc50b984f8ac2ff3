"""The fictional region's help offer, for the demo. Idempotent.

Fjordvik (9901) hosts the crisis centre, the emergency room and the family counselling
office for Nordøy (9902) and Sørdal (9903). Local names, addresses and local phone
numbers are invented; the national numbers (112, 113, 116 117, 02800, 116 006,
116 111) are the real ones, because a resident who finds them must reach real help.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from helhet.demo.region import Region
from helhet.directory.choices import TaxonomyCode
from helhet.directory.models import Location, Organization, Service, TaxonomyTerm
from helhet.directory.services import (
    AddressData,
    ServiceData,
    location_create,
    organization_create,
    service_create,
    service_publish,
    service_translation_save,
    service_verify,
)

if TYPE_CHECKING:
    from helhet.core.types import User
from helhet.demo.directory_data import (
    NAMESPACE,
    OFFERS,
    ORGANIZATIONS,
    PLACES,
    Offer,
)


def demo_id(key: str) -> uuid.UUID:
    """The submission id of one demo record: the same on every run, so that a run cut
    short and started again gets the records the first one made."""
    return uuid.uuid5(NAMESPACE, key)


def _organization(actor: User, key: str) -> Organization:
    name, description = ORGANIZATIONS[key]
    existing = Organization.objects.filter(name=name).first()
    if existing is not None:
        return existing
    return organization_create(
        actor=actor,
        name=name,
        description=description,
        submission_id=demo_id(f"organization:{key}"),
    )


def _place(actor: User, key: str) -> Location:
    place = PLACES[key]
    existing = Location.objects.filter(name=place.name).first()
    if existing is not None:
        return existing
    addresses: tuple[AddressData, ...] = ()
    if place.street:
        addresses = (AddressData(place.street, place.postal_code, place.city, region=place.city),)
    return location_create(
        actor=actor,
        name=place.name,
        submission_id=demo_id(f"location:{key}"),
        organization=_organization(actor, place.organization),
        description=place.description,
        is_confidential=place.confidential,
        meeting_place=place.meeting_place,
        addresses=addresses,
        accessibility=place.accessibility,
    )


def _terms(offer: Offer) -> tuple[TaxonomyTerm, ...]:
    wanted = [
        *((TaxonomyCode.NEED, code) for code in offer.needs),
        *((TaxonomyCode.AUDIENCE, code) for code in offer.audiences),
        *((TaxonomyCode.SERVICE_TYPE, code) for code in offer.types),
    ]
    terms = []
    for taxonomy, code in wanted:
        terms.append(TaxonomyTerm.objects.get(taxonomy__code=taxonomy, code=code))
    return tuple(terms)


@transaction.atomic
def seed(region: Region, stdout: Any) -> list[Service]:
    """Create the region's help offer once; a second run finds it and changes nothing."""
    actor = region.users["koordinator"]
    created = 0
    services = []
    for offer in OFFERS:
        existing = Service.objects.filter(name=offer.name).first()
        if existing is not None:
            services.append(existing)
            continue
        data = ServiceData(
            organization=_organization(actor, offer.organization),
            unit=region.units.get(offer.unit) if offer.unit else None,
            name=offer.name,
            description=offer.description,
            eligibility_description=offer.eligibility,
            application_process=offer.application,
            fees_description=offer.fees,
            interpretation_services=offer.interpretation,
            referral_required=offer.referral_required,
            minimum_age=offer.minimum_age,
            maximum_age=offer.maximum_age,
            url=offer.url,
            terms=_terms(offer),
            municipality_numbers=offer.areas,
            national=offer.national,
            languages=offer.languages,
            locations=tuple(_place(actor, key) for key in offer.places),
            phones=offer.phones,
            schedules=offer.schedules,
        )
        service = service_create(
            actor=actor, data=data, submission_id=demo_id(f"service:{offer.key}")
        )
        service_translation_save(actor=actor, service=service, language="en", texts=offer.english)
        service_verify(
            actor=actor,
            service=service,
            on=timezone.localdate() - timedelta(days=offer.verified_days_ago),
        )
        service_publish(actor=actor, service=service)
        services.append(service)
        created += 1
    stdout.write(f"Help directory: {len(services)} services ({created} new).")
    return services


__all__ = ["OFFERS", "demo_id", "seed"]
