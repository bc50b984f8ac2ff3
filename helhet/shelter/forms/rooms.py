"""Forms of rooms, beds and periods out of service (the centre lead's)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import SubmissionForm
from helhet.shelter.choices import BedKind, ClosureReason
from helhet.shelter.forms.fields import choice_field, date_field, text_field


class RoomForm(forms.Form):
    """A room's name and properties (the edit form; a new room is a `RoomCreateForm`)."""

    name = text_field(_("Navn"), required=True, max_length=60)
    is_family_room = forms.BooleanField(label=_("Familierom"), required=False)
    is_accessible = forms.BooleanField(label=_("Tilgjengelig for rullestol"), required=False)
    is_ground_floor = forms.BooleanField(label=_("På bakkeplan"), required=False)
    allows_pets = forms.BooleanField(label=_("Dyr tillatt"), required=False)
    has_own_bathroom = forms.BooleanField(label=_("Eget bad"), required=False)
    is_mens_unit = forms.BooleanField(label=_("I avdeling for menn"), required=False)
    is_active = forms.BooleanField(label=_("I bruk"), required=False, initial=True)


class RoomCreateForm(RoomForm, SubmissionForm):
    """A new room, with the one-time id of a creating form."""


class BedForm(SubmissionForm):
    label = text_field(_("Navn på sengen"), required=True, max_length=40)
    kind = choice_field(BedKind.choices, _("Type"), initial=BedKind.ADULT)


class ClosureForm(SubmissionForm):
    starts_on = date_field(_("Ute av drift fra og med"))
    ends_on = date_field(_("Tilbake i drift"), required=False)
    reason = choice_field(ClosureReason.choices, _("Årsak"))
