"""What every shelter service shares: its errors and the checks of answers and dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.core.errors import DomainError
from helhet.core.text import clean_text
from helhet.shelter.models import AnswerOption


class ShelterError(DomainError):
    """A rule of the crisis centre was broken."""


class BedTakenError(ShelterError):
    """The bed (or every bed of the room) is already given for those nights."""


def current_day() -> date:
    return timezone.localdate()


def active_option(pk: Any, answer_list: str, *, field_name: str, required: bool = True) -> Any:
    """An active option of the given list, or a clear error by the field."""
    if pk in (None, ""):
        if required:
            raise ShelterError(_("Velg et svar."), field=field_name)
        return None
    option = AnswerOption.objects.filter(
        pk=getattr(pk, "pk", pk), answer_list=answer_list, is_active=True
    ).first()
    if option is None:
        raise ShelterError(_("Velg et av svarene i listen."), field=field_name)
    return option


def active_options(pks: Iterable[Any], answer_list: str, *, field_name: str) -> list[AnswerOption]:
    wanted = {getattr(pk, "pk", pk) for pk in pks}
    found = list(
        AnswerOption.objects.filter(pk__in=wanted, answer_list=answer_list, is_active=True)
    )
    if len(found) != len(wanted):
        raise ShelterError(_("Velg bare svar fra listen."), field=field_name)
    return found


def check_birth_year(year: int | None, *, field_name: str = "birth_year") -> None:
    if year is None:
        return
    this_year = current_day().year
    if not this_year - 120 <= year <= this_year:
        raise ShelterError(
            _("Skriv et fødselsår mellom %(first)s og %(last)s.")
            % {"first": this_year - 120, "last": this_year},
            field=field_name,
        )


def short_text(value: str | None) -> str:
    """A name or one-line text as typed, tidied: no directional formatting characters
    (`core.text.clean_text`), and single spaces between words."""
    return " ".join(clean_text(value).split())
