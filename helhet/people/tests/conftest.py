"""Fixtures for the people tests."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

HELHET = Path(__file__).resolve().parents[2]
CATALOGUES = {
    "people": HELHET / "people" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    "audit": HELHET / "audit" / "locale" / "en" / "LC_MESSAGES" / "django.po",
}


@pytest.fixture
def english(tmp_path: Path) -> Any:
    """English from the catalogues, compiled here so that the tests do not depend on
    `compilemessages` having run (the .mo files are not committed). Tests call the views
    directly under `translation.override("en")`."""
    paths = []
    for app, po in CATALOGUES.items():
        target = tmp_path / app / "en" / "LC_MESSAGES"
        target.mkdir(parents=True)
        subprocess.run(
            ["msgfmt", "--check", "-o", str(target / "django.mo"), str(po)],
            check=True,
            capture_output=True,
        )
        paths.append(tmp_path / app)
    with override_settings(LOCALE_PATHS=[*paths, *settings.LOCALE_PATHS]):
        with translation.override("en"):
            yield
