"""Who may use each view of this app (gathered into config/policy.py).

Units are created and changed by the system administrator. Members are managed by the
administrator (every unit) and by leads (their own units: the chokepoints give 404 for
others). Users are created by the administrator, and by leads straight into one of their
own units with a role. Deactivating and reactivating is for the administrator only: a user
may work in several units, and deactivation ends the account everywhere.

The list of granted and removed roles is for the privacy officer (audit.review), like the
audit log: the administrator and the leads who give roles do not review their own grants.
"""

from helhet.core.policy import Rule, staff
from helhet.organisation.roles import Cap

POLICY: dict[str, Rule] = {
    "organisation:unit_list": staff(Cap.UNITS_MANAGE),
    "organisation:unit_create": staff(Cap.UNITS_MANAGE),
    "organisation:unit_edit": staff(Cap.UNITS_MANAGE),
    "organisation:unit_detail": staff(Cap.UNIT_MEMBERS),
    "organisation:unit_member_add": staff(Cap.UNIT_MEMBERS),
    "organisation:user_list": staff(Cap.UNIT_MEMBERS),
    "organisation:user_detail": staff(Cap.UNIT_MEMBERS),
    "organisation:user_membership_add": staff(Cap.UNIT_MEMBERS),
    "organisation:membership_remove": staff(Cap.UNIT_MEMBERS),
    "organisation:user_create": staff(Cap.UNIT_MEMBERS),
    "organisation:user_deactivate": staff(Cap.USERS_MANAGE),
    "organisation:user_reactivate": staff(Cap.USERS_MANAGE),
    "organisation:role_change_list": staff(Cap.AUDIT_REVIEW),
}
