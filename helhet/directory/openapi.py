"""Our OpenAPI 3.1 document for the HSDS API, self-contained.

The object schemas under `components/schemas` are built from our own description of
what we write (`schema.py`), one per HSDS table, nested through `$ref`s to each other.
They are closed (no properties beyond those listed), so the document says exactly what
a client gets, and needs nothing from the network to be read.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from helhet.directory.schema import TABLES, Field, required_fields

LIST_PARAMETERS = ["search", "page", "per_page"]


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _field_schema(spec: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": spec.type}
    if spec.format:
        schema["format"] = spec.format
    if spec.enum:
        schema["enum"] = list(spec.enum)
    return schema


def _table_schema(name: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A table's object: its fields, and its nested objects (all optional: lists and
    details carry different amounts of nesting)."""
    table = TABLES[name]
    properties = {key: _field_schema(spec) for key, spec in table.fields.items()}
    for key, nested in table.nested.items():
        properties[key] = (
            {"type": "array", "items": _ref(nested.table)} if nested.many else _ref(nested.table)
        )
    properties.update(extra or {})
    return {
        "type": "object",
        "required": required_fields(name),
        "properties": properties,
        "additionalProperties": False,
    }


@cache
def _schemas() -> dict[str, Any]:
    schemas: dict[str, Any] = {name: _table_schema(name) for name in TABLES}
    schemas["Page"] = {
        "type": "object",
        "required": [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        ],
        "properties": {
            "total_items": {"type": "integer", "minimum": 0},
            "total_pages": {"type": "integer", "minimum": 1},
            "page_number": {"type": "integer", "minimum": 1},
            "size": {"type": "integer", "minimum": 0},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array"},
        },
    }
    schemas["Error"] = {
        "type": "object",
        "required": ["status", "error", "message"],
        "properties": {
            "status": {"type": "integer"},
            "error": {"type": "string"},
            "message": {"type": "string"},
        },
    }
    # Not an HSDS field: an organisation's detail also lists its published services.
    schemas["organization_with_services"] = _table_schema(
        "organization", {"services": {"type": "array", "items": _ref("service")}}
    )
    return schemas


def _uuid_query(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string", "format": "uuid"},
    }


PARAMETERS: dict[str, Any] = {
    "search": {
        "name": "search",
        "in": "query",
        "required": False,
        "description": "Full-text search (Norwegian).",
        "schema": {"type": "string", "maxLength": 200},
    },
    "page": {
        "name": "page",
        "in": "query",
        "required": False,
        "description": "Page number, from 1.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 1000000},
    },
    "per_page": {
        "name": "per_page",
        "in": "query",
        "required": False,
        "description": "Results per page (1–200, default 50).",
        "schema": {"type": "integer", "minimum": 1, "maximum": 200},
    },
    "taxonomy_term_id": _uuid_query("taxonomy_term_id", "Services with this taxonomy term."),
    "taxonomy_id": _uuid_query("taxonomy_id", "Services with any term of this taxonomy."),
    "organization_id": _uuid_query("organization_id", "Services of this organization."),
    "parent_id": _uuid_query("parent_id", "Terms whose parent is this term."),
    "modified_after": {
        "name": "modified_after",
        "in": "query",
        "required": False,
        "description": "Services changed on or after this date-time (ISO 8601).",
        "schema": {"type": "string", "format": "date-time"},
    },
    "top_only": {
        "name": "top_only",
        "in": "query",
        "required": False,
        "description": "Only terms without a parent.",
        "schema": {"type": "boolean"},
    },
    "id": {
        "name": "id",
        "in": "path",
        "required": True,
        "description": "The object's id.",
        "schema": {"type": "string"},
    },
}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


ERRORS = {
    "400": _error("An invalid parameter."),
    "429": _error("Too many requests from this address; wait a minute."),
}


def _operation(
    operation_id: str, summary: str, schema: dict[str, Any], parameters: list[str], not_found: bool
) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {"description": summary, "content": {"application/json": {"schema": schema}}},
        **ERRORS,
    }
    if not_found:
        responses["404"] = _error("No such published object.")
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in parameters],
            "responses": responses,
        }
    }


def _page_of(schema_name: str) -> dict[str, Any]:
    return {
        "allOf": [{"$ref": "#/components/schemas/Page"}],
        "type": "object",
        "properties": {
            "contents": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema_name}"}}
        },
    }


@cache
def _paths() -> dict[str, Any]:
    meta = {
        "type": "object",
        "required": ["version", "profile", "openapi_url"],
        "properties": {
            "version": {"type": "string"},
            "profile": {"type": "string", "format": "uri"},
            "openapi_url": {"type": "string", "format": "uri"},
        },
    }
    export = {
        "get": {
            "operationId": "getExport",
            "summary": "The whole directory as HSDS CSV tables in a zip file.",
            "responses": {
                "200": {
                    "description": "One CSV file per HSDS table.",
                    "content": {
                        "application/zip": {"schema": {"type": "string", "format": "binary"}}
                    },
                },
                **ERRORS,
            },
        }
    }
    return {
        "/": _operation("getAPIMetaInformation", "About this API.", meta, [], False),
        "/openapi.json": _operation(
            "getOpenAPI", "This OpenAPI document.", {"type": "object"}, [], False
        ),
        "/services": _operation(
            "getServices",
            "Published services (one-to-one fields and organization).",
            _page_of("service"),
            [
                *LIST_PARAMETERS,
                "taxonomy_term_id",
                "taxonomy_id",
                "organization_id",
                "modified_after",
            ],
            False,
        ),
        "/services/{id}": _operation(
            "getServiceById", "A fully nested published service.", _ref("service"), ["id"], True
        ),
        "/organizations": _operation(
            "getOrganizations",
            "Organizations with published services.",
            _page_of("organization"),
            LIST_PARAMETERS,
            False,
        ),
        "/organizations/{id}": _operation(
            "getOrganizationById",
            "An organization with its published services.",
            _ref("organization_with_services"),
            ["id"],
            True,
        ),
        "/taxonomies": _operation(
            "getTaxonomies", "Taxonomies.", _page_of("taxonomy"), LIST_PARAMETERS, False
        ),
        "/taxonomies/{id}": _operation(
            "getTaxonomyById", "A taxonomy.", _ref("taxonomy"), ["id"], True
        ),
        "/taxonomy_terms": _operation(
            "getTaxonomyTerms",
            "Taxonomy terms.",
            _page_of("taxonomy_term"),
            [*LIST_PARAMETERS, "taxonomy_id", "parent_id", "top_only"],
            False,
        ),
        "/taxonomy_terms/{id}": _operation(
            "getTaxonomyTermById", "A taxonomy term.", _ref("taxonomy_term"), ["id"], True
        ),
        "/export.zip": export,
    }


def openapi_document(*, base_url: str) -> dict[str, Any]:
    """The document, with the server URL of the request that asked for it."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Helhet – hjelpekatalog (HSDS 3.0)",
            "version": "1.0.0",
            "summary": "The municipality's help offer against domestic violence, as open data.",
            "description": (
                "Read-only Open Referral HSDS 3.0 API. Only published services appear; "
                "confidential addresses are never included. No key; rate limited per client."
            ),
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "servers": [{"url": base_url.rstrip("/")}],
        "paths": copy.deepcopy(_paths()),
        "components": {
            "schemas": copy.deepcopy(_schemas()),
            "parameters": copy.deepcopy(PARAMETERS),
        },
    }
