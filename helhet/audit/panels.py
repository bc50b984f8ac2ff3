"""The privacy officer's panel on the staff start page (listed in HELHET_HOME_PANELS)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind, Purpose
from helhet.audit.policy import AUDIT_REVIEW
from helhet.audit.selectors import break_glass_queue, break_glass_refusals
from helhet.core.policy import has_capability

# How far back the panel tells of break-glass requests refused over the hourly rate.
REFUSALS_SHOWN_FOR = timedelta(hours=24)


def break_glass_waiting(request: HttpRequest) -> dict[str, Any] | None:
    """Uses of break-glass that wait for review, and requests refused over the rate in the
    last day; nothing when there are none, and nothing for others."""
    if not has_capability(request.user, AUDIT_REVIEW):
        return None
    count = break_glass_queue(reviewed=False).count()
    refused = break_glass_refusals(since=timezone.now() - REFUSALS_SHOWN_FOR).count()
    if not count and not refused:
        return None
    return {
        "title": _("Nødtilganger til gjennomgang"),
        "template": "audit/panels/break_glass.html",
        "count": count,
        "refused": refused,
        "refused_query": f"kind={EventKind.ACCESS_DENIED}&purpose={Purpose.BREAK_GLASS}",
    }
