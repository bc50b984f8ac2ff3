"""The chokepoint of the statistics pages: the crisis centre the report is about.

A user sees the statistics of the crisis centres where they may see case content
(`Cap.CASE_VIEW`). Any other centre, and a centre that does not exist, is the same 404,
and the refusal is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record
from helhet.organisation.models import Unit
from helhet.shelter.selectors import centres_for

STATISTICS_OBJECT_TYPE = "shelter.statistics"
UNIT_OBJECT_TYPE = "organisation.unit"
# Stored in Bokmål in the log, translated when shown (like every purpose).
PURPOSE = gettext_noop("Krisesenterstatistikk")


def _pk(value: Any) -> int | None:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk < 2**63 else None


def get_statistics_centre_for(user: Any, unit_id: Any, *, purpose: str = PURPOSE) -> Unit:
    """The centre named by `unit_id` (or, when none is named, the user's first centre) if
    the user may see its case content; otherwise 404 and an access-denied event."""
    centres = list(centres_for(user=user).select_related("host_municipality").order_by("name"))
    if unit_id in (None, ""):
        if centres:
            return centres[0]
    else:
        wanted = _pk(unit_id)
        chosen = next((unit for unit in centres if unit.pk == wanted), None)
        if chosen is not None:
            return chosen
    event_record(
        kind=EventKind.ACCESS_DENIED,
        actor=user,
        object_type=UNIT_OBJECT_TYPE,
        object_id=str(unit_id or "")[:64],
        purpose=purpose,
    )
    raise Http404(_("Siden finnes ikke, eller du har ikke tilgang til den."))
