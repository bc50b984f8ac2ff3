"""Every URL has a rule in the policy table, and every rule is tested for five visitors."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import login
from helhet.core.policy import Access, view_policy
from helhet.core.testing import LOGIN, VISITORS, Case


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            names |= _url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            names.add(f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>")
    return names


def _all_cases() -> dict[str, Case]:
    """Every `matrix.py` under helhet/ (an app's tests/matrix.py, or a sub-package's)."""
    cases: dict[str, Case] = {}
    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "helhet").rglob("matrix.py")):
        dotted = ".".join(path.relative_to(root).with_suffix("").parts)
        module = importlib.import_module(dotted)
        for case in module.CASES:
            assert case.url_name not in cases, f"two matrix cases for {case.url_name}"
            cases[case.url_name] = case
    return cases


CASES = _all_cases()


def test_every_url_pattern_has_a_rule_in_the_policy_table():
    names = _url_names(get_resolver())
    missing = sorted(name for name in names if name not in view_policy())
    assert missing == [], f"views without a rule in config/policy.py: {missing}"


def test_the_policy_table_names_no_view_that_does_not_exist():
    names = _url_names(get_resolver())
    stale = sorted(name for name in view_policy() if name not in names)
    assert stale == [], f"rules for views that do not exist: {stale}"


def test_every_rule_has_a_matrix_case():
    missing = sorted(name for name in view_policy() if name not in CASES)
    assert missing == [], f"views without a matrix case in helhet/<app>/tests/matrix.py: {missing}"


def test_public_rules_are_public_in_the_matrix():
    for name, rule in view_policy().items():
        case = CASES.get(name)
        if case is None or rule.access != Access.PUBLIC:
            continue
        assert case.status_for("anonymous") != LOGIN, f"{name} is public but the case expects login"


def _visitor(cast: Any, case: Case, visitor: str) -> Any:
    if visitor == "anonymous":
        return None
    if visitor == "member":
        return getattr(cast, case.member)
    if visitor == "other_unit":
        return getattr(cast, case.other_unit)
    return getattr(cast, visitor)


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("url_name", sorted(CASES))
def test_matrix(url_name: str, visitor: str, cast: Any, client: Any) -> None:
    case = CASES[url_name]
    user = _visitor(cast, case, visitor)
    if user is not None:
        login(client, user)
    if case.prepare is not None:
        case.prepare(cast, client)
    url = reverse(url_name, kwargs=case.kwargs(cast))
    response = getattr(client, case.method)(url, data=case.data(cast))
    expected = case.status_for(visitor)
    if expected == LOGIN:
        assert response.status_code == 302, (url_name, visitor, response.status_code)
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, (url_name, visitor, response.status_code)
