"""The vendored HSDS 3.0 JSON schemas (see hsds_schema/README.md)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds_schema"


@cache
def hsds_schema(name: str) -> dict[str, Any]:
    """One schema by its table name (`service`, `phone`, ...)."""
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def table_columns(name: str) -> list[str]:
    """The CSV columns of a table: the schema's properties that are not nested objects."""
    columns = []
    for key, spec in hsds_schema(name)["properties"].items():
        if "$ref" in spec or spec.get("type") in ("array", "object"):
            continue
        columns.append(key)
    return columns


def table_file(name: str) -> str:
    return hsds_schema(name)["path"]
