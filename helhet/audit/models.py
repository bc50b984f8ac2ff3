"""The audit log: append-only, hash-chained events; and break-glass grants with their review.

Events name the actor, unit and person by id with a copy of the names, never by foreign
key to a domain app: the log must outlive what it describes, and audit imports no
domain app. Events carry no sensitive payload (no names of persons, no narrative).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.audit.choices import EventKind


class Event(models.Model):
    """One thing that happened. The database refuses UPDATE and DELETE on this table."""

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    actor_name = models.CharField(max_length=200, blank=True)
    unit_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    unit_name = models.CharField(max_length=200, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    kind = models.CharField(max_length=30, choices=EventKind.choices, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    person_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    purpose = models.CharField(max_length=200, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # How `hash` was computed (audit.hashing): 2 = keyed. The database default 1 marks the
    # events written before the chain was keyed; every event written since says 2.
    hash_version = models.PositiveSmallIntegerField(default=2, db_default=1)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("hendelse")
        verbose_name_plural = _("hendelser")
        indexes = [models.Index(fields=["actor", "occurred_at"], name="audit_event_actor_time")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.kind} {self.object_type}:{self.object_id}"

    @property
    def purpose_label(self) -> str:
        """The purpose in the reader's language (events store a code)."""
        from helhet.audit.purposes import purpose_label

        return purpose_label(self.purpose)


class BreakGlassGrant(models.Model):
    """A user opened a record outside their access in an emergency, with a reason.

    The grant lasts a limited time and waits in the privacy officer's review queue.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    person_id = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField(_("begrunnelse"))
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("nødtilgang")
        verbose_name_plural = _("nødtilganger")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("granted_at")),
                name="audit_breakglassgrant_expires_after_grant",
            ),
        ]
        indexes = [
            models.Index(
                fields=["user", "object_type", "object_id", "expires_at"],
                name="audit_breakglass_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.object_type}:{self.object_id}"

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None
