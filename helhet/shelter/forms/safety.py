"""Forms of the safety plan and the threat mapping."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import SubmissionForm
from helhet.shelter.choices import RiskLevel, ThreatMethod
from helhet.shelter.forms.fields import area_field, choice_field, date_field


class SafetyPlanForm(forms.Form):
    dangers = area_field(_("Farer"), _("Hva og hvem er farlig, og i hvilke situasjoner?"))
    warning_signs = area_field(_("Varseltegn"), _("Hva tyder på at faren øker?"))
    safe_places = area_field(
        _("Trygge steder og personer"), _("Hvor kan beboeren gå, og hvem kan hjelpe?")
    )
    what_to_do = area_field(_("Hva gjør beboeren"), _("Konkrete steg når faren øker, og nødnumre."))
    children_plan = area_field(_("Barnas plan"), _("Hva gjør barna, og hvem henter dem?"))
    digital_safety = area_field(
        _("Digital sikkerhet"), _("Telefon, sosiale medier, sporing, passord og delte kontoer.")
    )
    reviewed_on = date_field(_("Gjennomgått dato"))
    next_review_on = date_field(_("Neste gjennomgang"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("reviewed_on", timezone.localdate())


class ThreatForm(SubmissionForm):
    assessed_on = date_field(_("Dato for kartleggingen"))
    method = choice_field(
        ThreatMethod.choices, _("Metode"), initial=ThreatMethod.STRUCTURED_CONVERSATION
    )
    risk_level = choice_field(RiskLevel.choices, _("Risikonivå"), radio=True)
    threats = area_field(_("Trusler og vold som er kartlagt"))
    perpetrator = area_field(_("Om utøveren (tilgang til våpen, brudd på besøksforbud, rus)"))
    children = area_field(_("Barnas situasjon"))
    measures = area_field(_("Tiltak"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("assessed_on", timezone.localdate())
