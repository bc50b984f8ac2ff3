"""Writes of the answer lists: options are added and taken out of use, never deleted."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record_for
from helhet.core.idempotency import once
from helhet.core.updates import model_update
from helhet.shelter.choices import AnswerList
from helhet.shelter.models import AnswerOption
from helhet.shelter.services.base import ShelterError, short_text

if TYPE_CHECKING:
    from helhet.core.types import User


@transaction.atomic
def answer_option_create(
    *, actor: User, answer_list: str, label: str, label_en: str = "", submission_id: uuid.UUID
) -> AnswerOption:
    """Add an answer to a list. Its code is derived once from the label and never changes."""
    return once(
        actor=actor,
        submission_id=submission_id,
        create=lambda: _answer_option_create(
            actor=actor, answer_list=answer_list, label=label, label_en=label_en
        ),
    )


def _answer_option_create(
    *, actor: User, answer_list: str, label: str, label_en: str = ""
) -> AnswerOption:
    label = short_text(label)
    if answer_list not in AnswerList.values:
        raise ShelterError(_("Velg en svarliste."), field="answer_list")
    if not label:
        raise ShelterError(_("Skriv teksten for svaret."), field="label")
    if AnswerOption.objects.filter(answer_list=answer_list, label__iexact=label).exists():
        raise ShelterError(_("Listen har allerede et svar med denne teksten."), field="label")
    base = slugify(label)[:50] or "svar"
    code, number = base, 2
    while AnswerOption.objects.filter(answer_list=answer_list, code=code).exists():
        code, number = f"{base}-{number}", number + 1
    last = AnswerOption.objects.filter(answer_list=answer_list).order_by("-position").first()
    option = AnswerOption(
        answer_list=answer_list,
        code=code,
        label=label,
        label_en=short_text(label_en),
        position=(last.position + 10) if last else 10,
    )
    option.full_clean()
    option.save()
    event_record_for(
        kind=EventKind.CREATE,
        actor=actor,
        obj=option,
        detail=f"{answer_list}:{code}",
    )
    return option


@transaction.atomic
def answer_option_set_active(*, actor: User, option: AnswerOption, is_active: bool) -> AnswerOption:
    """Take an answer out of use (or back). Past records keep pointing at it."""
    if option.is_active == is_active:
        return option
    model_update(
        instance=option,
        fields=["is_active", "deactivated_at"],
        data={"is_active": is_active, "deactivated_at": None if is_active else timezone.now()},
    )
    event_record_for(
        kind=EventKind.UPDATE,
        actor=actor,
        obj=option,
        detail="activated" if is_active else "deactivated",
    )
    return option
