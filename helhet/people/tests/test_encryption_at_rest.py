"""What the database holds: ciphertext only, keys that survive rotation, and erasure that
makes every earlier copy unreadable."""

import base64
import datetime
import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from helhet.people import crypto
from helhet.people.crypto import CryptoError, decrypt_field, unwrap_data_key
from helhet.people.models import ENCRYPTED_FIELDS, Person, PersonKey
from helhet.people.selectors import person_data
from helhet.people.services import person_erase
from helhet.people.tests.helpers import national_id, register

K1 = f"k1:{base64.b64encode(os.urandom(32)).decode()}"
K2 = f"k2:{base64.b64encode(os.urandom(32)).decode()}"
K3 = f"k3:{base64.b64encode(os.urandom(32)).decode()}"

SECRETS = {
    "name": "Ingrid Hemmeligsen",
    "national_id": national_id(datetime.date(1984, 3, 7)),
    "phone": "98765432",
    "email": "ingrid.hemmelig@example.org",
    "address": "Skjulestien 17, 9999 Gjemmested",
    "safe_times": "Tirsdager etter klokka ti",
    "safe_contact_person": "Søsteren Astrid på 41234567",
    "notes": "Redd for eksmannen som eier en hagle",
}


def _raw_row(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])
        row = cursor.fetchone()
    return " ".join(str(value) for value in row)


def _register_secret(cast):
    data = {key: value for key, value in SECRETS.items() if key != "name"}
    return register(cast.shelter_worker, cast.shelter, name=SECRETS["name"], **data)


@pytest.fixture
def fresh_keyring():
    crypto._keyring.cache_clear()
    yield
    crypto._keyring.cache_clear()


def test_raw_sql_on_the_person_table_shows_no_plaintext(cast):
    person = _register_secret(cast)
    raw = _raw_row("people_person", person.pk)
    for field, secret in SECRETS.items():
        assert secret not in raw, field
    # The national number's parts are not there either (the blind index is a keyed hash).
    assert SECRETS["national_id"][:6] not in raw
    assert person_data(Person.objects.get(pk=person.pk)).name == SECRETS["name"]


def test_the_key_table_and_the_audit_log_hold_no_plaintext(cast, login_as, client):
    person = _register_secret(cast)
    login_as(cast.shelter_worker)
    assert client.get(f"/ansatt/personer/{person.pk}/").status_code == 200
    key_row = _raw_row("people_personkey", person.key.pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM audit_event")
        log = " ".join(str(value) for row in cursor.fetchall() for value in row)
    for secret in SECRETS.values():
        assert secret not in key_row
        assert secret not in log


def test_key_rotation_keeps_everything_readable(cast, fresh_keyring):
    with override_settings(HELHET_MASTER_KEYS=K1):
        crypto._keyring.cache_clear()
        persons = [
            register(cast.shelter_worker, cast.shelter, name=f"Person {i}", phone=f"9000000{i}")
            for i in range(3)
        ]
        assert set(PersonKey.objects.values_list("master_key_id", flat=True)) == {"k1"}

    with override_settings(HELHET_MASTER_KEYS=f"{K2},{K1}"):
        crypto._keyring.cache_clear()
        call_command("rotate_master_key")
        assert set(PersonKey.objects.values_list("master_key_id", flat=True)) == {"k2"}
        # Safe to run again: nothing left to re-wrap.
        call_command("rotate_master_key")
        assert set(PersonKey.objects.values_list("master_key_id", flat=True)) == {"k2"}

    with override_settings(HELHET_MASTER_KEYS=K2):
        crypto._keyring.cache_clear()
        for i, person in enumerate(persons):
            data = person_data(Person.objects.select_related("key").get(pk=person.pk))
            assert not data.unreadable
            assert (data.name, data.phone) == (f"Person {i}", f"9000000{i}")


def test_dropping_a_master_key_without_rotating_makes_its_persons_unreadable(cast, fresh_keyring):
    # The counterpart of the rotation test: it shows that the rotation is what saves them.
    with override_settings(HELHET_MASTER_KEYS=K1):
        person = register(cast.shelter_worker, cast.shelter, name="Uten rotasjon")
    with override_settings(HELHET_MASTER_KEYS=K2):
        crypto._keyring.cache_clear()
        data = person_data(Person.objects.select_related("key").get(pk=person.pk))
        assert data.unreadable
        assert data.name == ""


def test_erase_makes_the_old_ciphertext_unreadable(cast, fresh_keyring):
    person = _register_secret(cast)
    before = Person.objects.get(pk=person.pk)
    old_key = PersonKey.objects.get(person=person)
    old_tokens = {name: getattr(before, f"{name}_enc") for name in ENCRYPTED_FIELDS}

    person_erase(actor=cast.shelter_lead, person=before)

    erased = Person.objects.get(pk=person.pk)
    assert erased.is_erased
    assert not PersonKey.objects.filter(person_id=person.pk).exists()
    assert all(getattr(erased, f"{name}_enc") == "" for name in ENCRYPTED_FIELDS)
    assert erased.national_id_index is None

    # No master key in the ring opens a field: fields are sealed with the person's key.
    for master in crypto.keyring():
        for name, token in old_tokens.items():
            if token:
                with pytest.raises(CryptoError):
                    decrypt_field(master.secret, token, aad=f"{before.uid}:{name}")

    # A restored earlier copy of the row (a backup put back) cannot be read: no key.
    Person.objects.filter(pk=person.pk).update(
        erased_at=None,
        national_id_index=before.national_id_index,
        languages=before.languages,
        **{f"{name}_enc": token for name, token in old_tokens.items()},
    )
    restored = Person.objects.get(pk=person.pk)
    assert restored.name_enc == old_tokens["name"]
    data = person_data(restored)
    assert data.unreadable
    assert data.name == "" and data.address == "" and data.notes == ""

    # A copy of the key table from before the erase is the only thing that could still
    # open it, and only until the master key that wrapped it leaves the ring: after the
    # next rotation and the old key's removal, that copy is useless too.
    keys = ",".join(f"{k.key_id}:{base64.b64encode(k.secret).decode()}" for k in crypto.keyring())
    with override_settings(HELHET_MASTER_KEYS=f"{K3},{keys}"):
        crypto._keyring.cache_clear()
        call_command("rotate_master_key")
    with override_settings(HELHET_MASTER_KEYS=K3):
        crypto._keyring.cache_clear()
        with pytest.raises(CryptoError):
            unwrap_data_key(old_key.master_key_id, old_key.wrapped_key)
