"""Who may use each view of accounts. The login steps are public by nature; they check
the pending password step themselves."""

from helhet.core.policy import PUBLIC, STAFF, Rule

POLICY: dict[str, Rule] = {
    "accounts:login": PUBLIC,
    "accounts:verify": PUBLIC,
    "accounts:enrol": PUBLIC,
    "accounts:recovery_codes": STAFF,
    "accounts:logout": PUBLIC,
    # The identity provider's round trip; both answer 404 when OIDC is not configured.
    "accounts:oidc_start": PUBLIC,
    "accounts:oidc_callback": PUBLIC,
}
