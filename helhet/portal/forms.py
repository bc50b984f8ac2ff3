"""Forms of the portal: find help (a GET form, no cookie) and the staff's text editor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import SubmissionForm, field_of
from helhet.organisation.selectors import current_municipalities
from helhet.portal.models import PageText
from helhet.portal.offers import AUDIENCE_LABELS, NEED_LABELS

MARKUP_HELP = _(
    "Skill avsnitt med en tom linje. Skriv «## » først i linjen for en mellomtittel og «- » for "
    "punkter i en liste. Lenke: [tekst](/finn-hjelp/) eller [116 006](tel:116006). "
    "**Fet skrift** med to stjerner på hver side."
)


class PageTextForm(SubmissionForm):
    title = forms.CharField(
        label=_("Overskrift"),
        max_length=PageText._meta.get_field("title").max_length,
    )
    lead = forms.CharField(
        label=_("Ingress"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=_("Brødtekst"),
        required=False,
        max_length=20000,
        help_text=MARKUP_HELP,
        widget=forms.Textarea(attrs={"rows": 20}),
    )
    # The version the editor started from: a save on top of someone else's is refused.
    expected_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    caught_up = forms.BooleanField(
        label=_("Oversettelsen stemmer nå med den norske teksten"), required=False
    )

    def __init__(self, *args, is_block: bool = False, ask_caught_up: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if is_block:
            del self.fields["body"]
            self.fields["title"].label = _("Tekst på knappen eller overskrift")
            self.fields["lead"].label = _("Kort tekst")
        if not ask_caught_up:
            del self.fields["caught_up"]


# Django's own messages are not translated into every portal language; ours are.
CHOICE_ERRORS = {"invalid_choice": _("Velg et av alternativene i listen.")}


class FindHelpForm(forms.Form):
    """Find help by need, audience, municipality, free text and opening hours. Sent with
    GET, so that it needs no CSRF cookie; every field is optional."""

    # Every word on a public form is the form's own, from the portal's catalogue in nine
    # languages: no "(optional)" marker from core's (Bokmål and English only), and on a
    # search form every field is optional anyway.
    show_optional_marker = False

    need = forms.ChoiceField(
        label=_("Hva gjelder det?"),
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    audience = forms.ChoiceField(
        label=_("Hvem gjelder det?"),
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    municipality = forms.ChoiceField(
        label=_("Kommunen du bor i"),
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    q = forms.CharField(
        label=_("Søk etter ord"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Skriv høyst 100 tegn.")},
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    open_now = forms.BooleanField(label=_("Vis bare det som er åpent nå"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "need", forms.ChoiceField).choices = [("", _("Alt")), *NEED_LABELS.items()]
        field_of(self, "audience", forms.ChoiceField).choices = [
            ("", _("Alle")),
            *AUDIENCE_LABELS.items(),
        ]
        field_of(self, "municipality", forms.ChoiceField).choices = [
            ("", _("Alle kommuner")),
            *((m.number, m.name) for m in current_municipalities()),
        ]
