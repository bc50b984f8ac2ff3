"""The fictional region's help offer as data: organisations, places and offers (seeded by
`helhet.demo.directory`). The national numbers are the real ones; the rest is invented."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import time
from typing import TYPE_CHECKING

from helhet.directory.choices import PhoneType
from helhet.directory.services import (
    PhoneData,
    ScheduleData,
)

if TYPE_CHECKING:
    pass

NAMESPACE = uuid.UUID("0b8f8f7e-3f59-4a8e-9d47-3c1b0d5e2a11")
ALL = ("9901", "9902", "9903")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
ALWAYS = (ScheduleData(open_24_7=True, description="Døgnåpent"),)


def office_hours(opens: time = time(8), closes: time = time(15, 30)) -> tuple[ScheduleData, ...]:
    return (ScheduleData(days=WEEKDAYS, opens_at=opens, closes_at=closes),)


ORGANIZATIONS = {
    "fjordvik": (
        "Fjordvik kommune",
        "Kommunen som er vertskommune for krisesenteret og legevakten i regionen.",
    ),
    "helse": (
        "Helse Fjordvik HF",
        "Helseforetaket som driver sykehuset og psykisk helsevern for regionen.",
    ),
    "bufetat": ("Bufetat, familievernet", "Statens familievern for familier og par."),
    "politi": ("Politiet", "Politiet tar imot anmeldelser og beskytter den som er i fare."),
    "nav": ("NAV", "Arbeids- og velferdsforvaltningen."),
    "atv": (
        "Alternativ til Vold",
        "Et behandlingstilbud for dem som bruker vold i nære relasjoner.",
    ),
    "vol": ("Vold- og overgrepslinjen", "En nasjonal hjelpetelefon om vold og overgrep."),
    "alarm": ("Alarmtelefonen for barn og unge", "En nasjonal hjelpetelefon for barn og unge."),
    "amk": ("Medisinsk nødtelefon", "Nødnummeret for akutt sykdom og skade."),
}


@dataclass(frozen=True)
class Place:
    name: str
    organization: str
    street: str = ""
    postal_code: str = ""
    city: str = ""
    description: str = ""
    confidential: bool = False
    meeting_place: str = ""
    accessibility: tuple[str, ...] = ()


PLACES = {
    "crisis_centre": Place(
        "Fjordvik krisesenter",
        "fjordvik",
        street="Lyngbakken 14",
        postal_code="9990",
        city="Fjordvik",
        confidential=True,
        meeting_place="Vi kan møte deg på Fjordvik helsehus eller et annet trygt sted du foreslår.",
        accessibility=("Trinnfri inngang og tilrettelagt rom",),
    ),
    "helsehus": Place(
        "Fjordvik helsehus",
        "fjordvik",
        street="Sjøgata 20",
        postal_code="9990",
        city="Fjordvik",
        description="Legevakt, overgrepsmottak og helsestasjon i samme hus.",
        accessibility=("Trinnfri inngang og heis", "Teleslynge i resepsjonen"),
    ),
    "radhus": Place(
        "Fjordvik rådhus",
        "fjordvik",
        street="Storgata 1",
        postal_code="9990",
        city="Fjordvik",
        accessibility=("Trinnfri inngang og heis",),
    ),
    "nav": Place("NAV-kontoret i Fjordvik", "nav", "Storgata 3", "9990", "Fjordvik"),
    "politi": Place("Fjordvik politistasjon", "politi", "Kaigata 2", "9990", "Fjordvik"),
    "familievern": Place(
        "Familievernkontoret i Fjordvik", "bufetat", "Storgata 10", "9990", "Fjordvik"
    ),
    "sykehus": Place(
        "Fjordvik sykehus",
        "helse",
        "Sykehusveien 1",
        "9991",
        "Fjordvik",
        accessibility=("Trinnfri inngang og heis",),
    ),
    "atv": Place("ATV Fjordvik", "atv", "Kirkegata 5", "9990", "Fjordvik"),
}


@dataclass(frozen=True)
class Offer:
    key: str
    organization: str
    name: str
    description: str
    eligibility: str
    application: str
    fees: str
    english: dict[str, str]
    needs: tuple[str, ...]
    audiences: tuple[str, ...]
    types: tuple[str, ...]
    phones: tuple[PhoneData, ...]
    schedules: tuple[ScheduleData, ...]
    areas: tuple[str, ...] = ALL
    national: bool = False
    places: tuple[str, ...] = ()
    unit: str = ""
    referral_required: bool = False
    interpretation: str = "Du kan få tolk gratis. Si fra når du tar kontakt."
    minimum_age: int | None = None
    maximum_age: int | None = None
    languages: tuple[str, ...] = ("nb", "en")
    url: str = ""
    # Days since the information was last checked (the demo shows one overdue service).
    verified_days_ago: int = 30


FREE = "Gratis."
FREE_EN = "Free of charge."

OFFERS = [
    Offer(
        key="crisis_centre",
        organization="fjordvik",
        unit="Fjordvik krisesenter",
        name="Fjordvik krisesenter",
        description=(
            "Krisesenteret er for kvinner, menn og barn som blir utsatt for vold eller trusler "
            "fra noen de står nær. Du kan bo her en periode, komme på dagsamtaler eller ringe "
            "oss når som helst. Vi hjelper deg også videre etter at du har flyttet ut."
        ),
        eligibility=(
            "For alle som er utsatt for vold i nære relasjoner, og barna deres. "
            "Du bor i Fjordvik, Nordøy eller Sørdal."
        ),
        application=(
            "Ring oss, hele døgnet. Du trenger ikke henvisning. Adressen får du når du ringer."
        ),
        fees=FREE,
        english={
            "name": "Fjordvik crisis centre",
            "description": (
                "The crisis centre is for women, men and children who are exposed to violence "
                "or threats from someone close to them. You can stay here for a while, come "
                "for day conversations or call us at any time. We also help you after you "
                "have moved out."
            ),
            "eligibility_description": (
                "For everyone exposed to domestic violence, and their children. "
                "You live in Fjordvik, Nordøy or Sørdal."
            ),
            "application_process": (
                "Call us, day or night. You do not need a referral. "
                "You will get the address when you call."
            ),
            "fees_description": FREE_EN,
        },
        needs=("exposed_to_violence", "child_or_youth", "worried_about_someone"),
        audiences=("adults", "children", "youth"),
        types=("crisis_centre", "emergency"),
        phones=(PhoneData("+47 99 00 11 00", description="Hele døgnet", languages=("nb", "en")),),
        schedules=ALWAYS,
        places=("crisis_centre",),
        languages=("nb", "en", "pl", "uk", "ar"),
    ),
    Offer(
        key="family_counselling",
        organization="bufetat",
        unit="Familievernkontoret Fjordvik",
        name="Familievernkontoret i Fjordvik",
        description=(
            "Samtaler for par og familier som har det vanskelig, også når det er vold i "
            "familien. Vi snakker med voksne og barn, hver for seg og sammen."
        ),
        eligibility="For par, foreldre og barn i Fjordvik, Nordøy og Sørdal.",
        application="Ring eller send en henvendelse på nett. Du trenger ikke henvisning.",
        fees=FREE,
        english={
            "name": "Family counselling office in Fjordvik",
            "description": (
                "Conversations for couples and families who are struggling, also when there is "
                "violence in the family. We talk with adults and children, separately and "
                "together."
            ),
            "eligibility_description": "For couples, parents and children in the region.",
            "application_process": "Call or contact us online. You do not need a referral.",
            "fees_description": FREE_EN,
        },
        needs=("exposed_to_violence", "uses_violence", "child_or_youth"),
        audiences=("families", "adults"),
        types=("counselling",),
        phones=(PhoneData("+47 99 00 44 00"),),
        schedules=office_hours(),
        places=("familievern",),
    ),
    Offer(
        key="sexual_assault_centre",
        organization="fjordvik",
        name="Overgrepsmottaket i Fjordvik",
        description=(
            "Hjelp etter voldtekt eller andre seksuelle overgrep. Du får undersøkelse, "
            "behandling og noen å snakke med, og vi kan sikre spor selv om du ikke har "
            "bestemt deg for å anmelde."
        ),
        eligibility="For alle som har vært utsatt for seksuelle overgrep, uansett når det skjedde.",
        application="Ring legevakten på 116 117, hele døgnet. Du trenger ikke henvisning.",
        fees=FREE,
        english={
            "name": "Sexual assault centre in Fjordvik",
            "description": (
                "Help after rape or other sexual assault. You get an examination, treatment "
                "and someone to talk to, and we can secure evidence even if you have not "
                "decided whether to report it."
            ),
            "eligibility_description": (
                "For everyone who has been sexually assaulted, no matter when it happened."
            ),
            "application_process": "Call the emergency room on 116 117, day or night.",
            "fees_description": FREE_EN,
        },
        needs=("exposed_to_violence", "child_or_youth"),
        audiences=("adults", "youth"),
        types=("health", "emergency"),
        phones=(PhoneData("116 117", description="Legevakten"),),
        schedules=ALWAYS,
        places=("helsehus",),
    ),
    Offer(
        key="emergency_room",
        organization="fjordvik",
        name="Fjordvik interkommunale legevakt",
        description=(
            "Legevakten hjelper deg når du trenger lege og ikke kan vente til fastlegen har "
            "tid, også etter vold. Vi dokumenterer skader, slik at du kan bruke det senere."
        ),
        eligibility="For alle som oppholder seg i Fjordvik, Nordøy eller Sørdal.",
        application="Ring 116 117 før du kommer. Ved livsfare, ring 113.",
        fees="Vanlig egenandel. Gratis for barn under 16 år.",
        english={
            "name": "Fjordvik emergency room (legevakt)",
            "description": (
                "The emergency room helps you when you need a doctor and cannot wait for your "
                "GP, also after violence. We document injuries so that you can use it later."
            ),
            "eligibility_description": "For everyone staying in the region.",
            "application_process": "Call 116 117 before you come. If life is at risk, call 113.",
            "fees_description": "Standard patient charge. Free for children under 16.",
        },
        needs=("exposed_to_violence", "at_risk_adult"),
        audiences=("adults", "children", "youth"),
        types=("health", "emergency"),
        phones=(PhoneData("116 117"),),
        schedules=ALWAYS,
        places=("helsehus",),
    ),
    Offer(
        key="police",
        organization="politi",
        unit="Politiets kontaktperson Fjordvik",
        name="Fjordvik politistasjon",
        description=(
            "Politiet tar imot anmeldelser av vold, trusler og overgrep, og kan gi deg "
            "beskyttelse, som voldsalarm og besøksforbud. Politiet har en egen kontaktperson "
            "for vold i nære relasjoner."
        ),
        eligibility="For alle. Ved fare, ring 112.",
        application="Ring 02800 eller kom innom politistasjonen. I en nødsituasjon: ring 112.",
        fees=FREE,
        english={
            "name": "Fjordvik police station",
            "description": (
                "The police receive reports of violence, threats and abuse, and can give you "
                "protection such as a violence alarm and a restraining order. The police have "
                "a contact person for domestic violence."
            ),
            "eligibility_description": "For everyone. If you are in danger, call 112.",
            "application_process": "Call 02800 or visit the police station. Emergency: 112.",
            "fees_description": FREE_EN,
        },
        needs=("exposed_to_violence", "worried_about_someone", "at_risk_adult", "professional"),
        audiences=("adults", "youth", "professionals"),
        types=("police",),
        phones=(PhoneData("02800"), PhoneData("112", description="Nødnummer")),
        schedules=office_hours(time(9), time(15)),
        places=("politi",),
    ),
    Offer(
        key="nav",
        organization="nav",
        unit="NAV Fjordvik",
        name="NAV Fjordvik",
        description=(
            "NAV kan hjelpe deg med penger til det du trenger nå, med å finne et sted å bo "
            "og med arbeid, også når du bryter ut av et voldelig forhold."
        ),
        eligibility="For deg som bor eller oppholder deg i Fjordvik.",
        application="Ring NAV eller kom innom kontoret. Si at det haster hvis det gjør det.",
        fees=FREE,
        english={
            "name": "NAV Fjordvik (welfare office)",
            "description": (
                "NAV can help you with money for what you need now, with finding a place to "
                "live and with work, also when you leave a violent relationship."
            ),
            "eligibility_description": "For people who live or stay in Fjordvik.",
            "application_process": "Call NAV or visit the office. Say so if it is urgent.",
            "fees_description": FREE_EN,
        },
        needs=("exposed_to_violence",),
        audiences=("adults",),
        types=("welfare",),
        phones=(PhoneData("+47 55 55 33 33"),),
        schedules=office_hours(time(9), time(15)),
        areas=("9901",),
        places=("nav",),
    ),
    Offer(
        key="child_welfare",
        organization="fjordvik",
        unit="Barnevernet Fjordvik",
        name="Barnevernet i Fjordvik",
        description=(
            "Barnevernet hjelper barn og familier når barn ikke har det trygt hjemme. "
            "Du kan ta kontakt selv, enten du er barn, forelder eller bekymret for et barn."
        ),
        eligibility="For barn og unge under 18 år og familiene deres i Fjordvik.",
        application="Ring oss på dagtid. Etter stengetid: ring politiet på 02800.",
        fees=FREE,
        english={
            "name": "Child welfare service in Fjordvik",
            "description": (
                "Child welfare helps children and families when children are not safe at home. "
                "You can contact us yourself, whether you are a child, a parent or worried "
                "about a child."
            ),
            "eligibility_description": "For children under 18 and their families in Fjordvik.",
            "application_process": "Call us in the daytime. After hours: call the police on 02800.",
            "fees_description": FREE_EN,
        },
        needs=("child_or_youth", "worried_about_someone", "professional"),
        audiences=("children", "youth", "families", "professionals"),
        types=("child_welfare",),
        phones=(PhoneData("+47 99 00 22 00"),),
        schedules=office_hours(),
        areas=("9901",),
        places=("radhus",),
        maximum_age=17,
    ),
    Offer(
        key="health_station",
        organization="fjordvik",
        unit="Helsestasjonen Fjordvik",
        name="Helsestasjonen og skolehelsetjenesten i Fjordvik",
        description=(
            "Helsesykepleieren er der for barn, unge og foreldre. Du kan snakke med oss om "
            "alt, også om noe vondt som skjer hjemme."
        ),
        eligibility="For gravide, barn og unge til 20 år og foreldre i Fjordvik.",
        application="Kom innom, ring eller snakk med helsesykepleieren på skolen.",
        fees=FREE,
        english={
            "name": "Health station and school health service in Fjordvik",
            "description": (
                "The public health nurse is there for children, young people and parents. "
                "You can talk to us about anything, also about something painful at home."
            ),
            "eligibility_description": (
                "For pregnant women, children and young people up to 20, and parents."
            ),
            "application_process": "Drop in, call, or talk to the nurse at your school.",
            "fees_description": FREE_EN,
        },
        needs=("child_or_youth", "exposed_to_violence", "worried_about_someone"),
        audiences=("children", "youth", "families"),
        types=("health",),
        phones=(PhoneData("+47 99 00 33 00"),),
        schedules=office_hours(),
        areas=("9901",),
        places=("helsehus",),
        maximum_age=20,
    ),
    Offer(
        key="bup",
        organization="helse",
        name="BUP Fjordvik – psykisk helsevern for barn og unge",
        description=(
            "Barne- og ungdomspsykiatrisk poliklinikk gir utredning og behandling til barn "
            "og unge som strever, også etter vold og overgrep."
        ),
        eligibility="For barn og unge under 18 år.",
        application="Du trenger henvisning fra fastlege, legevakt eller barnevernet.",
        fees=FREE,
        english={
            "name": "BUP Fjordvik – child and adolescent mental health",
            "description": (
                "The child and adolescent psychiatric outpatient clinic assesses and treats "
                "children and young people who struggle, also after violence and abuse."
            ),
            "eligibility_description": "For children and young people under 18.",
            "application_process": (
                "You need a referral from a GP, the emergency room or child welfare."
            ),
            "fees_description": FREE_EN,
        },
        needs=("child_or_youth",),
        audiences=("children", "youth"),
        types=("treatment",),
        phones=(PhoneData("+47 99 00 77 00"),),
        schedules=office_hours(),
        places=("sykehus",),
        referral_required=True,
        maximum_age=17,
    ),
    Offer(
        key="dps",
        organization="helse",
        name="DPS Fjordvik – psykisk helsevern for voksne",
        description=(
            "Distriktspsykiatrisk senter gir behandling til voksne, også for traumer etter "
            "vold og overgrep."
        ),
        eligibility="For voksne over 18 år.",
        application="Du trenger henvisning fra fastlegen eller legevakten.",
        fees="Vanlig egenandel.",
        english={
            "name": "DPS Fjordvik – adult mental health",
            "description": (
                "The district psychiatric centre treats adults, including trauma after "
                "violence and abuse."
            ),
            "eligibility_description": "For adults over 18.",
            "application_process": "You need a referral from your GP or the emergency room.",
            "fees_description": "Standard patient charge.",
        },
        needs=("exposed_to_violence", "uses_violence"),
        audiences=("adults",),
        types=("treatment",),
        phones=(PhoneData("+47 99 00 78 00"),),
        schedules=office_hours(),
        places=("sykehus",),
        referral_required=True,
        minimum_age=18,
        verified_days_ago=420,
    ),
    Offer(
        key="atv",
        organization="atv",
        name="Alternativ til Vold Fjordvik",
        description=(
            "Samtaler for deg som har brukt vold mot noen i familien, eller er redd for å "
            "gjøre det. Vi har også samtaler for dem som er utsatt, og for barn som har "
            "opplevd vold hjemme."
        ),
        eligibility="For voksne som bruker vold, partnerne deres og barna i familien.",
        application="Ring oss. Du trenger ikke henvisning, og du kan være anonym i første samtale.",
        fees=FREE,
        english={
            "name": "Alternative to Violence (ATV) Fjordvik",
            "description": (
                "Conversations for you who have used violence against someone in your family, "
                "or fear that you might. We also talk with those exposed, and with children "
                "who have experienced violence at home."
            ),
            "eligibility_description": (
                "For adults who use violence, their partners and the children in the family."
            ),
            "application_process": (
                "Call us. You do not need a referral, and you can be anonymous in the first "
                "conversation."
            ),
            "fees_description": FREE_EN,
        },
        needs=("uses_violence", "exposed_to_violence", "child_or_youth"),
        audiences=("adults", "children"),
        types=("counselling", "treatment"),
        phones=(PhoneData("+47 99 00 88 00"),),
        schedules=(
            ScheduleData(days=("MO", "TU", "WE", "TH"), opens_at=time(9), closes_at=time(16)),
        ),
        places=("atv",),
    ),
    Offer(
        key="anger_management",
        organization="fjordvik",
        name="Sinnemestringskurs i Fjordvik",
        description=(
            "Et kurs i grupper for deg som vil lære å håndtere sinne uten å skade eller skremme "
            "andre. Kurset går over ti kvelder og ledes av fagfolk fra psykisk helse og rus."
        ),
        eligibility="For voksne over 18 år i Fjordvik, Nordøy og Sørdal.",
        application="Ring for en samtale før kurset. Du trenger ikke henvisning.",
        fees=FREE,
        english={
            "name": "Anger management course in Fjordvik",
            "description": (
                "A group course for you who want to learn to handle anger without hurting or "
                "frightening others. The course runs over ten evenings, led by mental-health "
                "professionals."
            ),
            "eligibility_description": "For adults over 18 in the region.",
            "application_process": "Call for a talk before the course. No referral needed.",
            "fees_description": FREE_EN,
        },
        needs=("uses_violence",),
        audiences=("adults",),
        types=("course",),
        phones=(PhoneData("+47 99 00 55 00"),),
        schedules=(ScheduleData(days=("TU",), opens_at=time(18), closes_at=time(20, 30)),),
        places=("radhus",),
        unit="Koordinerende enhet Fjordvik",
        minimum_age=18,
    ),
    Offer(
        key="vold_og_overgrepslinjen",
        organization="vol",
        name="Vold- og overgrepslinjen 116 006",
        description=(
            "En gratis hjelpetelefon for deg som er utsatt for vold eller overgrep, eller er "
            "bekymret for noen. Du kan være anonym."
        ),
        eligibility="For alle, hele landet.",
        application="Ring 116 006, hele døgnet.",
        fees=FREE,
        english={
            "name": "Violence and abuse helpline 116 006",
            "description": (
                "A free helpline for you who are exposed to violence or abuse, or worried "
                "about someone. You can be anonymous."
            ),
            "eligibility_description": "For everyone, all of Norway.",
            "application_process": "Call 116 006, day or night.",
            "fees_description": FREE_EN,
        },
        needs=("exposed_to_violence", "worried_about_someone"),
        audiences=("adults", "youth"),
        types=("helpline",),
        phones=(PhoneData("116 006"),),
        schedules=ALWAYS,
        areas=(),
        national=True,
    ),
    Offer(
        key="alarmtelefonen",
        organization="alarm",
        name="Alarmtelefonen for barn og unge 116 111",
        description=(
            "Ring hvis du er barn eller ungdom og blir utsatt for vold, overgrep eller "
            "omsorgssvikt, eller hvis du er bekymret for et barn."
        ),
        eligibility="For barn, unge og voksne som er bekymret for et barn.",
        application="Ring 116 111, hele døgnet.",
        fees=FREE,
        english={
            "name": "Emergency helpline for children and young people 116 111",
            "description": (
                "Call if you are a child or young person exposed to violence, abuse or neglect, "
                "or if you are worried about a child."
            ),
            "eligibility_description": (
                "For children, young people and adults worried about a child."
            ),
            "application_process": "Call 116 111, day or night.",
            "fees_description": FREE_EN,
        },
        needs=("child_or_youth", "worried_about_someone"),
        audiences=("children", "youth"),
        types=("helpline",),
        phones=(PhoneData("116 111"), PhoneData("116 111", type=PhoneType.TEXT)),
        schedules=ALWAYS,
        areas=(),
        national=True,
    ),
    Offer(
        key="police_02800",
        organization="politi",
        name="Politiet 02800",
        description="Ring politiet på 02800 når det ikke haster, men du trenger politiet.",
        eligibility="For alle, hele landet.",
        application="Ring 02800.",
        fees="Vanlig samtalepris.",
        english={
            "name": "Police 02800 (non-emergency)",
            "description": (
                "Call the police on 02800 when it is not urgent but you need the police."
            ),
            "eligibility_description": "For everyone, all of Norway.",
            "application_process": "Call 02800.",
            "fees_description": "Standard call charge.",
        },
        needs=("exposed_to_violence", "worried_about_someone", "at_risk_adult"),
        audiences=("adults", "youth"),
        types=("police", "helpline"),
        phones=(PhoneData("02800"),),
        schedules=ALWAYS,
        areas=(),
        national=True,
    ),
    Offer(
        key="police_112",
        organization="politi",
        name="Politiet – nødnummer 112",
        description="Ring 112 når noen er i fare eller det skjer vold nå.",
        eligibility="For alle, hele landet.",
        application="Ring 112.",
        fees=FREE,
        english={
            "name": "Police emergency number 112",
            "description": "Call 112 when someone is in danger or violence is happening now.",
            "eligibility_description": "For everyone, all of Norway.",
            "application_process": "Call 112.",
            "fees_description": FREE_EN,
        },
        needs=("exposed_to_violence", "worried_about_someone", "at_risk_adult"),
        audiences=("adults", "youth", "children"),
        types=("emergency", "police"),
        phones=(PhoneData("112"),),
        schedules=ALWAYS,
        areas=(),
        national=True,
    ),
    Offer(
        key="medical_113",
        organization="amk",
        name="Medisinsk nødtelefon 113",
        description="Ring 113 ved alvorlig skade eller sykdom, når liv kan stå i fare.",
        eligibility="For alle, hele landet.",
        application="Ring 113.",
        fees=FREE,
        english={
            "name": "Medical emergency number 113",
            "description": "Call 113 for serious injury or illness, when a life may be at risk.",
            "eligibility_description": "For everyone, all of Norway.",
            "application_process": "Call 113.",
            "fees_description": FREE_EN,
        },
        needs=("exposed_to_violence", "at_risk_adult"),
        audiences=("adults", "youth", "children"),
        types=("emergency", "health"),
        phones=(PhoneData("113"),),
        schedules=ALWAYS,
        areas=(),
        national=True,
    ),
]
