"""Users: the list (all for the administrator, own units for a lead), creating users
(without a password: the user sets their own through a one-time link), giving roles from
the user's page, the login links offered there, deactivating and reactivating."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, login, make_user
from helhet.accounts.models import User, UserSession
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.organisation.models import Membership
from helhet.organisation.roles import Role
from helhet.organisation.services import (
    OrganisationError,
    membership_add,
    staff_user_create_in_unit,
)

LIST = reverse("organisation:user_list")
CREATE = reverse("organisation:user_create")
NEW_PASSWORD = "lang og trygg setning 2024"
MAKE_A_LINK = "Lag en innloggingslenke og gi den til brukeren på en trygg måte."


def _detail(user):
    return reverse("organisation:user_detail", kwargs={"user_id": user.pk})


def _deactivate(user):
    return reverse("organisation:user_deactivate", kwargs={"user_id": user.pk})


def _reactivate(user):
    return reverse("organisation:user_reactivate", kwargs={"user_id": user.pk})


def _link(user):
    return reverse("accounts:enrolment_link_issue", kwargs={"user_id": user.pk})


def _reset(user):
    return reverse("accounts:second_factor_reset", kwargs={"user_id": user.pk})


def _give_role(user):
    return reverse("organisation:user_membership_add", kwargs={"user_id": user.pk})


def _listed(response):
    return {user.username for user in response.context["page_obj"]}


def _new_user(**overrides):
    data = {
        "username": "Kari.Nordmann",
        "full_name": "Kari Nordmann",
        "email": "kari.nordmann@fjordvik.kommune.no",
        "submission_id": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.fixture
def nav_lead(cast):
    user = make_user("nav_lead")
    membership_add(actor=cast.admin, user=user, unit=cast.nav, role=Role.LEAD)
    return user


# The list


def test_the_administrator_sees_every_user(cast, login_as, client):
    login_as(cast.admin)

    response = client.get(LIST)

    assert _listed(response) == set(User.objects.values_list("username", flat=True))


def test_a_lead_sees_only_the_members_of_their_own_units(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = client.get(LIST)

    assert _listed(response) == {"shelter_worker", "colleague", "shelter_lead"}


def test_a_lead_sees_only_the_roles_in_their_own_units(cast, login_as, client):
    membership_add(actor=cast.admin, user=cast.colleague, unit=cast.nav, role=Role.WORKER)
    login_as(cast.shelter_lead)

    response = client.get(LIST, {"q": "colleague"})

    (colleague,) = response.context["page_obj"]
    assert [m.unit for m in colleague.scoped_memberships] == [cast.shelter]
    assert "NAV Fjordvik" not in response.content.decode()


def test_it_searches_by_name_username_and_email(cast, login_as, client):
    cast.colleague.email = "kollega@fjordvik.kommune.no"
    cast.colleague.save()
    login_as(cast.admin)

    assert _listed(client.get(LIST, {"q": "Nav Work"})) == {"nav_worker"}
    assert _listed(client.get(LIST, {"q": "kollega@"})) == {"colleague"}


def test_it_filters_by_unit(cast, login_as, client):
    login_as(cast.admin)

    response = client.get(LIST, {"unit": cast.nav.pk})

    assert _listed(response) == {"nav_worker"}


def test_a_lead_cannot_filter_by_a_unit_that_is_not_theirs(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = client.get(LIST, {"unit": cast.nav.pk})

    assert response.context["form"].errors["unit"] == ["Velg en av enhetene i listen."]
    assert "nav_worker" not in _listed(response)


def test_it_filters_by_status(cast, login_as, client):
    cast.colleague.is_active = False
    cast.colleague.save()
    login_as(cast.shelter_lead)

    assert _listed(client.get(LIST, {"status": "inactive"})) == {"colleague"}
    assert "colleague" not in _listed(client.get(LIST, {"status": "active"}))


def test_the_lead_finds_links_to_their_units_on_the_list(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = client.get(LIST)

    assert reverse("organisation:unit_detail", kwargs={"unit_id": cast.shelter.pk}) in (
        response.content.decode()
    )
    assert CREATE in response.content.decode()


def test_the_user_list_paginates_with_a_fixed_number_of_queries(
    cast, login_as, client, django_assert_max_num_queries
):
    for number in range(40):
        user = make_user(f"ansatt{number:02}")
        membership_add(actor=cast.admin, user=user, unit=cast.shelter, role=Role.WORKER)
        membership_add(actor=cast.admin, user=user, unit=cast.nav, role=Role.WORKER)
    login_as(cast.admin)

    # Session, user, capabilities, header units, the unit filter's choices, count, page,
    # memberships, and the session clock's save (3): none of them per user.
    with django_assert_max_num_queries(12):
        response = client.get(LIST, {"q": "ansatt"})

    assert len(response.context["page_obj"]) == 25
    assert response.context["page_obj"].paginator.count == 40
    assert len(response.context["page_obj"][0].scoped_memberships) == 2
    assert client.get(LIST, {"q": "ansatt", "page": 2}).context["page_obj"].number == 2


# Creating


def test_the_administrator_creates_a_user_without_a_password(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(CREATE, _new_user())

    user = User.objects.get(username="kari.nordmann")
    assert response["Location"] == _link(user)
    assert user.full_name == "Kari Nordmann"
    assert not user.has_usable_password()
    assert Event.objects.filter(
        kind=EventKind.CREATE, object_type="accounts.user", object_id=str(user.pk)
    ).exists()


@pytest.mark.parametrize("creator", ["admin", "shelter_lead"])
def test_creating_a_user_never_asks_for_a_password(cast, login_as, client, creator):
    login_as(getattr(cast, creator))

    response = client.get(CREATE)

    assert not [name for name in response.context["form"].fields if "password" in name]
    assert 'type="password"' not in response.content.decode()


def test_a_password_posted_anyway_is_not_set(cast, login_as, client):
    login_as(cast.admin)

    client.post(CREATE, _new_user(password=NEW_PASSWORD, password_again=NEW_PASSWORD))

    user = User.objects.get(username="kari.nordmann")
    assert not user.has_usable_password()
    assert not user.check_password(NEW_PASSWORD)


def test_the_administrator_is_led_to_make_the_new_users_login_link(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(CREATE, _new_user(), follow=True)

    user = User.objects.get(username="kari.nordmann")
    assert response.redirect_chain == [(_link(user), 302)]
    assert response.templates[0].name == "accounts/enrolment_link_issue.html"
    assert response.context["member"] == user
    assert MAKE_A_LINK in response.content.decode()


def test_a_double_submit_creates_one_user(cast, login_as, client):
    login_as(cast.admin)
    data = _new_user()

    first = client.post(CREATE, data)
    second = client.post(CREATE, data)

    assert first["Location"] == second["Location"]
    assert User.objects.filter(username="kari.nordmann").count() == 1
    assert Event.objects.filter(kind=EventKind.CREATE, object_type="accounts.user").count() == 1


def test_a_post_without_a_submission_id_creates_no_user(cast, login_as, client):
    login_as(cast.admin)
    data = _new_user()
    del data["submission_id"]

    response = client.post(CREATE, data)

    assert response.status_code == 200
    assert "Skjemaet mangler en intern kode." in response.content.decode()
    assert not User.objects.filter(username="kari.nordmann").exists()


def test_a_taken_username_is_explained_next_to_the_field(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(CREATE, _new_user(username="Colleague"))

    assert response.context["form"].errors["username"] == ["Brukernavnet er allerede i bruk."]


def test_the_form_keeps_what_was_typed(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(CREATE, _new_user(email="ikke-en-adresse"))

    form = response.context["form"]
    assert form.errors["email"] == ["Skriv en gyldig e-postadresse, for eksempel ola@kommune.no."]
    html = response.content.decode()
    assert 'value="Kari.Nordmann"' in html
    assert 'value="Kari Nordmann"' in html
    assert 'value="ikke-en-adresse"' in html
    assert not User.objects.filter(username="kari.nordmann").exists()


def test_a_username_with_spaces_is_explained(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(CREATE, _new_user(username="kari nordmann"))

    assert (
        response.context["form"]
        .errors["username"][0]
        .startswith("Brukernavnet kan bare ha bokstaver")
    )


def test_every_required_field_has_its_own_message(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(
        CREATE,
        {"username": "", "full_name": "", "email": ""},
    )

    errors = response.context["form"].errors
    assert errors["username"] == ["Skriv et brukernavn."]
    assert errors["full_name"] == ["Skriv hele navnet til brukeren."]
    assert errors["email"] == ["Skriv e-postadressen til brukeren."]
    assert errors["submission_id"]


def test_the_administrators_form_asks_for_no_unit_or_role(cast, login_as, client):
    login_as(cast.admin)

    form = client.get(CREATE).context["form"]

    assert "unit" not in form.fields
    assert "role" not in form.fields


# A lead creating a user in their own unit


def test_a_lead_creates_a_user_in_their_unit_and_is_led_to_the_login_link(cast, login_as, client):
    login_as(cast.shelter_lead)

    page = client.get(CREATE)
    response = client.post(CREATE, _new_user(unit=cast.shelter.pk, role=Role.WORKER), follow=True)

    user = User.objects.get(username="kari.nordmann")
    assert list(page.context["form"].fields["unit"].queryset) == [cast.shelter]
    assert response.redirect_chain == [(_link(user), 302)]
    assert response.status_code == 200
    assert response.context["member"] == user
    assert "Brukeren er opprettet og har fått rollen i enheten." in response.content.decode()
    assert MAKE_A_LINK in response.content.decode()
    assert list(Membership.objects.filter(user=user).values_list("unit", "role")) == [
        (cast.shelter.pk, Role.WORKER)
    ]
    assert not user.has_usable_password()
    assert Event.objects.filter(
        kind=EventKind.CREATE, object_type="accounts.user", object_id=str(user.pk)
    ).exists()
    assert Event.objects.filter(
        kind=EventKind.CREATE,
        object_type="organisation.membership",
        detail=f"user:{user.pk} role:{Role.WORKER}",
    ).exists()


def test_a_lead_cannot_create_a_user_in_a_unit_that_is_not_theirs(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = client.post(CREATE, _new_user(unit=cast.nav.pk, role=Role.WORKER))

    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == [
        "Du kan ikke legge til medlemmer i denne enheten."
    ]
    assert not User.objects.filter(username="kari.nordmann").exists()


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.SYSTEM_ADMIN])
def test_a_lead_cannot_create_a_user_with_a_role_beyond_the_unit(cast, login_as, client, role):
    login_as(cast.shelter_lead)

    response = client.post(CREATE, _new_user(unit=cast.shelter.pk, role=role))

    assert response.context["form"].errors["role"] == ["Du kan ikke gi denne rollen."]
    assert not User.objects.filter(username="kari.nordmann").exists()
    assert not Membership.objects.filter(role=role, unit=cast.shelter).exists()


def test_a_lead_must_choose_a_unit_and_a_role(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = client.post(CREATE, _new_user())

    errors = response.context["form"].errors
    assert errors["unit"] == ["Velg en enhet."]
    assert errors["role"] == ["Velg en rolle."]
    assert not User.objects.filter(username="kari.nordmann").exists()


def test_a_double_submit_by_a_lead_creates_one_user_with_one_role(cast, login_as, client):
    login_as(cast.shelter_lead)
    data = _new_user(unit=cast.shelter.pk, role=Role.LEAD)

    first = client.post(CREATE, data)
    second = client.post(CREATE, data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    user = User.objects.get(username="kari.nordmann")
    assert list(Membership.objects.filter(user=user).values_list("unit", "role")) == [
        (cast.shelter.pk, Role.LEAD)
    ]
    assert Event.objects.filter(kind=EventKind.CREATE, object_type="accounts.user").count() == 1
    assert (
        Event.objects.filter(
            kind=EventKind.CREATE,
            object_type="organisation.membership",
            detail__contains=str(user.pk),
        ).count()
        == 1
    )


def test_a_lead_cannot_deactivate_the_user_they_created(cast, login_as, client):
    login_as(cast.shelter_lead)
    client.post(CREATE, _new_user(unit=cast.shelter.pk, role=Role.WORKER))
    user = User.objects.get(username="kari.nordmann")

    assert client.post(_deactivate(user)).status_code == 403
    user.refresh_from_db()
    assert user.is_active is True


def test_creating_in_a_unit_is_all_or_nothing(cast):
    cast.nav.is_active = False
    cast.nav.save()

    with pytest.raises(OrganisationError):
        staff_user_create_in_unit(
            actor=cast.admin,
            username="kari.nordmann",
            full_name="Kari Nordmann",
            email="kari.nordmann@fjordvik.kommune.no",
            unit=cast.nav,
            role=Role.WORKER,
            submission_id=uuid.uuid4(),
        )

    assert not User.objects.filter(username="kari.nordmann").exists()


# The user page and giving roles from it


def test_the_lead_opens_a_member_of_their_unit_and_the_read_is_logged(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = client.get(_detail(cast.colleague))

    assert response.status_code == 200
    assert [m.unit for m in response.context["memberships"]] == [cast.shelter]
    assert Event.objects.filter(
        kind=EventKind.READ, object_type="accounts.user", object_id=str(cast.colleague.pk)
    ).exists()


@pytest.mark.parametrize("target", ["nav_worker", "admin", "outsider"])
def test_the_lead_gets_404_for_users_outside_their_units(cast, login_as, client, target):
    login_as(cast.shelter_lead)
    user = getattr(cast, target)

    assert client.get(_detail(user)).status_code == 404
    assert client.get(_give_role(user)).status_code == 404
    assert (
        Event.objects.filter(
            kind=EventKind.ACCESS_DENIED, object_type="accounts.user", object_id=str(user.pk)
        ).count()
        == 2
    )


def test_the_lead_of_another_unit_cannot_see_this_units_members(cast, login_as, client, nav_lead):
    login_as(nav_lead)

    assert client.get(_detail(cast.colleague)).status_code == 404
    assert "colleague" not in _listed(client.get(LIST))


def test_the_administrator_gives_a_new_user_a_role_from_the_user_page(cast, login_as, client):
    user = make_user("ny_ansatt")
    login_as(cast.admin)

    response = client.post(
        _give_role(user),
        {"unit": cast.nav.pk, "role": Role.COORDINATOR, "submission_id": str(uuid.uuid4())},
    )

    assert response["Location"] == _detail(user)
    assert Membership.objects.filter(user=user, unit=cast.nav, role=Role.COORDINATOR).exists()


def test_the_lead_may_give_roles_only_in_their_own_units(cast, login_as, client):
    login_as(cast.shelter_lead)

    page = client.get(_give_role(cast.colleague))
    response = client.post(
        _give_role(cast.colleague),
        {"unit": cast.nav.pk, "role": Role.WORKER, "submission_id": str(uuid.uuid4())},
    )

    assert list(page.context["form"].fields["unit"].queryset) == [cast.shelter]
    assert response.context["form"].errors["unit"] == [
        "Du kan ikke legge til medlemmer i denne enheten."
    ]
    assert not Membership.objects.filter(user=cast.colleague, unit=cast.nav).exists()


def test_the_lead_gives_a_member_a_second_role_in_their_unit(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = client.post(
        _give_role(cast.colleague),
        {"unit": cast.shelter.pk, "role": Role.LEAD, "submission_id": str(uuid.uuid4())},
    )

    assert response.status_code == 302
    assert set(Membership.objects.filter(user=cast.colleague).values_list("role", flat=True)) == {
        Role.WORKER,
        Role.LEAD,
    }


def test_giving_a_role_to_a_deactivated_user_is_explained(cast, login_as, client):
    cast.colleague.is_active = False
    cast.colleague.save()
    login_as(cast.admin)

    response = client.post(
        _give_role(cast.colleague),
        {"unit": cast.nav.pk, "role": Role.COORDINATOR, "submission_id": str(uuid.uuid4())},
    )

    assert response.context["form"].non_field_errors() == [
        "Brukeren er deaktivert. Aktiver brukeren før du gir en ny rolle."
    ]


# The login links on the user's page


def _offered(response):
    """Which login actions the page offers: the links as drawn, and what the view decided."""
    html = response.content.decode()
    member = response.context["member"]
    actions = response.context["login_actions"]
    shown = {"link": _link(member) in html, "reset": _reset(member) in html}
    assert shown == {"link": actions.enrolment_link, "reset": actions.second_factor_reset}
    return shown


def _created_by_lead(cast, username="kari.nordmann"):
    return staff_user_create_in_unit(
        actor=cast.shelter_lead,
        username=username,
        full_name="Kari Nordmann",
        email=f"{username}@fjordvik.kommune.no",
        unit=cast.shelter,
        role=Role.WORKER,
        submission_id=uuid.uuid4(),
    )


def test_the_administrator_is_offered_both_links_for_a_user_who_has_logged_in(
    cast, login_as, client
):
    login_as(cast.admin)

    response = client.get(_detail(cast.colleague))

    assert _offered(response) == {"link": True, "reset": True}
    assert "Lag innloggingslenke" in response.content.decode()
    assert "Nullstill tofaktor" in response.content.decode()


def test_the_administrator_is_offered_only_the_link_for_a_user_without_a_password(
    cast, login_as, client
):
    user = _created_by_lead(cast)
    login_as(cast.admin)

    assert _offered(client.get(_detail(user))) == {"link": True, "reset": False}


def test_the_administrator_is_offered_neither_on_their_own_page(cast, login_as, client):
    login_as(cast.admin)

    assert _offered(client.get(_detail(cast.admin))) == {"link": False, "reset": False}


def test_no_link_is_offered_for_a_deactivated_user(cast, login_as, client):
    cast.colleague.is_active = False
    cast.colleague.save()
    login_as(cast.admin)

    assert _offered(client.get(_detail(cast.colleague))) == {"link": False, "reset": False}


def test_a_lead_is_offered_the_link_for_a_member_who_has_not_enrolled(cast, login_as, client):
    user = _created_by_lead(cast)
    login_as(cast.shelter_lead)

    response = client.get(_detail(user))

    assert _offered(response) == {"link": True, "reset": False}
    assert "Brukeren har ikke satt opp innloggingen ennå." in response.content.decode()


def test_a_lead_is_offered_no_link_for_a_member_who_has_enrolled(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = client.get(_detail(cast.colleague))

    assert _offered(response) == {"link": False, "reset": False}
    assert "Bare systemadministratoren kan deaktivere brukere" in response.content.decode()


def test_a_lead_is_offered_no_link_on_their_own_page(cast, login_as, client):
    cast.shelter_lead.set_unusable_password()
    cast.shelter_lead.save()
    login_as(cast.shelter_lead)

    assert _offered(client.get(_detail(cast.shelter_lead))) == {"link": False, "reset": False}


def test_a_lead_makes_the_link_for_the_user_they_created(cast, login_as, client):
    login_as(cast.shelter_lead)
    client.post(CREATE, _new_user(unit=cast.shelter.pk, role=Role.WORKER))
    user = User.objects.get(username="kari.nordmann")

    response = client.post(_link(user), {"submission_id": str(uuid.uuid4())})

    assert response.status_code == 200
    assert 'data-testid="enrolment-url"' in response.content.decode()
    assert user.enrolment_links.filter(issued_by=cast.shelter_lead).count() == 1


# Deactivating and reactivating


def test_deactivating_asks_for_confirmation_and_a_get_changes_nothing(cast, login_as, client):
    login_as(cast.admin)

    response = client.get(_deactivate(cast.colleague))

    assert response.status_code == 200
    assert "Deaktivere Colleague?" in response.content.decode()
    cast.colleague.refresh_from_db()
    assert cast.colleague.is_active is True


def test_deactivating_ends_every_session_of_the_user(cast, login_as, client):
    other_device = login(Client(), cast.colleague)
    UserSession.objects.create(user=cast.colleague, session_key=other_device.session.session_key)
    login_as(cast.admin)

    response = client.post(_deactivate(cast.colleague))

    assert response["Location"] == _detail(cast.colleague)
    cast.colleague.refresh_from_db()
    assert cast.colleague.is_active is False
    assert not Session.objects.filter(session_key=other_device.session.session_key).exists()
    assert other_device.get(reverse("core:home")).status_code == 302
    assert Event.objects.filter(
        kind=EventKind.UPDATE,
        object_type="accounts.user",
        object_id=str(cast.colleague.pk),
        detail="deactivated",
    ).exists()


def test_a_deactivated_user_cannot_log_in(cast, login_as, client):
    login_as(cast.admin)
    client.post(_deactivate(cast.colleague))
    client.logout()

    response = client.post(
        reverse("accounts:login"), {"username": "colleague", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "Feil brukernavn eller passord." in response.content.decode()


def test_a_second_deactivation_changes_nothing(cast, login_as, client):
    login_as(cast.admin)
    client.post(_deactivate(cast.colleague))

    second = client.post(_deactivate(cast.colleague), follow=True)

    assert "Brukeren er allerede deaktivert." in second.content.decode()
    assert Event.objects.filter(detail="deactivated").count() == 1


def test_the_administrator_cannot_deactivate_themselves(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(_deactivate(cast.admin))

    assert response.status_code == 400
    assert "Du kan ikke deaktivere deg selv." in response.content.decode()
    cast.admin.refresh_from_db()
    assert cast.admin.is_active is True


def test_the_administrator_reactivates_a_user(cast, login_as, client):
    login_as(cast.admin)
    client.post(_deactivate(cast.colleague))

    confirm = client.get(_reactivate(cast.colleague))
    response = client.post(_reactivate(cast.colleague))

    assert confirm.status_code == 200
    assert response["Location"] == _detail(cast.colleague)
    cast.colleague.refresh_from_db()
    assert cast.colleague.is_active is True
    assert Event.objects.filter(detail="reactivated", object_id=str(cast.colleague.pk)).exists()


@pytest.mark.parametrize("visitor", ["shelter_lead", "privacy_officer", "shelter_worker"])
def test_only_the_administrator_deactivates_users(cast, login_as, client, visitor):
    login_as(getattr(cast, visitor))

    response = client.post(_deactivate(cast.colleague))

    assert response.status_code == 403
    cast.colleague.refresh_from_db()
    assert cast.colleague.is_active is True
