from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    WOMAN = "woman", _("Kvinne")
    MAN = "man", _("Mann")
    OTHER = "other", _("Annet")
    NOT_REGISTERED = "not_registered", _("Ikke registrert")


class AddressProtection(models.TextChoices):
    NONE = "none", _("Ingen")
    CONFIDENTIAL = "confidential", _("Fortrolig adresse")
    STRICT = "strict", _("Strengt fortrolig adresse")
