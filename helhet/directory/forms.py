"""Forms for the coordinator's directory pages. They check input; services do the writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import SubmissionForm, field_of
from helhet.directory.choices import (
    SERVICE_LANGUAGES,
    AddressType,
    LocationType,
    PhoneType,
    ServiceStatus,
    TaxonomyCode,
    Weekday,
)
from helhet.directory.models import (
    TRANSLATION_LANGUAGES,
    Location,
    Organization,
    Service,
    TaxonomyTerm,
)
from helhet.directory.selectors import (
    location_choices,
    municipality_choices,
    organization_choices,
    terms_by_taxonomy,
    unit_choices,
)
from helhet.directory.services import AddressData, PhoneData, ScheduleData, ServiceData

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ]{2,19}$",
    _("Skriv telefonnummeret med sifre og eventuelt mellomrom, for eksempel 22 33 44 55."),
)


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class TermField(forms.ModelMultipleChoiceField[TaxonomyTerm]):
    def label_from_instance(self, obj: TaxonomyTerm) -> str:
        return obj.label


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Søk"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *ServiceStatus.choices],
    )
    published = forms.ChoiceField(
        label=_("Publisert"),
        required=False,
        choices=[("", _("Alle")), ("yes", _("Publisert")), ("no", _("Ikke publisert"))],
    )
    organization = forms.ModelChoiceField(
        label=_("Organisasjon"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("Alle"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "organization", forms.ModelChoiceField).queryset = organization_choices()


class LocationSearchForm(forms.Form):
    q = forms.CharField(label=_("Søk"), required=False, max_length=200)


class ServiceForm(forms.ModelForm[Service]):
    """A service's own fields and the lists that are chosen from (terms, areas, …)."""

    needs = TermField(
        label=_("Behov"),
        queryset=terms_by_taxonomy(code=TaxonomyCode.NEED),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Hvem kan finne tjenesten når de søker etter hjelp på nettsiden?"),
    )
    audiences = TermField(
        label=_("Målgruppe"),
        queryset=terms_by_taxonomy(code=TaxonomyCode.AUDIENCE),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    service_types = TermField(
        label=_("Type tjeneste"),
        queryset=terms_by_taxonomy(code=TaxonomyCode.SERVICE_TYPE),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = forms.MultipleChoiceField(
        label=_("Kommuner tjenesten dekker"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    national = forms.BooleanField(label=_("Tjenesten dekker hele landet"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Språk tjenesten gis på (uten tolk)"),
        required=False,
        choices=SERVICE_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    url = forms.URLField(
        label=_("Nettside"),
        required=False,
        assume_scheme="https",
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Steder"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Et sted med hemmelig adresse vises som «adressen får du når du ringer»."),
    )

    class Meta:
        model = Service
        fields = [
            "organization",
            "unit",
            "name",
            "alternate_name",
            "status",
            "description",
            "eligibility_description",
            "application_process",
            "fees_description",
            "interpretation_services",
            "referral_required",
            "minimum_age",
            "maximum_age",
            "url",
            "email",
            "alert",
        ]
        widgets = {
            "description": _textarea(5),
            "eligibility_description": _textarea(),
            "application_process": _textarea(),
            "fees_description": _textarea(2),
            "interpretation_services": _textarea(2),
            "minimum_age": forms.NumberInput(attrs={"min": 0, "max": 130}),
            "maximum_age": forms.NumberInput(attrs={"min": 0, "max": 130}),
            "alert": _textarea(2),
        }
        help_texts = {
            "description": _("Skriv kort og enkelt: hva får man hjelp til, og hos hvem?"),
            "alert": _("Midlertidig beskjed, for eksempel endret åpningstid i ferien."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "organization", forms.ModelChoiceField).queryset = organization_choices()
        field_of(self, "unit", forms.ModelChoiceField).queryset = unit_choices()
        self.fields["unit"].help_text = _("Fyll ut hvis tjenesten er en enhet i Helhet.")
        field_of(self, "locations", forms.ModelChoiceField).queryset = location_choices()
        field_of(self, "municipalities", forms.ChoiceField).choices = municipality_choices()
        self.fields["description"].required = True
        if self.instance.pk:
            self._initial_from_instance(self.instance)

    def _initial_from_instance(self, service: Service) -> None:
        terms = [attribute.taxonomy_term for attribute in service.attributes.all()]
        for name, code in (
            ("needs", TaxonomyCode.NEED),
            ("audiences", TaxonomyCode.AUDIENCE),
            ("service_types", TaxonomyCode.SERVICE_TYPE),
        ):
            self.initial[name] = [term.pk for term in terms if term.taxonomy.code == code]
        areas = list(service.service_areas.all())
        self.initial["municipalities"] = [
            a.municipality_number for a in areas if a.municipality_number
        ]
        self.initial["national"] = any(not a.municipality_number for a in areas)
        self.initial["languages"] = [language.code for language in service.languages.all()]
        self.initial["locations"] = [sal.location_id for sal in service.service_at_locations.all()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error("maximum_age", _("Høyeste alder kan ikke være lavere enn minste alder."))
        return data

    def _post_clean(self) -> None:
        # The service validates the model (and its constraints) when it writes.
        return


class ServiceCreateForm(ServiceForm, SubmissionForm):
    """A new service: the service's fields and the submission id against double posts."""


class PhoneForm(forms.Form):
    number = forms.CharField(
        label=_("Telefonnummer"),
        max_length=40,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    type = forms.ChoiceField(label=_("Type"), choices=PhoneType.choices)
    description = forms.CharField(
        label=_("Beskrivelse"),
        max_length=300,
        required=False,
        help_text=_("For eksempel «hele døgnet» eller «for barn og unge»."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Språk på telefonen"),
        choices=SERVICE_LANGUAGES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        delete = data.get("DELETE")
        if (
            not delete
            and not data.get("number")
            and (data.get("description") or data.get("languages"))
        ):
            self.add_error("number", _("Skriv telefonnummeret, eller fjern raden."))
        return data

    def phone_data(self) -> PhoneData | None:
        data = self.cleaned_data
        if not data or data.get("DELETE") or not data.get("number"):
            return None
        return PhoneData(
            number=data["number"].strip(),
            type=data["type"],
            description=data.get("description", ""),
            languages=tuple(data.get("languages") or ()),
        )


class ScheduleForm(forms.Form):
    open_24_7 = forms.BooleanField(label=_("Døgnåpent"), required=False)
    days = forms.MultipleChoiceField(
        label=_("Dager"),
        choices=Weekday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_at = forms.TimeField(
        label=_("Åpner"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    closes_at = forms.TimeField(
        label=_("Stenger"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Et klokkeslett før åpningstiden betyr at det stenger neste dag."),
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        max_length=300,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("DELETE") or data.get("open_24_7"):
            return data
        parts = [data.get("days"), data.get("opens_at"), data.get("closes_at")]
        if not any(parts) and not data.get("description"):
            return data
        if not data.get("days"):
            self.add_error("days", _("Velg minst én dag, eller kryss av for døgnåpent."))
        if data.get("opens_at") is None:
            self.add_error("opens_at", _("Skriv når det åpner."))
        if data.get("closes_at") is None:
            self.add_error("closes_at", _("Skriv når det stenger."))
        elif data.get("opens_at") == data.get("closes_at"):
            self.add_error("closes_at", _("Stengetiden kan ikke være lik åpningstiden."))
        return data

    def schedule_data(self) -> ScheduleData | None:
        data = self.cleaned_data
        if not data or data.get("DELETE"):
            return None
        if data.get("open_24_7"):
            return ScheduleData(open_24_7=True, description=data.get("description", ""))
        if not data.get("days"):
            return None
        order = [code for code, _label in Weekday.choices]
        return ScheduleData(
            days=tuple(sorted(data["days"], key=order.index)),
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            description=data.get("description", ""),
        )


PhoneFormSet = forms.formset_factory(PhoneForm, extra=1, can_delete=True, max_num=10)
ScheduleFormSet = forms.formset_factory(ScheduleForm, extra=1, can_delete=True, max_num=14)


def phone_initial(service: Service | None) -> list[dict[str, Any]]:
    if service is None:
        return []
    return [
        {
            "number": phone.number,
            "type": phone.type,
            "description": phone.description,
            "languages": [language.code for language in phone.languages.all()],
        }
        for phone in service.phones.all()
    ]


def schedule_initial(service: Service | None) -> list[dict[str, Any]]:
    if service is None:
        return []
    return [
        {
            "open_24_7": schedule.open_24_7,
            "days": schedule.days,
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "description": schedule.description,
        }
        for schedule in service.schedules.all()
    ]


def service_data(
    form: ServiceForm,
    phones: forms.BaseFormSet[PhoneForm],
    schedules: forms.BaseFormSet[ScheduleForm],
) -> ServiceData:
    """Everything the three forms hold, as the input of service_create/service_update."""
    data = form.cleaned_data
    terms: QuerySet[TaxonomyTerm] = data["needs"] | data["audiences"] | data["service_types"]
    return ServiceData(
        organization=data["organization"],
        unit=data.get("unit"),
        name=data["name"],
        alternate_name=data.get("alternate_name", ""),
        description=data["description"],
        url=data.get("url", ""),
        email=data.get("email", ""),
        status=data["status"],
        eligibility_description=data.get("eligibility_description", ""),
        application_process=data.get("application_process", ""),
        fees_description=data.get("fees_description", ""),
        interpretation_services=data.get("interpretation_services", ""),
        referral_required=data.get("referral_required", False),
        minimum_age=data.get("minimum_age"),
        maximum_age=data.get("maximum_age"),
        alert=data.get("alert", ""),
        terms=tuple(terms),
        municipality_numbers=tuple(data.get("municipalities") or ()),
        national=data.get("national", False),
        languages=tuple(data.get("languages") or ()),
        locations=tuple(data.get("locations") or ()),
        phones=tuple(p for p in (f.phone_data() for f in phones.forms) if p is not None),
        schedules=tuple(s for s in (f.schedule_data() for f in schedules.forms) if s is not None),
    )


class VerifyForm(forms.Form):
    last_verified_on = forms.DateField(
        label=_("Kontrollert dato"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class TranslationForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200, required=False)
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=_textarea(5))
    eligibility_description = forms.CharField(
        label=_("Hvem tilbudet er for"), required=False, widget=_textarea()
    )
    application_process = forms.CharField(
        label=_("Slik tar du kontakt"), required=False, widget=_textarea()
    )
    fees_description = forms.CharField(label=_("Pris"), required=False, widget=_textarea(2))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((data.get(name) or "").strip() for name in self.fields):
            raise forms.ValidationError(_("Skriv minst ett felt. Tomme felt vises på bokmål."))
        return data


def translation_language_label(code: str) -> str:
    return str(dict(TRANSLATION_LANGUAGES).get(code, code))


class OrganizationForm(SubmissionForm):
    """A new organisation (the municipality, the police, a foundation)."""

    name = forms.CharField(label=_("Navn"), max_length=200)
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=_textarea())
    website = forms.URLField(
        label=_("Nettside"),
        required=False,
        assume_scheme="https",
    )
    email = forms.EmailField(label=_("E-post"), required=False)


class LocationForm(forms.Form):
    """A location and its one street or postal address.

    A confidential location's address is write-only here: the form never shows it, and
    empty address fields keep the stored address.
    """

    name = forms.CharField(label=_("Navn"), max_length=200)
    location_type = forms.ChoiceField(label=_("Type sted"), choices=LocationType.choices)
    organization = forms.ModelChoiceField(
        label=_("Organisasjon"),
        queryset=Organization.objects.none(),
        required=False,
    )
    is_confidential = forms.BooleanField(
        label=_("Hemmelig adresse"),
        required=False,
        help_text=_(
            "Kryss av for krisesenteret. Adressen vises da aldri på nettsiden, i API-et "
            "eller i eksporten, og heller ikke her etter at den er lagret."
        ),
    )
    meeting_place = forms.CharField(
        label=_("Møtested"),
        max_length=300,
        required=False,
        help_text=_("Vises i stedet for adressen når adressen er hemmelig."),
    )
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=_textarea())
    transportation = forms.CharField(
        label=_("Slik kommer du dit"), required=False, widget=_textarea(2)
    )
    url = forms.URLField(
        label=_("Nettadresse"),
        required=False,
        assume_scheme="https",
        help_text=_("For digitale steder: chat eller nettside."),
    )
    address_1 = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    postal_code = forms.CharField(
        label=_("Postnummer"),
        max_length=10,
        required=False,
        validators=[RegexValidator(r"^\d{4}$", _("Postnummeret har fire sifre."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    city = forms.CharField(label=_("Poststed"), max_length=100, required=False)
    accessibility = forms.CharField(
        label=_("Tilgjengelighet"),
        required=False,
        widget=_textarea(3),
        help_text=_("Én ting per linje, for eksempel «Trinnfri inngang» eller «Teleslynge»."),
    )

    def __init__(self, *args: Any, location: Location | None = None, **kwargs: Any) -> None:
        self.location = location
        if location is not None:
            kwargs.setdefault("initial", {}).update(
                {
                    "name": location.name,
                    "location_type": location.location_type,
                    "organization": location.organization_id,
                    "is_confidential": location.is_confidential,
                    "meeting_place": location.meeting_place,
                    "description": location.description,
                    "transportation": location.transportation,
                    "url": location.url,
                    "accessibility": "\n".join(a.description for a in location.accessibility.all()),
                }
            )
            if not location.is_confidential:
                address = location.addresses.first()
                if address is not None:
                    kwargs["initial"].update(
                        {
                            "address_1": address.address_1,
                            "postal_code": address.postal_code,
                            "city": address.city,
                        }
                    )
        super().__init__(*args, **kwargs)
        field_of(self, "organization", forms.ModelChoiceField).queryset = organization_choices()
        if location is not None and location.is_confidential and location.addresses.exists():
            help_text = _("En adresse er lagret og vises ikke. Fyll ut bare for å erstatte den.")
            for name in ("address_1", "postal_code", "city"):
                self.fields[name].help_text = help_text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = [data.get("address_1"), data.get("postal_code"), data.get("city")]
        if any(parts) and not all(parts):
            for name, value in zip(("address_1", "postal_code", "city"), parts, strict=True):
                if not value:
                    self.add_error(name, _("Fyll ut hele adressen, eller ingen del av den."))
        return data

    def address_data(self) -> tuple[AddressData, ...] | None:
        """The new address; None keeps the stored one (a confidential location's form
        starts empty), an empty tuple removes it."""
        data = self.cleaned_data
        if data.get("address_1"):
            kind = (
                AddressType.POSTAL
                if data["location_type"] == LocationType.POSTAL
                else AddressType.PHYSICAL
            )
            return (
                AddressData(
                    address_1=data["address_1"],
                    postal_code=data["postal_code"],
                    city=data["city"],
                    region=data["city"],
                    address_type=kind,
                ),
            )
        if self.location is not None and self.location.is_confidential:
            return None
        return ()

    def accessibility_lines(self) -> tuple[str, ...]:
        lines = (self.cleaned_data.get("accessibility") or "").splitlines()
        return tuple(line.strip()[:300] for line in lines if line.strip())

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data.get(name) or ("" if name != "organization" else None)
            for name in (
                "name",
                "location_type",
                "organization",
                "meeting_place",
                "description",
                "transportation",
                "url",
            )
        } | {"is_confidential": bool(data.get("is_confidential"))}


class LocationCreateForm(LocationForm, SubmissionForm):
    """A new location, with the submission id against double posts."""
