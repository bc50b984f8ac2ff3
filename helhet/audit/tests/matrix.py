"""The role × view matrix for the privacy officer's pages: only the privacy officer holds
audit.review; everyone else logged in gets 403."""

import uuid

from helhet.audit.services import break_glass_grant
from helhet.core.testing import LOGIN, Case

_PRIVACY = {"anonymous": LOGIN, "outsider": 403, "member": 200, "other_unit": 403, "admin": 403}


def _grant(cast):
    grant = getattr(cast, "_matrix_grant", None)
    if grant is None:
        # audit imports no domain app, so the grant names a person by id only.
        grant = break_glass_grant(
            actor=cast.nav_worker,
            object_type="people.person",
            object_id=1,
            person_id=1,
            reason="Politiet ringte om en akutt trussel mot personen.",
            submission_id=uuid.uuid4(),
        )
        cast._matrix_grant = grant
    return {"grant_id": grant.pk}


CASES = [
    Case("audit:event_list", expect=_PRIVACY, member="privacy_officer"),
    Case("audit:break_glass_queue", expect=_PRIVACY, member="privacy_officer"),
    Case("audit:break_glass_reviewed", expect=_PRIVACY, member="privacy_officer"),
    Case("audit:break_glass_review", expect=_PRIVACY, kwargs=_grant, member="privacy_officer"),
]
