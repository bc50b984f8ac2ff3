"""Writes of services (the directory's offers): create, update, publish, verify, translate."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.core.idempotency import once
from helhet.core.text import clean_text
from helhet.core.updates import changed_detail
from helhet.directory.choices import (
    AreaScope,
    ChangeAction,
    PhoneType,
    ResourceType,
    ServiceStatus,
)
from helhet.directory.models import (
    TRANSLATED_FIELDS,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceTranslation,
    TaxonomyTerm,
)
from helhet.directory.selectors import municipality_by_number
from helhet.directory.services.base import (
    DirectoryError,
    _change,
    _clean,
    _display,
    _record_event,
    _update,
    language_name,
)
from helhet.organisation.models import Unit

if TYPE_CHECKING:
    from helhet.core.types import User


@dataclass(frozen=True)
class PhoneData:
    number: str
    type: str = PhoneType.VOICE
    description: str = ""
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScheduleData:
    open_24_7: bool = False
    days: tuple[str, ...] = ()
    opens_at: time | None = None
    closes_at: time | None = None
    description: str = ""


@dataclass(frozen=True)
class ServiceData:
    """What the staff form (or the demo) gives for one service."""

    organization: Organization
    name: str
    description: str
    unit: Unit | None = None
    alternate_name: str = ""
    url: str = ""
    email: str = ""
    status: str = ServiceStatus.ACTIVE
    eligibility_description: str = ""
    application_process: str = ""
    fees_description: str = ""
    interpretation_services: str = ""
    referral_required: bool = False
    minimum_age: int | None = None
    maximum_age: int | None = None
    alert: str = ""
    terms: tuple[TaxonomyTerm, ...] = ()
    municipality_numbers: tuple[str, ...] = ()
    national: bool = False
    languages: tuple[str, ...] = ()
    locations: tuple[Location, ...] = ()
    phones: tuple[PhoneData, ...] = ()
    schedules: tuple[ScheduleData, ...] = ()


SCALAR_FIELDS = (
    "organization",
    "unit",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "eligibility_description",
    "application_process",
    "fees_description",
    "interpretation_services",
    "referral_required",
    "minimum_age",
    "maximum_age",
    "alert",
)


def service_refresh_search_text(*, service: Service) -> None:
    """Rebuild the text that search runs over: names, texts, translations, terms."""
    parts = [service.organization.name]
    parts += [getattr(service, name) for name in (*TRANSLATED_FIELDS, "alternate_name")]
    for item in ServiceTranslation.objects.filter(service=service):
        parts += [getattr(item, name) for name in TRANSLATED_FIELDS]
    terms = TaxonomyTerm.objects.filter(attributes__service=service)
    for term in terms:
        parts += [term.name, term.description]
    service.search_text = " ".join(part for part in parts if part).lower()
    service.save(update_fields=["search_text"])


def _summary_phones(service: Service) -> str:
    return "; ".join(
        f"{phone.number} ({phone.type}) {phone.description} "
        f"[{','.join(lang.code for lang in phone.languages.all())}]".strip()
        for phone in service.phones.all()
    )


def _summary_schedules(service: Service) -> str:
    return "; ".join(str(schedule) for schedule in service.schedules.all())


def _collections(service: Service) -> dict[str, str]:
    """Text summaries of a service's parts, to record what a save changed."""
    return {
        "attributes": ", ".join(
            sorted(
                str(term_id)
                for term_id in service.attributes.values_list("taxonomy_term_id", flat=True)
            )
        ),
        "service_areas": ", ".join(
            sorted(area.municipality_number or area.scope for area in service.service_areas.all())
        ),
        "languages": ", ".join(sorted(service.languages.values_list("code", flat=True))),
        "service_at_locations": ", ".join(
            sorted(
                str(pk) for pk in service.service_at_locations.values_list("location_id", flat=True)
            )
        ),
        "phones": _summary_phones(service),
        "schedules": _summary_schedules(service),
    }


def _municipality_name(number: str) -> str:
    municipality = municipality_by_number(number)
    return municipality.name if municipality else number


def _validate_parts(data: ServiceData) -> None:
    for index, phone in enumerate(data.phones):
        if not phone.number.strip():
            raise DirectoryError(
                _("Telefon %(number)s mangler nummer.") % {"number": index + 1}, field="phones"
            )
    for index, schedule in enumerate(data.schedules):
        if schedule.open_24_7:
            continue
        if not schedule.days or schedule.opens_at is None or schedule.closes_at is None:
            raise DirectoryError(
                _("Åpningstid %(number)s må ha dager, åpner og stenger, eller være døgnåpen.")
                % {"number": index + 1},
                field="schedules",
            )
    if (
        data.minimum_age is not None
        and data.maximum_age is not None
        and data.maximum_age < data.minimum_age
    ):
        raise DirectoryError(
            _("Høyeste alder kan ikke være lavere enn minste alder."), field="maximum_age"
        )


def _set_parts(service: Service, data: ServiceData) -> None:
    """Replace the service's terms, areas, languages, locations, phones and schedules."""
    Attribute.objects.filter(service=service).exclude(taxonomy_term__in=data.terms).delete()
    for term in data.terms:
        Attribute.objects.get_or_create(service=service, taxonomy_term=term)

    wanted_areas = {(AreaScope.MUNICIPALITY, number) for number in data.municipality_numbers}
    if data.national:
        wanted_areas.add((AreaScope.NATIONAL, ""))
    for area in service.service_areas.all():
        if (area.scope, area.municipality_number) not in wanted_areas:
            area.delete()
    for scope, number in sorted(wanted_areas):
        if service.service_areas.filter(scope=scope, municipality_number=number).exists():
            continue
        area = ServiceArea(
            service=service,
            scope=scope,
            municipality_number=number,
            name=_municipality_name(number) if number else _hele_landet(),
        )
        _clean(area)
        area.save()

    service.languages.exclude(code__in=data.languages).delete()
    for code in data.languages:
        if not service.languages.filter(code=code).exists():
            language = Language(service=service, code=code, name=language_name(code))
            _clean(language)
            language.save()

    ServiceAtLocation.objects.filter(service=service).exclude(location__in=data.locations).delete()
    for location in data.locations:
        ServiceAtLocation.objects.get_or_create(service=service, location=location)

    # Phones and schedules are small lists edited as a whole: replace them.
    service.phones.all().delete()
    for position, item in enumerate(data.phones):
        phone = Phone(
            service=service,
            number=clean_text(item.number),
            type=item.type,
            description=clean_text(item.description),
            position=position,
        )
        _clean(phone)
        phone.save()
        for code in item.languages:
            language = Language(phone=phone, code=code, name=language_name(code))
            _clean(language)
            language.save()
    service.schedules.all().delete()
    for hours in data.schedules:
        schedule = Schedule(
            service=service,
            open_24_7=hours.open_24_7,
            byday="" if hours.open_24_7 else ",".join(hours.days),
            opens_at=None if hours.open_24_7 else hours.opens_at,
            closes_at=None if hours.open_24_7 else hours.closes_at,
            description=clean_text(hours.description),
        )
        _clean(schedule)
        schedule.save()


def _hele_landet() -> str:
    with translation.override("nb"):
        return str(AreaScope.NATIONAL.label)


def _scalar_values(data: ServiceData) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in SCALAR_FIELDS}
    for name in ("name", "alternate_name"):
        values[name] = clean_text(values[name])
    return values


@transaction.atomic
def _service_create(*, actor: User | None, data: ServiceData) -> Service:
    _validate_parts(data)
    service = Service(**_scalar_values(data))
    _clean(service, exclude=["search_text"])
    service.save()
    _set_parts(service, data)
    service_refresh_search_text(service=service)
    _change(
        actor=actor,
        service=service,
        resource_type=ResourceType.SERVICE,
        resource_id=service.pk,
        action=ChangeAction.CREATE,
    )
    _record_event(kind=EventKind.CREATE, actor=actor, service=service)
    return service


def service_create(*, actor: User | None, data: ServiceData, submission_id: uuid.UUID) -> Service:
    """Create an unpublished service. The same `submission_id` sent again (a double
    click) returns the service the first post created."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _service_create(actor=actor, data=data),
    )


@transaction.atomic
def service_update(*, actor: User | None, service: Service, data: ServiceData) -> Service:
    """Change a service and its parts; one change record per changed field."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    _validate_parts(data)
    before = {name: _display(getattr(service, name)) for name in SCALAR_FIELDS}
    before_parts = _collections(service)
    changed = _update(service, SCALAR_FIELDS, _scalar_values(data))
    _set_parts(service, data)
    after_parts = _collections(service)
    records = [(name, before[name], _display(getattr(service, name))) for name in changed]
    records += [
        (name, old, after_parts[name])
        for name, old in before_parts.items()
        if old != after_parts[name]
    ]
    if not records:
        return service
    service_refresh_search_text(service=service)
    now = timezone.now()
    for name, previous, replacement in records:
        _change(
            actor=actor,
            service=service,
            resource_type=ResourceType.SERVICE,
            resource_id=service.pk,
            action=ChangeAction.UPDATE,
            field_name=name,
            previous=previous,
            replacement=replacement,
            at=now,
        )
    if not changed:
        # Only its parts changed: the service is still newer for the public (HSDS).
        Service.objects.filter(pk=service.pk).update(updated_at=now)
    _record_event(
        kind=EventKind.UPDATE,
        actor=actor,
        service=service,
        detail=changed_detail(name for name, _old, _new in records),
    )
    return service


@transaction.atomic
def service_publish(*, actor: User | None, service: Service) -> Service:
    """Make a service public. It must say how to reach it and not be closed down."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.is_published:
        return service
    if service.status == ServiceStatus.DEFUNCT:
        raise DirectoryError(_("En nedlagt tjeneste kan ikke publiseres."), field="status")
    if not (service.phones.exists() or service.url or service.email):
        raise DirectoryError(
            _(
                "Tjenesten må ha et telefonnummer, en nettside eller en e-postadresse "
                "før den kan publiseres."
            )
        )
    service.is_published = True
    service.save(update_fields=["is_published", "updated_at"])
    _change(
        actor=actor,
        service=service,
        resource_type=ResourceType.SERVICE,
        resource_id=service.pk,
        action=ChangeAction.PUBLISH,
        field_name="is_published",
        previous="false",
        replacement="true",
    )
    _record_event(kind=EventKind.UPDATE, actor=actor, service=service, detail="publish")
    return service


@transaction.atomic
def service_unpublish(*, actor: User | None, service: Service) -> Service:
    """Take a service off the portal and the API."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if not service.is_published:
        return service
    service.is_published = False
    service.save(update_fields=["is_published", "updated_at"])
    _change(
        actor=actor,
        service=service,
        resource_type=ResourceType.SERVICE,
        resource_id=service.pk,
        action=ChangeAction.UNPUBLISH,
        field_name="is_published",
        previous="true",
        replacement="false",
    )
    _record_event(kind=EventKind.UPDATE, actor=actor, service=service, detail="unpublish")
    return service


@transaction.atomic
def service_verify(*, actor: User | None, service: Service, on: date | None = None) -> Service:
    """Record that someone checked the service's information is still right."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise DirectoryError(_("Datoen kan ikke være i fremtiden."), field="last_verified_on")
    previous = _display(service.last_verified_on)
    service.last_verified_on = on
    service.save(update_fields=["last_verified_on", "updated_at"])
    _change(
        actor=actor,
        service=service,
        resource_type=ResourceType.SERVICE,
        resource_id=service.pk,
        action=ChangeAction.VERIFY,
        field_name="last_verified_on",
        previous=previous,
        replacement=on.isoformat(),
    )
    _record_event(kind=EventKind.UPDATE, actor=actor, service=service, detail="verify")
    return service


@transaction.atomic
def service_translation_save(
    *, actor: User | None, service: Service, language: str, texts: dict[str, str]
) -> ServiceTranslation:
    """Create or change the service's texts in one language (one row per language)."""
    if language == "nb":
        raise DirectoryError(_("Bokmål er grunnteksten; endre den på tjenesten."), field="language")
    translation_row, created = ServiceTranslation.objects.select_for_update().get_or_create(
        service=service, language=language
    )
    before = {name: getattr(translation_row, name) for name in TRANSLATED_FIELDS}
    values = {name: (texts.get(name) or "").strip() for name in TRANSLATED_FIELDS}
    values["name"] = clean_text(values["name"])
    changed = _update(translation_row, TRANSLATED_FIELDS, values)
    now = timezone.now()
    for name in changed:
        _change(
            actor=actor,
            service=service,
            resource_type=ResourceType.TRANSLATION,
            resource_id=service.pk,
            action=ChangeAction.CREATE if created else ChangeAction.UPDATE,
            field_name=f"{name}:{language}",
            previous=before[name],
            replacement=getattr(translation_row, name),
            at=now,
        )
    service_refresh_search_text(service=service)
    if changed:
        Service.objects.filter(pk=service.pk).update(updated_at=now)
        _record_event(
            kind=EventKind.UPDATE, actor=actor, service=service, detail=f"translation:{language}"
        )
    return translation_row


def terms_from_ids(ids: Iterable[Any]) -> tuple[TaxonomyTerm, ...]:
    return tuple(TaxonomyTerm.objects.filter(pk__in=list(ids)))
