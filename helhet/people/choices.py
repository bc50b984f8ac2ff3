from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class Gender(models.TextChoices):
    WOMAN = "woman", _("Kvinne")
    MAN = "man", _("Mann")
    OTHER = "other", _("Annet")
    NOT_REGISTERED = "not_registered", _("Ikke registrert")


class AddressProtection(models.TextChoices):
    NONE = "none", _("Ingen")
    CONFIDENTIAL = "confidential", _("Fortrolig adresse")
    STRICT = "strict", _("Strengt fortrolig adresse")


class Purpose:
    """Why a person's data was opened, as written to the audit log.

    Stored in Bokmål whatever the user's language, so that the log reads the same for
    everyone; pages and exports translate it when they show it (`gettext(purpose)`).
    """

    LIST = gettext_noop("Vist i personlisten")
    VIEW = gettext_noop("Vise personen")
    SHOW_ADDRESS = gettext_noop("Vise fortrolig adresse")
    EDIT = gettext_noop("Endre personen")
    ERASE = gettext_noop("Slette personen")
    REGISTER = gettext_noop("Registrere personen")
    ACCESS_LOG = gettext_noop("Innsyn i tilgangslogg")
    ACCESS_LOG_EXPORT = gettext_noop("Utlevering av tilgangslogg til personen")
    BREAK_GLASS = gettext_noop("Nødtilgang")
