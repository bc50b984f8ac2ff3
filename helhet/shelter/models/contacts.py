"""Contacts that are not stays: calls on the centre's phone and the day offer."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TimeStampedModel
from helhet.organisation.models import Municipality, Unit
from helhet.people.choices import Gender
from helhet.people.models import Person
from helhet.shelter.choices import AnswerList, DayContactKind
from helhet.shelter.models.reference import AnswerOption, options_of


class PhoneContact(models.Model):
    """A conversation on the centre's phone. Anonymous by design: no name, no number."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="shelter_phone_contacts")
    started_at = models.DateTimeField(_("tidspunkt"))
    duration_minutes = models.PositiveSmallIntegerField(_("varighet (minutter)"))
    caller_group = models.ForeignKey(
        AnswerOption,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=options_of(AnswerList.CALLER_GROUP),
        verbose_name=_("hvem ringer"),
    )
    caller_gender = models.CharField(
        _("kjønn"), max_length=20, choices=Gender.choices, default=Gender.NOT_REGISTERED
    )
    topics = models.ManyToManyField(
        AnswerOption,
        related_name="+",
        blank=True,
        limit_choices_to=options_of(AnswerList.TOPIC),
        verbose_name=_("tema"),
    )
    outcome = models.ForeignKey(
        AnswerOption,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=options_of(AnswerList.OUTCOME),
        verbose_name=_("utfall"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kommune (hvis oppgitt)"),
    )
    # A structured conversation that stands in for a meeting (enesamtale): counted by Bufdir.
    is_conversation = models.BooleanField(_("enesamtale"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("telefonsamtale")
        verbose_name_plural = _("telefonsamtaler")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1) & models.Q(duration_minutes__lte=600),
                name="shelter_phonecontact_duration_range",
            )
        ]
        # The statistics and today's list filter each centre's calls by time.
        indexes = [models.Index(fields=["unit", "started_at"], name="shelter_phone_unit_time")]

    def __str__(self) -> str:
        return f"{_('Telefonsamtale')} {self.pk}"


class DayUser(TimeStampedModel):
    """Someone who uses the day offer. Either a registered person or a pseudonym chosen by
    the centre (no name stored). Counted once per year from the first visit."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="shelter_day_users")
    pseudonym = models.CharField(_("pseudonym"), max_length=30)
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shelter_day_users",
        verbose_name=_("registrert person"),
    )
    gender = models.CharField(
        _("kjønn"), max_length=20, choices=Gender.choices, default=Gender.NOT_REGISTERED
    )
    birth_year = models.PositiveSmallIntegerField(_("fødselsår"), null=True, blank=True)
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

    class Meta:
        ordering = ["pseudonym"]
        verbose_name = _("dagbruker")
        verbose_name_plural = _("dagbrukere")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "pseudonym"], name="shelter_dayuser_unique_pseudonym"
            ),
            models.UniqueConstraint(
                fields=["unit", "person"],
                condition=models.Q(person__isnull=False),
                name="shelter_dayuser_unique_person",
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym


class DayContact(models.Model):
    """One attendance in the day offer: a visit, or outreach."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="shelter_day_contacts")
    day_user = models.ForeignKey(
        DayUser, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("bruker")
    )
    occurred_on = models.DateField(_("dato"))
    kind = models.CharField(_("type"), max_length=20, choices=DayContactKind.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("varighet (minutter)"), null=True, blank=True
    )
    topics = models.ManyToManyField(
        AnswerOption,
        related_name="+",
        blank=True,
        limit_choices_to=options_of(AnswerList.TOPIC),
        verbose_name=_("tema"),
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("ansatte")
    )
    with_children = models.BooleanField(_("barn deltok"), default=False)
    with_interpreter = models.BooleanField(_("tolk deltok"), default=False)
    with_other_service = models.BooleanField(_("annen tjeneste deltok"), default=False)
    with_network = models.BooleanField(_("familie eller nettverk deltok"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("dagkontakt")
        verbose_name_plural = _("dagkontakter")
        indexes = [models.Index(fields=["unit", "occurred_on"], name="shelter_day_unit_date")]

    def __str__(self) -> str:
        return f"{_('Dagkontakt')} {self.pk}"
