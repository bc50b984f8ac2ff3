"""How a help service from the directory is shown on the portal.

Texts in the reader's language where the directory has a translation, Bokmål otherwise
(and then marked `lang="nb"`, so that a screen reader reads it as Norwegian); phone
numbers first; opening hours, languages, interpreters, cost and referral in words.
Only what the directory's public selectors return is shown: a confidential address never
reaches this module.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helhet.directory.choices import WEEKDAY_CODES, AudienceCode, NeedCode, PhoneType

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

SOURCE_LANGUAGE = "nb"

# Our own labels for the directory's codes, so that they are translated into all nine
# portal languages (the directory's catalogue covers the staff languages).
NEED_LABELS: dict[str, StrPromise] = {
    NeedCode.EXPOSED_TO_VIOLENCE: gettext_lazy("Jeg blir utsatt for vold"),
    NeedCode.WORRIED_ABOUT_SOMEONE: gettext_lazy("Jeg er bekymret for noen"),
    NeedCode.USES_VIOLENCE: gettext_lazy("Jeg bruker vold, eller er redd for å gjøre det"),
    NeedCode.CHILD_OR_YOUTH: gettext_lazy("Barn og unge"),
    NeedCode.AT_RISK_ADULT: gettext_lazy("Voksne som ikke kan beskytte seg selv"),
    NeedCode.PROFESSIONAL: gettext_lazy("Jeg er fagperson"),
}
AUDIENCE_LABELS: dict[str, StrPromise] = {
    AudienceCode.CHILDREN: gettext_lazy("Barn"),
    AudienceCode.YOUTH: gettext_lazy("Ungdom"),
    AudienceCode.ADULTS: gettext_lazy("Voksne"),
    AudienceCode.ELDERLY: gettext_lazy("Eldre"),
    AudienceCode.FAMILIES: gettext_lazy("Familier"),
    AudienceCode.PROFESSIONALS: gettext_lazy("Fagfolk"),
}
WEEKDAY_LABELS = {
    "MO": gettext_lazy("mandag"),
    "TU": gettext_lazy("tirsdag"),
    "WE": gettext_lazy("onsdag"),
    "TH": gettext_lazy("torsdag"),
    "FR": gettext_lazy("fredag"),
    "SA": gettext_lazy("lørdag"),
    "SU": gettext_lazy("søndag"),
}
PHONE_TYPE_LABELS = {
    PhoneType.VOICE: gettext_lazy("Telefon"),
    PhoneType.TEXT: gettext_lazy("SMS"),
    PhoneType.CELL: gettext_lazy("Mobil"),
    PhoneType.TEXTPHONE: gettext_lazy("Teksttelefon"),
    PhoneType.VIDEO: gettext_lazy("Video"),
    PhoneType.FAX: gettext_lazy("Faks"),
}


@dataclass(frozen=True)
class Text:
    """A text and the language it is actually in (Bokmål when no translation exists)."""

    value: str
    language: str


@dataclass(frozen=True)
class PhoneLine:
    number: str
    dial: str
    kind: str
    note: Text | None


@dataclass(frozen=True)
class LanguageName:
    code: str
    name: str


@dataclass(frozen=True)
class Place:
    name: str
    addresses: list[str]
    confidential: bool
    meeting_place: Text | None
    accessibility: list[Text]
    transportation: Text | None


@dataclass(frozen=True)
class Offer:
    """One service as a visitor sees it."""

    id: uuid.UUID
    name: Text
    description: Text
    eligibility: Text | None
    application: Text | None
    fees: Text | None
    interpretation: Text | None
    alert: Text | None
    referral_required: bool
    phones: list[PhoneLine]
    hours: list[str]
    open_now: bool
    languages: list[LanguageName]
    url: str
    email: str
    organization: str
    places: list[Place] = field(default_factory=list)


def dial(number: str) -> str:
    """The number for a `tel:` link: a leading plus and the digits."""
    digits = re.sub(r"\D", "", number)
    return f"+{digits}" if number.strip().startswith("+") else digits


def language_name(code: str, stored_name: str) -> str:
    """A language named in itself, as the language switcher does."""
    own = dict(settings.LANGUAGES)
    if code in own:
        return str(own[code])
    info = LANG_INFO.get(code)
    if info and "name_local" in info:
        return str(info["name_local"])
    return stored_name or code


def _day_ranges(days: list[str]) -> str:
    """MO,TU,WE,TH,FR → "mandag–fredag"; MO,WE → "mandag, onsdag"."""
    indexes = sorted({WEEKDAY_CODES.index(day) for day in days if day in WEEKDAY_CODES})
    runs: list[list[int]] = []
    for index in indexes:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    parts = []
    for run in runs:
        first, last = WEEKDAY_LABELS[WEEKDAY_CODES[run[0]]], WEEKDAY_LABELS[WEEKDAY_CODES[run[-1]]]
        if len(run) == 1:
            parts.append(str(first))
        elif len(run) == 2:
            parts.append(f"{first}, {last}")
        else:
            parts.append(f"{first}–{last}")
    return ", ".join(parts)


def hours_lines(schedules: Iterable[Any]) -> list[str]:
    """Opening hours in words, one line per schedule, in the active language."""
    lines = []
    for schedule in schedules:
        if schedule.open_24_7:
            line = _("Døgnåpent")
        elif schedule.opens_at and schedule.closes_at:
            line = _("%(days)s kl. %(opens)s–%(closes)s") % {
                "days": _day_ranges(schedule.days),
                "opens": schedule.opens_at.strftime("%H:%M"),
                "closes": schedule.closes_at.strftime("%H:%M"),
            }
        else:
            continue
        if line not in lines:
            lines.append(line)
    return lines


def _text(source: str, translated: str, language: str) -> Text | None:
    if translated:
        return Text(translated, language)
    if source:
        return Text(source, SOURCE_LANGUAGE)
    return None


def _source_text(value: str) -> Text | None:
    """A text the directory keeps in Bokmål only."""
    return Text(value, SOURCE_LANGUAGE) if value else None


def offer_from_service(service: Any, *, language: str, open_ids: set[uuid.UUID]) -> Offer:
    """The visitor's view of a service fetched by `services_find` or
    `service_public_detail` (their prefetches keep this to no further queries)."""
    rows = getattr(service, "selected_translations", [])
    translated = rows[0] if rows else None

    def pick(name: str) -> Text | None:
        return _text(getattr(service, name), getattr(translated, name, "") or "", language)

    phones = [
        PhoneLine(
            number=phone.number,
            dial=dial(phone.number),
            kind=str(PHONE_TYPE_LABELS.get(phone.type, phone.type)),
            note=_source_text(phone.description),
        )
        for phone in service.phones.all()
    ]
    schedules = list(service.schedules.all())
    places = []
    for at in service.service_at_locations.all():
        location = at.location
        schedules += list(location.schedules.all())
        for phone in location.phones.all():
            phones.append(
                PhoneLine(
                    number=phone.number,
                    dial=dial(phone.number),
                    kind=str(PHONE_TYPE_LABELS.get(phone.type, phone.type)),
                    note=_source_text(phone.description or location.name),
                )
            )
        places.append(
            Place(
                name=location.name,
                # The prefetch holds public addresses only; confidential places have none.
                addresses=[
                    f"{address.address_1}, {address.postal_code} {address.city}"
                    for address in location.addresses.all()
                ],
                confidential=location.is_confidential,
                meeting_place=_source_text(location.meeting_place),
                accessibility=[
                    Text(item.description, SOURCE_LANGUAGE) for item in location.accessibility.all()
                ],
                transportation=_source_text(location.transportation),
            )
        )
    return Offer(
        id=service.pk,
        name=pick("name") or Text(service.name, SOURCE_LANGUAGE),
        description=pick("description") or Text("", language),
        eligibility=pick("eligibility_description"),
        application=pick("application_process"),
        fees=pick("fees_description"),
        interpretation=_source_text(service.interpretation_services),
        alert=_source_text(service.alert),
        referral_required=service.referral_required,
        phones=phones,
        hours=hours_lines(schedules),
        open_now=service.pk in open_ids,
        languages=[
            LanguageName(item.code, language_name(item.code, item.name))
            for item in service.languages.all()
        ],
        url=service.url,
        email=service.email,
        organization=service.organization.name,
        places=places,
    )
