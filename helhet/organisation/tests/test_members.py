"""Members of a unit: a lead manages their own unit, the administrator every unit."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from conftest import make_user
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.organisation.models import Membership
from helhet.organisation.roles import Role
from helhet.organisation.services import OrganisationError, membership_add, membership_revoke


def _detail(unit):
    return reverse("organisation:unit_detail", kwargs={"unit_id": unit.pk})


def _add(unit):
    return reverse("organisation:unit_member_add", kwargs={"unit_id": unit.pk})


def _remove(membership):
    return reverse("organisation:membership_remove", kwargs={"membership_id": membership.pk})


def _membership(user, unit):
    return Membership.objects.get(user=user, unit=unit)


def _post_add(client, unit, username, role, key=None):
    return client.post(
        _add(unit),
        {"username": username, "role": role, "submission_id": str(key or uuid.uuid4())},
    )


@pytest.fixture
def nav_lead(cast):
    """A lead of another unit (NAV), to prove that leads reach only their own units."""
    user = make_user("nav_lead")
    membership_add(actor=cast.admin, user=user, unit=cast.nav, role=Role.LEAD)
    return user


@pytest.fixture
def newcomer(cast):
    return make_user("newcomer", "Nina Nykommer")


# The unit page


def test_the_lead_sees_the_members_of_their_unit(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = client.get(_detail(cast.shelter))

    assert response.status_code == 200
    members = {m.user.username for m in response.context["members"]}
    assert members == {"shelter_worker", "colleague", "shelter_lead"}
    assert "Nordøy" in response.content.decode()


def test_opening_a_unit_page_is_logged_as_a_read(cast, login_as, client):
    login_as(cast.shelter_lead)

    client.get(_detail(cast.shelter))

    event = Event.objects.filter(kind=EventKind.READ, object_type="organisation.unit").first()
    assert event.object_id == str(cast.shelter.pk)
    assert event.actor_id == cast.shelter_lead.pk
    assert event.purpose == "organisation.unit_detail"


def test_the_lead_of_another_unit_gets_404_for_this_unit_and_it_is_logged(
    cast, login_as, client, nav_lead
):
    login_as(nav_lead)

    assert client.get(_detail(cast.shelter)).status_code == 404
    assert client.get(_add(cast.shelter)).status_code == 404
    assert (
        Event.objects.filter(
            kind=EventKind.ACCESS_DENIED,
            actor=nav_lead,
            object_type="organisation.unit",
            object_id=str(cast.shelter.pk),
        ).count()
        == 2
    )


def test_the_lead_of_another_unit_cannot_add_members_here(
    cast, login_as, client, nav_lead, newcomer
):
    login_as(nav_lead)

    response = _post_add(client, cast.shelter, "newcomer", Role.WORKER)

    assert response.status_code == 404
    assert not Membership.objects.filter(user=newcomer).exists()


def test_the_lead_of_another_unit_cannot_remove_members_here(cast, login_as, client, nav_lead):
    login_as(nav_lead)
    membership = _membership(cast.colleague, cast.shelter)

    assert client.get(_remove(membership)).status_code == 404
    assert client.post(_remove(membership)).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_administrator_sees_any_unit_but_a_worker_does_not(cast, login_as, client):
    login_as(cast.admin)
    assert client.get(_detail(cast.nav)).status_code == 200

    login_as(cast.shelter_worker)
    assert client.get(_detail(cast.shelter)).status_code == 403


def test_the_unit_page_makes_the_same_number_of_queries_for_many_members(
    cast, login_as, client, django_assert_max_num_queries
):
    for number in range(20):
        membership_add(
            actor=cast.admin,
            user=make_user(f"worker{number:02}"),
            unit=cast.shelter,
            role=Role.WORKER,
        )
    login_as(cast.shelter_lead)

    # Session, user, capabilities, the unit, the read event (4, and PostgreSQL's chain
    # lock), whether the viewer leads the unit (for the roles they may give and take away:
    # 2), header units, municipalities, members, the session clock's save (3): none of
    # them per member.
    with django_assert_max_num_queries(17):
        response = client.get(_detail(cast.shelter))

    assert len(response.context["members"]) == 23


# Adding


def test_the_lead_adds_a_worker_to_their_unit(cast, login_as, client, newcomer):
    login_as(cast.shelter_lead)

    response = _post_add(client, cast.shelter, "Newcomer", Role.WORKER)

    assert response.status_code == 302
    assert response["Location"] == _detail(cast.shelter)
    membership = _membership(newcomer, cast.shelter)
    assert membership.role == Role.WORKER
    event = Event.objects.get(
        kind=EventKind.CREATE, object_type="organisation.membership", object_id=str(membership.pk)
    )
    assert event.actor_id == cast.shelter_lead.pk
    assert event.detail == f"user:{newcomer.pk} role:worker"


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.SYSTEM_ADMIN])
def test_the_lead_never_gives_roles_that_reach_beyond_the_unit(
    cast, login_as, client, newcomer, role
):
    login_as(cast.shelter_lead)

    response = _post_add(client, cast.shelter, "newcomer", role)

    assert response.status_code == 200
    assert response.context["form"].errors["role"] == ["Du kan ikke gi denne rollen."]
    assert not Membership.objects.filter(user=newcomer).exists()


def test_the_lead_is_offered_only_the_roles_they_may_give(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = client.get(_add(cast.shelter))

    offered = [value for value, _label in response.context["form"].fields["role"].choices]
    assert offered == ["", Role.WORKER, Role.LEAD]


def test_the_administrator_gives_a_role_beyond_the_unit(cast, login_as, client, newcomer):
    login_as(cast.admin)

    response = _post_add(client, cast.admin_unit, "newcomer", Role.PRIVACY_OFFICER)

    assert response.status_code == 302
    assert _membership(newcomer, cast.admin_unit).role == Role.PRIVACY_OFFICER


def test_a_double_submit_adds_one_membership(cast, login_as, client, newcomer):
    login_as(cast.shelter_lead)
    key = uuid.uuid4()

    first = _post_add(client, cast.shelter, "newcomer", Role.WORKER, key)
    second = _post_add(client, cast.shelter, "newcomer", Role.WORKER, key)

    assert first.status_code == second.status_code == 302
    assert Membership.objects.filter(user=newcomer).count() == 1
    assert (
        Event.objects.filter(kind=EventKind.CREATE, object_type="organisation.membership")
        .filter(detail__startswith=f"user:{newcomer.pk} ")
        .count()
        == 1
    )


def test_a_post_without_a_submission_id_adds_no_member(cast, login_as, client, newcomer):
    login_as(cast.shelter_lead)

    response = client.post(_add(cast.shelter), {"username": "newcomer", "role": Role.WORKER})

    assert response.status_code == 200
    assert "Skjemaet mangler en intern kode." in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_an_unknown_username_is_explained_next_to_the_field_and_kept(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = _post_add(client, cast.shelter, "finnes.ikke", Role.WORKER)

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "Fant ingen bruker med brukernavnet «finnes.ikke». Sjekk skrivemåten."
    ]
    assert 'value="finnes.ikke"' in response.content.decode()


def test_a_role_the_user_already_has_is_explained_next_to_the_role(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = _post_add(client, cast.shelter, "colleague", Role.WORKER)

    assert response.context["form"].errors["role"] == [
        "Brukeren har allerede denne rollen i enheten."
    ]


def test_a_deactivated_user_gets_no_new_role(cast, login_as, client, newcomer):
    newcomer.is_active = False
    newcomer.save()
    login_as(cast.shelter_lead)

    response = _post_add(client, cast.shelter, "newcomer", Role.WORKER)

    assert response.context["form"].errors["username"] == [
        "Brukeren er deaktivert. Aktiver brukeren før du gir en ny rolle."
    ]
    assert not Membership.objects.filter(user=newcomer).exists()


def test_missing_username_and_role_are_explained(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = _post_add(client, cast.shelter, "", "")

    errors = response.context["form"].errors
    assert errors["username"] == ["Skriv brukernavnet til den du vil legge til."]
    assert errors["role"] == ["Velg en rolle."]


def test_the_new_member_gets_the_units_capabilities_at_once(cast, login_as, client, newcomer):
    login_as(cast.shelter_lead)
    _post_add(client, cast.shelter, "newcomer", Role.LEAD)

    login_as(newcomer)

    assert client.get(_detail(cast.shelter)).status_code == 200


# Removing


def test_removing_asks_for_confirmation_first(cast, login_as, client):
    login_as(cast.shelter_lead)
    membership = _membership(cast.colleague, cast.shelter)

    response = client.get(_remove(membership))

    assert response.status_code == 200
    assert "Vil du fjerne rollen «Saksbehandler» i Fjordvik krisesenter" in (
        response.content.decode()
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_lead_removes_a_member_of_their_unit(cast, login_as, client):
    login_as(cast.shelter_lead)
    membership = _membership(cast.colleague, cast.shelter)

    response = client.post(_remove(membership))

    assert response.status_code == 302
    assert response["Location"] == _detail(cast.shelter)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Event.objects.filter(
        kind=EventKind.DELETE, object_type="organisation.membership", object_id=str(membership.pk)
    ).exists()


def test_a_second_click_on_remove_is_told_the_role_is_already_gone(cast, login_as, client):
    login_as(cast.shelter_lead)
    membership = _membership(cast.colleague, cast.shelter)

    client.post(_remove(membership))
    second = client.post(_remove(membership), follow=True)

    assert second.status_code == 200
    assert "Rollen er allerede fjernet." in second.content.decode()
    assert (
        Event.objects.filter(kind=EventKind.DELETE, object_type="organisation.membership").count()
        == 1
    )


def test_someone_elses_earlier_removal_is_not_revealed(cast, login_as, client, nav_lead):
    membership = _membership(cast.colleague, cast.shelter)
    login_as(cast.shelter_lead)
    client.post(_remove(membership))

    login_as(nav_lead)

    assert client.post(_remove(membership)).status_code == 404


def test_removing_from_the_user_page_returns_there(cast, login_as, client):
    membership_add(actor=cast.shelter_lead, user=cast.colleague, unit=cast.shelter, role=Role.LEAD)
    login_as(cast.shelter_lead)
    membership = Membership.objects.get(user=cast.colleague, role=Role.LEAD)

    response = client.post(_remove(membership) + "?fra=bruker")

    assert response["Location"] == reverse(
        "organisation:user_detail", kwargs={"user_id": cast.colleague.pk}
    )


def test_after_removing_someones_last_role_here_the_lead_returns_to_the_list(
    cast, login_as, client
):
    login_as(cast.shelter_lead)
    membership = _membership(cast.colleague, cast.shelter)

    response = client.post(_remove(membership) + "?fra=bruker")

    assert response["Location"] == reverse("organisation:user_list")


def test_the_lead_cannot_remove_a_privacy_officer_placed_in_their_unit(cast, login_as, client):
    placed = membership_add(
        actor=cast.admin, user=cast.privacy_officer, unit=cast.shelter, role=Role.PRIVACY_OFFICER
    )
    login_as(cast.shelter_lead)

    response = client.post(_remove(placed))

    assert response.status_code == 400
    assert "Du kan ikke fjerne denne rollen." in response.content.decode()
    assert Membership.objects.filter(pk=placed.pk).exists()


def test_the_last_system_administrator_keeps_the_role(cast):
    membership = _membership(cast.admin, cast.admin_unit)

    with pytest.raises(OrganisationError, match="den siste systemadministratoren"):
        membership_revoke(actor=cast.admin, membership=membership)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_system_administrator_is_removed_when_another_remains(cast, login_as, client):
    second = make_user("second_admin")
    membership_add(actor=cast.admin, user=second, unit=cast.admin_unit, role=Role.SYSTEM_ADMIN)
    login_as(cast.admin)

    response = client.post(_remove(_membership(second, cast.admin_unit)))

    assert response.status_code == 302
    assert not Membership.objects.filter(user=second).exists()


def test_the_service_refuses_a_lead_acting_on_another_unit(cast, nav_lead):
    with pytest.raises(OrganisationError, match="Du kan ikke endre medlemmene"):
        membership_revoke(actor=nav_lead, membership=_membership(cast.colleague, cast.shelter))
