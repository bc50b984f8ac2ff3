"""What our HSDS 3.0 API and CSV export write, table by table.

This is our own description of our own output, read off the writers in `hsds.py`: for
each table we publish, the fields we write (in column order), their JSON type and
format, which of them every object and row has, the objects nested in the API's JSON,
and the CSV file name. The OpenAPI document (`openapi.py`) and the export (`export.py`)
are built from it.

Field names, types and file names follow HSDS 3.0, which is the interface we promise; a
test checks this description against the shared HSDS schemas (tests/test_api.py), and
the API tests check our responses against the document built from it.

A field that is not `required` is left out when we have no value (HSDS has no nulls),
and is an empty cell in the CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from helhet.directory.choices import AddressType, LocationType, PhoneType, ServiceStatus


@dataclass(frozen=True)
class Field:
    type: str  # JSON type: "string", "integer" or "number"
    format: str | None = None  # JSON Schema format of a string
    enum: tuple[str, ...] = ()  # every value we can write, when the set is fixed
    required: bool = False  # in every object and row we write


@dataclass(frozen=True)
class Nested:
    """Objects of another table inside this one (API only; the CSV links by id)."""

    table: str
    many: bool = True  # a list, or a single object


@dataclass(frozen=True)
class Table:
    file: str
    fields: dict[str, Field]
    nested: dict[str, Nested] = field(default_factory=dict)


def _text(*, required: bool = False) -> Field:
    return Field("string", required=required)


def _id(*, required: bool = False) -> Field:
    return Field("string", "uuid", required=required)


def _one_of(*values: str, required: bool = False) -> Field:
    return Field("string", enum=values, required=required)


URI = Field("string", "uri")
EMAIL = Field("string", "email")
DATE = Field("string", "date")
KEY = _id(required=True)

TABLES: dict[str, Table] = {
    "organization": Table(
        file="organizations.csv",
        fields={
            "id": KEY,
            "name": _text(required=True),
            "alternate_name": _text(),
            "description": _text(required=True),  # written even when empty
            "email": EMAIL,
            "website": URI,
            "legal_status": _text(),
        },
        nested={"phones": Nested("phone"), "locations": Nested("location")},
    ),
    "service": Table(
        file="services.csv",
        fields={
            "id": KEY,
            "organization_id": _id(required=True),
            "name": _text(required=True),
            "alternate_name": _text(),
            "description": _text(),
            "url": URI,
            "email": EMAIL,
            "status": _one_of(*ServiceStatus.values, required=True),
            "interpretation_services": _text(),
            "application_process": _text(),
            "fees_description": _text(),
            "eligibility_description": _text(),
            "minimum_age": Field("integer"),
            "maximum_age": Field("integer"),
            "assured_date": DATE,  # the day staff last confirmed the entry
            "alert": _text(),
            "last_modified": Field("string", "date-time", required=True),
        },
        nested={
            "organization": Nested("organization", many=False),
            "phones": Nested("phone"),
            "schedules": Nested("schedule"),
            "service_areas": Nested("service_area"),
            "service_at_locations": Nested("service_at_location"),
            "languages": Nested("language"),
            "attributes": Nested("attribute"),
        },
    ),
    "location": Table(
        file="locations.csv",
        fields={
            "id": KEY,
            "location_type": _one_of(*LocationType.values, required=True),
            "url": URI,
            "organization_id": _id(),
            "name": _text(required=True),
            "alternate_name": _text(),
            "description": _text(),
            "transportation": _text(),
            "latitude": Field("number"),  # never for a confidential location
            "longitude": Field("number"),
        },
        nested={
            "languages": Nested("language"),
            "addresses": Nested("address"),
            "phones": Nested("phone"),
            "schedules": Nested("schedule"),
            "accessibility": Nested("accessibility"),
        },
    ),
    "service_at_location": Table(
        file="service_at_location.csv",
        fields={
            "id": KEY,
            "service_id": _id(required=True),
            "location_id": _id(required=True),
            "description": _text(),
        },
        nested={"location": Nested("location", many=False)},
    ),
    "address": Table(
        file="addresses.csv",
        fields={
            "id": KEY,
            "location_id": _id(required=True),
            "attention": _text(),
            "address_1": _text(required=True),
            "address_2": _text(),
            "city": _text(required=True),
            "region": _text(),
            "state_province": _text(required=True),  # written even when empty
            "postal_code": _text(required=True),
            "country": _text(required=True),
            "address_type": _one_of(*AddressType.values, required=True),
        },
    ),
    "phone": Table(
        file="phones.csv",
        fields={
            "id": KEY,
            "service_id": _id(),
            "location_id": _id(),
            "organization_id": _id(),
            "number": _text(required=True),
            "extension": Field("integer"),
            "type": _one_of(*PhoneType.values, required=True),
            "description": _text(),
        },
        nested={"languages": Nested("language")},
    ),
    "schedule": Table(
        file="schedules.csv",
        fields={
            "id": KEY,
            "service_id": _id(),
            "location_id": _id(),
            "valid_from": DATE,
            "valid_to": DATE,
            "freq": _one_of("WEEKLY", required=True),
            "wkst": _one_of("MO", required=True),
            "byday": _text(required=True),  # e.g. "MO,TU,WE"
            "opens_at": _text(required=True),  # "HH:MM", local time in Norway
            "closes_at": _text(required=True),
            "description": _text(),
            "notes": _text(required=True),
        },
    ),
    "service_area": Table(
        file="service_areas.csv",
        fields={
            "id": KEY,
            "service_id": _id(required=True),
            "name": _text(required=True),
            "description": _text(),
            "extent_type": _one_of("country", "municipality", required=True),
            "extent": _text(required=True),  # "NO", or a four-digit municipality number
        },
    ),
    "language": Table(
        file="languages.csv",
        fields={
            "id": KEY,
            "service_id": _id(),
            "location_id": _id(),
            "phone_id": _id(),
            "name": _text(required=True),
            "code": _text(required=True),
            "note": _text(),
        },
    ),
    "accessibility": Table(
        file="accessibility.csv",
        fields={
            "id": KEY,
            "location_id": _id(required=True),
            "description": _text(required=True),
            "details": _text(),
            "url": URI,
        },
    ),
    "taxonomy": Table(
        file="taxonomies.csv",
        fields={
            "id": KEY,
            "name": _text(required=True),
            "description": _text(required=True),
            "uri": URI,
            "version": _text(),
        },
    ),
    "taxonomy_term": Table(
        file="taxonomy_terms.csv",
        fields={
            "id": KEY,
            "code": _text(required=True),
            "name": _text(required=True),
            "description": _text(required=True),  # written even when empty
            "parent_id": _id(),
            "taxonomy": _text(required=True),  # the taxonomy's name
            "language": _text(required=True),
            "taxonomy_id": _id(required=True),
        },
        nested={"taxonomy_detail": Nested("taxonomy", many=False)},
    ),
    "attribute": Table(
        file="attributes.csv",
        fields={
            "id": KEY,
            "link_id": _id(required=True),  # the service's id
            "taxonomy_term_id": _id(required=True),
            "link_type": _text(required=True),  # the code of the term's taxonomy
            "link_entity": _one_of("service", required=True),
            "value": _text(),
        },
        nested={"taxonomy_term": Nested("taxonomy_term", many=False)},
    ),
}


def table_columns(name: str) -> list[str]:
    """The CSV columns of a table, in order."""
    return list(TABLES[name].fields)


def table_file(name: str) -> str:
    return TABLES[name].file


def required_fields(name: str) -> list[str]:
    return [key for key, spec in TABLES[name].fields.items() if spec.required]
