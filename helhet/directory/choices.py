"""Choices of the help directory. Values follow HSDS 3.0 where HSDS names them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.audit.purposes import PurposeChoices


class Purpose(PurposeChoices):
    """Why a coordinator opened a service or a location, as the audit log says. Codes are
    stored for ever: never rename or reuse one."""

    SERVICE_DETAIL = "directory.service_detail", _("Vise tjeneste i hjelpekatalogen")
    SERVICE_EDIT = "directory.service_edit", _("Endre tjeneste i hjelpekatalogen")
    PUBLISH = "directory.publish", _("Publisere tjeneste")
    UNPUBLISH = "directory.unpublish", _("Ta tjeneste av nettsiden")
    VERIFY = "directory.verify", _("Kontrollere tjeneste")
    HISTORY = "directory.history", _("Vise endringshistorikk for tjeneste")
    TRANSLATION = "directory.translation", _("Oversette tjeneste")
    LOCATION_EDIT = "directory.location_edit", _("Endre sted i hjelpekatalogen")


class ServiceStatus(models.TextChoices):
    """HSDS 3.0 `service.status` (the enum in service.json)."""

    ACTIVE = "active", _("Aktiv")
    INACTIVE = "inactive", _("Ikke aktiv")
    DEFUNCT = "defunct", _("Nedlagt")
    TEMPORARILY_CLOSED = "temporarily closed", _("Midlertidig stengt")


class LocationType(models.TextChoices):
    """HSDS 3.0 `location.location_type`."""

    PHYSICAL = "physical", _("Fysisk sted")
    POSTAL = "postal", _("Postadresse")
    VIRTUAL = "virtual", _("Digitalt (nett, telefon, chat)")


class AddressType(models.TextChoices):
    """HSDS 3.0 `address.address_type`."""

    PHYSICAL = "physical", _("Besøksadresse")
    POSTAL = "postal", _("Postadresse")
    VIRTUAL = "virtual", _("Digital adresse")


class PhoneType(models.TextChoices):
    """The phone types HSDS 3.0 lists in its description of `phone.type`."""

    VOICE = "voice", _("Telefon")
    TEXT = "text", _("SMS")
    CELL = "cell", _("Mobil")
    TEXTPHONE = "textphone", _("Teksttelefon")
    VIDEO = "video", _("Video")
    FAX = "fax", _("Faks")
    PAGER = "pager", _("Personsøker")


class Weekday(models.TextChoices):
    """iCalendar day codes, as HSDS `schedule.byday` uses them."""

    MONDAY = "MO", _("mandag")
    TUESDAY = "TU", _("tirsdag")
    WEDNESDAY = "WE", _("onsdag")
    THURSDAY = "TH", _("torsdag")
    FRIDAY = "FR", _("fredag")
    SATURDAY = "SA", _("lørdag")
    SUNDAY = "SU", _("søndag")


# Python's date.weekday() index → iCalendar code.
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class AreaScope(models.TextChoices):
    """How far a service area reaches: one municipality, or the whole country."""

    MUNICIPALITY = "municipality", _("Kommune")
    NATIONAL = "national", _("Hele landet")


class TaxonomyCode(models.TextChoices):
    """Our own taxonomies. Imported taxonomies keep their own codes."""

    NEED = "need", _("Behov")
    AUDIENCE = "audience", _("Målgruppe")
    SERVICE_TYPE = "service_type", _("Type tjeneste")


class NeedCode(models.TextChoices):
    """The needs a resident can search by on the portal (design.md §5)."""

    EXPOSED_TO_VIOLENCE = "exposed_to_violence", _("Jeg blir utsatt for vold")
    WORRIED_ABOUT_SOMEONE = "worried_about_someone", _("Jeg er bekymret for noen")
    USES_VIOLENCE = "uses_violence", _("Jeg bruker vold eller er redd for å gjøre det")
    CHILD_OR_YOUTH = "child_or_youth", _("Barn og unge")
    AT_RISK_ADULT = "at_risk_adult", _("Voksne som ikke kan beskytte seg selv")
    PROFESSIONAL = "professional", _("Fagperson")


class AudienceCode(models.TextChoices):
    CHILDREN = "children", _("Barn")
    YOUTH = "youth", _("Ungdom")
    ADULTS = "adults", _("Voksne")
    ELDERLY = "elderly", _("Eldre")
    FAMILIES = "families", _("Familier")
    PROFESSIONALS = "professionals", _("Fagfolk")


class ServiceTypeCode(models.TextChoices):
    EMERGENCY = "emergency", _("Akutt hjelp")
    HELPLINE = "helpline", _("Hjelpetelefon")
    CRISIS_CENTRE = "crisis_centre", _("Krisesenter")
    HEALTH = "health", _("Helsetjeneste")
    COUNSELLING = "counselling", _("Samtaler og rådgivning")
    TREATMENT = "treatment", _("Behandling")
    POLICE = "police", _("Politi")
    WELFARE = "welfare", _("Velferd, bolig og økonomi")
    CHILD_WELFARE = "child_welfare", _("Barnevern")
    COURSE = "course", _("Kurs og grupper")


# The labels of our own terms, so that pages can show them in the reader's language.
OWN_TERM_LABELS: dict[str, dict[str, object]] = {
    TaxonomyCode.NEED: dict(NeedCode.choices),
    TaxonomyCode.AUDIENCE: dict(AudienceCode.choices),
    TaxonomyCode.SERVICE_TYPE: dict(ServiceTypeCode.choices),
}


class ResourceType(models.TextChoices):
    """What a change record (HSDS metadata) is about."""

    SERVICE = "service", _("Tjeneste")
    ORGANIZATION = "organization", _("Organisasjon")
    LOCATION = "location", _("Sted")
    TRANSLATION = "service_translation", _("Oversettelse")


class ChangeAction(models.TextChoices):
    """HSDS metadata `last_action_type`."""

    CREATE = "create", _("Opprettet")
    UPDATE = "update", _("Endret")
    DELETE = "delete", _("Slettet")
    PUBLISH = "publish", _("Publisert")
    UNPUBLISH = "unpublish", _("Avpublisert")
    VERIFY = "verify", _("Bekreftet riktig")
    IMPORT = "import", _("Importert")


# Languages a service can be offered in (ISO 639 codes), with their names in Bokmål.
# HSDS `language.name` is written from this table; an unknown imported code keeps its name.
SERVICE_LANGUAGES: list[tuple[str, object]] = [
    ("nb", _("norsk bokmål")),
    ("nn", _("norsk nynorsk")),
    ("se", _("nordsamisk")),
    ("nsl", _("norsk tegnspråk")),
    ("en", _("engelsk")),
    ("pl", _("polsk")),
    ("uk", _("ukrainsk")),
    ("lt", _("litauisk")),
    ("ar", _("arabisk")),
    ("so", _("somali")),
    ("ti", _("tigrinja")),
    ("fa", _("persisk")),
    ("ru", _("russisk")),
    ("es", _("spansk")),
    ("de", _("tysk")),
    ("fr", _("fransk")),
    ("tr", _("tyrkisk")),
    ("ur", _("urdu")),
    ("vi", _("vietnamesisk")),
    ("th", _("thai")),
]
