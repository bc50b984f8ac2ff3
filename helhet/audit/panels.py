"""The privacy officer's panel on the staff start page (listed in HELHET_HOME_PANELS)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from helhet.audit.policy import AUDIT_REVIEW
from helhet.audit.selectors import break_glass_queue
from helhet.core.policy import has_capability


def break_glass_waiting(request: HttpRequest) -> dict[str, Any] | None:
    """Uses of break-glass that wait for review; nothing when none wait, or for others."""
    if not has_capability(request.user, AUDIT_REVIEW):
        return None
    count = break_glass_queue(reviewed=False).count()
    if not count:
        return None
    return {
        "title": _("Nødtilganger til gjennomgang"),
        "template": "audit/panels/break_glass.html",
        "count": count,
    }
