from helhet.core.testing import public_case, staff_case

CASES = [
    staff_case("core:home"),
    # The language switch redirects back (302) for everyone.
    public_case("set_language", status=302, method="post", data=lambda cast: {"language": "en"}),
]
