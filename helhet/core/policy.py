"""The view policy: every URL name has a rule, and a view without one is refused.

The table itself lives in `config/policy.py`, gathered from each app's `policy.py`.
`core` knows only the shape of a rule; which capabilities a user has is asked of the
function named by the setting HELHET_CAPABILITY_RESOLVER (organisation's roles), so
that core imports no domain app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

MFA_SESSION_KEY = "helhet.mfa"


class Access(StrEnum):
    PUBLIC = "public"  # anyone, no login (the portal, the login pages, the open API)
    STAFF = "staff"  # logged in with both factors (when two factors are required)


@dataclass(frozen=True)
class Rule:
    """What a view demands. `capability` is one of the capabilities in organisation.roles;
    a user lacking it gets 403. Objects that are not the user's give 404 in the chokepoint."""

    access: Access
    capability: str | None = None
    # Public views that must not set cookies (the portal) say so; tests hold them to it.
    cookieless: bool = False


PUBLIC = Rule(Access.PUBLIC)
PUBLIC_COOKIELESS = Rule(Access.PUBLIC, cookieless=True)
STAFF = Rule(Access.STAFF)


def staff(capability: str) -> Rule:
    return Rule(Access.STAFF, capability=capability)


@cache
def view_policy() -> dict[str, Rule]:
    policy: dict[str, Rule] = import_string(settings.HELHET_VIEW_POLICY)
    return policy


def merge_policies(parts: Iterable[dict[str, Rule]]) -> dict[str, Rule]:
    merged: dict[str, Rule] = {}
    for part in parts:
        for name, rule in part.items():
            if name in merged:
                raise ValueError(f"The view {name} has two rules in the policy table.")
            merged[name] = rule
    return merged


def _capability_resolver() -> Callable[[Any], frozenset[str]]:
    resolver: Callable[[Any], frozenset[str]] = import_string(settings.HELHET_CAPABILITY_RESOLVER)
    return resolver


def user_capabilities(user: Any) -> frozenset[str]:
    """The capabilities the user holds through their memberships (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_helhet_capabilities", None)
    if cached is None:
        cached = _capability_resolver()(user)
        user._helhet_capabilities = cached
    return cached


def has_capability(user: Any, capability: str) -> bool:
    return capability in user_capabilities(user)


def second_factor_done(request: Any) -> bool:
    if not settings.HELHET_REQUIRE_2FA:
        return True
    return bool(request.session.get(MFA_SESSION_KEY))
