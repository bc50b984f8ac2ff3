"""The demo region loads, prints its logins, and loads again without duplicates."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from conftest import login
from helhet.accounts.models import User
from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.demo.region import DEMO_PASSWORD, USERS
from helhet.organisation.models import Membership


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"organisation", "accounts", "people", "directory", "portal", "shelter"}
    }


def test_seed_demo_prints_a_login_per_role_and_is_idempotent(db, settings):
    settings.HELHET_DEMO = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first
    printed = out.getvalue()
    for username in (
        "krisesenter",
        "krisesenterleder",
        "nav",
        "koordinator",
        "personvern",
        "admin",
    ):
        assert username in printed
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
    assert first["organisation.Unit"] >= 10


def test_the_demos_roles_are_audited_once_and_listed_for_the_privacy_officer(db, settings, client):
    settings.HELHET_DEMO = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    grants = Event.objects.filter(kind=EventKind.CREATE, object_type="organisation.membership")
    assert grants.count() == Membership.objects.count() == len(USERS)
    login(client, User.objects.get(username="personvern"))
    page = client.get(reverse("organisation:role_change_list")).content.decode()
    for _username, full_name, *_rest in USERS:
        assert full_name in page


def test_seed_demo_refuses_to_run_on_a_production_instance(db, settings):
    settings.HELHET_DEMO = False
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("seed_demo", stdout=StringIO())
