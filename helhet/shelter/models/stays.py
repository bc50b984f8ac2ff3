"""Stays of adults at the centre, the children who come along, the beds they are given,
and referrals to another centre when the offer was full."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TimeStampedModel
from helhet.organisation.models import Municipality, Unit
from helhet.people.choices import Gender
from helhet.people.models import Person
from helhet.shelter.choices import AnswerList, ConsentDecidedBy, ReferralReason, YesNoUnknown
from helhet.shelter.models.reference import AnswerOption, options_of
from helhet.shelter.models.rooms import Bed


def _nights(start: date, end: date | None, *, today: date | None = None) -> int:
    last = end or today or timezone.localdate()
    return max((last - start).days, 0)


class Stay(TimeStampedModel):
    """One stay of an adult resident at a crisis centre (one resident form per stay).
    Children who come along are `StayChild` rows."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="shelter_stays", verbose_name=_("senter")
    )
    resident = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="shelter_stays", verbose_name=_("beboer")
    )
    arrived_on = models.DateField(_("ankomst"))
    referrer = models.ForeignKey(
        AnswerOption,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=options_of(AnswerList.REFERRER),
        verbose_name=_("hvordan kom beboeren i kontakt"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bostedskommune"),
    )
    violence_types = models.ManyToManyField(
        AnswerOption,
        related_name="+",
        blank=True,
        limit_choices_to=options_of(AnswerList.VIOLENCE_TYPE),
        verbose_name=_("voldsformer"),
    )
    violence_repeated = models.CharField(
        _("gjentatt vold"),
        max_length=10,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    perpetrator_relation = models.ForeignKey(
        AnswerOption,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to=options_of(AnswerList.PERPETRATOR_RELATION),
        verbose_name=_("relasjon til utøver"),
    )
    perpetrator_gender = models.CharField(
        _("utøvers kjønn"), max_length=20, choices=Gender.choices, default=Gender.NOT_REGISTERED
    )
    disability = models.CharField(
        _("funksjonsnedsettelse"),
        max_length=10,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    immigrant_background = models.CharField(
        _("innvandrerbakgrunn"),
        max_length=10,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    earlier_contact = models.CharField(
        _("tidligere kontakt med krisesenter"),
        max_length=10,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    # Adaptation needs (krisesenterlova § 3).
    needs_interpreter = models.BooleanField(_("trenger tolk"), default=False)
    needs_sign_language = models.BooleanField(_("trenger tegnspråktolk"), default=False)
    needs_accessibility = models.BooleanField(_("trenger tilgjengelig rom"), default=False)
    substance_use = models.BooleanField(_("rusproblemer"), default=False)
    mental_health = models.BooleanField(_("psykiske helseproblemer"), default=False)
    has_pets = models.BooleanField(_("har med dyr"), default=False)
    statistics_consent = models.BooleanField(
        _("samtykker til statistikkregistrering"), default=False
    )
    # Derived by the service at intake: no earlier stay of this person that began this year.
    first_stay_of_year = models.BooleanField(
        _("første opphold i året"), default=True, editable=False
    )
    departed_on = models.DateField(_("utflytting"), null=True, blank=True)
    destination = models.ForeignKey(
        AnswerOption,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to=options_of(AnswerList.DESTINATION),
        verbose_name=_("bosted etter oppholdet"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-arrived_on", "-id"]
        verbose_name = _("opphold")
        verbose_name_plural = _("opphold")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(departed_on__isnull=True)
                | models.Q(departed_on__gte=models.F("arrived_on")),
                name="shelter_stay_departure_after_arrival",
            ),
            # A destination belongs to a departure.
            models.CheckConstraint(
                condition=models.Q(destination__isnull=True) | models.Q(departed_on__isnull=False),
                name="shelter_stay_destination_needs_departure",
            ),
            models.UniqueConstraint(
                fields=["unit", "resident"],
                condition=models.Q(departed_on__isnull=True),
                name="shelter_stay_one_open_stay_per_resident",
            ),
        ]
        indexes = [models.Index(fields=["unit", "arrived_on"], name="shelter_stay_unit_arrived")]

    def __str__(self) -> str:
        return f"{_('Opphold')} {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.departed_on is None

    @property
    def overnights(self) -> int:
        """Nights from arrival to departure (to today while the stay is open)."""
        return _nights(self.arrived_on, self.departed_on)


class StayChild(TimeStampedModel):
    """A child who stays with the resident (one child form per stay per child)."""

    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="children")
    child = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="shelter_child_stays", verbose_name=_("barn")
    )
    arrived_on = models.DateField(_("ankomst"))
    departed_on = models.DateField(_("utflytting"), null=True, blank=True)
    statistics_consent = models.BooleanField(
        _("samtykke til statistikkregistrering"), default=False
    )
    consent_decided_by = models.CharField(
        _("hvem bestemte"),
        max_length=20,
        choices=ConsentDecidedBy.choices,
        default=ConsentDecidedBy.CAREGIVER,
    )
    school_interrupted = models.CharField(
        _("avbrudd i barnehage eller skole"),
        max_length=10,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    witnessed_violence = models.CharField(
        _("har sett eller hørt vold"),
        max_length=10,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    suffered_violence = models.CharField(
        _("har selv vært utsatt for vold"),
        max_length=10,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    child_welfare_contact = models.CharField(
        _("kontakt med barnevernet"),
        max_length=10,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    contact_with_violent_parent = models.CharField(
        _("kontakt med forelder som har utøvd vold"),
        max_length=10,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    first_stay_of_year = models.BooleanField(
        _("første opphold i året"), default=True, editable=False
    )

    class Meta:
        ordering = ["stay", "id"]
        verbose_name = _("barn i opphold")
        verbose_name_plural = _("barn i opphold")
        constraints = [
            models.UniqueConstraint(
                fields=["stay", "child"], name="shelter_staychild_unique_child"
            ),
            models.CheckConstraint(
                condition=models.Q(departed_on__isnull=True)
                | models.Q(departed_on__gte=models.F("arrived_on")),
                name="shelter_staychild_departure_after_arrival",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Barn i opphold')} {self.pk}"

    @property
    def overnights(self) -> int:
        return _nights(self.arrived_on, self.departed_on)


class BedAllocation(models.Model):
    """A bed given to the resident or one of the children for the nights
    [starts_on, ends_on). `ends_on` empty: until the stay ends.

    No bed is given twice for the same night: a PostgreSQL exclusion constraint over the
    bed and the date range (migration 0003), a trigger on SQLite, and a row lock on the bed
    in `bed_allocate`.
    """

    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="allocations")
    # Empty: the adult resident sleeps here; otherwise one of the stay's children.
    stay_child = models.ForeignKey(
        StayChild, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations"
    )
    bed = models.ForeignKey(
        Bed, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("seng")
    )
    starts_on = models.DateField(_("fra og med"))
    ends_on = models.DateField(_("til"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("sengetildeling")
        verbose_name_plural = _("sengetildelinger")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="shelter_bedallocation_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["bed", "starts_on"], name="shelter_alloc_bed_start")]

    def __str__(self) -> str:
        return f"{self.bed_id} {self.starts_on}–{self.ends_on or ''}"

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)

    @property
    def occupant(self) -> Person:
        """Who sleeps in the bed: the child, or else the resident."""
        return self.stay_child.child if self.stay_child is not None else self.stay.resident

    @property
    def occupant_id(self) -> int:
        return self.stay_child.child_id if self.stay_child is not None else self.stay.resident_id


class CapacityReferral(models.Model):
    """Someone asked for a place and was referred to another centre (the offer was full, or
    not suited). Anonymous counts only."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="shelter_referrals")
    occurred_on = models.DateField(_("dato"))
    reason = models.CharField(
        _("årsak"), max_length=20, choices=ReferralReason.choices, default=ReferralReason.FULL
    )
    referred_to = models.CharField(_("henvist til"), max_length=200)
    adults = models.PositiveSmallIntegerField(_("antall voksne"), default=1)
    children = models.PositiveSmallIntegerField(_("antall barn"), default=0)
    gender = models.CharField(
        _("kjønn"), max_length=20, choices=Gender.choices, default=Gender.NOT_REGISTERED
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bostedskommune"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("henvisning til annet senter")
        verbose_name_plural = _("henvisninger til annet senter")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(adults__gte=1) | models.Q(children__gte=1),
                name="shelter_capacityreferral_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Henvisning')} {self.pk}"
