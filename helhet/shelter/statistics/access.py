"""The chokepoint of the statistics pages: the crisis centre the report is about.

A user sees the statistics of the crisis centres where they may see case content
(`Cap.CASE_VIEW`). Any other centre, and a centre that does not exist, is the same 404,
and the refusal is written to the audit log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helhet.audit.services import object_type_of
from helhet.core.access import deny, fetch_or_404
from helhet.organisation.models import Unit
from helhet.shelter.choices import Purpose
from helhet.shelter.selectors import centres_for

if TYPE_CHECKING:
    from helhet.core.types import User

# A report is no model: the audit log names it by this type and "<centre id>:<year>".
STATISTICS_OBJECT_TYPE = "shelter.statistics"


def get_statistics_centre_for(
    user: User, unit_id: int | str | None, *, purpose: str = Purpose.STATISTICS
) -> Unit:
    """The centre named by `unit_id` (or, when none is named, the user's first centre) if
    the user may see its case content; otherwise 404 and an access-denied event."""
    centres = centres_for(user=user).select_related("host_municipality").order_by("name")
    if unit_id not in (None, ""):
        # A centre holds no personal data: only a refusal is recorded.
        return fetch_or_404(user, centres, unit_id, purpose=purpose, record=False)
    first = centres.first()
    if first is None:
        raise deny(user, object_type=object_type_of(Unit), raw_id="", purpose=purpose)
    return first
