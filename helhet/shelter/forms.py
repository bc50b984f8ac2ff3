"""Forms of the crisis centre. They check shape (types, required fields); the rules live in
the services, whose errors the views put next to the field they concern."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.organisation.models import Municipality, Unit
from helhet.people.choices import AddressProtection, Gender
from helhet.shelter.choices import (
    AnswerList,
    BedKind,
    ClosureReason,
    ConsentScope,
    DayContactKind,
    ReferralReason,
    RiskLevel,
    TaskCategory,
    TaskStatus,
    ThreatMethod,
    YesNoUnknown,
)
from helhet.shelter.models import AnswerOption, Bed, DayUser, Room, StayChild
from helhet.shelter.selectors import answer_options

# The occupant value that means the adult resident (children are given by their id).
RESIDENT = "resident"
DATE = forms.DateInput(attrs={"type": "date", "class": "ds-input"}, format="%Y-%m-%d")


def _date(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, **kwargs)


class OptionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AnswerOption) -> str:
        return obj.display_label


class OptionMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: AnswerOption) -> str:
        return obj.display_label


def _option_field(
    answer_list: str, label: Any, *, required: bool = True, radio: bool = False
) -> Any:
    widget = forms.RadioSelect if radio else forms.Select(attrs={"class": "ds-input"})
    return OptionChoiceField(
        queryset=answer_options(answer_list),
        label=label,
        required=required,
        widget=widget,
        empty_label=None if radio else _("Velg"),
    )


def _options_field(answer_list: str, label: Any) -> Any:
    return OptionMultipleField(
        queryset=answer_options(answer_list),
        label=label,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _choice(choices: Any, label: Any, *, radio: bool = False, **kwargs: Any) -> forms.ChoiceField:
    widget = forms.RadioSelect if radio else forms.Select(attrs={"class": "ds-input"})
    return forms.ChoiceField(choices=choices, label=label, widget=widget, **kwargs)


def _text(
    label: Any, *, required: bool = False, max_length: int = 200, **attrs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs={"class": "ds-input", **attrs}),
    )


def _area(label: Any, help_text: Any = "", *, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=10_000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": rows}),
    )


def _number(
    label: Any, *, required: bool = False, min_value: int = 0, max_value: int = 9999
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=min_value,
        max_value=max_value,
        widget=forms.NumberInput(attrs={"class": "ds-input", "inputmode": "numeric"}),
    )


def _municipalities(unit: Unit | None) -> Any:
    """The municipalities the centre serves first; every municipality is allowed."""
    return Municipality.objects.filter(valid_to__isnull=True).order_by("name")


class SubmissionForm(forms.Form):
    """A form with a one-time id: a double submit finds the record the first one made."""

    submission_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_id", uuid.uuid4())


class MunicipalityField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


def _municipality_field(label: Any) -> MunicipalityField:
    return MunicipalityField(
        queryset=_municipalities(None),
        label=label,
        required=False,
        empty_label=_("Ikke oppgitt"),
        widget=forms.Select(attrs={"class": "ds-input"}),
    )


# Phone and day contacts ----------------------------------------------------------------


class PhoneContactForm(SubmissionForm):
    caller_group = _option_field(AnswerList.CALLER_GROUP, _("Hvem ringer"), radio=True)
    duration_minutes = _number(_("Varighet i minutter"), required=True, min_value=1, max_value=600)
    topics = _options_field(AnswerList.TOPIC, _("Tema"))
    outcome = _option_field(AnswerList.OUTCOME, _("Utfall"), radio=True)
    caller_gender = _choice(Gender.choices, _("Kjønn"), radio=True, initial=Gender.NOT_REGISTERED)
    municipality = _municipality_field(_("Kommune (hvis oppgitt)"))
    is_conversation = forms.BooleanField(
        label=_("Enesamtale (en strukturert samtale i stedet for et møte)"), required=False
    )
    started_at = forms.DateTimeField(
        label=_("Tidspunkt"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "ds-input"}, format="%Y-%m-%dT%H:%M"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(
                "started_at", timezone.localtime().replace(second=0, microsecond=0)
            )
        self.fields["caller_group"].widget.attrs["autofocus"] = True


class DayContactForm(SubmissionForm):
    day_user = forms.ModelChoiceField(
        queryset=DayUser.objects.none(),
        label=_("Bruker"),
        required=False,
        empty_label=_("Ny bruker (fyll ut nedenfor)"),
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    new_name = _text(_("Navn (bare for registrerte brukere)"), autocomplete="off")
    new_gender = _choice(Gender.choices, _("Kjønn"), initial=Gender.NOT_REGISTERED, required=False)
    new_birth_year = _number(_("Fødselsår"), min_value=1900, max_value=2100)
    new_municipality = _municipality_field(_("Bostedskommune"))
    occurred_on = _date(_("Dato"))
    kind = _choice(
        DayContactKind.choices, _("Type kontakt"), radio=True, initial=DayContactKind.VISIT
    )
    duration_minutes = _number(_("Varighet i minutter"), min_value=1, max_value=1440)
    topics = _options_field(AnswerList.TOPIC, _("Tema"))
    staff = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Ansatte som deltok"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    with_children = forms.BooleanField(label=_("Barn deltok"), required=False)
    with_interpreter = forms.BooleanField(label=_("Tolk deltok"), required=False)
    with_other_service = forms.BooleanField(label=_("Annen tjeneste deltok"), required=False)
    with_network = forms.BooleanField(label=_("Familie eller nettverk deltok"), required=False)

    def __init__(self, *args: Any, unit: Unit, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["day_user"].queryset = DayUser.objects.filter(unit=unit).order_by("-created_at")
        self.fields["staff"].queryset = staff
        self.fields["staff"].label_from_instance = lambda user: user.display_name
        if not self.is_bound:
            self.initial.setdefault("occurred_on", timezone.localdate())


# Stays ----------------------------------------------------------------------------------


class StayForm(forms.Form):
    """Bufdir's resident form: how they came, violence, perpetrator, needs, consent."""

    arrived_on = _date(_("Ankomstdato"))
    referrer = _option_field(AnswerList.REFERRER, _("Hvordan kom beboeren i kontakt med senteret"))
    municipality = _municipality_field(_("Bostedskommune"))
    violence_types = _options_field(AnswerList.VIOLENCE_TYPE, _("Voldsformer"))
    violence_repeated = _choice(
        YesNoUnknown.choices, _("Gjentatt vold"), initial=YesNoUnknown.UNKNOWN
    )
    perpetrator_relation = _option_field(
        AnswerList.PERPETRATOR_RELATION, _("Relasjon til utøver"), required=False
    )
    perpetrator_gender = _choice(Gender.choices, _("Utøvers kjønn"), initial=Gender.NOT_REGISTERED)
    disability = _choice(
        YesNoUnknown.choices, _("Funksjonsnedsettelse"), initial=YesNoUnknown.UNKNOWN
    )
    immigrant_background = _choice(
        YesNoUnknown.choices, _("Innvandrerbakgrunn"), initial=YesNoUnknown.UNKNOWN
    )
    earlier_contact = _choice(
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
            self.fields[name].queryset = answer_options(answer_list, include=include)


class ResidentForm(SubmissionForm):
    """The adult resident, registered as a person (identifying fields are encrypted)."""

    name = _text(_("Navn"), autocomplete="off")
    birth_year = _number(_("Fødselsår"), min_value=1900, max_value=2100)
    gender = _choice(Gender.choices, _("Kjønn"), initial=Gender.NOT_REGISTERED)
    languages = _text(_("Språk"))
    address_protection = _choice(
        AddressProtection.choices, _("Adressesperre"), initial=AddressProtection.NONE
    )
    may_call = forms.BooleanField(label=_("Kan ringes"), required=False)
    may_text = forms.BooleanField(label=_("Kan få SMS"), required=False)
    may_write = forms.BooleanField(label=_("Kan få brev eller e-post"), required=False)
    may_leave_voicemail = forms.BooleanField(label=_("Kan få talemelding"), required=False)
    safe_times = _text(_("Trygge tidspunkter å ta kontakt"))
    safe_contact_person = _text(_("Trygg kontaktperson"))


class ChildForm(forms.Form):
    name = _text(_("Barnets navn"), autocomplete="off")
    birth_year = _number(_("Fødselsår"), min_value=1900, max_value=2100)
    gender = _choice(Gender.choices, _("Kjønn"), initial=Gender.NOT_REGISTERED)
    statistics_consent = forms.BooleanField(
        label=_(
            "Samtykke til statistikkregistrering (omsorgspersonen bestemmer for barn under 16)"
        ),
        required=False,
    )
    school_interrupted = _choice(
        YesNoUnknown.choices, _("Avbrudd i barnehage eller skole"), initial=YesNoUnknown.UNKNOWN
    )
    witnessed_violence = _choice(
        YesNoUnknown.choices, _("Har sett eller hørt vold"), initial=YesNoUnknown.UNKNOWN
    )
    suffered_violence = _choice(
        YesNoUnknown.choices, _("Har selv vært utsatt for vold"), initial=YesNoUnknown.UNKNOWN
    )
    child_welfare_contact = _choice(
        YesNoUnknown.choices, _("Kontakt med barnevernet"), initial=YesNoUnknown.UNKNOWN
    )
    contact_with_violent_parent = _choice(
        YesNoUnknown.choices,
        _("Kontakt med forelder som har utøvd vold"),
        initial=YesNoUnknown.UNKNOWN,
    )

    def has_child(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("name", "").strip())


ChildFormSet = formset_factory(ChildForm, extra=3, max_num=10, validate_max=True)


class ChildAddForm(ChildForm):
    arrived_on = _date(_("Ankomstdato"))
    submission_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        if not self.is_bound:
            self.initial.setdefault("arrived_on", timezone.localdate())
            self.initial.setdefault("submission_id", uuid.uuid4())


class BedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Bed) -> str:
        return f"{obj.room.name} – {obj.label} ({obj.get_kind_display()})"


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Room) -> str:
        free = getattr(obj, "free_count", None)
        if free is None:
            return obj.name
        return _("%(room)s (%(free)s ledige senger)") % {"room": obj.name, "free": free}


class RoomAllocateForm(forms.Form):
    room = RoomChoiceField(
        queryset=Room.objects.none(),
        label=_("Rom"),
        empty_label=_("Velg rom"),
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    starts_on = _date(_("Fra og med"))

    def __init__(self, *args: Any, rooms: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms
        if not self.is_bound:
            self.initial.setdefault("starts_on", timezone.localdate())


class BedAllocateForm(forms.Form):
    bed = BedChoiceField(
        queryset=Bed.objects.none(),
        label=_("Seng"),
        empty_label=_("Velg seng"),
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    occupant = forms.ChoiceField(
        label=_("Hvem skal ha sengen"), widget=forms.Select(attrs={"class": "ds-input"})
    )
    starts_on = _date(_("Fra og med"))

    def __init__(
        self, *args: Any, beds: Any, occupants: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bed"].queryset = beds
        self.fields["occupant"].choices = occupants
        if not self.is_bound:
            self.initial.setdefault("starts_on", timezone.localdate())


class StayEndForm(forms.Form):
    departed_on = _date(_("Utflyttingsdato"))
    destination = _option_field(AnswerList.DESTINATION, _("Hvor skal beboeren bo etter oppholdet"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("departed_on", timezone.localdate())


class CapacityReferralForm(SubmissionForm):
    occurred_on = _date(_("Dato"))
    reason = _choice(ReferralReason.choices, _("Årsak"), radio=True, initial=ReferralReason.FULL)
    referred_to = _text(_("Henvist til (senter eller tilbud)"), required=True)
    adults = _number(_("Antall voksne"), required=True, max_value=20)
    children = _number(_("Antall barn"), required=True, max_value=20)
    gender = _choice(Gender.choices, _("Kjønn (den voksne)"), initial=Gender.NOT_REGISTERED)
    municipality = _municipality_field(_("Bostedskommune"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("occurred_on", timezone.localdate())
            self.initial.setdefault("adults", 1)
            self.initial.setdefault("children", 0)


# Safety plan, threat mapping --------------------------------------------------------------


class SafetyPlanForm(forms.Form):
    dangers = _area(_("Farer"), _("Hva og hvem er farlig, og i hvilke situasjoner?"))
    warning_signs = _area(_("Varseltegn"), _("Hva tyder på at faren øker?"))
    safe_places = _area(
        _("Trygge steder og personer"), _("Hvor kan beboeren gå, og hvem kan hjelpe?")
    )
    what_to_do = _area(_("Hva gjør beboeren"), _("Konkrete steg når faren øker, og nødnumre."))
    children_plan = _area(_("Barnas plan"), _("Hva gjør barna, og hvem henter dem?"))
    digital_safety = _area(
        _("Digital sikkerhet"), _("Telefon, sosiale medier, sporing, passord og delte kontoer.")
    )
    reviewed_on = _date(_("Gjennomgått dato"))
    next_review_on = _date(_("Neste gjennomgang"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("reviewed_on", timezone.localdate())


class ThreatForm(SubmissionForm):
    assessed_on = _date(_("Dato for kartleggingen"))
    method = _choice(
        ThreatMethod.choices, _("Metode"), initial=ThreatMethod.STRUCTURED_CONVERSATION
    )
    risk_level = _choice(RiskLevel.choices, _("Risikonivå"), radio=True)
    threats = _area(_("Trusler og vold som er kartlagt"))
    perpetrator = _area(_("Om utøveren (tilgang til våpen, brudd på besøksforbud, rus)"))
    children = _area(_("Barnas situasjon"))
    measures = _area(_("Tiltak"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("assessed_on", timezone.localdate())


# Follow-up ----------------------------------------------------------------------------------


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class UnitMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


def _active_units() -> Any:
    return Unit.objects.filter(is_active=True).order_by("name")


class ConsentForm(forms.Form):
    share_consent = forms.BooleanField(
        label=_("Personen samtykker til at oppgaver deles med enhetene som er valgt"),
        required=False,
    )
    scope = _choice(
        ConsentScope.choices, _("Hva kan deles"), radio=True, initial=ConsentScope.TASKS
    )
    units = UnitMultipleField(
        queryset=Unit.objects.none(),
        label=_("Enheter det kan deles med"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    given_on = _date(_("Samtykke gitt"), required=False)
    expires_on = _date(_("Samtykket varer til"), required=False)

    def __init__(self, *args: Any, centre: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = _active_units().exclude(pk=centre.pk)


class TaskForm(forms.Form):
    category = _choice(TaskCategory.choices, _("Område"))
    title = _text(_("Oppgave"), required=True)
    responsible_unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("Ansvarlig enhet"),
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    due_on = _date(_("Frist"))
    status = _choice(TaskStatus.choices, _("Status"), initial=TaskStatus.NOT_STARTED)
    notes = _area(_("Notater"), rows=3)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = _active_units()


class TaskCreateForm(TaskForm, SubmissionForm):
    """A new task, with the one-time id that makes a double submit add it once."""


class TaskStatusForm(forms.Form):
    """What the responsible unit may change: the status, and notes if the consent says so."""

    status = _choice(TaskStatus.choices, _("Status"))
    notes = _area(_("Notater"), rows=3)

    def __init__(self, *args: Any, notes_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not notes_allowed:
            del self.fields["notes"]


# Rooms, beds and answer lists ----------------------------------------------------------


class RoomForm(forms.Form):
    name = _text(_("Navn"), required=True, max_length=60)
    is_family_room = forms.BooleanField(label=_("Familierom"), required=False)
    is_accessible = forms.BooleanField(label=_("Tilgjengelig for rullestol"), required=False)
    is_ground_floor = forms.BooleanField(label=_("På bakkeplan"), required=False)
    allows_pets = forms.BooleanField(label=_("Dyr tillatt"), required=False)
    has_own_bathroom = forms.BooleanField(label=_("Eget bad"), required=False)
    is_mens_unit = forms.BooleanField(label=_("I avdeling for menn"), required=False)
    is_active = forms.BooleanField(label=_("I bruk"), required=False, initial=True)


class BedForm(forms.Form):
    label = _text(_("Navn på sengen"), required=True, max_length=40)
    kind = _choice(BedKind.choices, _("Type"), initial=BedKind.ADULT)


class ClosureForm(forms.Form):
    starts_on = _date(_("Ute av drift fra og med"))
    ends_on = _date(_("Tilbake i drift"), required=False)
    reason = _choice(ClosureReason.choices, _("Årsak"))


class AnswerOptionForm(forms.Form):
    answer_list = _choice(AnswerList.choices, _("Svarliste"))
    label = _text(_("Tekst (bokmål)"), required=True, max_length=120)
    label_en = _text(_("Tekst (engelsk)"), max_length=120)


def occupant_choices(
    stay: Any, children: list[StayChild], names: dict[int, Any]
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
