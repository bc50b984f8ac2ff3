"""Types that say what a view or service really gets.

`AuthenticatedRequest` is the request of every staff view: the view policy has already
checked that a user is logged in with both factors, so `request.user` is our `User`, never
`AnonymousUser`. Services take `actor: User`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:  # core imports no domain app at run time (import-linter).
    from helhet.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request that passed the view policy's login and second-factor check."""

    user: User


def __getattr__(name: str) -> object:
    # At run time `User` is the configured user model, looked up when first asked for.
    if name == "User":
        from django.contrib.auth import get_user_model

        return get_user_model()
    raise AttributeError(name)


__all__ = ["AuthenticatedRequest", "User"]
