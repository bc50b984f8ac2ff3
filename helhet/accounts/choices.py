from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.audit.purposes import PurposeChoices


class EnrolmentKind(models.TextChoices):
    """What a one-time link lets its holder do."""

    # A new user, or one who lost their password: a new password and an authenticator app.
    ENROL = "enrol", _("Sette passord og tofaktor")
    # After the administrator reset a lost second factor: the user's own password (the
    # administrator does not know it) and a new authenticator app.
    SECOND_FACTOR = "second_factor", _("Sette opp tofaktor på nytt")


class Purpose(PurposeChoices):
    """Why a user account was opened or changed, as written to the audit log.

    Codes are stored for ever: never rename or reuse one.
    """

    ENROLMENT_LINK_ISSUE = "accounts.enrolment_link_issue", _("Lage innloggingslenke")
    SECOND_FACTOR_RESET = "accounts.second_factor_reset", _("Nullstille tofaktor")
