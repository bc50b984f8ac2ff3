"""The password rule against common and breached-style passwords (AUTH_PASSWORD_VALIDATORS).

People make a "strong" password by dressing up a common word: `Sommer2026!!`,
`Passord12345`, `P@ssw0rd`. Such passwords are the first ones tried in password spraying.
So the word underneath is looked up, not only the password as typed: lower case, the
digits, years and symbols at either end stripped, simple look-alikes (`0` for `o`, `@` for
`a`) read back as letters. The word lists are Django's own (20 000 passwords from breaches,
shipped with Django) and a short Norwegian list of our own (`data/common_passwords_nb.txt`).
No network look-up: nothing about a password leaves the server.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.auth.password_validation import (
    CommonPasswordValidator as DjangoCommonPasswordValidator,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from helhet.accounts.models import User

NORWEGIAN_LIST = Path(__file__).resolve().parent / "data" / "common_passwords_nb.txt"

# Letters people write as digits or symbols. "1" is read both as "i" and as "l".
_LOOK_ALIKES = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "6": "g",
        "7": "t",
        "8": "b",
        "9": "g",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "i",
        "+": "t",
        "€": "e",
    }
)
_ONE_AS_L = str.maketrans({"1": "l", "|": "l", "!": "l"})
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _is_padding(char: str) -> bool:
    """Digits, symbols and spaces: what is put around a word to pass the rules."""
    return not char.isalpha()


def _strip_padding(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_padding(text[start]):
        start += 1
    while end > start and _is_padding(text[end - 1]):
        end -= 1
    return text[start:end]


def base_words(password: str) -> set[str]:
    """The words a password may be built on, as they are looked up in the lists."""
    lowered = password.lower().strip()
    core = _strip_padding(lowered)
    candidates = {
        lowered,
        core,
        core.translate(_LOOK_ALIKES),
        core.translate(_ONE_AS_L).translate(_LOOK_ALIKES),
        # "P4ssord2026" → "passord": look-alikes first, then the padding.
        _strip_padding(lowered.translate(_LOOK_ALIKES)),
    }
    return {_fold(word) for word in candidates if word}


@cache
def _norwegian_words() -> frozenset[str]:
    lines = NORWEGIAN_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(
        _fold(line.strip().lower()) for line in lines if line.strip() and not line.startswith("#")
    )


class CommonPasswordValidator(DjangoCommonPasswordValidator):
    """Refuses a password that is, or is built on, a common password or word."""

    def __init__(self, password_list_path: Path | str | None = None) -> None:
        if password_list_path is None:
            super().__init__()
        else:
            super().__init__(password_list_path)
        self.passwords = {_fold(word) for word in self.passwords} | _norwegian_words()

    def validate(self, password: str, user: User | None = None) -> None:
        if base_words(password) & self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self) -> str:
        return _(
            "Passordet er for vanlig: det er, eller bygger på, et ord som ofte brukes i "
            "passord. Tall, årstall og tegn før eller etter ordet gjør det ikke sikrere. "
            "Bruk heller flere ord som ikke hører sammen."
        )

    def get_help_text(self) -> str:
        return _("Passordet kan ikke være eller bygge på et vanlig passord eller ord.")
