"""Forms of a stay: intake (the resident, the stay and the children), changes, a child
who comes later, and the departure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import SubmissionForm, field_of
from helhet.people.choices import AddressProtection, Gender
from helhet.shelter.choices import AnswerList, YesNoUnknown
from helhet.shelter.forms.fields import (
    choice_field,
    date_field,
    municipality_field,
    number_field,
    option_field,
    options_field,
    text_field,
)
from helhet.shelter.selectors import answer_options


class StayForm(forms.Form):
    """Bufdir's resident form: how they came, violence, perpetrator, needs, consent."""

    arrived_on = date_field(_("Ankomstdato"))
    referrer = option_field(AnswerList.REFERRER, _("Hvordan kom beboeren i kontakt med senteret"))
    municipality = municipality_field(_("Bostedskommune"))
    violence_types = options_field(AnswerList.VIOLENCE_TYPE, _("Voldsformer"))
    violence_repeated = choice_field(
        YesNoUnknown.choices, _("Gjentatt vold"), initial=YesNoUnknown.UNKNOWN
    )
    perpetrator_relation = option_field(
        AnswerList.PERPETRATOR_RELATION, _("Relasjon til utøver"), required=False
    )
    perpetrator_gender = choice_field(
        Gender.choices, _("Utøvers kjønn"), initial=Gender.NOT_REGISTERED
    )
    disability = choice_field(
        YesNoUnknown.choices, _("Funksjonsnedsettelse"), initial=YesNoUnknown.UNKNOWN
    )
    immigrant_background = choice_field(
        YesNoUnknown.choices, _("Innvandrerbakgrunn"), initial=YesNoUnknown.UNKNOWN
    )
    earlier_contact = choice_field(
        YesNoUnknown.choices, _("Tidligere kontakt med krisesenter"), initial=YesNoUnknown.UNKNOWN
    )
    needs_interpreter = forms.BooleanField(label=_("Trenger tolk"), required=False)
    needs_sign_language = forms.BooleanField(label=_("Trenger tegnspråktolk"), required=False)
    needs_accessibility = forms.BooleanField(
        label=_("Trenger tilgjengelig rom (rullestol, bakkeplan)"), required=False
    )
    substance_use = forms.BooleanField(label=_("Rusproblemer"), required=False)
    mental_health = forms.BooleanField(label=_("Psykiske helseproblemer"), required=False)
    has_pets = forms.BooleanField(label=_("Har med dyr"), required=False)
    statistics_consent = forms.BooleanField(
        label=_("Beboeren samtykker til at oppholdet registreres i Bufdirs statistikk"),
        required=False,
    )

    def __init__(self, *args: Any, include: tuple[int, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "arrived_on" not in self.initial:
            self.initial["arrived_on"] = timezone.localdate()
        # An option taken out of use still shows on the stay that has it.
        for name, answer_list in (
            ("referrer", AnswerList.REFERRER),
            ("perpetrator_relation", AnswerList.PERPETRATOR_RELATION),
            ("violence_types", AnswerList.VIOLENCE_TYPE),
        ):
            field_of(self, name, forms.ModelChoiceField).queryset = answer_options(
                answer_list, include=include
            )


class ResidentForm(SubmissionForm):
    """The adult resident, registered as a person (identifying fields are encrypted)."""

    name = text_field(_("Navn"), autocomplete="off")
    birth_year = number_field(_("Fødselsår"), min_value=1900, max_value=2100)
    gender = choice_field(Gender.choices, _("Kjønn"), initial=Gender.NOT_REGISTERED)
    languages = text_field(_("Språk"))
    address_protection = choice_field(
        AddressProtection.choices, _("Adressesperre"), initial=AddressProtection.NONE
    )
    may_call = forms.BooleanField(label=_("Kan ringes"), required=False)
    may_text = forms.BooleanField(label=_("Kan få SMS"), required=False)
    may_write = forms.BooleanField(label=_("Kan få brev eller e-post"), required=False)
    may_leave_voicemail = forms.BooleanField(label=_("Kan få talemelding"), required=False)
    safe_times = text_field(_("Trygge tidspunkter å ta kontakt"))
    safe_contact_person = text_field(_("Trygg kontaktperson"))


class ChildForm(forms.Form):
    name = text_field(_("Barnets navn"), autocomplete="off")
    birth_year = number_field(_("Fødselsår"), min_value=1900, max_value=2100)
    gender = choice_field(Gender.choices, _("Kjønn"), initial=Gender.NOT_REGISTERED)
    statistics_consent = forms.BooleanField(
        label=_(
            "Samtykke til statistikkregistrering (omsorgspersonen bestemmer for barn under 16)"
        ),
        required=False,
    )
    school_interrupted = choice_field(
        YesNoUnknown.choices, _("Avbrudd i barnehage eller skole"), initial=YesNoUnknown.UNKNOWN
    )
    witnessed_violence = choice_field(
        YesNoUnknown.choices, _("Har sett eller hørt vold"), initial=YesNoUnknown.UNKNOWN
    )
    suffered_violence = choice_field(
        YesNoUnknown.choices, _("Har selv vært utsatt for vold"), initial=YesNoUnknown.UNKNOWN
    )
    child_welfare_contact = choice_field(
        YesNoUnknown.choices, _("Kontakt med barnevernet"), initial=YesNoUnknown.UNKNOWN
    )
    contact_with_violent_parent = choice_field(
        YesNoUnknown.choices,
        _("Kontakt med forelder som har utøvd vold"),
        initial=YesNoUnknown.UNKNOWN,
    )

    def has_child(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("name", "").strip())


ChildFormSet = formset_factory(ChildForm, extra=3, max_num=10, validate_max=True)


class ChildAddForm(ChildForm, SubmissionForm):
    """A child who comes after the resident, with the one-time id of a creating form."""

    arrived_on = date_field(_("Ankomstdato"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        if not self.is_bound:
            self.initial.setdefault("arrived_on", timezone.localdate())


class StayEndForm(forms.Form):
    departed_on = date_field(_("Utflyttingsdato"))
    destination = option_field(AnswerList.DESTINATION, _("Hvor skal beboeren bo etter oppholdet"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("departed_on", timezone.localdate())
