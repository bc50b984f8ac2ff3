"""Who may use each view of accounts. The login steps are public by nature; they check
the pending password step (or the one-time link) themselves.

A one-time enrolment link is made by the administrator for any user, and by a unit's lead
for the users of their units who have not enrolled yet (the service holds that rule; the
chokepoint gives 404 for users outside the lead's units). Resetting a lost second factor is
for the administrator only.
"""

from helhet.core.policy import PUBLIC, STAFF, Rule, staff
from helhet.organisation.roles import Cap

POLICY: dict[str, Rule] = {
    "accounts:login": PUBLIC,
    "accounts:verify": PUBLIC,
    "accounts:enrolment": PUBLIC,
    "accounts:recovery_codes": STAFF,
    "accounts:logout": PUBLIC,
    "accounts:password_change": STAFF,
    "accounts:enrolment_link_issue": staff(Cap.UNIT_MEMBERS),
    "accounts:second_factor_reset": staff(Cap.USERS_MANAGE),
    # The identity provider's round trip; both answer 404 when OIDC is not configured.
    "accounts:oidc_start": PUBLIC,
    "accounts:oidc_callback": PUBLIC,
}
