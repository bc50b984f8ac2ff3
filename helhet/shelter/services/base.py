"""What every shelter service shares: its errors and the checks of answers and dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal, overload

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


# An answer as a form (the option) or a caller (its id) gives it.
OptionRef = AnswerOption | int | str


@overload
def option_pk(ref: OptionRef) -> int | str: ...
@overload
def option_pk(ref: OptionRef | None) -> int | str | None: ...
def option_pk(ref: OptionRef | None) -> int | str | None:
    return ref.pk if isinstance(ref, AnswerOption) else ref


@overload
def active_option(
    pk: OptionRef | None, answer_list: str, *, field_name: str, required: Literal[True] = ...
) -> AnswerOption: ...
@overload
def active_option(
    pk: OptionRef | None, answer_list: str, *, field_name: str, required: bool
) -> AnswerOption | None: ...
def active_option(
    pk: OptionRef | None, answer_list: str, *, field_name: str, required: bool = True
) -> AnswerOption | None:
    """An active option of the given list, or a clear error by the field."""
    if pk is None or pk == "":
        if required:
            raise ShelterError(_("Velg et svar."), field=field_name)
        return None
    option = AnswerOption.objects.filter(
        pk=option_pk(pk), answer_list=answer_list, is_active=True
    ).first()
    if option is None:
        raise ShelterError(_("Velg et av svarene i listen."), field=field_name)
    return option


def active_options(
    pks: Iterable[OptionRef], answer_list: str, *, field_name: str
) -> list[AnswerOption]:
    wanted = {option_pk(pk) for pk in pks}
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
