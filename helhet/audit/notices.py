"""E-mail to the privacy officers when break-glass is used or refused.

Sent after the transaction commits (`transaction.on_commit` in services): a mail is never
sent about a grant that was rolled back. The mail names the user, the time and the id of
the record, never the reason or anything about the person: mail leaves the system. The
privacy officers are the users who hold the capability audit.review, asked through the
capability resolver (audit imports no domain app).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from helhet.audit.models import BreakGlassGrant, Event
from helhet.audit.policy import AUDIT_REVIEW
from helhet.core.policy import has_capability

logger = logging.getLogger(__name__)


def privacy_officer_addresses() -> list[str]:
    """The e-mail addresses of the active users who review the audit log.

    One capability look-up per active user with an address: a municipality has hundreds of
    staff, and this runs only when break-glass is used (a few times a week), after commit.
    """
    users = get_user_model().objects.filter(is_active=True).exclude(email="").order_by("pk")
    return [user.email for user in users if has_capability(user, AUDIT_REVIEW)]


def _when(moment: object) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")  # type: ignore[arg-type]


def _about(*, person_id: int | None, object_type: str, object_id: str) -> str:
    if person_id:
        return _("person-id %(id)s") % {"id": person_id}
    return f"{object_type} {object_id}"


def _send(subject: str, body: str) -> None:
    recipients = privacy_officer_addresses()
    if not recipients:
        logger.warning("Break-glass notice not sent: no privacy officer has an e-mail address.")
        return
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        # The grant stands (the user is in an emergency); the queue still shows it.
        logger.exception("Break-glass notice could not be sent to the privacy officers.")


def break_glass_granted(*, grant_id: int) -> None:
    """Tell the privacy officers that someone opened a record with break-glass."""
    grant = BreakGlassGrant.objects.select_related("user").filter(pk=grant_id).first()
    if grant is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Helhet: nødtilgang tatt i bruk")
        body = _(
            "%(user)s tok i bruk nødtilgang %(time)s (%(subject)s). Tilgangen "
            "varer til %(expires)s.\n\n"
            "Begrunnelsen og bruken skal gjennomgås. Logg inn i Helhet og åpne "
            "%(path)s\n"
        ) % {
            "user": grant.user.display_name,
            "time": _when(grant.granted_at),
            "subject": _about(
                person_id=grant.person_id, object_type=grant.object_type, object_id=grant.object_id
            ),
            "expires": _when(grant.expires_at),
            "path": reverse("audit:break_glass_review", kwargs={"grant_id": grant.pk}),
        }
    _send(subject, body)


def break_glass_refused(*, event_id: int) -> None:
    """Tell the privacy officers that someone was refused break-glass over the hourly limit."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Helhet: nødtilgang avvist, for mange på en time")
        body = _(
            "%(user)s ba om nødtilgang %(time)s (%(subject)s), men har allerede "
            "brukt nødtilgang %(limit)s ganger den siste timen. Forespørselen ble avvist.\n\n"
            "Se hva brukeren har gjort: logg inn i Helhet og åpne %(path)s\n"
        ) % {
            "user": event.actor_name,
            "time": _when(event.occurred_at),
            "subject": _about(
                person_id=event.person_id, object_type=event.object_type, object_id=event.object_id
            ),
            "limit": settings.HELHET_BREAK_GLASS_PER_HOUR,
            "path": f"{reverse('audit:event_list')}?actor={event.actor_id}",
        }
    _send(subject, body)
