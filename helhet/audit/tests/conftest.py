"""Fixtures for the audit tests."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def english(tmp_path: Path) -> Any:
    """English from the catalogues, compiled here so that the tests do not depend on
    `compilemessages` having run (the .mo files are not committed). Tests call the views
    directly under `translation.override("en")`."""
    target = tmp_path / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    subprocess.run(
        ["msgfmt", "--check", "-o", str(target / "django.mo"), str(PO)],
        check=True,
        capture_output=True,
    )
    with override_settings(LOCALE_PATHS=[tmp_path, *settings.LOCALE_PATHS]):
        with translation.override("en"):
            yield


@pytest.fixture
def actor(db: Any) -> Any:
    """A user for tests of the log itself, which need no unit or role (and no cast)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create(username="logged", full_name="Logged User")
