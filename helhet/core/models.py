"""Shared model base, and the one table behind double-submit protection."""

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    """Adds creation and update times to a model."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Submission(models.Model):
    """A form post that created something, remembered by the id hidden in the form
    (see `core.idempotency.once`)."""

    key = models.UUIDField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
    )
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key"], name="core_submission_unique_key")]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id}"
