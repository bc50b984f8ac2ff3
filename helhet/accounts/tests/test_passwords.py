"""The password rules refuse common passwords and common words dressed up with digits,
years, symbols and look-alike letters; a passphrase passes."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from conftest import PASSWORD
from helhet.accounts.passwords import CommonPasswordValidator, base_words


def _refused(password: str) -> list[str]:
    try:
        validate_password(password)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


@pytest.mark.parametrize(
    "password",
    [
        "Sommer2026!!",
        "Passord12345",
        "2026Vinter!!!!",
        "Velkommen123!",
        "P@ssw0rd2026!",
        "P4ssord-2026!",
        "Høst2026!!!!",
        "Hoest2026!!!!",
        "Desember 2025!",
        "Rosenborg1963!",
        "iloveyou12345",
    ],
)
def test_a_common_word_under_digits_and_symbols_is_refused(password):
    assert "password_too_common" in _refused(password)


@pytest.mark.parametrize(
    "password",
    [
        PASSWORD,
        "blåbær under brua ved fjorden",
        "Kaffe-Trapp-Sykkel-Måne-17",
        "k9#Tq2!mZ4@rW",
    ],
)
def test_a_passphrase_or_a_random_password_passes(password):
    assert _refused(password) == []


def test_the_validator_is_the_one_configured():
    names = [entry["NAME"] for entry in settings.AUTH_PASSWORD_VALIDATORS]
    assert "helhet.accounts.passwords.CommonPasswordValidator" in names
    assert "django.contrib.auth.password_validation.CommonPasswordValidator" not in names


def test_it_uses_djangos_list_of_breached_passwords_as_well_as_ours():
    validator = CommonPasswordValidator()
    # From Django's list, not ours.
    assert "trustno1" in validator.passwords
    # From ours (Django's list has no "velkommen").
    assert "velkommen" in validator.passwords
    assert len(validator.passwords) > 19_000


def test_the_base_word_reads_look_alikes_and_folds_norwegian_letters():
    assert "password" in base_words("P@ssw0rd!!")
    assert "passord" in base_words("P4ssord2026")
    assert "host" in base_words("Høst!!2026")
    assert "lillestrom" in base_words("L1llestrøm2026")


def test_the_message_explains_what_is_wrong():
    with pytest.raises(ValidationError) as error:
        validate_password("Sommer2026!!")
    assert "for vanlig" in " ".join(error.value.messages)
