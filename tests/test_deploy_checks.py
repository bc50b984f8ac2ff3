"""`manage.py check --deploy` fails on settings that must never reach production."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.checks import Error, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

STRONG = "k" * 32
PRODUCTION_LIKE = {
    "HELHET_REQUIRE_2FA": True,
    "HELHET_DEMO": False,
    "HELHET_BLIND_INDEX_KEY": STRONG,
    "HELHET_AUDIT_KEY": STRONG,
}


def _helhet_errors(include_deployment_checks: bool = True) -> list[str]:
    messages = run_checks(include_deployment_checks=include_deployment_checks)
    return sorted(
        m.id for m in messages if isinstance(m, Error) and (m.id or "").startswith("helhet.")
    )


@pytest.fixture(autouse=True)
def _deployed_environment(monkeypatch):
    # The test settings allow async-unsafe calls for Playwright; Django's own deploy check
    # refuses that, which is right for production and not what these tests are about.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)


def _check_deploy() -> str:
    out = StringIO()
    call_command("check", deploy=True, stdout=out, stderr=out)
    return out.getvalue()


@override_settings(**PRODUCTION_LIKE)
def test_a_production_like_configuration_passes():
    assert _helhet_errors() == []
    _check_deploy()


@pytest.mark.parametrize(
    ("setting", "value", "check_id"),
    [
        ("HELHET_REQUIRE_2FA", False, "helhet.E001"),
        ("HELHET_DEMO", True, "helhet.E002"),
        ("HELHET_BLIND_INDEX_KEY", "test-blind-index-key", "helhet.E003"),
        ("HELHET_BLIND_INDEX_KEY", "", "helhet.E003"),
        ("HELHET_AUDIT_KEY", "k" * 31, "helhet.E004"),
        ("HELHET_AUDIT_KEY", "", "helhet.E004"),
    ],
)
def test_check_deploy_fails_on_a_setting_unfit_for_production(setting, value, check_id):
    with override_settings(**{**PRODUCTION_LIKE, setting: value}):
        assert _helhet_errors() == [check_id]
        with pytest.raises(SystemCheckError, match=check_id):
            _check_deploy()


def test_check_deploy_fails_when_the_audit_key_is_missing_altogether(settings):
    for name, value in PRODUCTION_LIKE.items():
        setattr(settings, name, value)
    del settings.HELHET_AUDIT_KEY
    assert _helhet_errors() == ["helhet.E004"]


@override_settings(HELHET_REQUIRE_2FA=False, HELHET_DEMO=True, HELHET_BLIND_INDEX_KEY="short")
def test_the_checks_run_only_with_deploy():
    """A developer's `make run` turns two factors off and demo mode on, on purpose."""
    assert _helhet_errors(include_deployment_checks=False) == []
    assert _helhet_errors() == ["helhet.E001", "helhet.E002", "helhet.E003"]
