"""The resident's safety plan and the mappings of threats and risk during the stay."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TimeStampedModel
from helhet.people import contexts
from helhet.shelter.choices import RiskLevel, ThreatMethod
from helhet.shelter.models.stays import Stay


class SafetyPlan(TimeStampedModel):
    """The resident's safety plan for the stay. Every section is ciphertext under the
    resident's data key; read it through `selectors.safety_plan_sections`."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stay = models.OneToOneField(Stay, on_delete=models.PROTECT, related_name="safety_plan")
    dangers_enc = models.TextField(blank=True)
    warning_signs_enc = models.TextField(blank=True)
    safe_places_enc = models.TextField(blank=True)
    what_to_do_enc = models.TextField(blank=True)
    children_plan_enc = models.TextField(blank=True)
    digital_safety_enc = models.TextField(blank=True)
    reviewed_on = models.DateField(_("sist gjennomgått"))
    next_review_on = models.DateField(_("neste gjennomgang"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("sikkerhetsplan")
        verbose_name_plural = _("sikkerhetsplaner")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_review_on__isnull=True)
                | models.Q(next_review_on__gte=models.F("reviewed_on")),
                name="shelter_safetyplan_next_review_after_review",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Sikkerhetsplan')} {self.pk}"

    @property
    def sealing_context(self) -> str:
        """The associated data the plan's sections are sealed with (pinned in `people.contexts`)."""
        return contexts.record(contexts.SAFETY_PLAN, self.uid)


SAFETY_PLAN_SECTIONS = (
    "dangers",
    "warning_signs",
    "safe_places",
    "what_to_do",
    "children_plan",
    "digital_safety",
)


class SafetyPlanReview(models.Model):
    """One review of a safety plan: when and by whom (the history of 'reviewed dates')."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("gjennomgått"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.reviewed_on}"


class ThreatAssessment(TimeStampedModel):
    """A systematic mapping of threats and risk for the stay. The risk level is plain (the
    board and the statistics need it); the findings are ciphertext."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="threat_assessments")
    assessed_on = models.DateField(_("dato for kartleggingen"))
    method = models.CharField(_("metode"), max_length=20, choices=ThreatMethod.choices)
    risk_level = models.CharField(_("risikonivå"), max_length=20, choices=RiskLevel.choices)
    threats_enc = models.TextField(blank=True)
    perpetrator_enc = models.TextField(blank=True)
    children_enc = models.TextField(blank=True)
    measures_enc = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("trusselkartlegging")
        verbose_name_plural = _("trusselkartlegginger")

    def __str__(self) -> str:
        return f"{_('Trusselkartlegging')} {self.pk}"

    @property
    def sealing_context(self) -> str:
        """The associated data the findings are sealed with (pinned in `people.contexts`)."""
        return contexts.record(contexts.THREAT_ASSESSMENT, self.uid)


THREAT_SECTIONS = ("threats", "perpetrator", "children", "measures")
