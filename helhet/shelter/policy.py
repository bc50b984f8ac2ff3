"""Who may use each view of this app (gathered into config/policy.py).

The capability opens the door; the chokepoints in `access.py` then decide which centre,
stay or task the user may see (404 otherwise). Rooms, beds and answer lists are the
centre lead's: `Cap.UNIT_MEMBERS` here, narrowed to leads of a crisis centre by
`access.get_managed_centre_for`.
"""

from helhet.core.policy import Rule, staff
from helhet.organisation.roles import Cap

VIEW = staff(Cap.CASE_VIEW)
EDIT = staff(Cap.CASE_EDIT)
MANAGE = staff(Cap.UNIT_MEMBERS)

POLICY: dict[str, Rule] = {
    "shelter:board": VIEW,
    "shelter:phone": EDIT,
    "shelter:phone_undo": EDIT,
    "shelter:day_list": VIEW,
    "shelter:day_create": EDIT,
    "shelter:capacity_referral": EDIT,
    "shelter:stay_list": VIEW,
    "shelter:stay_create": EDIT,
    "shelter:stay_detail": VIEW,
    "shelter:stay_update": EDIT,
    "shelter:child_add": EDIT,
    "shelter:stay_allocate": EDIT,
    "shelter:stay_end": EDIT,
    "shelter:safety_plan": VIEW,
    "shelter:threat_create": EDIT,
    "shelter:followup": VIEW,
    "shelter:followup_consent": EDIT,
    "shelter:task_create": EDIT,
    "shelter:task_list": VIEW,
    "shelter:task_detail": VIEW,
    "shelter:room_list": MANAGE,
    "shelter:room_detail": MANAGE,
    "shelter:answer_lists": MANAGE,
    "shelter:answer_toggle": MANAGE,
}
