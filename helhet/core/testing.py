"""Shared test support: the role × view matrix.

Each app lists one `Case` per URL name in `helhet/<app>/tests/matrix.py` as `CASES`.
tests/test_view_policy.py runs every case for five visitors: anonymous, outsider (logged
in, no membership), member (owns the object), other_unit (a member of another unit) and
admin (the system administrator). A case states the status each visitor must get.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

VISITORS = ("anonymous", "outsider", "member", "other_unit", "admin")
LOGIN = "login"  # expected: a redirect to the login page


@dataclass(frozen=True)
class Case:
    url_name: str
    # Statuses by visitor; LOGIN means a redirect to the login page.
    expect: dict[str, int | str]
    kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda cast: {})
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] = field(default=lambda cast: {})
    # The cast members who play "member" and "other_unit" for this view.
    member: str = "shelter_worker"
    other_unit: str = "nav_worker"
    # Runs before the request (for a view that needs more state, e.g. a pending login).
    prepare: Callable[[Any, Any], None] | None = None

    def status_for(self, visitor: str) -> int | str:
        return self.expect[visitor]


def staff_case(url_name: str, **overrides: Any) -> Case:
    """A page any logged-in member of staff may open (no object, no capability)."""
    expect = {"anonymous": LOGIN, "outsider": 200, "member": 200, "other_unit": 200, "admin": 200}
    expect.update(overrides.pop("expect", {}))
    return Case(url_name, expect=expect, **overrides)


def public_case(url_name: str, status: int = 200, **overrides: Any) -> Case:
    expect = dict.fromkeys(VISITORS, status)
    expect.update(overrides.pop("expect", {}))
    return Case(url_name, expect=expect, **overrides)
