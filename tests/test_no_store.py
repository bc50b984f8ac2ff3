"""Every staff response says `Cache-Control: no-store`: no browser, shared computer or proxy
keeps a copy of a page with case data. The public portal, the open API and static files
decide their own caching."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import login
from helhet.core.policy import Access, view_policy
from tests.test_view_policy import CASES

STAFF_ROUTE = settings.HELHET_STAFF_PATH_PREFIX.lstrip("/")


def _routes(resolver: URLResolver, prefix: str = "", namespace: str = "") -> dict[str, str]:
    """Each URL name with the route it is mounted at (without the leading slash)."""
    routes: dict[str, str] = {}
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes |= _routes(entry, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            routes[f"{namespace}{entry.name}"] = route
    return routes


ROUTES = _routes(get_resolver())
STAFF_PAGES = sorted(name for name in CASES if ROUTES.get(name, "").startswith(STAFF_ROUTE))


def _no_store(response: Any) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return "no-store" in directives


def test_every_staff_view_lives_under_the_staff_prefix():
    staff = {name for name, rule in view_policy().items() if rule.access == Access.STAFF}
    outside = sorted(name for name in staff if not ROUTES[name].startswith(STAFF_ROUTE))
    assert outside == [], f"staff views outside {settings.HELHET_STAFF_PATH_PREFIX}: {outside}"
    assert len(STAFF_PAGES) >= len(staff)


@pytest.mark.parametrize("url_name", STAFF_PAGES)
def test_every_staff_page_says_no_store_to_a_logged_in_member(url_name, cast, client):
    case = CASES[url_name]
    login(client, getattr(cast, case.member))
    if case.prepare is not None:
        case.prepare(cast, client)
    url = reverse(url_name, kwargs=case.kwargs(cast))
    response = getattr(client, case.method)(url, data=case.data(cast))
    assert _no_store(response), (url_name, response.status_code, response.get("Cache-Control"))


@pytest.mark.parametrize(
    "path",
    [
        "/ansatt/",  # anonymous: the redirect to the login page
        "/ansatt/konto/logg-inn/",
        "/ansatt/finnes-ikke/",  # the 404 page
    ],
)
def test_staff_responses_to_anonymous_visitors_say_no_store_too(path, db, client):
    assert _no_store(client.get(path))


def test_a_refused_staff_page_says_no_store(cast, client):
    login(client, cast.outsider)
    response = client.get(reverse("audit:event_list"))
    assert response.status_code == 403
    assert _no_store(response)


def test_the_open_api_keeps_its_own_caching(db, client):
    response = client.get("/api/hsds/")
    assert not _no_store(response)
