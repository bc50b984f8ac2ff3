"""The help directory, shaped after Open Referral's HSDS 3.0.

Every table keeps HSDS names where HSDS has them, and a UUID primary key as HSDS
expects, so the API and the CSV export are a plain mapping of these rows.

Confidential locations (the crisis centre's street address) are stored so that staff
can keep them right, and are filtered out of every public read in `selectors.py`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from helhet.directory.choices import (
    AddressType,
    AreaScope,
    ChangeAction,
    LocationType,
    PhoneType,
    ResourceType,
    ServiceStatus,
)

municipality_number_validator = RegexValidator(r"^\d{4}$", _("Kommunenummeret må ha fire sifre."))
byday_validator = RegexValidator(
    r"^((MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*)?$",
    _("Dagene skrives som MO,TU,WE,TH,FR,SA,SU, skilt med komma."),
)
language_code_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", _("Skriv en språkkode som «nb», «en» eller «pl».")
)

# Service texts are written in Bokmål; these are the languages a translation can be in.
TRANSLATION_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "nb"]


@dataclass(frozen=True)
class ServiceText:
    """A service's texts in one language, each field falling back to Bokmål."""

    language: str
    name: str
    description: str
    eligibility_description: str
    application_process: str
    fees_description: str


TRANSLATED_FIELDS = (
    "name",
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
)


class HsdsModel(models.Model):
    """A row with the UUID identifier every HSDS table has."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Organization(HsdsModel):
    """An organisation that delivers services (a municipality, the police, a foundation)."""

    name = models.CharField(_("navn"), max_length=200)
    alternate_name = models.CharField(_("annet navn"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    website = models.URLField(_("nettside"), blank=True)
    legal_status = models.CharField(_("organisasjonsform"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="directory_organization_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Service(HsdsModel):
    """A help offer a resident can use. Only published services are public."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisasjon"),
    )
    # The unit in Helhet that runs the service, when it is one of ours.
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_services",
        verbose_name=_("enhet i Helhet"),
    )
    name = models.CharField(_("navn"), max_length=200)
    alternate_name = models.CharField(_("annet navn"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse"))
    url = models.URLField(_("nettside"), blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    eligibility_description = models.TextField(_("hvem tilbudet er for"), blank=True)
    application_process = models.TextField(_("slik tar du kontakt"), blank=True)
    fees_description = models.TextField(_("pris"), blank=True)
    interpretation_services = models.TextField(_("tolk"), blank=True)
    referral_required = models.BooleanField(_("krever henvisning"), default=False)
    minimum_age = models.PositiveSmallIntegerField(
        _("minste alder"), null=True, blank=True, validators=[MaxValueValidator(130)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("høyeste alder"), null=True, blank=True, validators=[MaxValueValidator(130)]
    )
    alert = models.TextField(_("varsel"), blank=True)
    last_verified_on = models.DateField(_("sist bekreftet riktig"), null=True, blank=True)
    is_published = models.BooleanField(_("publisert"), default=False)
    # Lower-cased names, texts, translations and term names; kept by the services so that
    # search works the same on PostgreSQL (full-text) and SQLite (substring).
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tjeneste")
        verbose_name_plural = _("tjenester")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(maximum_age__gte=models.F("minimum_age")),
                name="directory_service_age_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ServiceStatus.values), name="directory_service_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def text(self) -> ServiceText:
        """The texts in the language the selector asked for (its `selected_translations`
        prefetch), falling back to Bokmål field by field."""
        translations = getattr(self, "selected_translations", [])
        translation = translations[0] if translations else None
        values = {
            name: (getattr(translation, name, "") if translation else "") or getattr(self, name)
            for name in TRANSLATED_FIELDS
        }
        return ServiceText(language=translation.language if translation else "nb", **values)

    @property
    def has_confidential_location(self) -> bool:
        """True when one of the service's locations has a secret address (needs the
        `service_at_locations__location` prefetch to avoid a query per service)."""
        return any(sal.location.is_confidential for sal in self.service_at_locations.all())


class ServiceTranslation(models.Model):
    """A service's texts in another language. Empty fields fall back to Bokmål."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("språk"), max_length=8, choices=TRANSLATION_LANGUAGES)
    name = models.CharField(_("navn"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    eligibility_description = models.TextField(_("hvem tilbudet er for"), blank=True)
    application_process = models.TextField(_("slik tar du kontakt"), blank=True)
    fees_description = models.TextField(_("pris"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["service", "language"]
        verbose_name = _("oversettelse")
        verbose_name_plural = _("oversettelser")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "language"], name="directory_servicetranslation_unique_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} ({self.language})"


class Location(HsdsModel):
    """Where a service is found: a building, a postal address or a virtual place.

    A confidential location (the crisis centre) keeps its address for staff only; the
    public sees "address given when you call" and the meeting place, if there is one.
    """

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("organisasjon"),
    )
    location_type = models.CharField(
        _("type sted"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(_("navn"), max_length=200)
    alternate_name = models.CharField(_("annet navn"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    transportation = models.TextField(_("slik kommer du dit"), blank=True)
    url = models.URLField(_("nettadresse"), blank=True)
    latitude = models.DecimalField(
        _("breddegrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengdegrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_confidential = models.BooleanField(
        _("hemmelig adresse"),
        default=False,
        help_text=_("Adressen vises aldri offentlig og eksporteres aldri."),
    )
    meeting_place = models.CharField(
        _("møtested"),
        max_length=300,
        blank=True,
        help_text=_("Et offentlig sted der dere kan møte den som tar kontakt."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("sted")
        verbose_name_plural = _("steder")
        constraints = [
            # A secret place has no coordinates at all: nothing to leak by mistake.
            models.CheckConstraint(
                condition=Q(is_confidential=False)
                | Q(latitude__isnull=True, longitude__isnull=True),
                name="directory_location_confidential_without_coordinates",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Address(HsdsModel):
    """A street or postal address of a location."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(_("att."), max_length=200, blank=True)
    address_1 = models.CharField(_("adresse"), max_length=200)
    address_2 = models.CharField(_("adresselinje 2"), max_length=200, blank=True)
    city = models.CharField(_("poststed"), max_length=100)
    region = models.CharField(_("kommune"), max_length=100, blank=True)
    state_province = models.CharField(_("fylke"), max_length=100, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=10)
    country = models.CharField(_("land"), max_length=2, default="NO")
    address_type = models.CharField(
        _("type adresse"), max_length=10, choices=AddressType.choices, default=AddressType.PHYSICAL
    )

    class Meta:
        ordering = ["location", "address_type"]
        verbose_name = _("adresse")
        verbose_name_plural = _("adresser")

    def __str__(self) -> str:
        return f"{self.address_1}, {self.postal_code} {self.city}"


class ServiceAtLocation(HsdsModel):
    """A service offered at a location."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        ordering = ["location__name"]
        verbose_name = _("tjeneste på sted")
        verbose_name_plural = _("tjenester på steder")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="directory_serviceatlocation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class Phone(HsdsModel):
    """A phone number of a service, a location or an organisation."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("nummer"), max_length=40)
    extension = models.PositiveIntegerField(_("internnummer"), null=True, blank=True)
    type = models.CharField(
        _("type"), max_length=12, choices=PhoneType.choices, default=PhoneType.VOICE
    )
    description = models.CharField(_("beskrivelse"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        ordering = ["position", "number"]
        verbose_name = _("telefon")
        verbose_name_plural = _("telefoner")
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False)
                | Q(location__isnull=False)
                | Q(organization__isnull=False),
                name="directory_phone_belongs_somewhere",
            )
        ]

    def __str__(self) -> str:
        return self.number


class Language(HsdsModel):
    """A language a service, location or phone line is offered in (ISO 639 code)."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    code = models.CharField(_("språkkode"), max_length=12, validators=[language_code_validator])
    name = models.CharField(_("språk"), max_length=100)
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("språk")
        verbose_name_plural = _("språk")
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False, location__isnull=True, phone__isnull=True)
                | Q(service__isnull=True, location__isnull=False, phone__isnull=True)
                | Q(service__isnull=True, location__isnull=True, phone__isnull=False),
                name="directory_language_belongs_to_one",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Schedule(HsdsModel):
    """Opening hours: the days of the week and the time span, or around the clock.

    A span whose closing time is not after its opening time runs past midnight
    (the emergency room open 16–08 opens on the listed day and closes the next).
    """

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    open_24_7 = models.BooleanField(_("døgnåpent"), default=False)
    byday = models.CharField(_("dager"), max_length=40, blank=True, validators=[byday_validator])
    opens_at = models.TimeField(_("åpner"), null=True, blank=True)
    closes_at = models.TimeField(_("stenger"), null=True, blank=True)
    valid_from = models.DateField(_("gjelder fra"), null=True, blank=True)
    valid_to = models.DateField(_("gjelder til"), null=True, blank=True)
    description = models.CharField(_("beskrivelse"), max_length=300, blank=True)
    notes = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        ordering = ["opens_at"]
        verbose_name = _("åpningstid")
        verbose_name_plural = _("åpningstider")
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False) | Q(location__isnull=False),
                name="directory_schedule_belongs_somewhere",
            ),
            models.CheckConstraint(
                condition=Q(open_24_7=True)
                | Q(opens_at__isnull=False, closes_at__isnull=False) & ~Q(byday=""),
                name="directory_schedule_hours_or_24_7",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="directory_schedule_valid_period",
            ),
        ]

    def __str__(self) -> str:
        if self.open_24_7:
            return str(_("Døgnåpent"))
        return f"{self.byday} {self.opens_at}–{self.closes_at}"

    @property
    def days(self) -> list[str]:
        return [day for day in self.byday.split(",") if day]


class ServiceArea(HsdsModel):
    """Where a service's users live: one municipality (by number), or the whole country."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    scope = models.CharField(
        _("omfang"), max_length=20, choices=AreaScope.choices, default=AreaScope.MUNICIPALITY
    )
    municipality_number = models.CharField(
        _("kommunenummer"), max_length=4, blank=True, validators=[municipality_number_validator]
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.CharField(_("beskrivelse"), max_length=300, blank=True)

    class Meta:
        ordering = ["municipality_number"]
        verbose_name = _("tjenesteområde")
        verbose_name_plural = _("tjenesteområder")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope=AreaScope.NATIONAL, municipality_number="")
                | Q(scope=AreaScope.MUNICIPALITY) & ~Q(municipality_number=""),
                name="directory_servicearea_scope_number",
            ),
            models.UniqueConstraint(
                fields=["service", "scope", "municipality_number"],
                name="directory_servicearea_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Accessibility(HsdsModel):
    """How accessible a location is (step-free entrance, hearing loop, …)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.CharField(_("beskrivelse"), max_length=300)
    details = models.TextField(_("detaljer"), blank=True)
    url = models.URLField(_("nettadresse"), blank=True)

    class Meta:
        ordering = ["description"]
        verbose_name = _("tilgjengelighet")
        verbose_name_plural = _("tilgjengelighet")

    def __str__(self) -> str:
        return self.description


class Taxonomy(HsdsModel):
    """A set of terms services are classified by. Ours: need, audience, service type."""

    code = models.SlugField(_("kode"), max_length=60)
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"))
    uri = models.URLField(_("URI"), blank=True)
    version = models.CharField(_("versjon"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taksonomi")
        verbose_name_plural = _("taksonomier")
        constraints = [
            models.UniqueConstraint(fields=["code"], name="directory_taxonomy_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(HsdsModel):
    """One term of a taxonomy ("exposed to violence", "helpline")."""

    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    code = models.SlugField(_("kode"), max_length=60)
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"))
    language = models.CharField(_("språk"), max_length=8, default="nb")
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        ordering = ["taxonomy__name", "position", "name"]
        verbose_name = _("term")
        verbose_name_plural = _("termer")
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "code"], name="directory_taxonomyterm_unique_code"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The term's name in the active language, for our own terms; else its name."""
        from helhet.directory.choices import OWN_TERM_LABELS

        labels = OWN_TERM_LABELS.get(self.taxonomy.code, {})
        return str(labels.get(self.code, self.name))


class Attribute(HsdsModel):
    """Links a service to a taxonomy term (HSDS `attribute` with link_entity "service")."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes"
    )
    value = models.CharField(_("verdi"), max_length=200, blank=True)

    class Meta:
        ordering = ["taxonomy_term__taxonomy__name", "taxonomy_term__position"]
        verbose_name = _("egenskap")
        verbose_name_plural = _("egenskaper")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "taxonomy_term"], name="directory_attribute_unique_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} – {self.taxonomy_term_id}"


class ChangeRecord(models.Model):
    """One change to the directory (HSDS `metadata`): who changed which field, from what
    to what. Values of a confidential location's address are never recorded."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resource_type = models.CharField(_("type"), max_length=30, choices=ResourceType.choices)
    resource_id = models.UUIDField(_("id"))
    # The service the change belongs to, so that its history is one query.
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="changes"
    )
    action = models.CharField(_("handling"), max_length=20, choices=ChangeAction.choices)
    field_name = models.CharField(_("felt"), max_length=100, blank=True)
    previous_value = models.TextField(_("før"), blank=True)
    replacement_value = models.TextField(_("etter"), blank=True)
    changed_at = models.DateTimeField(_("tidspunkt"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A copy of the name, so the history still reads after a user is removed.
    changed_by_name = models.CharField(_("endret av"), max_length=200, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-changed_at", "field_name"]
        verbose_name = _("endring")
        verbose_name_plural = _("endringer")
        indexes = [
            models.Index(fields=["service", "-changed_at"], name="directory_change_service_idx")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.resource_type} {self.field_name}"
