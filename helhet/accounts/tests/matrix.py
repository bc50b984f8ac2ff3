import uuid
from typing import Any

from helhet.accounts.services import enrolment_link_issue, enrolment_token
from helhet.core.testing import LOGIN, Case, public_case, staff_case

LEAD_AND_ADMIN = {
    "anonymous": LOGIN,
    "outsider": 403,
    "member": 200,
    "other_unit": 403,
    "admin": 200,
}
ADMIN_ONLY = {**LEAD_AND_ADMIN, "member": 403}


def _colleague(cast: Any) -> dict[str, Any]:
    return {"user_id": cast.colleague.pk}


def _colleagues_link(cast: Any) -> dict[str, Any]:
    link = enrolment_link_issue(actor=cast.admin, user=cast.colleague, submission_id=uuid.uuid4())
    return {"token": enrolment_token(link)}


CASES = [
    # A logged-in user is sent on from the login page; others see the form.
    public_case(
        "accounts:login", expect={"outsider": 302, "member": 302, "other_unit": 302, "admin": 302}
    ),
    # Without a pending password step, the code page sends the visitor back to login.
    public_case("accounts:verify", status=302),
    # The one-time link is the key: whoever holds it sees the page (test_enrolment.py).
    public_case("accounts:enrolment", kwargs=_colleagues_link),
    Case(
        "accounts:recovery_codes",
        # Codes are shown once, right after enrolment; otherwise on to the start page.
        expect={
            "anonymous": LOGIN,
            "outsider": 302,
            "member": 302,
            "other_unit": 302,
            "admin": 302,
        },
    ),
    public_case("accounts:logout", status=302, method="post"),
    # Everyone changes their own password.
    staff_case("accounts:password_change"),
    # The crisis centre's lead reaches the users of their unit; NAV's worker lacks the
    # capability. test_enrolment_links.py tests what a lead may not do.
    Case(
        "accounts:enrolment_link_issue",
        expect={
            "anonymous": LOGIN,
            "outsider": 403,
            "member": 200,
            "other_unit": 403,
            "admin": 200,
        },
        kwargs=_colleague,
        member="shelter_lead",
    ),
    Case(
        "accounts:second_factor_reset",
        expect={
            "anonymous": LOGIN,
            "outsider": 403,
            "member": 403,
            "other_unit": 403,
            "admin": 200,
        },
        kwargs=_colleague,
        member="shelter_lead",
    ),
    # OIDC is not configured in the test settings: both views do not exist for anyone.
    # tests/test_oidc.py drives them with a configured (fake) provider.
    public_case("accounts:oidc_start", status=404),
    public_case("accounts:oidc_callback", status=404),
]
