"""The view matrix for the organisation pages.

"member" is the crisis centre's lead (they manage the members of their own unit) and
"other_unit" a worker at NAV (no capability for these pages: 403). The lead gets 403 on
the administrator's pages (units, deactivating and reactivating users), and may create
users (straight into their own units). Leads of another unit
(404 for this unit's objects) are tested in test_members.py.

The list of granted roles is the privacy officer's ("member" there): the administrator and
the leads who give roles get 403.
"""

from __future__ import annotations

from typing import Any

from helhet.accounts.services import user_deactivate
from helhet.core.testing import LOGIN, Case
from helhet.organisation.models import Membership

ADMIN_ONLY = {"anonymous": LOGIN, "outsider": 403, "member": 403, "other_unit": 403, "admin": 200}
PRIVACY_OFFICER_ONLY = {
    "anonymous": LOGIN,
    "outsider": 403,
    "member": 200,
    "other_unit": 403,
    "admin": 403,
}
LEAD_AND_ADMIN = {
    "anonymous": LOGIN,
    "outsider": 403,
    "member": 200,
    "other_unit": 403,
    "admin": 200,
}


def _shelter(cast: Any) -> dict[str, Any]:
    return {"unit_id": cast.shelter.pk}


def _colleague(cast: Any) -> dict[str, Any]:
    return {"user_id": cast.colleague.pk}


def _colleague_membership(cast: Any) -> dict[str, Any]:
    membership = Membership.objects.get(user=cast.colleague, unit=cast.shelter)
    return {"membership_id": membership.pk}


def _deactivate_colleague(cast: Any, client: Any) -> None:
    user_deactivate(actor=cast.admin, user=cast.colleague)


def _case(url_name: str, expect: dict[str, int | str], **overrides: Any) -> Case:
    return Case(url_name, expect=dict(expect), member="shelter_lead", **overrides)


CASES = [
    _case("organisation:unit_list", ADMIN_ONLY),
    _case("organisation:unit_create", ADMIN_ONLY),
    _case("organisation:unit_edit", ADMIN_ONLY, kwargs=_shelter),
    _case("organisation:unit_detail", LEAD_AND_ADMIN, kwargs=_shelter),
    _case("organisation:unit_member_add", LEAD_AND_ADMIN, kwargs=_shelter),
    _case("organisation:user_list", LEAD_AND_ADMIN),
    _case("organisation:user_create", LEAD_AND_ADMIN),
    _case("organisation:user_detail", LEAD_AND_ADMIN, kwargs=_colleague),
    _case("organisation:user_membership_add", LEAD_AND_ADMIN, kwargs=_colleague),
    _case("organisation:membership_remove", LEAD_AND_ADMIN, kwargs=_colleague_membership),
    _case("organisation:user_deactivate", ADMIN_ONLY, kwargs=_colleague),
    # The confirmation page to reactivate is for a deactivated user.
    _case(
        "organisation:user_reactivate",
        ADMIN_ONLY,
        kwargs=_colleague,
        prepare=_deactivate_colleague,
    ),
    Case(
        "organisation:role_change_list",
        expect=dict(PRIVACY_OFFICER_ONLY),
        member="privacy_officer",
        other_unit="shelter_lead",
    ),
]
