"""Who may use the statistics pages (gathered into config/policy.py).

Staff with case access at a crisis centre; which centre is checked per request by
`access.get_statistics_centre_for` (404 for any other)."""

from helhet.core.policy import Rule, staff
from helhet.organisation.roles import Cap

POLICY: dict[str, Rule] = {
    "shelter_statistics:report": staff(Cap.CASE_VIEW),
    "shelter_statistics:report_xlsx": staff(Cap.CASE_VIEW),
    "shelter_statistics:report_csv": staff(Cap.CASE_VIEW),
    "shelter_statistics:report_pdf": staff(Cap.CASE_VIEW),
}
