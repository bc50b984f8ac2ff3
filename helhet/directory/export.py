"""The whole public directory as HSDS tabular data: one CSV per table, in a zip.

Rows come from the same HSDS writers as the API and the same public selectors, so a
confidential location has no address row and no coordinates here either. The columns
and file names are those of our description in `schema.py`; a writer that adds a field
not described there fails here rather than dropping it unnoticed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q

from helhet.directory import hsds
from helhet.directory.models import (
    Accessibility,
    Attribute,
    Language,
    Phone,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
)
from helhet.directory.schema import table_columns, table_file
from helhet.directory.selectors import (
    public_addresses,
    public_locations,
    public_organizations,
    published_services,
    taxonomies,
    taxonomy_terms,
)


def _csv(table: str, rows: Iterable[Any], write: Callable[[Any], dict[str, Any]]) -> str:
    columns = table_columns(table)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="raise", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {key: ("" if value is None else value) for key, value in write(row).items()}
        )
    return buffer.getvalue()


def export_tables() -> dict[str, str]:
    """File name → CSV text for every table we publish."""
    services = published_services()
    locations = public_locations()
    organizations = public_organizations()
    phones = Phone.objects.filter(
        Q(service__in=services) | Q(location__in=locations) | Q(organization__in=organizations)
    ).order_by("id")
    tables: list[tuple[str, Iterable[Any], Callable[[Any], dict[str, Any]]]] = [
        ("organization", organizations.order_by("id"), hsds.organization_basic),
        ("service", services.order_by("id"), hsds.service_row),
        ("location", locations.order_by("id"), hsds.location_row),
        (
            "service_at_location",
            ServiceAtLocation.objects.filter(service__in=services).order_by("id"),
            hsds.service_at_location_row,
        ),
        (
            "address",
            public_addresses().filter(location__in=locations).order_by("id"),
            hsds.address_row,
        ),
        ("phone", phones, hsds.phone_row),
        (
            "schedule",
            Schedule.objects.filter(Q(service__in=services) | Q(location__in=locations)).order_by(
                "id"
            ),
            hsds.schedule_row,
        ),
        (
            "service_area",
            ServiceArea.objects.filter(service__in=services).order_by("id"),
            hsds.service_area_row,
        ),
        (
            "language",
            Language.objects.filter(
                Q(service__in=services) | Q(location__in=locations) | Q(phone__in=phones)
            ).order_by("id"),
            hsds.language_row,
        ),
        (
            "accessibility",
            Accessibility.objects.filter(location__in=locations).order_by("id"),
            hsds.accessibility_row,
        ),
        ("taxonomy", taxonomies().order_by("id"), hsds.taxonomy_row),
        ("taxonomy_term", taxonomy_terms().order_by("id"), hsds.taxonomy_term_row),
        (
            "attribute",
            Attribute.objects.filter(service__in=services)
            .select_related("taxonomy_term__taxonomy")
            .order_by("id"),
            hsds.attribute_row,
        ),
    ]
    return {table_file(name): _csv(name, rows, write) for name, rows, write in tables}


def export_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file_name, text in export_tables().items():
            archive.writestr(file_name, text)
    return buffer.getvalue()
