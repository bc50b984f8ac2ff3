from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitType(models.TextChoices):
    CRISIS_CENTRE = "crisis_centre", _("Krisesenter")
    NAV = "nav", _("NAV-kontor")
    CHILD_WELFARE = "child_welfare", _("Barnevern")
    HEALTH_STATION = "health_station", _("Helsestasjon")
    SCHOOL_HEALTH = "school_health", _("Skolehelsetjeneste")
    FAMILY_COUNSELLING = "family_counselling", _("Familievernkontor")
    COORDINATING_UNIT = "coordinating_unit", _("Koordinerende enhet")
    TRYGGEST_TEAM = "tryggest_team", _("TryggEst-team")
    CONSULTATION_TEAM = "consultation_team", _("Konsultasjonsteam")
    POLICE_LIAISON = "police_liaison", _("Politiets kontaktperson")
    MENTAL_HEALTH = "mental_health", _("Psykisk helse og rus")
    ADMINISTRATION = "administration", _("Kommuneadministrasjon")
    OTHER = "other", _("Annen tjeneste")
