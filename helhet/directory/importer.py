"""Import of an HSDS 3.0 JSON export: a list of fully nested services, or of
organisations with their services (a page envelope with `contents` is accepted too).

All or nothing: every record is checked first, and the writes run in one transaction.
A problem names the record and the field, e.g. `services[3].phones[0].number: mangler`.
Records are matched by their HSDS id: a known id is updated, a new one created (new
services are unpublished until the coordinator has read them). A dry run does all the
work and rolls it back, so its report is exactly what a real run would do.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record
from helhet.core.errors import DomainError
from helhet.core.requestid import get_request_id
from helhet.core.text import clean_text
from helhet.directory.choices import (
    WEEKDAY_CODES,
    AddressType,
    AreaScope,
    ChangeAction,
    LocationType,
    PhoneType,
    ResourceType,
    ServiceStatus,
)
from helhet.directory.models import (
    Accessibility,
    Address,
    Attribute,
    ChangeRecord,
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
from helhet.directory.selectors import municipality_by_name, municipality_by_number
from helhet.directory.services import language_name, service_refresh_search_text

if TYPE_CHECKING:
    from helhet.core.types import User

_M = TypeVar("_M", bound=models.Model)


class HsdsImportError(DomainError):
    """An import file that cannot be imported; `message` names the record and field."""


@dataclass
class ImportReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    dry_run: bool = False

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated))
        return [
            _("%(kind)s: opprettet %(created)s, endret %(updated)s")
            % {"kind": kind, "created": self.created[kind], "updated": self.updated[kind]}
            for kind in kinds
        ]


class _Rollback(Exception):
    """Raised at the end of a dry run to undo its writes."""


def _missing() -> str:
    return _("mangler")


def _fail(path: str, message: str) -> HsdsImportError:
    return HsdsImportError(f"{path}: {message}")


# --- reading values -----------------------------------------------------------------------


def _text(record: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _fail(f"{path}.{key}", _missing())
        return ""
    if not isinstance(value, str):
        raise _fail(f"{path}.{key}", _("må være tekst"))
    return value.strip()


def _name(record: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
    """A name or other short text, without the invisible characters that reorder it."""
    return clean_text(_text(record, key, path, required=required))


@overload
def _uuid(record: dict[str, Any], key: str, path: str, *, required: Literal[True]) -> uuid.UUID: ...
@overload
def _uuid(
    record: dict[str, Any], key: str, path: str, *, required: bool = False
) -> uuid.UUID | None: ...
def _uuid(
    record: dict[str, Any], key: str, path: str, *, required: bool = False
) -> uuid.UUID | None:
    value = record.get(key)
    if value is None or value == "":
        if required:
            raise _fail(f"{path}.{key}", _missing())
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise _fail(f"{path}.{key}", _("er ikke en gyldig UUID")) from None


def _age(record: dict[str, Any], key: str, path: str) -> int | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise _fail(f"{path}.{key}", _("må være et helt tall"))
    if not 0 <= value <= 130:
        raise _fail(f"{path}.{key}", _("må være mellom 0 og 130"))
    return int(value)


def _date(record: dict[str, Any], key: str, path: str) -> date | None:
    value = _text(record, key, path)
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise _fail(f"{path}.{key}", _("må være en dato (ÅÅÅÅ-MM-DD)")) from None


def _time(record: dict[str, Any], key: str, path: str) -> time | None:
    value = _text(record, key, path)
    if not value:
        return None
    match = re.match(r"^(\d{2}):(\d{2})", value)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise _fail(f"{path}.{key}", _("må være et klokkeslett (TT:MM)"))
    return time(int(match[1]), int(match[2]))


def _choice(record: dict[str, Any], key: str, path: str, choices: Any, default: str) -> str:
    value = _text(record, key, path, required=not default) or default
    if value not in choices.values:
        raise _fail(f"{path}.{key}", _("ukjent verdi «%(value)s»") % {"value": value})
    return value


def _list(record: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _fail(f"{path}.{key}", _("må være en liste med objekter"))
    return value


def _coordinate(record: dict[str, Any], key: str, path: str) -> Decimal | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise _fail(f"{path}.{key}", _("må være et tall")) from None


# --- writing ------------------------------------------------------------------------------


class _Importer:
    def __init__(self, actor: User | None, report: ImportReport) -> None:
        self.actor = actor
        self.report = report
        self.now = timezone.now()
        self.seen: set[tuple[str, uuid.UUID]] = set()

    def _save(
        self, instance: models.Model, path: str, kind: str = "", *, created: bool = True
    ) -> None:
        try:
            instance.full_clean(validate_constraints=True)
        except ValidationError as exc:
            name, messages = next(iter(exc.message_dict.items()))
            where = path if name == "__all__" else f"{path}.{name}"
            raise _fail(where, messages[0]) from exc
        instance.save()
        key = (kind, instance.pk)
        if kind and key not in self.seen:
            self.seen.add(key)
            (self.report.created if created else self.report.updated)[kind] += 1

    def _get(self, model: type[_M], pk: uuid.UUID | None) -> tuple[_M, bool]:
        existing = model._default_manager.filter(pk=pk).first() if pk else None
        if existing is not None:
            return existing, False
        return model(id=pk or uuid.uuid4()), True

    def organization(self, record: dict[str, Any], path: str) -> Organization:
        pk = _uuid(record, "id", path, required=True)
        organization, created = self._get(Organization, pk)
        organization.name = _name(record, "name", path, required=True)
        organization.alternate_name = _name(record, "alternate_name", path)
        organization.description = _text(record, "description", path)
        organization.email = _text(record, "email", path)
        organization.website = _text(record, "website", path)
        organization.legal_status = _text(record, "legal_status", path)
        clash = Organization.objects.filter(name=organization.name).exclude(pk=organization.pk)
        if clash.exists():
            raise _fail(f"{path}.name", _("en annen organisasjon har samme navn"))
        self._save(organization, path, "organizations", created=created)
        return organization

    def _languages(self, owner: dict[str, Any], records: list[dict[str, Any]], path: str) -> None:
        for index, record in enumerate(records):
            where = f"{path}.languages[{index}]"
            code = _text(record, "code", where, required=True).lower()
            language = Language(
                id=_uuid(record, "id", where) or uuid.uuid4(),
                code=code,
                name=_text(record, "name", where) or language_name(code),
                note=_text(record, "note", where),
                **owner,
            )
            Language.objects.filter(pk=language.pk).delete()
            self._save(language, where)

    def _phones(self, owner: dict[str, Any], records: list[dict[str, Any]], path: str) -> None:
        for index, record in enumerate(records):
            where = f"{path}.phones[{index}]"
            extension = record.get("extension")
            if extension is not None and (
                isinstance(extension, bool) or not isinstance(extension, int)
            ):
                raise _fail(f"{where}.extension", _("må være et helt tall"))
            phone = Phone(
                id=_uuid(record, "id", where) or uuid.uuid4(),
                number=_text(record, "number", where, required=True),
                extension=extension,
                type=_choice(record, "type", where, PhoneType, PhoneType.VOICE),
                description=_text(record, "description", where),
                position=index,
                **owner,
            )
            Phone.objects.filter(pk=phone.pk).delete()
            self._save(phone, where)
            self._languages({"phone": phone}, _list(record, "languages", where), where)

    def _schedules(self, owner: dict[str, Any], records: list[dict[str, Any]], path: str) -> None:
        for index, record in enumerate(records):
            where = f"{path}.schedules[{index}]"
            freq = _text(record, "freq", where) or "WEEKLY"
            if freq != "WEEKLY":
                raise _fail(
                    f"{where}.freq", _("bare ukentlige åpningstider (WEEKLY) kan importeres")
                )
            days = [day.strip() for day in _text(record, "byday", where).split(",") if day.strip()]
            if any(day not in WEEKDAY_CODES for day in days):
                raise _fail(f"{where}.byday", _("dagene skrives som MO,TU,WE,TH,FR,SA,SU"))
            opens, closes = _time(record, "opens_at", where), _time(record, "closes_at", where)
            around_the_clock = (
                len(set(days)) == 7
                and opens == time(0)
                and closes
                in (
                    time(23, 59),
                    time(0),
                )
            )
            if not around_the_clock:
                if not days:
                    raise _fail(f"{where}.byday", _missing())
                if opens is None:
                    raise _fail(f"{where}.opens_at", _missing())
                if closes is None:
                    raise _fail(f"{where}.closes_at", _missing())
            schedule = Schedule(
                id=_uuid(record, "id", where) or uuid.uuid4(),
                open_24_7=around_the_clock,
                byday="" if around_the_clock else ",".join(days),
                opens_at=None if around_the_clock else opens,
                closes_at=None if around_the_clock else closes,
                valid_from=_date(record, "valid_from", where),
                valid_to=_date(record, "valid_to", where),
                description=_text(record, "description", where)[:300],
                notes=_text(record, "notes", where)[:300],
                **owner,
            )
            Schedule.objects.filter(pk=schedule.pk).delete()
            self._save(schedule, where)

    def location(self, record: dict[str, Any], path: str) -> Location:
        pk = _uuid(record, "id", path, required=True)
        location, created = self._get(Location, pk)
        location.location_type = _choice(
            record, "location_type", path, LocationType, LocationType.PHYSICAL
        )
        location.name = _name(record, "name", path, required=True)
        location.alternate_name = _name(record, "alternate_name", path)
        location.description = _text(record, "description", path)
        location.transportation = _text(record, "transportation", path)
        location.url = _text(record, "url", path)
        if not location.is_confidential:
            location.latitude = _coordinate(record, "latitude", path)
            location.longitude = _coordinate(record, "longitude", path)
        organization_id = _uuid(record, "organization_id", path)
        if organization_id and not Organization.objects.filter(pk=organization_id).exists():
            raise _fail(f"{path}.organization_id", _("finnes ikke"))
        location.organization_id = organization_id or location.organization_id
        self._save(location, path, "locations", created=created)
        if location.is_confidential:
            # An import never overwrites the secret address the coordinator keeps by hand.
            return location
        location.addresses.all().delete()
        for index, item in enumerate(_list(record, "addresses", path)):
            where = f"{path}.addresses[{index}]"
            address = Address(
                id=_uuid(item, "id", where) or uuid.uuid4(),
                location=location,
                attention=_text(item, "attention", where),
                address_1=_text(item, "address_1", where, required=True),
                address_2=_text(item, "address_2", where),
                city=_text(item, "city", where, required=True),
                region=_text(item, "region", where),
                state_province=_text(item, "state_province", where),
                postal_code=_text(item, "postal_code", where, required=True),
                country=(_text(item, "country", where) or "NO").upper(),
                address_type=_choice(
                    item, "address_type", where, AddressType, AddressType.PHYSICAL
                ),
            )
            Address.objects.filter(pk=address.pk).delete()
            self._save(address, where)
        location.accessibility.all().delete()
        for index, item in enumerate(_list(record, "accessibility", path)):
            where = f"{path}.accessibility[{index}]"
            entry = Accessibility(
                id=_uuid(item, "id", where) or uuid.uuid4(),
                location=location,
                description=_text(item, "description", where, required=True)[:300],
                details=_text(item, "details", where),
                url=_text(item, "url", where),
            )
            Accessibility.objects.filter(pk=entry.pk).delete()
            self._save(entry, where)
        location.phones.all().delete()
        self._phones({"location": location}, _list(record, "phones", path), path)
        location.schedules.all().delete()
        self._schedules({"location": location}, _list(record, "schedules", path), path)
        location.languages.all().delete()
        self._languages({"location": location}, _list(record, "languages", path), path)
        return location

    def _area(self, service: Service, record: dict[str, Any], path: str) -> None:
        extent_type = _text(record, "extent_type", path).lower()
        extent = _text(record, "extent", path)
        name = _text(record, "name", path)
        if extent_type == "country" or name.lower() in ("hele landet", "norge", "norway"):
            scope, number = AreaScope.NATIONAL, ""
        elif re.fullmatch(r"\d{4}", extent):
            scope, number = AreaScope.MUNICIPALITY, extent
        else:
            municipality = municipality_by_name(name)
            if municipality is None:
                raise _fail(f"{path}.extent", _("ukjent kommune (oppgi kommunenummer)"))
            scope, number = AreaScope.MUNICIPALITY, municipality.number
        if not name and number:
            found = municipality_by_number(number)
            name = found.name if found else number
        area = ServiceArea(
            id=_uuid(record, "id", path) or uuid.uuid4(),
            service=service,
            scope=scope,
            municipality_number=number,
            name=name or str(AreaScope.NATIONAL.label),
            description=_text(record, "description", path)[:300],
        )
        if service.service_areas.filter(scope=scope, municipality_number=number).exists():
            return
        self._save(area, path)

    def _term(self, record: dict[str, Any], path: str) -> TaxonomyTerm:
        term_id = _uuid(record, "taxonomy_term_id", path, required=True)
        existing = TaxonomyTerm.objects.filter(pk=term_id).first()
        if existing is not None:
            return existing
        nested = record.get("taxonomy_term")
        if not isinstance(nested, dict):
            raise _fail(f"{path}.taxonomy_term_id", _("finnes ikke"))
        where = f"{path}.taxonomy_term"
        taxonomy_id = _uuid(nested, "taxonomy_id", where, required=True)
        taxonomy = Taxonomy.objects.filter(pk=taxonomy_id).first()
        if taxonomy is None:
            detail = nested.get("taxonomy_detail")
            if not isinstance(detail, dict):
                raise _fail(f"{where}.taxonomy_id", _("finnes ikke"))
            name = _text(detail, "name", f"{where}.taxonomy_detail", required=True)
            taxonomy = Taxonomy(
                id=taxonomy_id,
                code=re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")[:60] or str(taxonomy_id),
                name=name,
                description=_text(detail, "description", f"{where}.taxonomy_detail") or name,
                uri=_text(detail, "uri", f"{where}.taxonomy_detail"),
                version=_text(detail, "version", f"{where}.taxonomy_detail")[:40],
            )
            self._save(taxonomy, f"{where}.taxonomy_detail", "taxonomies", created=True)
        name = _text(nested, "name", where, required=True)
        term = TaxonomyTerm(
            id=term_id,
            taxonomy=taxonomy,
            code=(_text(nested, "code", where) or re.sub(r"[^a-z0-9_-]+", "-", name.lower()))[:60],
            name=name,
            description=_text(nested, "description", where) or name,
            language=(_text(nested, "language", where) or "nb")[:8],
        )
        self._save(term, where, "taxonomy_terms", created=True)
        return term

    def service(
        self, record: dict[str, Any], path: str, organization: Organization | None
    ) -> Service:
        pk = _uuid(record, "id", path, required=True)
        service, created = self._get(Service, pk)
        nested = record.get("organization")
        if organization is None and isinstance(nested, dict):
            organization = self.organization(nested, f"{path}.organization")
        if organization is None:
            organization_id = _uuid(record, "organization_id", path, required=True)
            organization = Organization.objects.filter(pk=organization_id).first()
            if organization is None:
                raise _fail(f"{path}.organization_id", _("finnes ikke"))
        service.organization = organization
        service.name = _name(record, "name", path, required=True)
        service.alternate_name = _name(record, "alternate_name", path)
        service.description = _text(record, "description", path, required=True)
        service.url = _text(record, "url", path)
        service.email = _text(record, "email", path)
        service.status = _choice(record, "status", path, ServiceStatus, "")
        service.interpretation_services = _text(record, "interpretation_services", path)
        service.application_process = _text(record, "application_process", path)
        service.fees_description = _text(record, "fees_description", path) or _text(
            record, "fees", path
        )
        service.eligibility_description = _text(record, "eligibility_description", path)
        service.minimum_age = _age(record, "minimum_age", path)
        service.maximum_age = _age(record, "maximum_age", path)
        service.alert = _text(record, "alert", path)
        service.last_verified_on = _date(record, "assured_date", path) or service.last_verified_on
        self._save(service, path, "services", created=created)

        service.phones.all().delete()
        self._phones({"service": service}, _list(record, "phones", path), path)
        service.schedules.all().delete()
        self._schedules({"service": service}, _list(record, "schedules", path), path)
        service.languages.all().delete()
        self._languages({"service": service}, _list(record, "languages", path), path)
        service.service_areas.all().delete()
        for index, item in enumerate(_list(record, "service_areas", path)):
            self._area(service, item, f"{path}.service_areas[{index}]")
        service.service_at_locations.all().delete()
        for index, item in enumerate(_list(record, "service_at_locations", path)):
            where = f"{path}.service_at_locations[{index}]"
            location_record = item.get("location")
            location: Location | None
            if isinstance(location_record, dict):
                location = self.location(location_record, f"{where}.location")
            else:
                location_id = _uuid(item, "location_id", where, required=True)
                location = Location.objects.filter(pk=location_id).first()
                if location is None:
                    raise _fail(f"{where}.location_id", _("finnes ikke"))
            link = ServiceAtLocation(
                id=_uuid(item, "id", where) or uuid.uuid4(),
                service=service,
                location=location,
                description=_text(item, "description", where),
            )
            ServiceAtLocation.objects.filter(pk=link.pk).delete()
            self._save(link, where)
        service.attributes.all().delete()
        for index, item in enumerate(_list(record, "attributes", path)):
            where = f"{path}.attributes[{index}]"
            term = self._term(item, where)
            if not service.attributes.filter(taxonomy_term=term).exists():
                attribute = Attribute(
                    id=_uuid(item, "id", where) or uuid.uuid4(),
                    service=service,
                    taxonomy_term=term,
                    value=_text(item, "value", where)[:200],
                )
                Attribute.objects.filter(pk=attribute.pk).delete()
                self._save(attribute, where)
        service_refresh_search_text(service=service)
        ChangeRecord.objects.create(
            resource_type=ResourceType.SERVICE,
            resource_id=service.pk,
            service=service,
            action=ChangeAction.IMPORT,
            changed_at=self.now,
            changed_by=self.actor if getattr(self.actor, "is_authenticated", False) else None,
            changed_by_name=getattr(self.actor, "display_name", "") or "import_hsds",
            request_id=get_request_id(),
        )
        return service


def _records(data: Any) -> tuple[str, list[Any]]:
    """The records of the file and what they are ("services" or "organizations")."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise HsdsImportError(_("Filen må inneholde en liste med tjenester eller organisasjoner."))
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise _fail(f"[{index}]", _("må være et objekt"))
    if data and all("services" in item and "status" not in item for item in data):
        return "organizations", data
    return "services", data


def hsds_import(*, actor: User | None, data: Any, dry_run: bool = False) -> ImportReport:
    """Import parsed HSDS JSON. Raises HsdsImportError (nothing changed) on the first problem."""
    kind, records = _records(data)
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            importer = _Importer(actor, report)
            for index, record in enumerate(records):
                path = f"{kind}[{index}]"
                if kind == "organizations":
                    organization = importer.organization(record, path)
                    for number, item in enumerate(_list(record, "services", path)):
                        importer.service(item, f"{path}.services[{number}]", organization)
                else:
                    importer.service(record, path, None)
            event_record(
                kind=EventKind.UPDATE,
                actor=actor,
                object_type="directory.import",
                detail=("dry-run " if dry_run else "")
                + " ".join(f"{k}:{v}" for k, v in sorted(report.created.items()))[:250],
            )
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report
