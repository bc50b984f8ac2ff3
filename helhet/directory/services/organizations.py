"""Writes of organisations."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record, object_type_of
from helhet.core.idempotency import once
from helhet.core.text import clean_text
from helhet.directory.choices import (
    ChangeAction,
    ResourceType,
)
from helhet.directory.models import (
    Organization,
)
from helhet.directory.services.base import DirectoryError, _change, _clean

if TYPE_CHECKING:
    from helhet.core.types import User


@transaction.atomic
def _organization_create(*, actor: User | None, values: dict[str, Any]) -> Organization:
    if Organization.objects.filter(name__iexact=values["name"]).exists():
        raise DirectoryError(
            _("Det finnes allerede en organisasjon med dette navnet."), field="name"
        )
    organization = Organization(**values)
    _clean(organization)
    organization.save()
    _change(
        actor=actor,
        service=None,
        resource_type=ResourceType.ORGANIZATION,
        resource_id=organization.pk,
        action=ChangeAction.CREATE,
    )
    event_record(
        kind=EventKind.CREATE,
        actor=actor,
        object_type=object_type_of(organization),
        object_id=str(organization.pk),
    )
    return organization


def organization_create(
    *,
    actor: User | None,
    name: str,
    submission_id: uuid.UUID,
    description: str = "",
    email: str = "",
    website: str = "",
    legal_status: str = "",
    alternate_name: str = "",
) -> Organization:
    """Create an organisation that services can belong to. The same `submission_id` sent
    again (a double click) returns the organisation the first post created."""
    values = {
        "name": clean_text(name),
        "description": description,
        "email": email,
        "website": website,
        "legal_status": clean_text(legal_status),
        "alternate_name": clean_text(alternate_name),
    }
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _organization_create(actor=actor, values=values),
    )
