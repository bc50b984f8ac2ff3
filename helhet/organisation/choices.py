from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.audit.purposes import PurposeChoices


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


class Purpose(PurposeChoices):
    """Why a page of this app opened a unit, a user or a membership (the audit log's
    purpose). Codes are stored for ever: never rename or reuse one."""

    UNIT_DETAIL = "organisation.unit_detail", _("Se enhet og medlemmer")
    UNIT_EDIT = "organisation.unit_edit", _("Endre enhet")
    UNIT_MEMBER_ADD = "organisation.unit_member_add", _("Legge til medlem i enhet")
    USER_DETAIL = "organisation.user_detail", _("Se bruker og roller")
    USER_MEMBERSHIP_ADD = "organisation.user_membership_add", _("Gi bruker en rolle")
    MEMBERSHIP_REMOVE = "organisation.membership_remove", _("Fjerne rolle")
    USER_DEACTIVATE = "organisation.user_deactivate", _("Deaktivere bruker")
    USER_REACTIVATE = "organisation.user_reactivate", _("Aktivere bruker igjen")
