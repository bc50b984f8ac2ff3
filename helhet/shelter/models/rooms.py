"""Rooms and beds of a crisis centre, and the periods a room is out of service."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TimeStampedModel
from helhet.organisation.models import Unit
from helhet.shelter.choices import BedKind, ClosureReason


class Room(TimeStampedModel):
    """A room at a crisis centre, with the properties that matter when placing someone."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="shelter_rooms", verbose_name=_("senter")
    )
    name = models.CharField(_("navn"), max_length=60)
    is_family_room = models.BooleanField(_("familierom"), default=False)
    is_accessible = models.BooleanField(_("tilgjengelig for rullestol"), default=False)
    is_ground_floor = models.BooleanField(_("på bakkeplan"), default=False)
    allows_pets = models.BooleanField(_("dyr tillatt"), default=False)
    has_own_bathroom = models.BooleanField(_("eget bad"), default=False)
    is_mens_unit = models.BooleanField(_("i avdeling for menn"), default=False)
    is_active = models.BooleanField(_("i bruk"), default=True)

    class Meta:
        ordering = ["unit", "name"]
        verbose_name = _("rom")
        verbose_name_plural = _("rom")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="shelter_room_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Bed(TimeStampedModel):
    """A bed in a room. Allocations are made per bed."""

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="beds", verbose_name=_("rom")
    )
    label = models.CharField(_("navn"), max_length=40)
    kind = models.CharField(
        _("type"), max_length=10, choices=BedKind.choices, default=BedKind.ADULT
    )
    is_active = models.BooleanField(_("i bruk"), default=True)

    class Meta:
        ordering = ["room__name", "label"]
        verbose_name = _("seng")
        verbose_name_plural = _("senger")
        constraints = [
            models.UniqueConstraint(fields=["room", "label"], name="shelter_bed_unique_label")
        ]

    def __str__(self) -> str:
        return f"{self.room.name} – {self.label}"


class RoomClosure(TimeStampedModel):
    """A period when a room is out of service. `ends_on` is the first day back in service
    (empty: until further notice)."""

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="closures", verbose_name=_("rom")
    )
    starts_on = models.DateField(_("fra og med"))
    ends_on = models.DateField(_("tilbake i drift"), null=True, blank=True)
    reason = models.CharField(_("årsak"), max_length=20, choices=ClosureReason.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("periode ute av drift")
        verbose_name_plural = _("perioder ute av drift")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gt=models.F("starts_on")),
                name="shelter_roomclosure_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.starts_on}–{self.ends_on or ''}"

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)
