"""The demo region loads, prints its logins, and loads again without duplicates."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from helhet.accounts.models import User
from helhet.demo.region import DEMO_PASSWORD


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
        assert user.is_demo
        assert user.check_password(DEMO_PASSWORD)
    assert first["organisation.Unit"] >= 10


def test_seed_demo_refuses_to_run_on_a_production_instance(db, settings):
    settings.HELHET_DEMO = False
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("seed_demo", stdout=StringIO())
