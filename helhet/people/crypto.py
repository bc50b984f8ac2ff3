"""Per-person data keys, the master keyring that wraps them, and the blind index.

Every person has a random 256-bit data key. Identifying and narrative fields are
encrypted with it (AES-GCM, the person's uid and the field name as associated data, so
a ciphertext cannot be moved to another person or field). The data key is stored
wrapped by the newest master key from HELHET_MASTER_KEYS; every key in the ring can
unwrap. Deleting the data key makes every copy of the fields unreadable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from helhet.people import contexts

_TOKEN_PREFIX = "v1."  # noqa: S105 - a format marker, not a secret
_WRAP_AAD = contexts.DATA_KEY_WRAP.encode("ascii")


class CryptoError(Exception):
    """A ciphertext could not be read: wrong key, changed data, or the key was erased."""


@dataclass(frozen=True)
class MasterKey:
    key_id: str
    secret: bytes


def parse_keyring(value: str) -> tuple[MasterKey, ...]:
    """Parse "id:base64key,id:base64key" (newest first) and refuse anything doubtful:
    a wrong key length or a repeated id would make data unreadable later, not now."""
    keys = []
    for entry in (part.strip() for part in value.split(",")):
        if not entry:
            continue
        key_id, sep, encoded = entry.partition(":")
        if not sep or not key_id:
            raise ImproperlyConfigured("HELHET_MASTER_KEYS entries must look like id:base64key.")
        try:
            secret = base64.b64decode(encoded, validate=True)
        except ValueError as exc:
            raise ImproperlyConfigured(f"Master key {key_id} is not valid base64.") from exc
        if len(secret) != 32:
            raise ImproperlyConfigured(f"Master key {key_id} must be 32 bytes (256 bits).")
        keys.append(MasterKey(key_id, secret))
    if not keys:
        raise ImproperlyConfigured("HELHET_MASTER_KEYS holds no key.")
    if len({key.key_id for key in keys}) != len(keys):
        raise ImproperlyConfigured("HELHET_MASTER_KEYS has two keys with the same id.")
    return tuple(keys)


@cache
def _keyring(value: str) -> tuple[MasterKey, ...]:
    # Keyed by the setting's value, so a changed setting (a rotation, a test's
    # override_settings) is parsed afresh; clear with `_keyring.cache_clear()`.
    return parse_keyring(value)


def keyring() -> tuple[MasterKey, ...]:
    """The configured keys, newest first."""
    return _keyring(settings.HELHET_MASTER_KEYS)


def newest_master_key() -> MasterKey:
    """The key that wraps every new or re-wrapped data key."""
    return keyring()[0]


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def _decode(value: str) -> bytes:
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError as exc:  # binascii.Error: a damaged or foreign value
        raise CryptoError("The ciphertext is not valid base64.") from exc
    if len(raw) < 12 + 16:  # a nonce and a tag at the very least
        raise CryptoError("The ciphertext is too short.")
    return raw


def wrap_data_key(data_key: bytes) -> tuple[str, str]:
    """Wrap a person's data key with the newest master key; returns (key id, wrapped)."""
    master = newest_master_key()
    nonce = os.urandom(12)
    wrapped = AESGCM(master.secret).encrypt(nonce, data_key, _WRAP_AAD)
    return master.key_id, base64.b64encode(nonce + wrapped).decode("ascii")


def unwrap_data_key(key_id: str, wrapped: str) -> bytes:
    """Unwrap with the master key that wrapped it; CryptoError when it is not in the ring."""
    for master in keyring():
        if master.key_id == key_id:
            raw = _decode(wrapped)
            try:
                return AESGCM(master.secret).decrypt(raw[:12], raw[12:], _WRAP_AAD)
            except Exception as exc:  # InvalidTag
                raise CryptoError("The person key could not be unwrapped.") from exc
    raise CryptoError(f"The master key {key_id} is not in the keyring.")


def encrypt_field(data_key: bytes, plaintext: str, *, aad: str) -> str:
    """Seal one field. `aad` binds the ciphertext to its person and field; an empty value
    stays empty, so "not given" needs no key."""
    if plaintext == "":
        return ""
    nonce = os.urandom(12)
    sealed = AESGCM(data_key).encrypt(nonce, plaintext.encode("utf-8"), aad.encode("utf-8"))
    return _TOKEN_PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def decrypt_field(data_key: bytes, token: str, *, aad: str) -> str:
    """Open one field sealed by `encrypt_field` with the same key and `aad`."""
    if token == "":
        return ""
    if not token.startswith(_TOKEN_PREFIX):
        raise CryptoError("Unknown ciphertext format.")
    raw = _decode(token[len(_TOKEN_PREFIX) :])
    try:
        return AESGCM(data_key).decrypt(raw[:12], raw[12:], aad.encode("utf-8")).decode("utf-8")
    except Exception as exc:  # InvalidTag
        raise CryptoError("The field could not be decrypted.") from exc


def blind_index(national_id: str) -> str:
    """A keyed hash of a national identity number: equal numbers give equal indexes,
    and nobody without the key can test a guess against the table."""
    if not settings.HELHET_BLIND_INDEX_KEY:
        raise ImproperlyConfigured("HELHET_BLIND_INDEX_KEY is not set.")
    key = settings.HELHET_BLIND_INDEX_KEY.encode("utf-8")
    return hmac.new(key, national_id.encode("ascii"), hashlib.sha256).hexdigest()
