"""The follow-up plan after a stay. Consent to share stays here until issue 8 moves it to
`people`."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TimeStampedModel
from helhet.organisation.models import Unit
from helhet.people import contexts
from helhet.shelter.choices import ConsentScope, TaskCategory, TaskStatus
from helhet.shelter.models.stays import Stay


class FollowUpPlan(TimeStampedModel):
    """The re-establishment plan after (or towards the end of) a stay.

    Tasks assigned to another unit are shown to that unit only while the person's consent
    to share is recorded, not withdrawn, not expired, and names that unit.
    """

    stay = models.OneToOneField(Stay, on_delete=models.PROTECT, related_name="followup_plan")
    started_on = models.DateField(_("startet"))
    share_consent = models.BooleanField(_("samtykke til deling"), default=False)
    consent_scope = models.CharField(
        _("hva kan deles"),
        max_length=20,
        choices=ConsentScope.choices,
        default=ConsentScope.TASKS,
    )
    consent_units = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("enheter det kan deles med")
    )
    consent_given_on = models.DateField(_("samtykke gitt"), null=True, blank=True)
    consent_expires_on = models.DateField(_("samtykket varer til"), null=True, blank=True)
    consent_withdrawn_on = models.DateField(_("samtykke trukket"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("oppfølgingsplan")
        verbose_name_plural = _("oppfølgingsplaner")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(share_consent=False) | models.Q(consent_given_on__isnull=False),
                name="shelter_followupplan_consent_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Oppfølgingsplan')} {self.pk}"

    def consent_active(self, *, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        if not self.share_consent or self.consent_withdrawn_on is not None:
            return False
        return self.consent_expires_on is None or today <= self.consent_expires_on


class FollowUpTask(TimeStampedModel):
    """One task in the follow-up plan, with a responsible unit, a due date and a status.
    Notes are ciphertext under the resident's data key."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(FollowUpPlan, on_delete=models.PROTECT, related_name="tasks")
    category = models.CharField(_("område"), max_length=20, choices=TaskCategory.choices)
    title = models.CharField(_("oppgave"), max_length=200)
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="shelter_tasks",
        verbose_name=_("ansvarlig enhet"),
    )
    due_on = models.DateField(_("frist"))
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    notes_enc = models.TextField(blank=True)
    completed_on = models.DateField(_("fullført"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("oppfølgingsoppgave")
        verbose_name_plural = _("oppfølgingsoppgaver")
        indexes = [
            models.Index(
                fields=["responsible_unit", "status", "due_on"], name="shelter_task_unit_due"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def sealing_context(self) -> str:
        """The associated data the task's notes are sealed with (pinned in `people.contexts`)."""
        return contexts.record(contexts.FOLLOWUP_TASK, self.uid)
