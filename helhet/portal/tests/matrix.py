"""The portal's views for the five visitors: public pages answer everyone alike."""

from helhet.core.testing import LOGIN, Case, public_case
from helhet.portal.tests.support import published_service

PUBLIC_CASES = [
    public_case("portal:start"),
    public_case("portal:information"),
    public_case("portal:find_help"),
    public_case(
        "portal:service_detail", kwargs=lambda cast: {"service_id": published_service().pk}
    ),
    public_case("portal:safety"),
    public_case("portal:employees"),
    public_case("portal:accessibility"),
    public_case("portal:about"),
    # The quick exit sends everyone on to the neutral site.
    public_case("portal:exit"),
]

_COORDINATOR_ONLY = {
    "anonymous": LOGIN,
    "outsider": 403,
    "member": 200,
    "other_unit": 403,
    "admin": 403,
}
# Only the coordinator (the municipal violence coordinator) keeps the portal's texts.
STAFF_CASES = [
    Case(
        "portal_staff:page_list",
        expect=_COORDINATOR_ONLY,
        member="coordinator",
        other_unit="shelter_worker",
    ),
    Case(
        "portal_staff:page_edit",
        expect=_COORDINATOR_ONLY,
        kwargs=lambda cast: {"key": "start", "language": "pl"},
        member="coordinator",
        other_unit="shelter_worker",
    ),
]

CASES = PUBLIC_CASES + STAFF_CASES
