"""Errors that services raise with a message a user can read."""

from __future__ import annotations

from django.forms import BaseForm


class DomainError(Exception):
    """A rule of the domain was broken. `message` is shown to the user; `field` names the form
    field it belongs to, when it belongs to one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def add_domain_error_to_form(form: BaseForm, error: DomainError) -> None:
    """Put a service's error next to the field it concerns (or at the top of the form)."""
    field = error.field if error.field in getattr(form, "fields", {}) else None
    form.add_error(field, error.message)
