"""Forms for the privacy officer's pages: searching the log and reviewing break-glass."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from helhet.audit.choices import EventKind
from helhet.audit.purposes import purpose_codes, purpose_label
from helhet.audit.selectors import EventFilter, event_unit_choices
from helhet.core.forms import SubmissionForm


def _label(choice: tuple[str, str]) -> tuple[str, str]:
    return (choice[1].casefold(), choice[0])


class EventFilterForm(forms.Form):
    """Every filter is optional; those given combine."""

    person_id = forms.IntegerField(
        label=_("Person-id"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    actor = forms.ModelChoiceField(
        label=_("Bruker"),
        queryset=get_user_model().objects.order_by("username"),
        required=False,
        empty_label=_("Alle brukere"),
    )
    unit = forms.TypedChoiceField(
        label=_("Enhet"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    kind = forms.ChoiceField(
        label=_("Hendelse"),
        required=False,
        choices=[("", _("Alle hendelser")), *EventKind.choices],
    )
    purpose = forms.ChoiceField(label=_("Formål"), required=False)
    date_from = forms.DateField(
        label=_("Fra og med dato"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Til og med dato"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle enheter")),
            *((str(pk), name) for pk, name in event_unit_choices()),
        ]
        # Purposes by their label in the reader's language; the log stores the code.
        labelled = sorted(((code, purpose_label(code)) for code in purpose_codes()), key=_label)
        self.fields["purpose"].choices = [("", _("Alle formål")), *labelled]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
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
            purpose=data.get("purpose") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class ReviewForm(SubmissionForm):
    comment = forms.CharField(
        label=_("Kommentar"),
        max_length=2000,
        help_text=_("Var bruken begrunnet? Skriv hva du har vurdert, og om noe må følges opp."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
