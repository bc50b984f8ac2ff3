"""Forms for the staff pages of the organisation: they check input; services do the writes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import SubmissionForm, field_of
from helhet.organisation.choices import UnitType
from helhet.organisation.models import Municipality, Unit
from helhet.organisation.roles import Role
from helhet.organisation.selectors import current_municipalities, user_by_username

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from helhet.core.types import User

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ]{2,19}$",
    _("Skriv telefonnummeret med sifre og eventuelt mellomrom, for eksempel 22 33 44 55."),
)
username_validator = RegexValidator(
    r"^[A-Za-z0-9.@+_-]+\Z",
    _("Brukernavnet kan bare ha bokstaver a–z, sifre og tegnene . @ + - _ (ikke mellomrom)."),
)

STATUS_CHOICES = [
    ("", _("Alle")),
    ("active", _("Aktive")),
    ("inactive", _("Deaktiverte")),
]


class MunicipalityChoiceField(forms.ModelChoiceField[Municipality]):
    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.number} {obj.name}"


class MunicipalityMultipleChoiceField(forms.ModelMultipleChoiceField[Municipality]):
    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.number} {obj.name}"


class UnitForm(forms.Form):
    """A unit's name, type, municipalities and contact details."""

    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Slik enheten heter i kommunen, for eksempel «NAV Fjordvik»."),
    )
    unit_type = forms.ChoiceField(
        label=_("Type tjeneste"),
        choices=[("", _("Velg type")), *UnitType.choices],
        widget=forms.Select,
    )
    host_municipality = MunicipalityChoiceField(
        label=_("Vertskommune"),
        queryset=Municipality.objects.none(),
        empty_label=_("Velg kommune"),
        widget=forms.Select,
        help_text=_("Kommunen som driver tjenesten."),
    )
    covered_municipalities = MunicipalityMultipleChoiceField(
        label=_("Andre kommuner som dekkes"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": "8"}),
        help_text=_(
            "Bare for interkommunale tjenester. Vertskommunen dekkes alltid. "
            "Hold inne Ctrl (Cmd på Mac) for å velge flere."
        ),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=40,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-post"),
        required=False,
        error_messages={
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel post@kommune.no.")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipalities = current_municipalities()
        field_of(self, "host_municipality", forms.ModelChoiceField).queryset = municipalities
        field_of(self, "covered_municipalities", forms.ModelChoiceField).queryset = municipalities
        self.fields["name"].error_messages["required"] = _("Skriv navnet på enheten.")
        self.fields["unit_type"].error_messages["required"] = _("Velg hva slags tjeneste dette er.")
        self.fields["host_municipality"].error_messages["required"] = _(
            "Velg kommunen som driver tjenesten."
        )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


class UnitCreateForm(SubmissionForm, UnitForm):
    pass


class UnitEditForm(UnitForm):
    is_active = forms.BooleanField(
        label=_("Aktiv"),
        required=False,
        help_text=_("En enhet som ikke er aktiv, gir ikke medlemmene noen tilgang."),
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "name": unit.name,
                "unit_type": unit.unit_type,
                "host_municipality": unit.host_municipality_id,
                "covered_municipalities": [
                    m.pk
                    for m in unit.covered_municipalities.all()
                    if m.pk != unit.host_municipality_id
                ],
                "phone": unit.phone,
                "email": unit.email,
                "is_active": unit.is_active,
            },
        )
        super().__init__(*args, **kwargs)
        # A unit tied to a municipality that has since ended keeps it selectable.
        kept = [unit.host_municipality_id, *(m.pk for m in unit.covered_municipalities.all())]
        municipalities = (
            current_municipalities() | Municipality.objects.filter(pk__in=kept)
        ).order_by("number")
        field_of(self, "host_municipality", forms.ModelChoiceField).queryset = municipalities
        field_of(self, "covered_municipalities", forms.ModelChoiceField).queryset = municipalities


class UnitFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Søk"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"enterkeyhint": "search"}),
        help_text=_("Navn på enheten eller kommunen, eller kommunenummer."),
    )
    unit_type = forms.ChoiceField(
        label=_("Type tjeneste"),
        required=False,
        choices=[("", _("Alle typer")), *UnitType.choices],
        widget=forms.Select,
    )


def _role_choices(roles: list[str]) -> list[tuple[str, StrOrPromise]]:
    labels = dict(Role.choices)
    return [("", _("Velg rolle")), *((role, labels[role]) for role in roles)]


class RoleFormMixin(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=[], widget=forms.Select)

    def set_roles(self, roles: list[str]) -> None:
        field = field_of(self, "role", forms.ChoiceField)
        field.choices = _role_choices(roles)
        field.error_messages["required"] = _("Velg en rolle.")
        field.error_messages["invalid_choice"] = _("Du kan ikke gi denne rollen.")
        if Role.WORKER in roles:
            return
        # The administrator: say where the roles with case content come from.
        if Role.LEAD in roles:
            field.help_text = _(
                "Saksbehandlere og ledere får rollen av lederen i enheten. En enhet uten "
                "leder kan du gi den første lederen."
            )
        else:
            field.help_text = _("Saksbehandlere og ledere får rollen av lederen i enheten.")


class UnitMemberAddForm(SubmissionForm, RoleFormMixin):
    """Add someone to a unit by their username."""

    username = forms.CharField(
        label=_("Brukernavn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Brukernavnet til en som allerede har bruker i Helhet."),
        error_messages={"required": _("Skriv brukernavnet til den du vil legge til.")},
    )
    field_order = ["username", "role", "submission_id"]

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_roles(roles)

    def clean_username(self) -> User:
        username = self.cleaned_data["username"]
        user = user_by_username(username=username)
        if user is None:
            raise forms.ValidationError(
                _("Fant ingen bruker med brukernavnet «%(username)s». Sjekk skrivemåten."),
                params={"username": username.strip()},
            )
        return user


def _member_unit_field(**kwargs: Any) -> forms.ModelChoiceField[Unit]:
    """A choice of one of the units whose members the viewer manages (set the queryset)."""
    return forms.ModelChoiceField(
        label=_("Enhet"),
        queryset=Unit.objects.none(),
        empty_label=_("Velg enhet"),
        widget=forms.Select,
        error_messages={
            "required": _("Velg en enhet."),
            "invalid_choice": _("Du kan ikke legge til medlemmer i denne enheten."),
        },
        **kwargs,
    )


class UserMembershipAddForm(SubmissionForm, RoleFormMixin):
    """Give one user a role in one of the units the viewer manages."""

    unit = _member_unit_field()
    field_order = ["unit", "role", "submission_id"]

    def __init__(self, *args: Any, units: QuerySet[Unit], roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "unit", forms.ModelChoiceField).queryset = units.filter(
            is_active=True
        ).order_by("name")
        self.set_roles(roles)


class UserCreateForm(SubmissionForm):
    """A new member of staff. Nobody types a password for them: the user sets their own
    password and authenticator app through a one-time enrolment link."""

    username = forms.CharField(
        label=_("Brukernavn"),
        max_length=150,
        validators=[username_validator],
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Brukes for å logge inn. Gjerne det samme som i kommunens andre systemer."),
        error_messages={"required": _("Skriv et brukernavn.")},
    )
    full_name = forms.CharField(
        label=_("Fullt navn"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Skriv hele navnet til brukeren.")},
    )
    email = forms.EmailField(
        label=_("E-post"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Skriv e-postadressen til brukeren."),
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel ola@kommune.no."),
        },
    )
    field_order = ["username", "full_name", "email"]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        return username.strip().lower()


class UserCreateInUnitForm(UserCreateForm, RoleFormMixin):
    """A new member of staff, created by a lead straight into one of their units."""

    unit = _member_unit_field(help_text=_("Brukeren blir medlem av enheten med rollen du velger."))
    field_order = [*UserCreateForm.field_order, "unit", "role"]

    def __init__(self, *args: Any, units: QuerySet[Unit], roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "unit", forms.ModelChoiceField).queryset = units.filter(
            is_active=True
        ).order_by("name")
        self.set_roles(roles)


class UserFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Søk"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"enterkeyhint": "search"}),
        help_text=_("Navn, brukernavn eller e-post."),
    )
    unit = forms.ModelChoiceField(
        label=_("Enhet"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("Alle enheter"),
        widget=forms.Select,
        error_messages={"invalid_choice": _("Velg en av enhetene i listen.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=STATUS_CHOICES,
        widget=forms.Select,
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "unit", forms.ModelChoiceField).queryset = units.order_by("name")
