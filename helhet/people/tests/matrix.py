"""The role × view matrix for persons. The member is a worker at the crisis centre where
the person is registered; the other unit (NAV) gets 404 for that person; the system
administrator holds no case capability (403). The privacy officer's pages take the
privacy officer as member."""

from helhet.core.testing import LOGIN, Case
from helhet.people.tests.helpers import registered_person


def _person(cast):
    return {"person_id": registered_person(cast).pk}


# No object: any user with the capability may open the page.
_OPEN = {"anonymous": LOGIN, "outsider": 403, "member": 200, "other_unit": 200, "admin": 403}
# A person of the crisis centre: the NAV worker holds the capability but not the person.
_PERSON = {"anonymous": LOGIN, "outsider": 403, "member": 200, "other_unit": 404, "admin": 403}
# The privacy officer's pages: nobody else holds audit.review.
_PRIVACY = {"anonymous": LOGIN, "outsider": 403, "member": 200, "other_unit": 403, "admin": 403}

CASES = [
    Case("people:list", expect=_OPEN),
    Case("people:create", expect=_OPEN),
    Case("people:detail", expect=_PERSON, kwargs=_person),
    Case("people:edit", expect=_PERSON, kwargs=_person),
    # Only a lead erases; the NAV lead would get 404, the NAV worker lacks the capability.
    Case(
        "people:erase",
        expect={**_PERSON, "other_unit": 403},
        kwargs=_person,
        member="shelter_lead",
    ),
    Case("people:break_glass", expect=_OPEN),
    Case("people:access_log_search", expect=_PRIVACY, member="privacy_officer"),
    Case("people:access_log", expect=_PRIVACY, kwargs=_person, member="privacy_officer"),
    Case("people:access_log_csv", expect=_PRIVACY, kwargs=_person, member="privacy_officer"),
    Case("people:access_log_pdf", expect=_PRIVACY, kwargs=_person, member="privacy_officer"),
]
