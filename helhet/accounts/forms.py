"""The login steps' forms. They only collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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


class EnrolForm(forms.Form):
    """Enrolment: the first code the app shows (six digits)."""

    token = forms.CharField(
        label=_("Kode fra appen"),
        max_length=10,
        help_text=_("Seks sifre."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
            }
        ),
    )
