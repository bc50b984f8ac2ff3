from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.audit.purposes import PurposeChoices


class EventKind(models.TextChoices):
    READ = "read", _("Lest")
    CREATE = "create", _("Opprettet")
    UPDATE = "update", _("Endret")
    DELETE = "delete", _("Slettet")
    EXPORT = "export", _("Eksportert")
    LOGIN = "login", _("Innlogging")
    LOGIN_FAILED = "login_failed", _("Mislykket innlogging")
    LOGOUT = "logout", _("Utlogging")
    ACCESS_DENIED = "access_denied", _("Tilgang nektet")
    BREAK_GLASS = "break_glass", _("Nødtilgang")
    REVIEW = "review", _("Gjennomgått")
    ERASE = "erase", _("Sletting av person")


class Purpose(PurposeChoices):
    """Why the audit app itself writes to the log (codes are stored: never rename one)."""

    BREAK_GLASS = "audit.break_glass", _("Nødtilgang")
    BREAK_GLASS_REVIEW = "audit.break_glass_review", _("Gjennomgang av nødtilgang")
    EVENT_SEARCH = "audit.event_search", _("Søk i tilgangsloggen")
    PAGE_OPEN = "audit.page_open", _("Åpne side")
