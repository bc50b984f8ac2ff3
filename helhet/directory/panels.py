"""The coordinator's panel on the staff start page (for settings.HELHET_HOME_PANELS)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from helhet.core.policy import has_capability
from helhet.core.types import AuthenticatedRequest
from helhet.directory.selectors import services_needing_reverification
from helhet.organisation.roles import Cap


def services_to_reverify(request: AuthenticatedRequest) -> dict[str, Any] | None:
    """Services not checked for 12 months; nothing when none, or for other users."""
    if not has_capability(request.user, Cap.DIRECTORY_EDIT):
        return None
    count = services_needing_reverification().count()
    if not count:
        return None
    return {
        "title": _("Hjelpekatalogen trenger kontroll"),
        "template": "directory/panels/reverify.html",
        "count": count,
    }
