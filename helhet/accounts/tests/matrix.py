from helhet.core.testing import LOGIN, Case, public_case

CASES = [
    # A logged-in user is sent on from the login page; others see the form.
    public_case(
        "accounts:login", expect={"outsider": 302, "member": 302, "other_unit": 302, "admin": 302}
    ),
    # Without a pending password step, the code pages send the visitor back to login.
    public_case("accounts:verify", status=302),
    public_case("accounts:enrol", status=302),
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
    # OIDC is not configured in the test settings: both views do not exist for anyone.
    # tests/test_oidc.py drives them with a configured (fake) provider.
    public_case("accounts:oidc_start", status=404),
    public_case("accounts:oidc_callback", status=404),
]
