"""Municipalities, units (services) and who works where in which role."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TimeStampedModel
from helhet.organisation.choices import UnitType
from helhet.organisation.roles import Role

municipality_number_validator = RegexValidator(r"^\d{4}$", _("Kommunenummeret må ha fire sifre."))


class Municipality(models.Model):
    """A Norwegian municipality, as in Statistics Norway's classification 131."""

    number = models.CharField(
        _("kommunenummer"), max_length=4, validators=[municipality_number_validator]
    )
    name = models.CharField(_("navn"), max_length=120)
    valid_from = models.DateField(_("gyldig fra"), null=True, blank=True)
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)

    class Meta:
        ordering = ["number", "-valid_from"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        constraints = [
            models.UniqueConstraint(
                fields=["number", "valid_from"],
                name="organisation_municipality_unique_version",
                violation_error_message=_(
                    "Kommunenummeret har allerede en versjon som gjelder fra samme dato."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="organisation_municipality_valid_period",
            ),
            # Versions of a number may follow each other, but only one is current at a time.
            models.UniqueConstraint(
                fields=["number"],
                condition=models.Q(valid_to__isnull=True),
                name="organisation_municipality_one_current",
                violation_error_message=_(
                    "Kommunenummeret har allerede en gjeldende versjon uten sluttdato."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Unit(TimeStampedModel):
    """A service: a crisis centre, a NAV office, child welfare, a health station…

    An inter-municipal crisis centre is hosted by one municipality and covers several.
    """

    name = models.CharField(_("navn"), max_length=200)
    unit_type = models.CharField(_("type"), max_length=40, choices=UnitType.choices)
    host_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="hosted_units",
        verbose_name=_("vertskommune"),
    )
    covered_municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="covering_units",
        verbose_name=_("kommuner som dekkes"),
    )
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "host_municipality"], name="organisation_unit_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    """A user works in a unit with a role. The role decides the capabilities."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rolle"), max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["unit__name", "user__username"]
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="organisation_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"
