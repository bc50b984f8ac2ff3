"""Production checks: `manage.py check --deploy` fails (Error) on settings that must never
reach production, whatever else the environment says.

Registered with the `deploy` flag, so they run with `check --deploy` only (a developer's
`make run` turns two factors off on purpose). The accounts app imports this module when it
is ready (helhet/accounts/apps.py).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

# Keys are random strings; 32 characters of `secrets.token_urlsafe` hold about 190 bits.
MIN_KEY_LENGTH = 32


def _key_errors(name: str, check_id: str, what: str) -> list[CheckMessage]:
    value = getattr(settings, name, None)
    if not isinstance(value, str) or not value:
        return [
            Error(
                f"{name} is not set.",
                hint=f"Set {name} to a random string of at least {MIN_KEY_LENGTH} characters "
                f"({what}).",
                id=check_id,
            )
        ]
    if len(value) < MIN_KEY_LENGTH:
        return [
            Error(
                f"{name} is shorter than {MIN_KEY_LENGTH} characters.",
                hint=f'Generate one with: python -c "import secrets; '
                f'print(secrets.token_urlsafe(32))" ({what}).',
                id=check_id,
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_two_factors_required(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if getattr(settings, "HELHET_REQUIRE_2FA", False) is True:
        return []
    return [
        Error(
            "Two factors are switched off (HELHET_REQUIRE_2FA).",
            hint="Staff pages hold case data; set HELHET_REQUIRE_2FA=1. Only a local demo "
            "runs without the second factor.",
            id="helhet.E001",
        )
    ]


@register(Tags.security, deploy=True)
def check_not_a_demo(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if getattr(settings, "HELHET_DEMO", True) is False:
        return []
    return [
        Error(
            "Demo mode is on (HELHET_DEMO).",
            hint="Set HELHET_DEMO=0: a demo may be seeded with known passwords.",
            id="helhet.E002",
        )
    ]


@register(Tags.security, deploy=True)
def check_blind_index_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return _key_errors(
        "HELHET_BLIND_INDEX_KEY",
        "helhet.E003",
        "a short key lets anyone who reads the database guess national identity numbers",
    )


@register(Tags.security, deploy=True)
def check_audit_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return _key_errors(
        "HELHET_AUDIT_KEY",
        "helhet.E004",
        "without a strong key, whoever can write to the database can recompute the audit "
        "log's hash chain",
    )
