from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Brukernavn"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autofocus": True, "class": "ds-input"}
        ),
    )
    password = forms.CharField(
        label=_("Passord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "ds-input"}),
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kode"),
        max_length=20,
        help_text=_("Seks sifre fra autentiseringsappen, eller en av gjenopprettingskodene dine."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "class": "ds-input",
            }
        ),
    )
