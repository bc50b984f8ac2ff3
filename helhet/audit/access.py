"""Chokepoint for break-glass grants: the privacy officer's review reads them here.

404 for a grant that does not exist and for a user who may not review, alike.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from helhet.audit.models import BreakGlassGrant
from helhet.audit.policy import AUDIT_REVIEW
from helhet.audit.selectors import break_glass_grant_get
from helhet.core.policy import has_capability


def get_break_glass_grant_for(user: Any, grant_id: Any) -> BreakGlassGrant:
    """The grant, for a user who reviews the audit log."""
    if not has_capability(user, AUDIT_REVIEW):
        raise Http404(_("Nødtilgangen finnes ikke."))
    grant = break_glass_grant_get(grant_id=grant_id)
    if grant is None:
        raise Http404(_("Nødtilgangen finnes ikke."))
    return grant
