"""Forms for the privacy officer's pages: searching the log and reviewing break-glass."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from helhet.audit.choices import EventKind
from helhet.audit.selectors import EventFilter, event_unit_choices

_INPUT = {"class": "ds-input"}


class EventFilterForm(forms.Form):
    """Every filter is optional; those given combine."""

    person_id = forms.IntegerField(
        label=_("Person-id"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        widget=forms.NumberInput(attrs={**_INPUT, "inputmode": "numeric"}),
    )
    actor = forms.ModelChoiceField(
        label=_("Bruker"),
        queryset=get_user_model().objects.order_by("username"),
        required=False,
        empty_label=_("Alle brukere"),
        widget=forms.Select(attrs=_INPUT),
    )
    unit = forms.TypedChoiceField(
        label=_("Enhet"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs=_INPUT),
    )
    kind = forms.ChoiceField(
        label=_("Hendelse"),
        required=False,
        choices=[("", _("Alle hendelser")), *EventKind.choices],
        widget=forms.Select(attrs=_INPUT),
    )
    date_from = forms.DateField(
        label=_("Fra og med dato"),
        required=False,
        widget=forms.DateInput(attrs={**_INPUT, "type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Til og med dato"),
        required=False,
        widget=forms.DateInput(attrs={**_INPUT, "type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle enheter")),
            *((str(pk), name) for pk, name in event_unit_choices()),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Til-datoen kan ikke være før fra-datoen."))
        return cleaned

    def to_filter(self) -> EventFilter:
        data = self.cleaned_data
        actor = data.get("actor")
        return EventFilter(
            person_id=data.get("person_id"),
            actor_id=actor.pk if actor is not None else None,
            unit_id=data.get("unit"),
            kind=data.get("kind") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar"),
        max_length=2000,
        help_text=_("Var bruken begrunnet? Skriv hva du har vurdert, og om noe må følges opp."),
        widget=forms.Textarea(attrs={**_INPUT, "rows": 3}),
    )
