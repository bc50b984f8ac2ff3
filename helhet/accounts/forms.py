"""The forms of the login steps, enrolment and password change. They only collect
input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.accounts.choices import EnrolmentKind
from helhet.core.forms import SubmissionForm


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Brukernavn"),
        max_length=150,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "username",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )
    password = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    @classmethod
    def refused(cls, message: str) -> LoginForm:
        """An empty form with one message at the top (the lockout page)."""
        form = cls()
        form.cleaned_data = {}  # add_error() removes the field from it; there is none
        form.add_error(None, message)
        return form


class TokenForm(forms.Form):
    """The second step: a code from the app, or one of the recovery codes (letters and
    digits, so the keyboard is not limited to digits)."""

    token = forms.CharField(
        label=_("Kode"),
        max_length=20,
        help_text=_("Seks sifre fra autentiseringsappen, eller en av gjenopprettingskodene dine."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


def _new_password_fields() -> tuple[forms.CharField, forms.CharField]:
    new = forms.CharField(
        label=_("Nytt passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Minst 12 tegn. Bruk gjerne flere ord som ikke hører sammen; et vanlig ord med "
            "tall eller tegn rundt godtas ikke."
        ),
        error_messages={"required": _("Skriv et nytt passord.")},
    )
    again = forms.CharField(
        label=_("Gjenta det nye passordet"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Skriv det nye passordet en gang til.")},
    )
    return new, again


def _current_password_field() -> forms.CharField:
    return forms.CharField(
        label=_("Passordet ditt nå"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Skriv passordet ditt.")},
    )


class _NewPasswordsMatch(forms.Form):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        new, again = cleaned.get("new_password"), cleaned.get("new_password_again")
        if new and again and new != again:
            self.add_error("new_password_again", _("Passordene er ikke like."))
        return cleaned


class PasswordChangeForm(_NewPasswordsMatch):
    """A user changes their own password: the current one first."""

    current_password = _current_password_field()
    new_password, new_password_again = _new_password_fields()


class EnrolmentForm(_NewPasswordsMatch):
    """Enrolment through a one-time link: a new password (or, after a second-factor reset,
    the current one) and the first code the new app shows."""

    current_password = _current_password_field()
    new_password, new_password_again = _new_password_fields()
    token = forms.CharField(
        label=_("Kode fra appen"),
        max_length=10,
        help_text=_("Seks sifre."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Skriv koden appen viser.")},
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == EnrolmentKind.SECOND_FACTOR:
            del self.fields["new_password"]
            del self.fields["new_password_again"]
        else:
            del self.fields["current_password"]


class EnrolmentLinkIssueForm(SubmissionForm):
    """The administrator's (or lead's) button that makes a one-time enrolment link."""


class SecondFactorResetForm(SubmissionForm):
    """The administrator's button that resets a user's lost second factor."""
