"""The one way a service changes fields of a saved record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models


def model_update(
    *, instance: models.Model, fields: Iterable[str], data: Mapping[str, Any]
) -> list[str]:
    """Set those of `fields` that `data` gives and that differ; validate and save only
    when something changed. Returns the names of the changed fields, in `fields` order,
    for the audit detail (`changed_detail`).

    `full_clean()` raises `ValidationError`; services turn it into their own error.
    """
    changed = []
    for name in fields:
        if name not in data:
            continue
        value = data[name]
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    if not changed:
        return changed
    instance.full_clean()
    update_fields = list(changed)
    # auto_now fields (updated_at) are only written when named.
    update_fields += [
        field.name
        for field in instance._meta.concrete_fields
        if getattr(field, "auto_now", False) and field.name not in update_fields
    ]
    instance.save(update_fields=update_fields)
    return changed


def changed_detail(changed: Iterable[str]) -> str:
    """The audit detail for an update: the names of the fields that changed, never values."""
    return ",".join(changed)[:300]
