"""Chokepoint for break-glass grants: the privacy officer's review reads them here.

404 for a grant that does not exist and for a user who may not review, alike; both the
read and the refusal are written to the log by `core.access.fetch_or_404`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helhet.audit.choices import Purpose
from helhet.audit.models import BreakGlassGrant
from helhet.audit.selectors import break_glass_grants_reviewable
from helhet.core.access import fetch_or_404

if TYPE_CHECKING:
    from helhet.core.types import User


def get_break_glass_grant_for(user: User, grant_id: int | str) -> BreakGlassGrant:
    """The grant, for a user who reviews the audit log."""
    return fetch_or_404(
        user,
        break_glass_grants_reviewable(user=user),
        grant_id,
        purpose=Purpose.BREAK_GLASS_REVIEW,
        # A function, not "person_id": the grant names the person by a plain id column.
        person=_person_id,
    )


def _person_id(grant: BreakGlassGrant) -> int | None:
    return grant.person_id
