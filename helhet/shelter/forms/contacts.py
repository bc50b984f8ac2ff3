"""Forms of phone calls and the day offer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms import ModelMultipleChoiceField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.core.forms import SubmissionForm, field_of
from helhet.organisation.models import Unit
from helhet.people.choices import Gender
from helhet.shelter.choices import AnswerList, DayContactKind
from helhet.shelter.forms.fields import (
    choice_field,
    date_field,
    municipality_field,
    number_field,
    option_field,
    options_field,
    text_field,
)
from helhet.shelter.models import DayUser
from helhet.shelter.selectors import day_users


class PhoneContactForm(SubmissionForm):
    caller_group = option_field(AnswerList.CALLER_GROUP, _("Hvem ringer"), radio=True)
    duration_minutes = number_field(
        _("Varighet i minutter"), required=True, min_value=1, max_value=600
    )
    topics = options_field(AnswerList.TOPIC, _("Tema"))
    outcome = option_field(AnswerList.OUTCOME, _("Utfall"), radio=True)
    caller_gender = choice_field(
        Gender.choices, _("Kjønn"), radio=True, initial=Gender.NOT_REGISTERED
    )
    municipality = municipality_field(_("Kommune (hvis oppgitt)"))
    is_conversation = forms.BooleanField(
        label=_("Enesamtale (en strukturert samtale i stedet for et møte)"), required=False
    )
    started_at = forms.DateTimeField(
        label=_("Tidspunkt"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(
                "started_at", timezone.localtime().replace(second=0, microsecond=0)
            )
        self.fields["caller_group"].widget.attrs["autofocus"] = True


class StaffField(ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class DayContactForm(SubmissionForm):
    day_user = forms.ModelChoiceField(
        queryset=DayUser.objects.none(),
        label=_("Bruker"),
        required=False,
        empty_label=_("Ny bruker (fyll ut nedenfor)"),
    )
    new_name = text_field(_("Navn (bare for registrerte brukere)"), autocomplete="off")
    new_gender = choice_field(
        Gender.choices, _("Kjønn"), initial=Gender.NOT_REGISTERED, required=False
    )
    new_birth_year = number_field(_("Fødselsår"), min_value=1900, max_value=2100)
    new_municipality = municipality_field(_("Bostedskommune"))
    occurred_on = date_field(_("Dato"))
    kind = choice_field(
        DayContactKind.choices, _("Type kontakt"), radio=True, initial=DayContactKind.VISIT
    )
    duration_minutes = number_field(_("Varighet i minutter"), min_value=1, max_value=1440)
    topics = options_field(AnswerList.TOPIC, _("Tema"))
    staff = StaffField(
        queryset=User.objects.none(),
        label=_("Ansatte som deltok"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    with_children = forms.BooleanField(label=_("Barn deltok"), required=False)
    with_interpreter = forms.BooleanField(label=_("Tolk deltok"), required=False)
    with_other_service = forms.BooleanField(label=_("Annen tjeneste deltok"), required=False)
    with_network = forms.BooleanField(label=_("Familie eller nettverk deltok"), required=False)

    def __init__(self, *args: Any, unit: Unit, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "day_user", forms.ModelChoiceField).queryset = day_users(unit=unit)
        field_of(self, "staff", StaffField).queryset = staff
        if not self.is_bound:
            self.initial.setdefault("occurred_on", timezone.localdate())
