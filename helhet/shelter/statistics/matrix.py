"""Matrix cases for the statistics pages (collected by tests/test_view_policy.py).

Staff of the crisis centre (member) get the page and the files; staff of another unit
(other_unit: NAV) hold case access elsewhere but work at no crisis centre, so 404; users
without case access (outsider, the system administrator) are refused by the policy (403).
"""

from helhet.core.testing import LOGIN, Case

EXPECT: dict[str, int | str] = {
    "anonymous": LOGIN,
    "outsider": 403,
    "member": 200,
    "other_unit": 404,
    "admin": 403,
}

CASES = [
    Case("shelter_statistics:report", expect=EXPECT),
    Case("shelter_statistics:report_xlsx", expect=EXPECT),
    Case("shelter_statistics:report_csv", expect=EXPECT),
    Case("shelter_statistics:report_pdf", expect=EXPECT),
]
