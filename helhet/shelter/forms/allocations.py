"""Forms that give a stay beds, and the referral to another centre when the offer was
full."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms import ModelChoiceField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import SubmissionForm, field_of
from helhet.people.choices import Gender
from helhet.people.selectors import PersonData
from helhet.shelter.choices import ReferralReason
from helhet.shelter.forms.fields import (
    choice_field,
    date_field,
    municipality_field,
    number_field,
    text_field,
)
from helhet.shelter.models import Bed, Room, Stay, StayChild

# The occupant value that means the adult resident (children are given by their id).
RESIDENT = "resident"


class BedChoiceField(ModelChoiceField[Bed]):
    def label_from_instance(self, obj: Bed) -> str:
        return f"{obj.room.name} – {obj.label} ({obj.get_kind_display()})"


class RoomChoiceField(ModelChoiceField[Room]):
    def label_from_instance(self, obj: Room) -> str:
        free = getattr(obj, "free_count", None)
        if free is None:
            return obj.name
        return _("%(room)s (%(free)s ledige senger)") % {"room": obj.name, "free": free}


class RoomAllocateForm(SubmissionForm):
    room = RoomChoiceField(
        queryset=Room.objects.none(),
        label=_("Rom"),
        empty_label=_("Velg rom"),
    )
    starts_on = date_field(_("Fra og med"))

    def __init__(self, *args: Any, rooms: QuerySet[Room], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "room", RoomChoiceField).queryset = rooms
        if not self.is_bound:
            self.initial.setdefault("starts_on", timezone.localdate())


class BedAllocateForm(SubmissionForm):
    bed = BedChoiceField(
        queryset=Bed.objects.none(),
        label=_("Seng"),
        empty_label=_("Velg seng"),
    )
    occupant = forms.ChoiceField(
        label=_("Hvem skal ha sengen"),
    )
    starts_on = date_field(_("Fra og med"))

    def __init__(
        self, *args: Any, beds: QuerySet[Bed], occupants: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "bed", BedChoiceField).queryset = beds
        field_of(self, "occupant", forms.ChoiceField).choices = occupants
        if not self.is_bound:
            self.initial.setdefault("starts_on", timezone.localdate())


class CapacityReferralForm(SubmissionForm):
    occurred_on = date_field(_("Dato"))
    reason = choice_field(
        ReferralReason.choices, _("Årsak"), radio=True, initial=ReferralReason.FULL
    )
    referred_to = text_field(_("Henvist til (senter eller tilbud)"), required=True)
    adults = number_field(_("Antall voksne"), required=True, max_value=20)
    children = number_field(_("Antall barn"), required=True, max_value=20)
    gender = choice_field(Gender.choices, _("Kjønn (den voksne)"), initial=Gender.NOT_REGISTERED)
    municipality = municipality_field(_("Bostedskommune"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("occurred_on", timezone.localdate())
            self.initial.setdefault("adults", 1)
            self.initial.setdefault("children", 0)


def occupant_choices(
    stay: Stay, children: list[StayChild], names: dict[int, PersonData]
) -> list[tuple[str, str]]:
    """The resident and the children still in the stay, for the bed form."""
    choices = [
        (RESIDENT, str(_("Beboeren: %(name)s") % {"name": names[stay.resident_id].display_name}))
    ]
    for child in children:
        if child.departed_on is None:
            choices.append(
                (
                    str(child.pk),
                    str(_("Barn: %(name)s") % {"name": names[child.child_id].display_name}),
                )
            )
    return choices
