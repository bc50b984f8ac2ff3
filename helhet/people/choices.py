from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.audit.purposes import PurposeChoices


class Gender(models.TextChoices):
    WOMAN = "woman", _("Kvinne")
    MAN = "man", _("Mann")
    OTHER = "other", _("Annet")
    NOT_REGISTERED = "not_registered", _("Ikke registrert")


class AddressProtection(models.TextChoices):
    NONE = "none", _("Ingen")
    CONFIDENTIAL = "confidential", _("Fortrolig adresse")
    STRICT = "strict", _("Strengt fortrolig adresse")


class Purpose(PurposeChoices):
    """Why a person's data was opened or changed, as written to the audit log.

    Events store the code; pages and exports show the label in the reader's language
    (`Event.purpose_label`). Codes are stored for ever: never rename or reuse one.
    """

    LIST = "people.list", _("Vist i personlisten")
    VIEW = "people.view", _("Vise personen")
    SHOW_ADDRESS = "people.show_address", _("Vise fortrolig adresse")
    EDIT = "people.edit", _("Endre personen")
    ERASE = "people.erase", _("Slette personen")
    REGISTER = "people.register", _("Registrere personen")
    LINK = "people.link", _("Gjøre personen synlig for en enhet")
    UNLINK = "people.unlink", _("Avslutte en enhets tilgang til personen")
    ACCESS_LOG = "people.access_log", _("Innsyn i tilgangslogg")
    ACCESS_LOG_EXPORT = "people.access_log_export", _("Utlevering av tilgangslogg til personen")
    BREAK_GLASS = "people.break_glass", _("Nødtilgang")
