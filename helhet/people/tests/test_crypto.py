"""The field encryption itself: round trips, binding to person and field, the keyring."""

import base64
import os
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from helhet.people import crypto
from helhet.people.crypto import (
    CryptoError,
    blind_index,
    decrypt_field,
    encrypt_field,
    new_data_key,
    parse_keyring,
    unwrap_data_key,
    wrap_data_key,
)

FIELDS = ("name", "national_id", "phone", "address", "notes")


def _key_entry(key_id: str) -> str:
    return f"{key_id}:{base64.b64encode(os.urandom(32)).decode()}"


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=500), uid=st.uuids(), name=st.sampled_from(FIELDS))
def test_a_field_decrypts_to_what_was_encrypted(text, uid, name):
    key = new_data_key()
    token = encrypt_field(key, text, aad=f"{uid}:{name}")
    assert decrypt_field(key, token, aad=f"{uid}:{name}") == text
    assert (token == "") == (text == "")


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(min_size=1, max_size=200),
    uid=st.uuids(),
    other_uid=st.uuids(),
    name=st.sampled_from(FIELDS),
    other_name=st.sampled_from(FIELDS),
)
def test_a_ciphertext_cannot_be_moved_to_another_person_or_field(
    text, uid, other_uid, name, other_name
):
    key = new_data_key()
    token = encrypt_field(key, text, aad=f"{uid}:{name}")
    if (uid, name) == (other_uid, other_name):
        assert decrypt_field(key, token, aad=f"{other_uid}:{other_name}") == text
    else:
        with pytest.raises(CryptoError):
            decrypt_field(key, token, aad=f"{other_uid}:{other_name}")


@settings(max_examples=50, deadline=None)
@given(text=st.text(min_size=1, max_size=100))
def test_another_persons_key_cannot_decrypt_a_field(text):
    uid = uuid.uuid4()
    token = encrypt_field(new_data_key(), text, aad=f"{uid}:name")
    with pytest.raises(CryptoError):
        decrypt_field(new_data_key(), token, aad=f"{uid}:name")


def test_the_same_text_encrypts_differently_each_time():
    key = new_data_key()
    assert encrypt_field(key, "Kari", aad="u:name") != encrypt_field(key, "Kari", aad="u:name")


def test_a_damaged_ciphertext_is_refused_not_crashed_on():
    key = new_data_key()
    token = encrypt_field(key, "Kari", aad="u:name")
    for damaged in (token[:-4] + "AAAA", "v1.not base64!", "v1.", "v2.abc", token[:10]):
        with pytest.raises(CryptoError):
            decrypt_field(key, damaged, aad="u:name")


def test_a_data_key_unwraps_with_every_key_in_the_ring():
    newest, older = _key_entry("new"), _key_entry("old")
    data_key = new_data_key()
    with override_settings(HELHET_MASTER_KEYS=older):
        old_id, old_wrapped = wrap_data_key(data_key)
    with override_settings(HELHET_MASTER_KEYS=f"{newest},{older}"):
        new_id, new_wrapped = wrap_data_key(data_key)
        assert (old_id, new_id) == ("old", "new")
        assert unwrap_data_key(old_id, old_wrapped) == data_key
        assert unwrap_data_key(new_id, new_wrapped) == data_key
    with override_settings(HELHET_MASTER_KEYS=newest), pytest.raises(CryptoError):
        unwrap_data_key(old_id, old_wrapped)


def test_a_key_with_a_known_id_but_other_secret_does_not_unwrap():
    data_key = new_data_key()
    with override_settings(HELHET_MASTER_KEYS=_key_entry("k1")):
        key_id, wrapped = wrap_data_key(data_key)
    with override_settings(HELHET_MASTER_KEYS=_key_entry("k1")), pytest.raises(CryptoError):
        unwrap_data_key(key_id, wrapped)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "no-colon",
        ":" + base64.b64encode(b"x" * 32).decode(),
        "k1:" + base64.b64encode(b"short").decode(),
        "k1:not-base64!!",
        # Fixed secrets: parallel test processes must collect the same test ids.
        "k1:"
        + base64.b64encode(b"a" * 32).decode()
        + ",k1:"
        + base64.b64encode(b"b" * 32).decode(),
    ],
)
def test_a_bad_keyring_is_refused_at_once(value):
    with pytest.raises(ImproperlyConfigured):
        parse_keyring(value)


def test_the_keyring_follows_the_setting():
    crypto._keyring.cache_clear()
    with override_settings(HELHET_MASTER_KEYS=_key_entry("a")):
        assert crypto.newest_master_key().key_id == "a"
    with override_settings(HELHET_MASTER_KEYS=f"{_key_entry('b')},{_key_entry('a')}"):
        assert [key.key_id for key in crypto.keyring()] == ["b", "a"]


def test_the_blind_index_is_stable_and_keyed():
    assert blind_index("15108695088") == blind_index("15108695088")
    assert blind_index("15108695088") != blind_index("15108695077")
    assert "15108695088" not in blind_index("15108695088")
    with override_settings(HELHET_BLIND_INDEX_KEY="another key"):
        other = blind_index("15108695088")
    assert other != blind_index("15108695088")
    with override_settings(HELHET_BLIND_INDEX_KEY=""), pytest.raises(ImproperlyConfigured):
        blind_index("15108695088")
