"""How every form in Helhet is drawn and protected.

- `FormRenderer` (settings.FORM_RENDERER) draws every field with `core/forms/field.html`
  and every form with `core/forms/form.html`; `{{ form }}` or `{{ form.name.as_field_group }}`
  in a template is all a page needs. Widgets get the design system's `ds-input` class here,
  once, instead of in each form.
- `SubmissionForm` is the base of every form that creates something: it carries the hidden
  submission id that `core.idempotency.once` uses against double submits.
- `posted(request)` is how a view binds a form: POST data on POST, None on GET.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

# Widgets drawn as a box the design system styles with `ds-input`.
_BOXED = (
    forms.TextInput,
    forms.SearchInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.Textarea,
    forms.Select,
    forms.SelectMultiple,
)
_UNBOXED = (
    forms.CheckboxInput,
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
    forms.HiddenInput,
    forms.FileInput,
)


class DesignSystemBoundField(BoundField):
    """A bound field whose widget carries the design system's classes and points at its
    error message for screen readers."""

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> dict[str, Any]:
        built: dict[str, Any] = dict(super().build_widget_attrs(attrs, widget))
        widget = widget or self.field.widget
        if isinstance(widget, _BOXED) and not isinstance(widget, _UNBOXED):
            classes = str(widget.attrs.get("class", "")).split()
            if "ds-input" not in classes:
                built["class"] = " ".join(["ds-input", *classes])
        if self.errors and not widget.is_hidden and self.auto_id:
            built["aria-describedby"] = f"{self.auto_id}_error"
        return built


class FormRenderer(TemplatesSetting):
    """The project's form renderer: our field and form templates for every form."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = DesignSystemBoundField


SUBMISSION_MISSING = _("Skjemaet mangler en intern kode. Last inn siden på nytt og prøv igjen.")


class SubmissionForm(forms.Form):
    """Base of every form that creates something: a required hidden submission id, so that
    a double post creates once (`core.idempotency.once`). A post without it is refused."""

    submission_id = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={"required": SUBMISSION_MISSING, "invalid": SUBMISSION_MISSING},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission_id"].initial = uuid.uuid4()


_F = TypeVar("_F", bound=forms.Field)


def field_of(form: forms.BaseForm, name: str, kind: type[_F]) -> _F:
    """The form's own copy of a declared field, as the kind it was declared, to give it its
    queryset or choices for this request (typed, and checked at run time)."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name!r} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def posted(request: HttpRequest) -> Any:
    """The POST data for a bound form, or None on GET (an empty POST is still a POST)."""
    return request.POST if request.method == "POST" else None
