"""Shared parts of the directory's writes: the error, validation, change records, audit."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation

from helhet.audit.services import event_record, object_type_of
from helhet.core.errors import DomainError
from helhet.core.requestid import get_request_id
from helhet.core.updates import model_update
from helhet.directory.choices import (
    SERVICE_LANGUAGES,
)
from helhet.directory.models import (
    ChangeRecord,
    Service,
)

if TYPE_CHECKING:
    from helhet.core.types import User


class DirectoryError(DomainError):
    pass


def _clean(instance: models.Model, exclude: list[str] | None = None) -> None:
    """`full_clean`, with the first problem as a domain error a user can read."""
    try:
        instance.full_clean(exclude=exclude, validate_constraints=True)
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        raise DirectoryError(
            messages[0], field=None if field_name == "__all__" else field_name
        ) from exc


def _update(instance: models.Model, fields: Iterable[str], data: Mapping[str, Any]) -> list[str]:
    """`core.updates.model_update`, with a validation problem as a domain error."""
    try:
        return model_update(instance=instance, fields=fields, data=data)
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        raise DirectoryError(
            messages[0], field=None if field_name == "__all__" else field_name
        ) from exc


def language_name(code: str) -> str:
    """The Bokmål name of a language code (the HSDS `language.name`)."""
    with translation.override("nb"):
        names = {key: str(label) for key, label in SERVICE_LANGUAGES}
    return names.get(code, code)


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


def _actor_name(actor: User | None) -> str:
    if actor is None:
        return ""
    return actor.display_name or str(actor)


def _change(
    *,
    actor: User | None,
    service: Service | None,
    resource_type: str,
    resource_id: uuid.UUID,
    action: str,
    field_name: str = "",
    previous: str = "",
    replacement: str = "",
    at: datetime | None = None,
) -> ChangeRecord:
    return ChangeRecord.objects.create(
        resource_type=resource_type,
        resource_id=resource_id,
        service=service,
        action=action,
        field_name=field_name,
        previous_value=previous,
        replacement_value=replacement,
        changed_at=at or timezone.now(),
        changed_by=actor,
        changed_by_name=_actor_name(actor),
        request_id=get_request_id(),
    )


def _record_event(*, kind: str, actor: User | None, service: Service, detail: str = "") -> None:
    event_record(
        kind=kind,
        actor=actor,
        object_type=object_type_of(service),
        object_id=str(service.pk),
        detail=detail,
    )
