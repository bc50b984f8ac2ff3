"""Who may use each view of this app (gathered into config/policy.py).

The HSDS API is open data for anyone and sets no cookies; the staff pages are for the
coordinator who keeps the directory (Cap.DIRECTORY_EDIT).
"""

from helhet.core.policy import PUBLIC_COOKIELESS, Rule, staff
from helhet.organisation.roles import Cap

_API = [
    "index",
    "openapi",
    "export",
    "service_list",
    "service_detail",
    "organization_list",
    "organization_detail",
    "taxonomy_list",
    "taxonomy_detail",
    "taxonomy_term_list",
    "taxonomy_term_detail",
]

_STAFF = [
    "service_list",
    "service_create",
    "service_detail",
    "service_edit",
    "service_publish",
    "service_unpublish",
    "service_verify",
    "service_history",
    "service_translation",
    "reverify_list",
    "organization_create",
    "location_list",
    "location_create",
    "location_edit",
]

POLICY: dict[str, Rule] = {
    **{f"hsds:{name}": PUBLIC_COOKIELESS for name in _API},
    **{f"directory:{name}": staff(Cap.DIRECTORY_EDIT) for name in _STAFF},
}
