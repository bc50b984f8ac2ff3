"""Choices of the public portal."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageKey(models.TextChoices):
    """The editable texts of the portal: whole pages, and blocks shown on every page."""

    START = "start", _("Forside")
    INFORMATION = "information", _("Hva er vold i nære relasjoner")
    SAFETY = "safety", _("Trygg på nett")
    EMPLOYEES = "employees", _("For ansatte")
    ACCESSIBILITY = "accessibility", _("Tilgjengelighetserklæring")
    ABOUT = "about", _("Om nettstedet")
    EMERGENCY = "emergency", _("Nødnumre (på alle sider)")
    EXIT = "exit", _("Forlat siden (på alle sider)")


# Blocks are shown on every page and have a heading and a short text, no body.
BLOCK_KEYS = frozenset({PageKey.EMERGENCY, PageKey.EXIT})


class TranslationStatus(models.TextChoices):
    """Where a language's text of a page stands against the Bokmål source."""

    SOURCE = "source", _("Norsk kildetekst")
    CURRENT = "current", _("Oppdatert")
    BEHIND = "behind", _("Henger etter den norske teksten")
    BUILT_IN = "built_in", _("Innebygd tekst")
