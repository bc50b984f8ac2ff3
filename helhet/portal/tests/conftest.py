"""Fixtures for the portal's tests."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.signals import setting_changed
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.fixture(scope="session", autouse=True)
def _portal_catalogues_compiled() -> None:
    """The portal's URLs for Somali and Tigrinya exist only when a compiled catalogue for
    them does (Django ships none). `make test` compiles every catalogue; this fixture does
    the portal's when they are missing or older than their .po, so that the tests also
    run on their own."""
    changed = False
    for po in LOCALE.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)
            changed = True
    if changed:
        # Forget what was looked up before the catalogues existed, the way Django does
        # when a test changes the languages.
        setting_changed.send(
            sender=None, setting="LANGUAGES", value=settings.LANGUAGES, enter=False
        )


@pytest.fixture(autouse=True)
def _language_restored() -> Iterator[None]:
    """A request to a page in another language leaves that language active in the
    thread (LocaleMiddleware does not undo it); each test starts in the default one."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
