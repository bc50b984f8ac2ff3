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


def _log_in(page, live_server, user):
    """Start the browser with a session that has both factors done (the login flow itself
    is tested in accounts)."""
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
