"""The role × view policy table: every URL name in Helhet and the rule that guards it.

Gathered from each app's `policy.py`. The middleware refuses a view that is missing here,
and tests/test_view_policy.py fails until every URL pattern has a rule and a matrix case.
"""

from helhet.accounts.policy import POLICY as ACCOUNTS
from helhet.audit.policy import POLICY as AUDIT
from helhet.core.policy import PUBLIC, merge_policies
from helhet.core.views import POLICY as CORE
from helhet.directory.policy import POLICY as DIRECTORY
from helhet.organisation.policy import POLICY as ORGANISATION
from helhet.people.policy import POLICY as PEOPLE
from helhet.portal.policy import POLICY as PORTAL
from helhet.shelter.policy import POLICY as SHELTER
from helhet.shelter.statistics.policy import POLICY as SHELTER_STATISTICS

THIRD_PARTY = {
    # Django's language switch: a POST that sets the language cookie for staff pages.
    "set_language": PUBLIC,
}

VIEW_POLICY = merge_policies(
    [
        THIRD_PARTY,
        CORE,
        ACCOUNTS,
        ORGANISATION,
        AUDIT,
        PEOPLE,
        DIRECTORY,
        PORTAL,
        SHELTER,
        SHELTER_STATISTICS,
    ]
)
