"""The fields the crisis centre's forms are built from. The project's form renderer draws
them (and gives boxed widgets the design system's class); only attributes that change
what the browser does (`type=date`, `inputmode`, `rows`) are set here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.utils.translation import gettext_lazy as _

from helhet.organisation.models import Municipality
from helhet.organisation.selectors import current_municipalities
from helhet.shelter.models import AnswerOption
from helhet.shelter.selectors import answer_options

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label: StrOrPromise, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, **kwargs)


class OptionChoiceField(ModelChoiceField[AnswerOption]):
    def label_from_instance(self, obj: AnswerOption) -> str:
        return obj.display_label


class OptionMultipleField(ModelMultipleChoiceField[AnswerOption]):
    def label_from_instance(self, obj: AnswerOption) -> str:
        return obj.display_label


def option_field(
    answer_list: str, label: StrOrPromise, *, required: bool = True, radio: bool = False
) -> OptionChoiceField:
    return OptionChoiceField(
        queryset=answer_options(answer_list),
        label=label,
        required=required,
        widget=forms.RadioSelect if radio else forms.Select,
        empty_label=None if radio else _("Velg"),
    )


def options_field(answer_list: str, label: StrOrPromise) -> OptionMultipleField:
    return OptionMultipleField(
        queryset=answer_options(answer_list),
        label=label,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def choice_field(
    choices: Sequence[tuple[object, StrOrPromise]],
    label: StrOrPromise,
    *,
    radio: bool = False,
    **kwargs: Any,
) -> forms.ChoiceField:
    widget = forms.RadioSelect if radio else forms.Select
    return forms.ChoiceField(choices=choices, label=label, widget=widget, **kwargs)


def text_field(
    label: StrOrPromise, *, required: bool = False, max_length: int = 200, **attrs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs=attrs),
    )


def area_field(
    label: StrOrPromise, help_text: StrOrPromise = "", *, rows: int = 4
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=10_000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def number_field(
    label: StrOrPromise, *, required: bool = False, min_value: int = 0, max_value: int = 9999
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=min_value,
        max_value=max_value,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class MunicipalityField(ModelChoiceField[Municipality]):
    """The municipalities valid today, by name. The list is read again for every form, so
    a municipality merged away on New Year's Day is gone without a restart."""

    def __deepcopy__(self, memo: dict[int, Any]) -> MunicipalityField:
        # django-stubs do not declare Field.__deepcopy__, which Django calls for every form.
        result: MunicipalityField = super().__deepcopy__(memo)  # type: ignore[misc]
        result.queryset = current_municipalities().order_by("name")
        return result

    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


def municipality_field(label: StrOrPromise) -> MunicipalityField:
    return MunicipalityField(
        queryset=current_municipalities().order_by("name"),
        label=label,
        required=False,
        empty_label=_("Ikke oppgitt"),
    )
