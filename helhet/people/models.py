"""Persons (the people a record is about), their keys, and the links that make them visible.

Identifying and narrative fields end in `_enc` and hold ciphertext only; read them
through `people.selectors.person_data`. A person is visible to a user only through a
`PersonUnitLink` to a unit where the user may see case content, or a break-glass grant.
Other modules (a stay, a case) create and end links through `people.services`, so
`people` needs to know nothing about them.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TimeStampedModel
from helhet.organisation.models import Unit
from helhet.people.choices import AddressProtection, Gender

ENCRYPTED_FIELDS = (
    "name",
    "national_id",
    "birth_date",
    "phone",
    "email",
    "address",
    "safe_times",
    "safe_contact_person",
    "notes",
)


class Person(TimeStampedModel):
    """Someone a record is about: a resident, a child, a day user, a person in a case."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Plain fields: needed by rules and statistics, not identifying on their own.
    gender = models.CharField(
        _("kjønn"), max_length=20, choices=Gender.choices, default=Gender.NOT_REGISTERED
    )
    birth_year = models.PositiveSmallIntegerField(_("fødselsår"), null=True, blank=True)
    languages = models.CharField(_("språk"), max_length=200, blank=True)
    needs_interpreter = models.BooleanField(_("trenger tolk"), default=False)
    address_protection = models.CharField(
        _("adressesperre"),
        max_length=20,
        choices=AddressProtection.choices,
        default=AddressProtection.NONE,
    )
    may_call = models.BooleanField(_("kan ringes"), default=False)
    may_text = models.BooleanField(_("kan få SMS"), default=False)
    may_write = models.BooleanField(_("kan få brev eller e-post"), default=False)
    may_leave_voicemail = models.BooleanField(_("kan få talemelding"), default=False)
    is_demo = models.BooleanField(default=False, editable=False)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Keyed hash of the national identity number (blind index); unique, so nobody is
    # registered twice. Cleared when the person is erased.
    national_id_index = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # Ciphertext (see ENCRYPTED_FIELDS).
    name_enc = models.TextField(blank=True)
    national_id_enc = models.TextField(blank=True)
    birth_date_enc = models.TextField(blank=True)
    phone_enc = models.TextField(blank=True)
    email_enc = models.TextField(blank=True)
    address_enc = models.TextField(blank=True)
    safe_times_enc = models.TextField(blank=True)
    safe_contact_person_enc = models.TextField(blank=True)
    notes_enc = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(address_protection="strict") | models.Q(address_enc=""),
                name="people_person_no_address_when_strict",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Person')} {self.pk}"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class PersonKey(models.Model):
    """The person's data key, wrapped by a master key. Deleting this row shreds the person.

    Kept in its own table so that operations can hold keys under a shorter backup
    retention than the data (docs/threat-model.md).
    """

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="key")
    master_key_id = models.CharField(max_length=40)
    wrapped_key = models.TextField()
    wrapped_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"key for person {self.person_id} ({self.master_key_id})"


class PersonUnitLink(models.Model):
    """The person is known to a unit through a record there (a registration, a stay, a case),
    or through a share with a legal basis. Staff of the unit may then see the person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="unit_links")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="person_links")
    source = models.CharField(max_length=80)
    legal_basis = models.CharField(_("rettslig grunnlag"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "unit", "source"], name="people_personunitlink_unique"
            )
        ]
        indexes = [models.Index(fields=["unit", "ended_at"], name="people_link_unit_active")]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.unit_id} ({self.source})"
