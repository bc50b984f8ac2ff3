"""Texts sealed long ago stay readable: the associated data never changes.

The ciphertexts below were made once, with the fixed keys below, and are committed here.
If a context in `people.contexts` (or the way the read paths use it) changes, these stop
decrypting, and so would every resident's stored texts. Do not regenerate them to make
this test pass: put the old value back.
"""

from __future__ import annotations

import uuid

import pytest
from django.test import override_settings

from helhet.people import contexts, crypto
from helhet.people.models import Person, PersonKey
from helhet.people.sealing import unseal
from helhet.people.selectors import person_data

MASTER_KEYS = "fixed:ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM="
PERSON_UID = uuid.UUID("6f1c2d3e-4b5a-4c6d-8e7f-101112131415")
RECORD_UID = uuid.UUID("a0b1c2d3-e4f5-4a6b-9c8d-7e6f50413223")
# The data key bytes(range(32)), wrapped under the master key "fixed".
WRAPPED_KEY = "x4v/lUtulcDIeMOKmqu7bWtGWZNcm9NUCGlhHVUdu27BPP7n7A5JI3h6eFup5ErCcJMPE2gz4djzKzY8"
NAME = "v1.KdD84jQAmqn/igTgpWzicKBjvv92u2P1hzX4L5g9Wbvn+xdZOoJHREg="
NOTES = {
    contexts.SAFETY_PLAN: "v1.fqpBtr0ac5VK6t3bsIhruGYfeAUyyc8kdxX3BorNxVGYq1qWBfhCFVqhIcSFQQ==",
    contexts.THREAT_ASSESSMENT: (
        "v1.Fn0Bzt39TpWd29lCHG5c0HqXCFpMQqSQBokKnF/dg1OQ/AHa78F9Vnyp6jY/Rw=="
    ),
    contexts.FOLLOWUP_TASK: "v1./iA8vhTj14UhHu4f1d1LSxEfwPOBYHqlTOQOJYHQHqfad19Rui9VQlobx5GGHg==",
}


@pytest.fixture
def fixed_keyring():
    crypto._keyring.cache_clear()
    with override_settings(HELHET_MASTER_KEYS=MASTER_KEYS):
        yield
    crypto._keyring.cache_clear()


def _person() -> Person:
    person = Person(uid=PERSON_UID, name_enc=NAME)
    person.key = PersonKey(master_key_id="fixed", wrapped_key=WRAPPED_KEY)
    return person


def test_the_contexts_have_the_values_texts_were_sealed_with():
    assert contexts.DATA_KEY_WRAP == "helhet:person-data-key"
    assert contexts.SAFETY_PLAN == "shelter.safetyplan"
    assert contexts.THREAT_ASSESSMENT == "shelter.threatassessment"
    assert contexts.FOLLOWUP_TASK == "shelter.followuptask"


def test_a_name_sealed_long_ago_is_read_through_the_person_read_path(fixed_keyring):
    data = person_data(_person())
    assert not data.unreadable
    assert data.name == "Kari Nordmann"


@pytest.mark.parametrize("kind", list(NOTES))
def test_a_text_sealed_long_ago_for_another_module_is_read_through_unseal(fixed_keyring, kind):
    context = contexts.record(kind, RECORD_UID)
    assert unseal(_person(), {"notes": NOTES[kind]}, context=context) == {
        "notes": "Ring 112 ved fare."
    }


def test_a_text_is_not_read_under_another_records_context(fixed_keyring):
    # The fixture is not trivially readable: the context really is part of the seal.
    context = contexts.record(contexts.SAFETY_PLAN, uuid.uuid4())
    assert unseal(_person(), {"notes": NOTES[contexts.SAFETY_PLAN]}, context=context) is None
