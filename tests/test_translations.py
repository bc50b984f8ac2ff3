"""Bokmål is the source language; English is complete for every app, and up to date."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.po import read_po

ROOT = Path(__file__).resolve().parent.parent
# Each app under helhet/ has its own catalogue (there are no project-level LOCALE_PATHS).
APPS = sorted(f"helhet/{path.parent.name}" for path in (ROOT / "helhet").glob("*/apps.py"))
MARKERS = re.compile(r"gettext|{% ?translate|{% ?blocktranslate|(?<!\w)_\(")


def _has_strings(app: str) -> bool:
    for path in (ROOT / app).rglob("*"):
        if "tests" in path.parts or "migrations" in path.parts or not path.is_file():
            continue
        if path.suffix in {".py", ".html", ".txt"} and MARKERS.search(path.read_text("utf-8")):
            return True
    return False


APPS_WITH_STRINGS = [app for app in APPS if _has_strings(app)]


@pytest.mark.parametrize("app", APPS_WITH_STRINGS)
def test_every_app_with_text_has_a_complete_english_translation(app):
    po = ROOT / app / "locale" / "en" / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"{app} has no English translation at {po.relative_to(ROOT)}"
    entries = read_po(po)
    assert entries, f"{po} is empty"
    untranslated = [e.msgid for e in entries if not all(e.msgstr)]
    fuzzy = [e.msgid for e in entries if e.fuzzy]
    assert untranslated == [], f"{app}: untranslated {untranslated[:10]}"
    assert fuzzy == [], f"{app}: fuzzy {fuzzy[:10]}"


@pytest.mark.parametrize("app", APPS_WITH_STRINGS)
def test_the_english_translation_holds_every_string_in_the_source(app, tmp_path):
    """Regenerate the catalogue from the source in a copy and compare the message ids."""
    copy = tmp_path / app.replace("/", "_")
    shutil.copytree(
        ROOT / app,
        copy,
        ignore=shutil.ignore_patterns("tests", "__pycache__", "*.mo", "static"),
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "PYTHONPATH": str(ROOT),
        # The copy's own modules (an app's selectors.py) must not shadow the standard library.
        "PYTHONSAFEPATH": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    committed = {e.msgid for e in read_po(ROOT / app / "locale/en/LC_MESSAGES/django.po")}
    source = {e.msgid for e in read_po(copy / "locale/en/LC_MESSAGES/django.po")}
    assert sorted(source - committed) == [], f"{app}: run makemessages; new strings are missing"
