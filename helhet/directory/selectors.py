"""Reads of the help directory.

Public reads (the portal's "find help", the HSDS API, the export) start from
`published_services()` and fetch addresses only through `public_addresses()`, which
never returns an address of a confidential location.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from helhet.core.policy import has_capability
from helhet.directory.choices import (
    WEEKDAY_CODES,
    AreaScope,
    ServiceStatus,
    TaxonomyCode,
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
    ServiceTranslation,
    Taxonomy,
    TaxonomyTerm,
)
from helhet.directory.search import filter_by_text
from helhet.organisation.models import Municipality, Unit
from helhet.organisation.roles import Cap
from helhet.organisation.selectors import current_municipalities, current_municipality, unit_list

if TYPE_CHECKING:
    from helhet.core.types import User

# --- public reads -------------------------------------------------------------------------


def public_addresses() -> QuerySet[Address]:
    """Addresses that may be shown to anyone: never those of a confidential location."""
    return Address.objects.filter(location__is_confidential=False).select_related("location")


def published_services() -> QuerySet[Service]:
    return Service.objects.filter(is_published=True)


def _language(language: str) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def _public_location_prefetches(prefix: str) -> list[Any]:
    return [
        Prefetch(f"{prefix}addresses", queryset=public_addresses()),
        Prefetch(
            f"{prefix}phones",
            queryset=Phone.objects.prefetch_related("languages"),
        ),
        Prefetch(f"{prefix}schedules", queryset=Schedule.objects.all()),
        Prefetch(f"{prefix}languages", queryset=Language.objects.all()),
        Prefetch(f"{prefix}accessibility", queryset=Accessibility.objects.all()),
    ]


def with_public_relations(
    queryset: QuerySet[Service], *, language: str = "nb"
) -> QuerySet[Service]:
    """Everything a result card or an HSDS service needs, in a fixed number of queries."""
    locations = ServiceAtLocation.objects.select_related("location").prefetch_related(
        *_public_location_prefetches("location__")
    )
    return queryset.select_related("organization").prefetch_related(
        Prefetch("phones", queryset=Phone.objects.prefetch_related("languages")),
        Prefetch("schedules", queryset=Schedule.objects.all()),
        Prefetch("languages", queryset=Language.objects.all()),
        "service_areas",
        Prefetch("service_at_locations", queryset=locations),
        Prefetch(
            "attributes",
            queryset=Attribute.objects.select_related("taxonomy_term__taxonomy"),
        ),
        Prefetch(
            "translations",
            queryset=ServiceTranslation.objects.filter(language=_language(language)),
            to_attr="selected_translations",
        ),
    )


def _with_term(*, taxonomy: str, code: str) -> QuerySet[Attribute, Mapping[str, object]]:
    return Attribute.objects.filter(
        taxonomy_term__taxonomy__code=taxonomy, taxonomy_term__code=code
    ).values("service_id")


def _in_municipality(number: str) -> Q:
    areas = (
        ServiceArea.objects.filter(Q(scope=AreaScope.NATIONAL) | Q(municipality_number=number))
        .values("service_id")
        .distinct()
    )
    return Q(pk__in=areas)


def _is_open(schedule: Schedule, now: datetime) -> bool:
    """Whether a weekly schedule is open at `now` (local time). A span whose closing time
    is not after its opening time runs into the next day."""
    today = now.date()
    if schedule.valid_from and today < schedule.valid_from:
        return False
    if schedule.valid_to and today > schedule.valid_to:
        return False
    if schedule.open_24_7:
        return True
    if schedule.opens_at is None or schedule.closes_at is None:
        return False
    days = schedule.days
    weekday = WEEKDAY_CODES[now.weekday()]
    yesterday = WEEKDAY_CODES[(now.weekday() - 1) % 7]
    clock: time = now.time()
    if schedule.opens_at < schedule.closes_at:
        return weekday in days and schedule.opens_at <= clock < schedule.closes_at
    return (weekday in days and clock >= schedule.opens_at) or (
        yesterday in days and clock < schedule.closes_at
    )


def open_service_ids(*, now: datetime | None = None) -> set[uuid.UUID]:
    """Published services that are open now, by their own hours or those of a location."""
    now = timezone.localtime(now or timezone.now())
    published = published_services().values("pk")
    own = Schedule.objects.filter(service__in=published)
    open_ids = {
        schedule.service_id
        for schedule in own
        if schedule.service_id is not None and _is_open(schedule, now)
    }
    at_locations = ServiceAtLocation.objects.filter(service__in=published).values_list(
        "service_id", "location_id"
    )
    services_by_location: dict[uuid.UUID, set[uuid.UUID]] = {}
    for service_id, location_id in at_locations:
        services_by_location.setdefault(location_id, set()).add(service_id)
    for schedule in Schedule.objects.filter(location_id__in=services_by_location):
        if schedule.location_id is not None and _is_open(schedule, now):
            open_ids |= services_by_location[schedule.location_id]
    return open_ids


def services_find(
    *,
    need: str = "",
    audience: str = "",
    municipality_number: str = "",
    text: str = "",
    open_now: bool = False,
    language: str = "nb",
) -> QuerySet[Service]:
    """Published services for the portal's "find help". Filters AND together; an unknown
    need, audience or municipality gives no results rather than an error."""
    queryset = published_services().exclude(status=ServiceStatus.DEFUNCT)
    if need:
        queryset = queryset.filter(pk__in=_with_term(taxonomy=TaxonomyCode.NEED, code=need))
    if audience:
        queryset = queryset.filter(pk__in=_with_term(taxonomy=TaxonomyCode.AUDIENCE, code=audience))
    if municipality_number:
        queryset = queryset.filter(_in_municipality(municipality_number))
    if text.strip():
        queryset = filter_by_text(queryset, text)
    if open_now:
        queryset = queryset.filter(pk__in=open_service_ids())
    return with_public_relations(queryset, language=language).order_by("name", "id")


def _uuid(value: Any) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def service_public_detail(*, service_id: Any, language: str = "nb") -> Service | None:
    """One published service with everything the public may see, or None."""
    pk = _uuid(service_id)
    if pk is None:
        return None
    return with_public_relations(published_services().filter(pk=pk), language=language).first()


def taxonomy_terms_for_needs() -> QuerySet[TaxonomyTerm]:
    """The need terms, in the order the portal shows them."""
    return (
        TaxonomyTerm.objects.filter(taxonomy__code=TaxonomyCode.NEED)
        .select_related("taxonomy")
        .order_by("position", "name")
    )


def public_organizations() -> QuerySet[Organization]:
    """Organisations with at least one published service."""
    return Organization.objects.filter(pk__in=published_services().values("organization_id"))


def public_organization_detail(
    *, organization_id: Any
) -> tuple[Organization, list[Service]] | None:
    """An organisation with published services, its public locations and phones, and
    those services; None when it has no published service."""
    pk = _uuid(organization_id)
    if pk is None:
        return None
    organization = (
        public_organizations()
        .filter(pk=pk)
        .prefetch_related(
            Prefetch("phones", queryset=Phone.objects.prefetch_related("languages")),
            Prefetch(
                "locations",
                queryset=public_locations().prefetch_related(*_public_location_prefetches("")),
            ),
        )
        .first()
    )
    if organization is None:
        return None
    services = list(published_services().filter(organization=organization).order_by("name", "id"))
    return organization, services


def taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.all()


def taxonomy_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy")


def taxonomy_by_id(*, taxonomy_id: Any) -> Taxonomy | None:
    pk = _uuid(taxonomy_id)
    return taxonomies().filter(pk=pk).first() if pk is not None else None


def taxonomy_term_by_id(*, term_id: Any) -> TaxonomyTerm | None:
    pk = _uuid(term_id)
    return taxonomy_terms().filter(pk=pk).first() if pk is not None else None


def api_services(
    *,
    search: str = "",
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    modified_after: datetime | None = None,
) -> QuerySet[Service]:
    """Published services for the HSDS API's /services, filtered as its parameters ask,
    in the API's stable order."""
    queryset = published_services()
    if taxonomy_term_id is not None:
        queryset = queryset.filter(attributes__taxonomy_term_id=taxonomy_term_id)
    if taxonomy_id is not None:
        queryset = queryset.filter(
            pk__in=Attribute.objects.filter(taxonomy_term__taxonomy_id=taxonomy_id).values(
                "service_id"
            )
        )
    if organization_id is not None:
        queryset = queryset.filter(organization_id=organization_id)
    if modified_after is not None:
        queryset = queryset.filter(updated_at__gte=modified_after)
    if search.strip():
        queryset = filter_by_text(queryset, search)
    return queryset.select_related("organization").order_by("name", "id")


def public_locations() -> QuerySet[Location]:
    """Locations where a published service is offered."""
    return Location.objects.filter(
        pk__in=ServiceAtLocation.objects.filter(service__is_published=True).values("location_id")
    )


# --- staff reads --------------------------------------------------------------------------

REVERIFY_AFTER = timedelta(days=365)


def reverify_cutoff(*, today: date | None = None) -> date:
    """Services last verified before this date need re-verification (12 months)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today - REVERIFY_AFTER


def staff_service_list(
    *, text: str = "", status: str = "", published: str = "", organization_id: str = ""
) -> QuerySet[Service]:
    """Every service, for the coordinator's list, with search and filters."""
    queryset = Service.objects.select_related("organization", "unit")
    if text.strip():
        queryset = queryset.filter(
            Q(name__icontains=text.strip()) | Q(search_text__contains=text.strip().lower())
        )
    if status:
        queryset = queryset.filter(status=status)
    if published == "yes":
        queryset = queryset.filter(is_published=True)
    elif published == "no":
        queryset = queryset.filter(is_published=False)
    org = _uuid(organization_id) if organization_id else None
    if org is not None:
        queryset = queryset.filter(organization_id=org)
    return queryset.order_by("name", "id")


def services_needing_reverification(*, today: date | None = None) -> QuerySet[Service]:
    """Services never verified, or last verified more than 12 months ago."""
    cutoff = reverify_cutoff(today=today)
    return (
        Service.objects.select_related("organization")
        .filter(Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=cutoff))
        .exclude(status=ServiceStatus.DEFUNCT)
        .order_by("last_verified_on", "name")
    )


def staff_services(*, user: User) -> QuerySet[Service]:
    """Every service with all its parts (addresses included), for a user who keeps the
    directory; none for anyone else. The staff pages fetch one through `access`."""
    if not has_capability(user, Cap.DIRECTORY_EDIT):
        return Service.objects.none()
    return Service.objects.select_related("organization", "unit").prefetch_related(
        "phones__languages",
        "schedules",
        "languages",
        "service_areas",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                "location__addresses"
            ),
        ),
        Prefetch(
            "attributes",
            queryset=Attribute.objects.select_related("taxonomy_term__taxonomy"),
        ),
        "translations",
    )


def service_changes(*, service: Service) -> QuerySet[ChangeRecord]:
    """The change records of a service and its parts, newest first."""
    return ChangeRecord.objects.filter(service=service).order_by("-changed_at", "field_name")


def staff_location_list(*, text: str = "") -> QuerySet[Location]:
    """Every location, for the coordinator's list (addresses are not shown there)."""
    queryset = Location.objects.select_related("organization")
    if text.strip():
        queryset = queryset.filter(name__icontains=text.strip())
    return queryset.order_by("name", "id")


def staff_locations(*, user: User) -> QuerySet[Location]:
    """Every location with its addresses, for a user who keeps the directory."""
    if not has_capability(user, Cap.DIRECTORY_EDIT):
        return Location.objects.none()
    return Location.objects.select_related("organization").prefetch_related(
        "addresses", "accessibility"
    )


def municipality_choices() -> list[tuple[str, str]]:
    """The municipalities a service can cover: those valid today, by number."""
    return [(m.number, f"{m.number} {m.name}") for m in current_municipalities()]


def municipality_by_number(number: str) -> Municipality | None:
    """The municipality valid today with this number, or None."""
    return current_municipality(number=number)


def municipality_by_name(name: str) -> Municipality | None:
    """The municipality valid today with this name (any case), or None."""
    return current_municipalities().filter(name__iexact=name).first()


def unit_choices() -> QuerySet[Unit]:
    """The active units a service can be run by."""
    return unit_list().filter(is_active=True).order_by("name")


def organization_choices() -> QuerySet[Organization]:
    return Organization.objects.order_by("name")


def location_choices() -> QuerySet[Location]:
    return Location.objects.order_by("name")


def terms_by_taxonomy(*, code: str) -> QuerySet[TaxonomyTerm]:
    return (
        TaxonomyTerm.objects.filter(taxonomy__code=code)
        .select_related("taxonomy")
        .order_by("position", "name")
    )
