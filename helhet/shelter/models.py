"""The crisis centre: answer lists, rooms and beds, phone and day contacts, stays with
children, bed allocations, referrals when the offer was full, safety plans, threat
mappings and the follow-up plan after the stay.

Rules the statistics rely on:

- Answer options are never deleted, only deactivated, so a stay from an earlier year
  still points at the option it was registered with (every foreign key is PROTECT).
- Overnights are derived from the dates, never typed in.
- Narrative text (safety plans, threat mappings, task notes) is stored only as ciphertext
  under the resident's own data key (`helhet.people.sealing`); erasing the person makes
  it unreadable everywhere, backups included.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TimeStampedModel
from helhet.organisation.models import Municipality, Unit
from helhet.people.choices import Gender
from helhet.people.models import Person
from helhet.shelter.choices import (
    AnswerList,
    BedKind,
    ClosureReason,
    ConsentDecidedBy,
    ConsentScope,
    DayContactKind,
    ReferralReason,
    RiskLevel,
    TaskCategory,
    TaskStatus,
    ThreatMethod,
    YesNoUnknown,
)


def _nights(start: date, end: date | None, *, today: date | None = None) -> int:
    last = end or today or timezone.localdate()
    return max((last - start).days, 0)


class AnswerOption(models.Model):
    """One answer in an editable list (a violence type, a destination, a caller group …).

    `code` is stable and is what statistics group by; options are deactivated, never
    deleted or relabelled, so that earlier years keep their meaning.
    """

    answer_list = models.CharField(_("svarliste"), max_length=40, choices=AnswerList.choices)
    code = models.SlugField(_("kode"), max_length=60)
    label = models.CharField(_("tekst (bokmål)"), max_length=120)
    label_en = models.CharField(_("tekst (engelsk)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=100)
    is_active = models.BooleanField(_("i bruk"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    deactivated_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["answer_list", "position", "label"]
        verbose_name = _("svaralternativ")
        verbose_name_plural = _("svaralternativer")
        constraints = [
            models.UniqueConstraint(
                fields=["answer_list", "code"], name="shelter_answeroption_unique_code"
            )
        ]

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        """The label in the active language (English when asked for and present)."""
        if self.label_en and (get_language() or "").startswith("en"):
            return self.label_en
        return self.label


def _options(answer_list: str) -> dict[str, str]:
    return {"answer_list": answer_list}


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
        limit_choices_to=_options(AnswerList.CALLER_GROUP),
        verbose_name=_("hvem ringer"),
    )
    caller_gender = models.CharField(
        _("kjønn"), max_length=20, choices=Gender.choices, default=Gender.NOT_REGISTERED
    )
    topics = models.ManyToManyField(
        AnswerOption,
        related_name="+",
        blank=True,
        limit_choices_to=_options(AnswerList.TOPIC),
        verbose_name=_("tema"),
    )
    outcome = models.ForeignKey(
        AnswerOption,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=_options(AnswerList.OUTCOME),
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
    submission_id = models.UUIDField(unique=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

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
    is_demo = models.BooleanField(default=False, editable=False)

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
        limit_choices_to=_options(AnswerList.TOPIC),
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
    submission_id = models.UUIDField(unique=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("dagkontakt")
        verbose_name_plural = _("dagkontakter")
        indexes = [models.Index(fields=["unit", "occurred_on"], name="shelter_day_unit_date")]

    def __str__(self) -> str:
        return f"{_('Dagkontakt')} {self.pk}"


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
        limit_choices_to=_options(AnswerList.REFERRER),
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
        limit_choices_to=_options(AnswerList.VIOLENCE_TYPE),
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
        limit_choices_to=_options(AnswerList.PERPETRATOR_RELATION),
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
        limit_choices_to=_options(AnswerList.DESTINATION),
        verbose_name=_("bosted etter oppholdet"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submission_id = models.UUIDField(unique=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

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

    # The add-a-child form's one-time id (children who come with the resident at intake
    # are covered by the stay's own submission id).
    submission_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)

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
    submission_id = models.UUIDField(unique=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

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
    submission_id = models.UUIDField(unique=True, editable=False)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("trusselkartlegging")
        verbose_name_plural = _("trusselkartlegginger")

    def __str__(self) -> str:
        return f"{_('Trusselkartlegging')} {self.pk}"


THREAT_SECTIONS = ("threats", "perpetrator", "children", "measures")


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

    # The add-a-task form's one-time id; the default checklist has none.
    submission_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)

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
