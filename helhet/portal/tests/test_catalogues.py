"""The portal speaks nine languages: every catalogue is complete, current and valid."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from helhet.portal.choices import PageKey
from helhet.portal.content import DEFAULTS
from tests.po import read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "nb"]


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def test_every_portal_language_but_the_source_has_a_catalogue():
    present = sorted(path.parent.parent.name for path in LOCALE.glob("*/LC_MESSAGES/django.po"))
    assert present == sorted(TRANSLATED)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalogue_is_complete_with_no_empty_and_no_fuzzy_entry(language):
    entries = read_po(catalogue(language))
    assert entries
    empty = [entry.msgid for entry in entries if not all(entry.msgstr)]
    fuzzy = [entry.msgid for entry in entries if entry.fuzzy]
    assert empty == [], f"{language}: untranslated {empty[:5]}"
    assert fuzzy == [], f"{language}: fuzzy {fuzzy[:5]}"
    header = catalogue(language).read_text(encoding="utf-8")
    assert "#, fuzzy" not in header
    assert f'"Language: {language}\\n"' in header


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalogue_holds_the_same_strings_as_the_english_one(language):
    english = {entry.msgid for entry in read_po(catalogue("en"))}
    assert {entry.msgid for entry in read_po(catalogue(language))} == english


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalogue_compiles_with_matching_format_fields(language, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(catalogue(language))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_built_in_pages_are_translated_into_every_language(language):
    with translation.override("nb"):
        source = {key: str(text.lead) for key, text in DEFAULTS.items()}
    with translation.override(language):
        for key in PageKey.values:
            default = DEFAULTS[key]
            assert str(default.title), (language, key)
            assert str(default.lead) != source[key], (language, key)
