"""Who may use each view of this app (gathered into config/policy.py).

Public pages that have no form that posts set no cookie (`PUBLIC_COOKIELESS`); the
quick exit may delete cookies, so it is only `PUBLIC`.
"""

from helhet.core.policy import PUBLIC, PUBLIC_COOKIELESS, Rule, staff
from helhet.organisation.roles import Cap

POLICY: dict[str, Rule] = {
    "portal:start": PUBLIC_COOKIELESS,
    "portal:information": PUBLIC_COOKIELESS,
    "portal:find_help": PUBLIC_COOKIELESS,
    "portal:service_detail": PUBLIC_COOKIELESS,
    "portal:safety": PUBLIC_COOKIELESS,
    "portal:employees": PUBLIC_COOKIELESS,
    "portal:accessibility": PUBLIC_COOKIELESS,
    "portal:about": PUBLIC_COOKIELESS,
    "portal:exit": PUBLIC,
    # The staff pages in staff_urls.py (mounted at /ansatt/portal/, no language prefix).
    "portal_staff:page_list": staff(Cap.DIRECTORY_EDIT),
    "portal_staff:page_edit": staff(Cap.DIRECTORY_EDIT),
}
