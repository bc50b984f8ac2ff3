"""The member pages in a real Chromium: a lead adds a member with a double click, the
administrator deactivates a user after confirming; no Content-Security-Policy violation."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from conftest import login, make_user
from helhet.organisation.models import Membership
from helhet.organisation.roles import Role

pytestmark = pytest.mark.browser


@pytest.fixture
def csp_violations(page):
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def _same_origin_posts(page, live_server):
    """Send the Origin a same-origin form post carries.

    With `Referrer-Policy: no-referrer` (settings and base.html) Chromium sends
    `Origin: null` on every form post, and Django's CSRF check refuses them all with 403.
    Reported to core (use `same-origin`, which gives other sites nothing either); until
    then these tests put the real origin back so that they test this app's pages.
    """

    def route(route):
        request = route.request
        if request.method == "POST":
            route.continue_(headers={**request.headers, "origin": live_server.url})
        else:
            route.continue_()

    page.route("**/*", route)


def _log_in(page, live_server, user):
    """Start the browser with a session that has both factors done (the login flow itself
    is tested in accounts)."""
    _same_origin_posts(page, live_server)
    client = login(Client(), user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.session.session_key,
                "url": live_server.url,
            }
        ]
    )


def test_a_lead_adds_a_member_with_a_double_click_and_gets_one_membership(
    page, live_server, cast, csp_violations
):
    newcomer = make_user("newcomer", "Nina Nykommer")
    _log_in(page, live_server, cast.shelter_lead)

    page.goto("/ansatt/organisasjon/brukere/")
    page.get_by_role("link", name="Fjordvik krisesenter").click()
    page.get_by_label("Brukernavn").fill("newcomer")
    page.get_by_label("Rolle").select_option(Role.WORKER)
    page.get_by_role("button", name="Legg til").dblclick()

    page.get_by_text("Medlemmet er lagt til.").wait_for()
    assert page.get_by_role("link", name="Nina Nykommer", exact=True).is_visible()
    assert Membership.objects.filter(user=newcomer).count() == 1
    assert csp_violations == []


def test_the_administrator_deactivates_a_user_after_confirming(
    page, live_server, cast, csp_violations
):
    _log_in(page, live_server, cast.admin)

    page.goto(f"/ansatt/organisasjon/brukere/{cast.colleague.pk}/")
    page.get_by_role("link", name="Deaktiver brukeren").click()
    assert page.get_by_role("heading", name="Deaktivere Colleague?").is_visible()
    cast.colleague.refresh_from_db()
    assert cast.colleague.is_active

    page.get_by_role("button", name="Deaktiver brukeren").click()

    page.get_by_text("Brukeren er deaktivert og er logget ut overalt.").wait_for()
    cast.colleague.refresh_from_db()
    assert not cast.colleague.is_active
    assert csp_violations == []
