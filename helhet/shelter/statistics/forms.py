"""The choice of report: centre, year, municipality, and internal or published view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import field_of
from helhet.organisation.models import Municipality, Unit

FIRST_YEAR = 2000


class View(TextChoices):
    PUBLISHED = "publisering", _("Til publisering: tall under grensen er skjult")
    INTERNAL = "intern", _("Intern: alle tall, bare for senteret")


def member_municipalities(unit: Unit) -> list[Municipality]:
    """The host municipality first, then the municipalities the centre covers."""
    members = [unit.host_municipality]
    members += [
        municipality
        for municipality in unit.covered_municipalities.order_by("number")
        if municipality.pk != unit.host_municipality_id
    ]
    return members


class ReportForm(forms.Form):
    senter = forms.TypedChoiceField(label=_("Krisesenter"), coerce=int)
    aar = forms.IntegerField(
        label=_("År"),
        error_messages={"invalid": _("Skriv året med fire sifre, for eksempel 2025.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    kommune = forms.ChoiceField(
        label=_("Bostedskommune"),
        required=False,
        help_text=_("Velg en kommune for å se tallene for innbyggerne der."),
    )
    visning = forms.ChoiceField(label=_("Visning"), choices=View.choices, widget=forms.RadioSelect)

    def __init__(
        self, data: dict[str, Any], *, centres: list[Unit], unit: Unit, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.unit = unit
        self.members = {
            municipality.number: municipality for municipality in member_municipalities(unit)
        }
        senter = field_of(self, "senter", forms.TypedChoiceField)
        senter.choices = [(centre.pk, centre.name) for centre in centres]
        year = self.fields["aar"]
        this_year = timezone.localdate().year
        year.validators = [
            MinValueValidator(
                FIRST_YEAR, message=_("Helhet har ingen tall fra før %(limit_value)s.")
            ),
            MaxValueValidator(
                this_year, message=_("Året har ikke begynt ennå. Velg %(limit_value)s eller før.")
            ),
        ]
        year.widget.attrs.update({"min": FIRST_YEAR, "max": this_year})
        kommune = field_of(self, "kommune", forms.ChoiceField)
        kommune.choices = [("", _("Alle kommunene senteret dekker"))] + [
            (number, str(municipality)) for number, municipality in self.members.items()
        ]

    @staticmethod
    def defaults(unit: Unit) -> dict[str, str]:
        return {
            "senter": str(unit.pk),
            "aar": str(timezone.localdate().year),
            "kommune": "",
            "visning": View.PUBLISHED,
        }

    @property
    def municipality(self) -> Municipality | None:
        number = self.cleaned_data.get("kommune") or ""
        return self.members.get(number)

    @property
    def published(self) -> bool:
        return bool(self.cleaned_data["visning"] == View.PUBLISHED)
