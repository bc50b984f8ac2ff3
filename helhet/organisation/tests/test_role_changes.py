"""The privacy officer's list of granted and removed roles ("Tildelte roller")."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from conftest import login, make_user
from helhet.organisation.choices import UnitType
from helhet.organisation.models import Membership, Municipality, Unit
from helhet.organisation.roles import Role
from helhet.organisation.services import membership_grant, membership_revoke

LIST = reverse("organisation:role_change_list")


def _grant(actor, user, unit, role):
    return membership_grant(
        actor=actor, user=user, unit=unit, role=role, submission_id=uuid.uuid4()
    )


def _rows(response):
    return response.context["changes"]


def test_the_privacy_officer_sees_who_gave_which_role_to_whom_where_and_when(
    cast, login_as, client
):
    newcomer = make_user("newcomer", "Nina Nykommer")
    _grant(cast.shelter_lead, newcomer, cast.shelter, Role.WORKER)
    login_as(cast.privacy_officer)

    response = client.get(LIST)

    newest = _rows(response)[0]
    assert newest.granted
    assert newest.member == newcomer
    assert newest.role_label == "Saksbehandler"
    assert newest.unit_name == "Fjordvik krisesenter"
    assert newest.actor_name == "Shelter Lead"
    html = response.content.decode()
    assert "Nina Nykommer (newcomer)" in html
    assert "no-store" in response["Cache-Control"]


def test_a_removed_role_is_listed_as_removed(cast, login_as, client):
    membership = Membership.objects.get(user=cast.colleague, unit=cast.shelter)
    membership_revoke(actor=cast.shelter_lead, membership=membership)
    login_as(cast.privacy_officer)

    newest = _rows(client.get(LIST))[0]

    assert not newest.granted
    assert newest.member == cast.colleague
    assert newest.role == Role.WORKER
    assert newest.actor_name == "Shelter Lead"


def test_a_first_lead_appointed_by_the_administrator_is_marked(cast, login_as, client):
    newcomer = make_user("newcomer", "Nina Nykommer")
    _grant(cast.admin, newcomer, cast.nav, Role.LEAD)
    login_as(cast.privacy_officer)

    response = client.get(LIST)

    newest = _rows(response)[0]
    assert newest.first_lead
    assert newest.actor_name == "Ada Admin"
    assert "Første leder, utnevnt av systemadministrator" in response.content.decode()
    assert not any(row.first_lead for row in _rows(response)[1:])


def test_the_list_pages_with_a_fixed_number_of_queries(
    cast, login_as, client, django_assert_max_num_queries
):
    for number in range(30):
        _grant(cast.shelter_lead, make_user(f"ansatt{number:02}"), cast.shelter, Role.WORKER)
    login_as(cast.privacy_officer)

    # Session, user, capabilities, header units, count, page, the users on the page, and
    # the session clock's save (3): none of them per row.
    with django_assert_max_num_queries(10):
        first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert len(_rows(first)) == 25
    # The cast's own seven roles, then the thirty above.
    assert first.context["page_obj"].paginator.count == 37
    assert len(_rows(second)) == 12
    assert "?page=2" in first.content.decode()


@pytest.mark.django_db
def test_it_says_so_when_no_role_has_been_given(client):
    municipality = Municipality.objects.create(number="9901", name="Fjordvik")
    unit = Unit.objects.create(
        name="Administrasjonen", unit_type=UnitType.ADMINISTRATION, host_municipality=municipality
    )
    officer = make_user("personvern")
    # Placed without a service, so that nothing is in the log.
    Membership.objects.create(user=officer, unit=unit, role=Role.PRIVACY_OFFICER)
    login(client, officer)

    response = client.get(LIST)

    assert response.status_code == 200
    assert _rows(response) == []
    assert "Ingen har fått eller mistet en rolle ennå." in response.content.decode()


def test_the_privacy_officers_menu_leads_to_the_list_and_the_administrators_does_not(
    cast, login_as, client
):
    login_as(cast.privacy_officer)
    officer_menu = client.get(reverse("core:home")).context["helhet_navigation"]
    login_as(cast.admin)
    admin_menu = client.get(reverse("core:home")).context["helhet_navigation"]

    assert LIST in [entry["url"] for entry in officer_menu]
    assert LIST not in [entry["url"] for entry in admin_menu]
