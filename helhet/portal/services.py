"""Writes for the portal: staff save the texts of pages and blocks."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record, object_type_of
from helhet.core.errors import DomainError
from helhet.core.idempotency import once
from helhet.core.text import clean_text
from helhet.portal.choices import BLOCK_KEYS, PageKey
from helhet.portal.models import LANGUAGE_CODES, SOURCE_LANGUAGE, PageText
from helhet.portal.selectors import source_version

if TYPE_CHECKING:
    from helhet.core.types import User

TEXT_FIELDS = ("title", "lead", "body")


class PortalError(DomainError):
    pass


def _full_clean(row: PageText, *, validate: bool = True) -> None:
    """Validate the row; a rule it breaks becomes an error the editor can read. Without
    `validate`, the unique constraint and the other constraints are left to the database."""
    try:
        row.full_clean(validate_unique=validate, validate_constraints=validate)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise PortalError(messages[0], field=None if field == NON_FIELD_ERRORS else field) from None


def _clean(value: str) -> str:
    # Browsers send \r\n from a textarea; keep one form so that "unchanged" means unchanged.
    return value.replace("\r\n", "\n").strip()


def _stale() -> PortalError:
    return PortalError(
        _(
            "Noen andre har lagret denne teksten etter at du åpnet den. Last inn siden på "
            "nytt og gjør endringen din igjen."
        )
    )


@transaction.atomic
def _save(
    *,
    actor: User,
    page_key: str,
    language: str,
    texts: tuple[str, str, str],
    expected_version: int,
    caught_up: bool,
) -> PageText:
    title, lead, body = texts
    row = PageText.objects.select_for_update().filter(page_key=page_key, language=language).first()
    if row is None:
        return _create(
            actor=actor,
            page_key=page_key,
            language=language,
            texts=(title, lead, body),
        )
    if row.version != expected_version:
        raise _stale()
    changed = [
        name
        for name, value in zip(TEXT_FIELDS, (title, lead, body), strict=True)
        if getattr(row, name) != value
    ]
    new_source = row.source_version
    if not row.is_source and caught_up:
        new_source = source_version(key=page_key)
    if not changed and new_source == row.source_version:
        return row
    row.title, row.lead, row.body = title, lead, body
    row.source_version = new_source
    row.updated_by = actor
    update_fields = ["source_version", "updated_by", "updated_at"]
    if changed:
        row.version += 1
        update_fields += [*TEXT_FIELDS, "version"]
    _full_clean(row)
    row.save(update_fields=update_fields)
    event_record(
        kind=EventKind.UPDATE,
        actor=actor,
        object_type=object_type_of(row),
        object_id=row.pk,
        detail=_detail(row, changed),
    )
    return row


def _create(
    *,
    actor: User,
    page_key: str,
    language: str,
    texts: tuple[str, str, str],
) -> PageText:
    title, lead, body = texts
    row = PageText(
        page_key=page_key,
        language=language,
        title=title,
        lead=lead,
        body=body,
        version=1,
        source_version=None if language == SOURCE_LANGUAGE else source_version(key=page_key),
        updated_by=actor,
    )
    # The unique constraint is left to the database (below), which also catches a race.
    _full_clean(row, validate=False)
    try:
        # A savepoint: if another request created the row a moment ago, the unique
        # constraint stops this one and the transaction can still go on.
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        raise _stale() from None
    event_record(
        kind=EventKind.CREATE,
        actor=actor,
        object_type=object_type_of(row),
        object_id=row.pk,
        detail=_detail(row, list(TEXT_FIELDS)),
    )
    return row


def page_text_save(
    *,
    actor: User,
    page_key: str,
    language: str,
    title: str,
    lead: str,
    body: str,
    expected_version: int,
    submission_id: uuid.UUID,
    caught_up: bool = False,
) -> PageText:
    """Save a page's text in one language.

    `expected_version` is the version the editor started from (0 for a text not yet
    saved). If someone else saved in between, the save is refused rather than silently
    overwriting their work. The same form sent twice (a double click, the same
    `submission_id`) saves once and returns what the first post saved.

    A new translation is based on the current Bokmål version. An existing one keeps the
    version it was based on unless the editor says it now matches the Bokmål text
    (`caught_up`). Saving the Bokmål text with changes leaves every translation behind.
    """
    if page_key not in PageKey.values:
        raise PortalError(_("Siden finnes ikke."))
    if language not in LANGUAGE_CODES:
        raise PortalError(_("Språket finnes ikke."), field="language")
    # Short texts lose directional formatting characters (core.text), so that they cannot
    # show as something else (a number's groups in another order): every title, and a
    # block's short text, shown on every page. A page's lead and body are prose and are
    # only tidied.
    title, lead, body = clean_text(_clean(title)), _clean(lead), _clean(body)
    if page_key in BLOCK_KEYS:
        lead, body = clean_text(lead), ""
    if not title:
        raise PortalError(_("Skriv en overskrift."), field="title")
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _save(
            actor=actor,
            page_key=page_key,
            language=language,
            texts=(title, lead, body),
            expected_version=expected_version,
            caught_up=caught_up,
        ),
    )


def _detail(row: PageText, changed: list[str]) -> str:
    # Field names and versions only; the text itself is public and lives in the row.
    fields = ",".join(changed) or "-"
    return f"{row.page_key}/{row.language} v{row.version} source={row.source_version} {fields}"
