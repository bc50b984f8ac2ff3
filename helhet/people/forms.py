"""Forms for persons. They check shape only; the rules live in `people.services`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import SubmissionForm
from helhet.organisation.models import Unit
from helhet.people.choices import AddressProtection, Gender
from helhet.people.services import PersonInput


def _text(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs=attrs)


def _area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PersonForm(forms.Form):
    """A person's details. When the person has strengt fortrolig adresse, the address field
    is left out (`address_locked`) and the page shows a notice in its place."""

    name = forms.CharField(
        label=_("Navn"), max_length=200, widget=_text(autocomplete="off", spellcheck="false")
    )
    national_id = forms.CharField(
        label=_("Fødselsnummer eller D-nummer"),
        max_length=20,
        required=False,
        help_text=_("11 sifre. Personen kan ikke registreres to ganger med samme nummer."),
        widget=_text(inputmode="numeric", autocomplete="off"),
    )
    birth_date = forms.DateField(
        label=_("Fødselsdato"),
        required=False,
        help_text=_("Hentes fra fødselsnummeret hvis du lar feltet stå tomt."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    gender = forms.ChoiceField(
        label=_("Kjønn"),
        choices=Gender.choices,
        initial=Gender.NOT_REGISTERED,
    )
    languages = forms.CharField(
        label=_("Språk"),
        max_length=200,
        required=False,
        help_text=_("Språkene personen snakker, for eksempel «arabisk, engelsk»."),
        widget=_text(),
    )
    needs_interpreter = forms.BooleanField(label=_("Trenger tolk"), required=False)
    phone = forms.CharField(
        label=_("Telefon"), max_length=40, required=False, widget=_text(inputmode="tel")
    )
    email = forms.EmailField(
        label=_("E-post"), max_length=254, required=False, widget=_text(type="email")
    )
    address_protection = forms.ChoiceField(
        label=_("Adressesperre"),
        choices=AddressProtection.choices,
        initial=AddressProtection.NONE,
        help_text=_(
            "Politiet vedtar adressesperre. Ved strengt fortrolig adresse skal adressen "
            "ikke registreres i Helhet."
        ),
        widget=forms.Select(attrs={"data-address-protection": ""}),
    )
    address = forms.CharField(
        label=_("Adresse"), max_length=500, required=False, widget=_area(rows=3)
    )
    may_call = forms.BooleanField(label=_("Vi kan ringe"), required=False)
    may_text = forms.BooleanField(label=_("Vi kan sende SMS"), required=False)
    may_write = forms.BooleanField(label=_("Vi kan sende brev eller e-post"), required=False)
    may_leave_voicemail = forms.BooleanField(
        label=_("Vi kan legge igjen beskjed på telefonsvareren"), required=False
    )
    safe_times = forms.CharField(
        label=_("Trygge tidspunkt for kontakt"),
        max_length=300,
        required=False,
        help_text=_("Når det er trygt å ta kontakt, for eksempel «hverdager kl. 9–14»."),
        widget=_text(),
    )
    safe_contact_person = forms.CharField(
        label=_("Trygg kontaktperson"),
        max_length=300,
        required=False,
        help_text=_("Navn og telefonnummer til en person vi kan kontakte i stedet."),
        widget=_text(),
    )
    notes = forms.CharField(
        label=_("Merknader"),
        max_length=4000,
        required=False,
        help_text=_("Bare det som trengs for å hjelpe personen."),
        widget=_area(rows=4),
    )

    def __init__(
        self, *args: Any, address_locked: bool = False, address_kept: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.address_locked = address_locked
        # A stored fortrolig adresse is never put into the form: the field starts empty,
        # and an empty field keeps the address (or it can be removed with a tick).
        self.address_kept = address_kept and not address_locked
        if address_locked:
            del self.fields["address"]
        elif self.address_kept:
            self.initial["address"] = ""
            self.fields["address"].label = _("Ny adresse")
            self.fields["address"].help_text = _(
                "Personen har fortrolig adresse, og den lagrede adressen vises ikke her. "
                "La feltet stå tomt for å beholde den."
            )
            self.fields["clear_address"] = forms.BooleanField(
                label=_("Slett den lagrede adressen"), required=False
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("address_protection") == AddressProtection.STRICT
            and (cleaned.get("address") or "").strip()
        ):
            self.add_error(
                "address",
                _(
                    "Personen har strengt fortrolig adresse. Adressen skal ikke lagres i "
                    "Helhet. Fjern adressen fra feltet."
                ),
            )
        return cleaned

    def to_input(self) -> PersonInput:
        data = self.cleaned_data
        born = data.get("birth_date")
        return PersonInput(
            name=data["name"],
            national_id=data.get("national_id") or "",
            birth_date=born.isoformat() if born else "",
            gender=data["gender"],
            languages=data.get("languages") or "",
            needs_interpreter=data.get("needs_interpreter", False),
            phone=data.get("phone") or "",
            email=data.get("email") or "",
            address="" if self.address_locked else data.get("address") or "",
            keep_address=self.address_kept
            and not data.get("address")
            and not data.get("clear_address"),
            address_protection=data["address_protection"],
            may_call=data.get("may_call", False),
            may_text=data.get("may_text", False),
            may_write=data.get("may_write", False),
            may_leave_voicemail=data.get("may_leave_voicemail", False),
            safe_times=data.get("safe_times") or "",
            safe_contact_person=data.get("safe_contact_person") or "",
            notes=data.get("notes") or "",
        )


class PersonCreateForm(PersonForm, SubmissionForm):
    """Registration: the details, and which of the user's units registers the person."""

    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=None,
        empty_label=None,
        help_text=_("Personen blir synlig for de ansatte i denne enheten."),
    )

    field_order = ["unit"]

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]  # the form's own copy of the field
        if not isinstance(field, forms.ModelChoiceField):
            raise TypeError("unit is not a model choice field.")
        field.queryset = units


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søk etter navn eller fødselsnummer"),
        max_length=100,
        required=False,
        help_text=_("Fødselsnummer og D-nummer må skrives helt, med alle 11 sifrene."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Jeg forstår at personens opplysninger blir slettet for godt og ikke kan hentes "
            "tilbake, heller ikke fra sikkerhetskopier."
        ),
        error_messages={"required": _("Kryss av for å bekrefte slettingen.")},
    )


class BreakGlassForm(SubmissionForm):
    """Break-glass asks for the person's whole number, never a person id: a person is
    opened because someone is looking for them, not found by counting."""

    national_id = forms.CharField(
        label=_("Fødselsnummer eller D-nummer"),
        max_length=20,
        help_text=_("Alle de 11 sifrene. Nødtilgang kan ikke gis til en person uten nummer."),
        widget=_text(inputmode="numeric", autocomplete="off"),
    )
    reason = forms.CharField(
        label=_("Begrunnelse"),
        max_length=2000,
        help_text=_(
            "Hvorfor trenger du tilgang nå, og hvorfor kan det ikke vente? Begrunnelsen "
            "leses av personvernombudet."
        ),
        widget=_area(rows=4),
    )


class AccessLogSearchForm(forms.Form):
    identifier = forms.CharField(
        label=_("Fødselsnummer, D-nummer eller person-id"),
        max_length=20,
        help_text=_("Slettede personer finnes bare med person-id."),
        widget=_text(inputmode="numeric", autocomplete="off"),
    )
