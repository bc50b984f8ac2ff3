"""Fixed choices of the crisis centre. Answer lists that Bufdir may change (violence types,
destinations …) are not here: they are editable reference data (`AnswerOption`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class AnswerList(models.TextChoices):
    """The editable answer lists. Each option row belongs to exactly one list."""

    VIOLENCE_TYPE = "violence_type", _("Voldsformer")
    PERPETRATOR_RELATION = "perpetrator_relation", _("Relasjon til utøver")
    DESTINATION = "destination", _("Bosted etter oppholdet")
    REFERRER = "referrer", _("Hvordan kom brukeren i kontakt")
    TOPIC = "topic", _("Tema i samtalen")
    CALLER_GROUP = "caller_group", _("Hvem ringer")
    OUTCOME = "outcome", _("Utfall av samtalen")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nei")
    UNKNOWN = "unknown", _("Ikke registrert")


class DayContactKind(models.TextChoices):
    """A day visit at the centre, or outreach (a home visit, going with the user to another
    agency). Both count as visits in Bufdir's statistics."""

    VISIT = "visit", _("Besøk på senteret")
    OUTREACH = "outreach", _("Oppsøkende (hjemmebesøk, følge til etat)")


class BedKind(models.TextChoices):
    ADULT = "adult", _("Voksenseng")
    CHILD = "child", _("Barneseng")
    COT = "cot", _("Sprinkelseng")


class ClosureReason(models.TextChoices):
    MAINTENANCE = "maintenance", _("Vedlikehold")
    DAMAGE = "damage", _("Skade")
    CLEANING = "cleaning", _("Rengjøring")
    SECURITY = "security", _("Sikkerhetshensyn")
    OTHER = "other", _("Annet")


class ConsentDecidedBy(models.TextChoices):
    """Who decided on statistics registration for a child: the caregiver for children under
    16, the child from 16."""

    CAREGIVER = "caregiver", _("Omsorgspersonen")
    CHILD = "child", _("Barnet selv (16 år eller eldre)")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Lav")
    MODERATE = "moderate", _("Moderat")
    HIGH = "high", _("Høy")
    NOT_ASSESSED = "not_assessed", _("Ikke vurdert")


class ThreatMethod(models.TextChoices):
    STRUCTURED_CONVERSATION = "conversation", _("Strukturert samtale")
    SARA = "sara", _("SARA:SV")
    PATRIARK = "patriark", _("PATRIARK")
    OTHER = "other", _("Annen metode")


class TaskCategory(models.TextChoices):
    """The default checklist for the re-establishment phase."""

    HOUSING = "housing", _("Bolig")
    NAV_MONEY = "nav_money", _("NAV og økonomi")
    SCHOOL = "school", _("Barnehage og skole")
    HEALTH = "health", _("Helse og fastlege")
    LEGAL_AID = "legal_aid", _("Fri rettshjelp og advokat")
    POLICE = "police", _("Politi og besøksforbud")
    CUSTODY = "custody", _("Foreldreansvar, bosted og samvær")
    CHILDREN = "children", _("Oppfølging av barna")
    INTERPRETER = "interpreter", _("Tolk")
    OTHER = "other", _("Annet")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ikke startet")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Fullført")
    NOT_RELEVANT = "not_relevant", _("Ikke aktuelt")


OPEN_TASK_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)


class ConsentScope(models.TextChoices):
    """What the person agreed to share with the units that have follow-up tasks."""

    TASKS = "tasks", _("Oppgaven, fristen og status")
    TASKS_AND_NOTES = "tasks_and_notes", _("Oppgaven, fristen, status og notater")


class ReferralReason(models.TextChoices):
    FULL = "full", _("Tilbudet var fullt")
    NOT_SUITED = "not_suited", _("Tilbudet var ikke tilpasset behovet")
    SECURITY = "security", _("Sikkerhetshensyn (for nær utøver)")


class Purpose:
    """Why a stay or a person was opened, as written to the audit log. Stored in Bokmål
    whatever the user's language; pages translate it when they show it."""

    BOARD = gettext_noop("Beleggstavle")
    STAY_LIST = gettext_noop("Oppholdsliste")
    STAY_VIEW = gettext_noop("Vise opphold")
    STAY_EDIT = gettext_noop("Endre opphold")
    STAY_END = gettext_noop("Avslutte opphold")
    ALLOCATE = gettext_noop("Tildele rom")
    SAFETY_PLAN = gettext_noop("Sikkerhetsplan")
    THREAT_MAPPING = gettext_noop("Trusselkartlegging")
    FOLLOW_UP = gettext_noop("Oppfølging etter opphold")
    TASK_LIST = gettext_noop("Oppgaveliste")
    TASK_VIEW = gettext_noop("Vise oppfølgingsoppgave")
    DAY_CONTACT = gettext_noop("Dagtilbud")
    ROOMS = gettext_noop("Rom og senger")
    ANSWER_LISTS = gettext_noop("Svarlister")
