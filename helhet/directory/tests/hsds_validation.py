"""Validation against the shared HSDS 3.0 schemas, with every `$ref` resolved to the
shared files (no network), and against our own OpenAPI document."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SHARED = Path("/work/shared/hsds-3.0")
UPSTREAM = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


@cache
def registry() -> Registry:
    resources = []
    for path in [*SHARED.glob("*.json"), *SHARED.glob("compiled/*.json")]:
        if path.name == "openapi.json":
            continue
        resource = Resource(contents=json.loads(path.read_text()), specification=DRAFT202012)
        relative = path.relative_to(SHARED).as_posix()
        resources += [(relative, resource), (UPSTREAM + relative, resource)]
    return Registry().with_resources(resources)


def errors(instance: Any, schema_file: str) -> list[str]:
    """Every problem with `instance` against a shared schema file ("service.json",
    "compiled/service_list.json"); an empty list when it validates."""
    validator = Draft202012Validator(
        {"$ref": schema_file}, registry=registry(), format_checker=FormatChecker()
    )
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(instance)
    ]


PAGE_FIELDS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}


def page_errors(body: dict[str, Any], item_schema: str) -> list[str]:
    """The HSDS page envelope (openapi.json components/schemas/Page) and each item."""
    problems = [
        f"{name}: missing or not {kind.__name__}"
        for name, kind in PAGE_FIELDS.items()
        if not isinstance(body.get(name), kind)
    ]
    for index, item in enumerate(body.get("contents", [])):
        problems += [f"contents[{index}]{problem}" for problem in errors(item, item_schema)]
    return problems


def document_errors(instance: Any, document: dict[str, Any], path: str) -> list[str]:
    """Every problem with `instance` as the 200 response of GET `path` ("/services/{id}")
    in our OpenAPI document; its `#/components/...` references resolve in the document."""
    response = document["paths"][path]["get"]["responses"]["200"]
    schema = {
        "components": document["components"],
        "allOf": [response["content"]["application/json"]["schema"]],
    }
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(instance)
    ]
