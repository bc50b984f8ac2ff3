"""Separation of duties when roles are given (issue 7 §5), tried through the pages.

Nobody gives themselves a role. The system administrator gives the roles that reach beyond
a unit (coordinator, privacy officer, system administrator) and a unit's first lead, never a
case role otherwise; a unit's lead gives the roles within the unit (worker, lead) and never
one that reaches beyond it. A system administrator holds no case role.
"""

from __future__ import annotations

import ast
import uuid
from pathlib import Path

import pytest
from django.urls import reverse

from conftest import make_user
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.organisation.models import Membership
from helhet.organisation.roles import Role
from helhet.organisation.services import OrganisationError, membership_add, membership_grant

SELF = "Du kan ikke gi deg selv en rolle. Be en annen som har rett til det."
NOT_YOURS_TO_GIVE = "Du kan ikke gi denne rollen."
NO_CASE_ROLES_FROM_THE_ADMINISTRATOR = (
    "Systemadministratoren gir ikke roller med tilgang til saker. "
    "Saksbehandlere får rollen av lederen i enheten."
)
ALREADY_LED = (
    "Enheten har allerede en leder. Nye ledere og saksbehandlere får rollen av lederen i enheten."
)
MUNICIPALITY_WIDE = (
    "Bare systemadministratoren kan gi roller som gjelder hele kommunen "
    "(koordinator, personvernombud og systemadministrator)."
)
ADMINISTRATORS_HOLD_NO_CASE_ROLE = (
    "En systemadministrator kan ikke ha en rolle med tilgang til saker."
)


def _unit_add(client, unit, username, role):
    return client.post(
        reverse("organisation:unit_member_add", kwargs={"unit_id": unit.pk}),
        {"username": username, "role": role, "submission_id": str(uuid.uuid4())},
    )


def _user_add(client, user, unit, role):
    return client.post(
        reverse("organisation:user_membership_add", kwargs={"user_id": user.pk}),
        {"unit": unit.pk, "role": role, "submission_id": str(uuid.uuid4())},
    )


def _errors(response):
    form = response.context["form"]
    return [message for messages in form.errors.values() for message in messages]


def _offered(response):
    return [value for value, _label in response.context["form"].fields["role"].choices if value]


@pytest.fixture
def newcomer(cast):
    return make_user("newcomer", "Nina Nykommer")


# Nobody gives themselves a role


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.PRIVACY_OFFICER, Role.COORDINATOR])
def test_the_administrator_cannot_give_themselves_a_role(cast, login_as, client, role):
    login_as(cast.admin)

    response = _user_add(client, cast.admin, cast.coordinating_unit, role)

    assert response.status_code == 200
    assert _errors(response) == [SELF]
    assert not Membership.objects.filter(user=cast.admin, unit=cast.coordinating_unit).exists()


def test_the_administrator_cannot_make_themselves_a_units_first_lead(cast, login_as, client):
    login_as(cast.admin)

    response = _unit_add(client, cast.nav, "admin", Role.LEAD)

    assert response.context["form"].errors["username"] == [SELF]
    assert not Membership.objects.filter(user=cast.admin, unit=cast.nav).exists()


def test_ones_own_user_page_offers_no_role_to_give(cast, login_as, client):
    login_as(cast.admin)

    response = client.get(reverse("organisation:user_detail", kwargs={"user_id": cast.admin.pk}))

    assert response.context["form"] is None
    assert SELF in response.content.decode()


@pytest.mark.parametrize("role", [Role.WORKER, Role.LEAD])
def test_a_lead_cannot_give_themselves_a_role(cast, login_as, client, role):
    login_as(cast.shelter_lead)

    response = _unit_add(client, cast.shelter, "shelter_lead", role)

    assert response.context["form"].errors["username"] == [SELF]
    assert not Membership.objects.filter(user=cast.shelter_lead, role=Role.WORKER).exists()
    assert Membership.objects.filter(user=cast.shelter_lead).count() == 1


# The system administrator gives no case role


def test_the_administrator_is_not_offered_the_worker_role(cast, login_as, client):
    login_as(cast.admin)

    response = client.get(reverse("organisation:unit_detail", kwargs={"unit_id": cast.shelter.pk}))

    assert _offered(response) == [Role.COORDINATOR, Role.PRIVACY_OFFICER, Role.SYSTEM_ADMIN]
    assert "Saksbehandlere og ledere får rollen av lederen i enheten." in (
        response.content.decode()
    )


def test_the_administrator_cannot_give_anyone_a_worker_role(cast, login_as, client, newcomer):
    login_as(cast.admin)

    response = _unit_add(client, cast.shelter, "newcomer", Role.WORKER)

    assert response.context["form"].errors["role"] == [NOT_YOURS_TO_GIVE]
    assert not Membership.objects.filter(user=newcomer).exists()


def test_the_service_explains_why_the_administrator_gives_no_worker_role(cast, newcomer):
    with pytest.raises(OrganisationError) as refused:
        membership_grant(
            actor=cast.admin,
            user=newcomer,
            unit=cast.shelter,
            role=Role.WORKER,
            submission_id=uuid.uuid4(),
        )

    assert refused.value.message == NO_CASE_ROLES_FROM_THE_ADMINISTRATOR
    assert not Membership.objects.filter(user=newcomer).exists()


def test_the_administrator_cannot_add_a_lead_where_the_unit_has_one(
    cast, login_as, client, newcomer
):
    login_as(cast.admin)

    response = _user_add(client, newcomer, cast.shelter, Role.LEAD)

    assert response.status_code == 200
    assert _errors(response) == [ALREADY_LED]
    assert not Membership.objects.filter(user=newcomer).exists()


def test_the_administrator_appoints_the_first_lead_of_a_unit_without_one(
    cast, login_as, client, newcomer
):
    login_as(cast.admin)
    page = client.get(reverse("organisation:unit_detail", kwargs={"unit_id": cast.nav.pk}))

    response = _unit_add(client, cast.nav, "newcomer", Role.LEAD)

    assert Role.LEAD in _offered(page)
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer, unit=cast.nav)
    assert membership.role == Role.LEAD
    event = Event.objects.get(
        kind=EventKind.CREATE, object_type="organisation.membership", object_id=membership.pk
    )
    assert event.detail == f"user:{newcomer.pk} role:lead first_lead"


def test_the_first_lead_then_gives_the_worker_roles(cast, login_as, client, newcomer):
    membership_grant(
        actor=cast.admin,
        user=newcomer,
        unit=cast.nav,
        role=Role.LEAD,
        submission_id=uuid.uuid4(),
    )
    colleague = make_user("nav_colleague")
    login_as(newcomer)

    response = _unit_add(client, cast.nav, "nav_colleague", Role.WORKER)

    assert response.status_code == 302
    assert Membership.objects.filter(user=colleague, unit=cast.nav, role=Role.WORKER).exists()


def test_a_lead_whose_account_is_deactivated_leaves_the_unit_without_a_lead(
    cast, login_as, client, newcomer
):
    cast.shelter_lead.is_active = False
    cast.shelter_lead.save()
    login_as(cast.admin)

    response = _unit_add(client, cast.shelter, "newcomer", Role.LEAD)

    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, unit=cast.shelter, role=Role.LEAD).exists()


# A system administrator holds no case role


@pytest.mark.parametrize("role", [Role.WORKER, Role.LEAD])
def test_a_lead_cannot_give_the_system_administrator_a_case_role(cast, login_as, client, role):
    login_as(cast.shelter_lead)

    response = _unit_add(client, cast.shelter, "admin", role)

    assert response.context["form"].errors["username"] == [ADMINISTRATORS_HOLD_NO_CASE_ROLE]
    assert not Membership.objects.filter(user=cast.admin, unit=cast.shelter).exists()


def test_a_superuser_is_an_administrator_and_gets_no_case_role(cast, login_as, client):
    cast.outsider.is_superuser = True
    cast.outsider.save()
    login_as(cast.shelter_lead)

    response = _unit_add(client, cast.shelter, "outsider", Role.WORKER)

    assert response.context["form"].errors["username"] == [ADMINISTRATORS_HOLD_NO_CASE_ROLE]
    assert not Membership.objects.filter(user=cast.outsider).exists()


def test_the_administrator_cannot_make_another_administrator_coordinator(cast, login_as, client):
    second = make_user("second_admin")
    membership_add(actor=cast.admin, user=second, unit=cast.admin_unit, role=Role.SYSTEM_ADMIN)
    login_as(cast.admin)

    response = _user_add(client, second, cast.coordinating_unit, Role.COORDINATOR)

    assert _errors(response) == [ADMINISTRATORS_HOLD_NO_CASE_ROLE]
    assert not Membership.objects.filter(user=second, role=Role.COORDINATOR).exists()


def test_someone_with_a_case_role_is_not_made_system_administrator(cast, login_as, client):
    login_as(cast.admin)

    response = _user_add(client, cast.colleague, cast.admin_unit, Role.SYSTEM_ADMIN)

    assert _errors(response) == [
        "Brukeren har en rolle med tilgang til saker og kan ikke også være systemadministrator. "
        "Fjern den rollen først."
    ]
    assert not Membership.objects.filter(user=cast.colleague, role=Role.SYSTEM_ADMIN).exists()


# A lead gives no role that reaches beyond the unit


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.PRIVACY_OFFICER, Role.SYSTEM_ADMIN])
def test_a_lead_cannot_give_a_role_that_reaches_beyond_the_unit(
    cast, login_as, client, newcomer, role
):
    login_as(cast.shelter_lead)

    response = _unit_add(client, cast.shelter, "newcomer", role)

    assert response.context["form"].errors["role"] == [NOT_YOURS_TO_GIVE]
    assert not Membership.objects.filter(user=newcomer).exists()


def test_a_lead_cannot_create_a_coordinator(cast, login_as, client):
    login_as(cast.shelter_lead)

    response = client.post(
        reverse("organisation:user_create"),
        {
            "username": "kari.nordmann",
            "full_name": "Kari Nordmann",
            "email": "kari.nordmann@fjordvik.kommune.no",
            "unit": cast.shelter.pk,
            "role": Role.COORDINATOR,
            "submission_id": str(uuid.uuid4()),
        },
    )

    assert response.context["form"].errors["role"] == [NOT_YOURS_TO_GIVE]
    assert not Membership.objects.filter(role=Role.COORDINATOR, unit=cast.shelter).exists()


def test_the_service_explains_that_only_the_administrator_gives_the_coordinator_role(
    cast, newcomer
):
    with pytest.raises(OrganisationError) as refused:
        membership_grant(
            actor=cast.shelter_lead,
            user=newcomer,
            unit=cast.shelter,
            role=Role.COORDINATOR,
            submission_id=uuid.uuid4(),
        )

    assert refused.value.message == MUNICIPALITY_WIDE


def test_the_administrator_gives_the_coordinator_role(cast, login_as, client, newcomer):
    login_as(cast.admin)

    response = _unit_add(client, cast.coordinating_unit, "newcomer", Role.COORDINATOR)

    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, role=Role.COORDINATOR).exists()


def test_the_service_refuses_an_unknown_role(cast, newcomer):
    with pytest.raises(OrganisationError, match="Ukjent rolle."):
        membership_grant(
            actor=cast.admin,
            user=newcomer,
            unit=cast.shelter,
            role="boss",
            submission_id=uuid.uuid4(),
        )
    with pytest.raises(OrganisationError, match="Ukjent rolle."):
        membership_add(actor=cast.admin, user=newcomer, unit=cast.shelter, role="boss")


def test_the_service_refuses_a_lead_giving_roles_in_another_unit(cast, newcomer):
    with pytest.raises(OrganisationError) as refused:
        membership_grant(
            actor=cast.shelter_lead,
            user=newcomer,
            unit=cast.nav,
            role=Role.WORKER,
            submission_id=uuid.uuid4(),
        )

    assert refused.value.message == "Du kan ikke endre medlemmene i denne enheten."
    assert not Membership.objects.filter(user=newcomer).exists()


# Taking roles away


def test_a_lead_cannot_take_away_a_coordinator_role(cast, login_as, client):
    placed = membership_add(
        actor=cast.admin, user=cast.colleague, unit=cast.shelter, role=Role.COORDINATOR
    )
    login_as(cast.shelter_lead)

    response = client.post(
        reverse("organisation:membership_remove", kwargs={"membership_id": placed.pk})
    )

    assert response.status_code == 400
    assert "Du kan ikke fjerne denne rollen." in response.content.decode()
    assert Membership.objects.filter(pk=placed.pk).exists()


def test_the_administrator_takes_away_a_worker_role_when_someone_leaves(cast, login_as, client):
    membership = Membership.objects.get(user=cast.colleague, unit=cast.shelter)
    login_as(cast.admin)

    response = client.post(
        reverse("organisation:membership_remove", kwargs={"membership_id": membership.pk})
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


# No page goes around the rules


def _view_modules():
    root = Path(__file__).resolve().parents[2]
    for path in sorted(root.rglob("views*.py")):
        if "tests" not in path.parts:
            yield path
    for package in sorted(root.rglob("views/__init__.py")):
        yield from sorted(package.parent.glob("*.py"))


def test_no_view_gives_or_takes_a_role_without_the_rules():
    unchecked = {"membership_add", "membership_remove"}
    offenders = []
    for path in _view_modules():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            imported = isinstance(node, ast.ImportFrom) and node.module == (
                "helhet.organisation.services"
            )
            if imported and unchecked & {alias.name for alias in node.names}:
                offenders.append(str(path))
            if isinstance(node, ast.Attribute) and node.attr in unchecked:
                offenders.append(str(path))
    assert offenders == []
