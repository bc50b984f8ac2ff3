"""Forms of the follow-up plan: consent to share, and tasks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import SubmissionForm, field_of
from helhet.organisation.models import Unit
from helhet.shelter.choices import ConsentScope, TaskCategory, TaskStatus
from helhet.shelter.forms.fields import (
    area_field,
    choice_field,
    date_field,
    text_field,
)
from helhet.shelter.selectors import active_units


class UnitChoiceField(ModelChoiceField[Unit]):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class UnitMultipleField(ModelMultipleChoiceField[Unit]):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class FollowUpStartForm(SubmissionForm):
    """Start the follow-up plan with the default checklist (no fields but the one-time id)."""


class ConsentForm(forms.Form):
    share_consent = forms.BooleanField(
        label=_("Personen samtykker til at oppgaver deles med enhetene som er valgt"),
        required=False,
    )
    scope = choice_field(
        ConsentScope.choices, _("Hva kan deles"), radio=True, initial=ConsentScope.TASKS
    )
    units = UnitMultipleField(
        queryset=Unit.objects.none(),
        label=_("Enheter det kan deles med"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    given_on = date_field(_("Samtykke gitt"), required=False)
    expires_on = date_field(_("Samtykket varer til"), required=False)

    def __init__(self, *args: Any, centre: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "units", UnitMultipleField).queryset = active_units().exclude(pk=centre.pk)


class TaskForm(forms.Form):
    category = choice_field(TaskCategory.choices, _("Område"))
    title = text_field(_("Oppgave"), required=True)
    responsible_unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("Ansvarlig enhet"),
    )
    due_on = date_field(_("Frist"))
    status = choice_field(TaskStatus.choices, _("Status"), initial=TaskStatus.NOT_STARTED)
    notes = area_field(_("Notater"), rows=3)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "responsible_unit", UnitChoiceField).queryset = active_units()


class TaskCreateForm(TaskForm, SubmissionForm):
    """A new task, with the one-time id that makes a double submit add it once."""


class TaskStatusForm(forms.Form):
    """What the responsible unit may change: the status, and notes if the consent says so."""

    status = choice_field(TaskStatus.choices, _("Status"))
    notes = area_field(_("Notater"), rows=3)

    def __init__(self, *args: Any, notes_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not notes_allowed:
            del self.fields["notes"]
