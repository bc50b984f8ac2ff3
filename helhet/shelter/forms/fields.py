"""The fields the crisis centre's forms are built from. The project's form renderer draws
them (and gives boxed widgets the design system's class); only attributes that change
what the browser does (`type=date`, `inputmode`, `rows`) are set here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.organisation.models import Municipality
from helhet.organisation.selectors import current_municipalities
from helhet.shelter.models import AnswerOption
from helhet.shelter.selectors import answer_options

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, **kwargs)


class OptionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AnswerOption) -> str:
        return obj.display_label


class OptionMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: AnswerOption) -> str:
        return obj.display_label


def option_field(
    answer_list: str, label: Any, *, required: bool = True, radio: bool = False
) -> OptionChoiceField:
    return OptionChoiceField(
        queryset=answer_options(answer_list),
        label=label,
        required=required,
        widget=forms.RadioSelect if radio else forms.Select,
        empty_label=None if radio else _("Velg"),
    )


def options_field(answer_list: str, label: Any) -> OptionMultipleField:
    return OptionMultipleField(
        queryset=answer_options(answer_list),
        label=label,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def choice_field(
    choices: Any, label: Any, *, radio: bool = False, **kwargs: Any
) -> forms.ChoiceField:
    widget = forms.RadioSelect if radio else forms.Select
    return forms.ChoiceField(choices=choices, label=label, widget=widget, **kwargs)


def text_field(
    label: Any, *, required: bool = False, max_length: int = 200, **attrs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs=attrs),
    )


def area_field(label: Any, help_text: Any = "", *, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=10_000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def number_field(
    label: Any, *, required: bool = False, min_value: int = 0, max_value: int = 9999
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=min_value,
        max_value=max_value,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class MunicipalityField(forms.ModelChoiceField):
    """The municipalities valid today, by name. The list is read again for every form, so
    a municipality merged away on New Year's Day is gone without a restart."""

    def __deepcopy__(self, memo: dict[int, Any]) -> MunicipalityField:
        result = super().__deepcopy__(memo)
        result.queryset = current_municipalities().order_by("name")
        return result

    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


def municipality_field(label: Any) -> MunicipalityField:
    return MunicipalityField(
        queryset=current_municipalities().order_by("name"),
        label=label,
        required=False,
        empty_label=_("Ikke oppgitt"),
    )
