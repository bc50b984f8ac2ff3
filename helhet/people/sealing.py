"""Text that other modules keep about a person (a stay's safety plan, threat mapping, task
notes), sealed with that person's own data key. Modules call these functions instead of
touching keys: `people` owns the keys.

A database dump then shows only ciphertext, and erasing the resident (deleting their key)
makes every copy unreadable, backups included. The associated data binds each ciphertext
to its record and field, so a token cannot be copied into another plan or section.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from helhet.core.errors import DomainError
from helhet.people import contexts
from helhet.people.crypto import CryptoError, decrypt_field, encrypt_field, unwrap_data_key
from helhet.people.models import Person, PersonKey


class SealError(DomainError):
    pass


def _data_key(person: Person) -> bytes:
    try:
        key_row = person.key
    except PersonKey.DoesNotExist as exc:
        raise SealError(
            _("Personen er slettet, så teksten kan ikke lagres eller leses lenger.")
        ) from exc
    try:
        return unwrap_data_key(key_row.master_key_id, key_row.wrapped_key)
    except CryptoError as exc:
        raise SealError(_("Teksten kan ikke låses opp. Kontakt brukerstøtte.")) from exc


def seal(person: Person, values: dict[str, str], *, context: str) -> dict[str, str]:
    """Encrypt each value under the person's key; `context` names the record:
    `contexts.record(contexts.SAFETY_PLAN, plan.uid)`, never a string made on the spot."""
    data_key = _data_key(person)
    return {
        name: encrypt_field(
            data_key, (value or "").strip(), aad=contexts.sealed_field(context, name)
        )
        for name, value in values.items()
    }


def unseal(person: Person, tokens: dict[str, str], *, context: str) -> dict[str, str] | None:
    """Decrypt the tokens; None when they cannot be read (the person was erased)."""
    try:
        data_key = _data_key(person)
        return {
            name: decrypt_field(data_key, token, aad=contexts.sealed_field(context, name))
            for name, token in tokens.items()
        }
    except (SealError, CryptoError):
        return None
