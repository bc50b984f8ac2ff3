"""Who may use the organisation pages, beyond the matrix: the privacy officer, posts by
anonymous visitors, and the administrator's limits (manages, sees no case content)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from helhet.core.policy import user_capabilities
from helhet.organisation.models import Membership
from helhet.organisation.roles import Cap, Role
from helhet.organisation.selectors import units_with
from helhet.organisation.tests.matrix import CASES

# The privacy officer's page (the list of granted roles); every other page manages units,
# users and roles.
REVIEW = "organisation:role_change_list"


def organisation_urls(cast, *, review=False):
    """Every URL of the app that manages units, users and roles (or, with `review`, also
    the privacy officer's page), with the objects the matrix uses."""
    return [
        reverse(case.url_name, kwargs=case.kwargs(cast))
        for case in CASES
        if review or case.url_name != REVIEW
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_privacy_officer_gets_403_on_every_page_that_manages(cast, login_as, client, method):
    login_as(cast.privacy_officer)

    statuses = {url: getattr(client, method)(url).status_code for url in organisation_urls(cast)}

    assert set(statuses.values()) == {403}, statuses


def test_the_administrator_does_not_review_the_roles_they_gave(cast, login_as, client):
    login_as(cast.admin)

    assert client.get(reverse(REVIEW)).status_code == 403


def test_an_anonymous_post_is_sent_to_login_and_changes_nothing(cast, client):
    membership = Membership.objects.get(user=cast.colleague, unit=cast.shelter)

    for url in organisation_urls(cast, review=True):
        response = client.post(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url

    assert Membership.objects.filter(pk=membership.pk).exists()
    cast.colleague.refresh_from_db()
    assert cast.colleague.is_active


def test_the_administrator_manages_but_holds_no_case_capability(cast):
    capabilities = user_capabilities(cast.admin)

    assert {Cap.USERS_MANAGE, Cap.UNITS_MANAGE, Cap.UNIT_MEMBERS} <= capabilities
    assert Cap.CASE_VIEW not in capabilities
    assert Cap.CASE_EDIT not in capabilities
    assert Cap.BREAK_GLASS not in capabilities
    assert list(units_with(user=cast.admin, capability=Cap.CASE_VIEW)) == []


def test_a_superuser_is_a_system_administrator_without_case_content(cast):
    cast.outsider.is_superuser = True
    cast.outsider.save()

    capabilities = user_capabilities(cast.outsider)

    assert Cap.USERS_MANAGE in capabilities
    assert Cap.CASE_VIEW not in capabilities


def test_the_administrator_opens_every_organisation_page(cast, login_as, client):
    login_as(cast.admin)

    statuses = {url: client.get(url).status_code for url in organisation_urls(cast)}

    # Reactivating an active user sends the administrator back to the user page.
    reactivate = reverse("organisation:user_reactivate", kwargs={"user_id": cast.colleague.pk})
    assert statuses.pop(reactivate) == 302
    assert set(statuses.values()) == {200}, statuses


def test_a_lead_in_a_deactivated_unit_loses_the_member_pages(cast, login_as, client):
    cast.shelter.is_active = False
    cast.shelter.save()
    login_as(cast.shelter_lead)

    assert client.get(reverse("organisation:user_list")).status_code == 403


def test_a_worker_promoted_to_lead_gets_the_member_pages(cast, login_as, client):
    Membership.objects.create(user=cast.shelter_worker, unit=cast.shelter, role=Role.LEAD)
    login_as(cast.shelter_worker)

    assert client.get(reverse("organisation:user_list")).status_code == 200
