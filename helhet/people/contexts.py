"""The associated data bound into every ciphertext of a person's data. NEVER CHANGE ONE.

AES-GCM opens a ciphertext only with the exact associated data it was sealed with. These
strings (and the field and section names that are appended to them) are therefore part
of every stored text: change a value, rename an app or a model, or let a context be
derived from a model's label, and every text sealed under the old value becomes
unreadable for good — backups included. A new kind of record gets a new constant; an
old one stays as it is, whatever its app is called by then.

`tests/test_contexts.py` decrypts ciphertexts made once with these values and committed
in the test, so that a change here fails the build instead of a resident's safety plan.
"""

from __future__ import annotations

from typing import Any

# Wraps each person's data key under a master key (people.crypto).
DATA_KEY_WRAP = "helhet:person-data-key"

# Records of other modules whose texts are sealed with the person's key (people.sealing).
# The values are the labels the models had when the texts were first sealed; they are
# names, no longer derived from anything.
SAFETY_PLAN = "shelter.safetyplan"
THREAT_ASSESSMENT = "shelter.threatassessment"
FOLLOWUP_TASK = "shelter.followuptask"


def person_field(person_uid: Any, field: str) -> str:
    """A person's own encrypted field (`Person.<field>_enc`): the person's uid and the
    field name, so that a ciphertext cannot be moved to another person or field."""
    return f"{person_uid}:{field}"


def record(kind: str, uid: Any) -> str:
    """The context of one record of another module (`record(SAFETY_PLAN, plan.uid)`),
    as `people.sealing.seal` and `unseal` take it."""
    return f"{kind}:{uid}"


def sealed_field(context: str, field: str) -> str:
    """One field of a sealed record: the record's context and the field's name."""
    return f"{context}:{field}"
