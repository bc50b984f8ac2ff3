from django.db import models
from django.utils.translation import gettext_lazy as _


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
