"""Who may use each view of this app (gathered into config/policy.py).

The capability opens the page; whether a given person is the user's is decided in
`people.access` (404 when not).
"""

from helhet.core.policy import Rule, staff
from helhet.organisation.roles import Cap

POLICY: dict[str, Rule] = {
    "people:list": staff(Cap.CASE_VIEW),
    "people:create": staff(Cap.CASE_EDIT),
    "people:detail": staff(Cap.CASE_VIEW),
    "people:edit": staff(Cap.CASE_EDIT),
    "people:erase": staff(Cap.PERSON_ERASE),
    "people:break_glass": staff(Cap.BREAK_GLASS),
    # The privacy officer answers a person's request to see who has read their data.
    "people:access_log_search": staff(Cap.AUDIT_REVIEW),
    "people:access_log": staff(Cap.AUDIT_REVIEW),
    "people:access_log_csv": staff(Cap.AUDIT_REVIEW),
    "people:access_log_pdf": staff(Cap.AUDIT_REVIEW),
}
