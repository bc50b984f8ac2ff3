"""E-mail to a user when someone changes how they log in.

Sent after the transaction commits (`transaction.on_commit` in services), to the address
on the user's account. A notice never holds the link or a password: it tells the user what
happened, so that a change they did not ask for is noticed and reported.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from helhet.accounts.choices import EnrolmentKind
from helhet.accounts.models import EnrolmentLink, User

logger = logging.getLogger(__name__)


def _send(user: User, subject: str, body: str) -> None:
    if not user.email:
        logger.warning("Account notice not sent: user %s has no e-mail address.", user.pk)
        return
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:
        # The change stands; the audit log has it.
        logger.exception("Account notice could not be sent to user %s.", user.pk)


def _when(moment: object) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")  # type: ignore[arg-type]


def enrolment_link_issued(*, link_id: int) -> None:
    """Tell the user that a link to set up their login was made (never the link itself)."""
    link = EnrolmentLink.objects.select_related("user", "issued_by").filter(pk=link_id).first()
    if link is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if link.kind == EnrolmentKind.SECOND_FACTOR:
            subject = _("Helhet: tofaktoren din er nullstilt")
            what = _(
                "%(admin)s nullstilte tofaktoren din %(time)s. Autentiseringsappen og "
                "gjenopprettingskodene dine virker ikke lenger, og du ble logget ut."
            )
        else:
            subject = _("Helhet: lenke for å sette opp innloggingen")
            what = _("%(admin)s laget %(time)s en lenke for å sette passord og tofaktor.")
        body = (
            what
            % {
                "admin": link.issued_by.display_name if link.issued_by else "Helhet",
                "time": _when(link.created_at),
            }
            + "\n\n"
            + _(
                "Du får lenken fra %(admin)s. Den virker én gang, til %(expires)s. Hvis du "
                "ikke ventet dette, kontakt brukerstøtte med en gang.\n"
            )
            % {
                "admin": link.issued_by.display_name if link.issued_by else "Helhet",
                "expires": _when(link.expires_at),
            }
        )
    _send(link.user, subject, body)


def password_changed(*, user_id: int) -> None:
    """Tell the user that their password was changed."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Helhet: passordet ditt er endret")
        body = _(
            "Passordet ditt i Helhet ble endret %(time)s, og du ble logget ut på andre "
            "enheter. Hvis det ikke var deg, kontakt brukerstøtte med en gang.\n"
        ) % {"time": _when(timezone.now())}
    _send(user, subject, body)
