"""Fixed choices of the crisis centre. Answer lists that Bufdir may change (violence types,
destinations …) are not here: they are editable reference data (`AnswerOption`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.audit.purposes import PurposeChoices


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


class Purpose(PurposeChoices):
    """Why a stay, a task or a person was opened, as written to the audit log: the code is
    stored, the label shown (translated) wherever the log is read. Never rename or reuse a
    code: the log keeps it for ever."""

    BOARD = "shelter.board", _("Beleggstavle")
    STAY_LIST = "shelter.stay_list", _("Oppholdsliste")
    STAY_VIEW = "shelter.stay_view", _("Vise opphold")
    STAY_EDIT = "shelter.stay_edit", _("Endre opphold")
    STAY_END = "shelter.stay_end", _("Avslutte opphold")
    ALLOCATE = "shelter.allocate", _("Tildele rom")
    SAFETY_PLAN = "shelter.safety_plan", _("Sikkerhetsplan")
    THREAT_MAPPING = "shelter.threat_mapping", _("Trusselkartlegging")
    FOLLOW_UP = "shelter.follow_up", _("Oppfølging etter opphold")
    CONSENT = "shelter.consent", _("Samtykke til deling")
    TASK_LIST = "shelter.task_list", _("Oppgaveliste")
    TASK_VIEW = "shelter.task_view", _("Vise oppfølgingsoppgave")
    DAY_CONTACT = "shelter.day_contact", _("Dagtilbud")
    ROOMS = "shelter.rooms", _("Rom og senger")
    ANSWER_LISTS = "shelter.answer_lists", _("Svarlister")
    STATISTICS = "shelter.statistics", _("Krisesenterstatistikk")
