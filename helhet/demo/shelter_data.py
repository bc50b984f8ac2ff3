"""The fixed data of the crisis centre's demo year: volumes, the random seed, and
fictional names and texts (Bokmål, as a worker would write them). Nothing here is about a
real person."""

from __future__ import annotations

import random
from typing import Any

SEED = 20260101
DAYS = 365
STAYS = 60
FAMILY_STAYS = 24  # stays that bring children; about 40 children in all
REPEAT_STAYS = 5  # residents who come back later in the year
DAY_USERS = 70
DAY_VISITS = 250
PHONE_CONTACTS = 600


def weighted(rng: random.Random, choices: list[tuple[Any, int]]) -> Any:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


FIRST_NAMES_WOMEN = (
    "Ingrid Kari Marte Sofie Nora Hanne Linn Amina Fatima Olena Agnieszka Sara Ida Tiril "
    "Malin Hiba Rahel Aurelija Maja Silje"
).split()
FIRST_NAMES_MEN = "Jonas Ahmed Tomasz Per Eirik Yonas Mats Ali".split()
CHILD_NAMES_GIRLS = "Emma Ella Leah Mia Alma Aya Zofia Vilde Iman Frida".split()
CHILD_NAMES_BOYS = "Noah Jakob Filip Emil Omar Lukas Elias Adam Isak Milo".split()
LAST_NAMES = (
    "Fjordheim Nordvik Sørli Berglund Haugen Lien Moen Aas Strand Dahl Hassan Kowalska "
    "Kovalenko Ali Tesfay Petrauskaite Solberg Vik Brekke Holm"
).split()
LANGUAGES = [
    "",
    "",
    "",
    "engelsk",
    "arabisk",
    "polsk",
    "ukrainsk",
    "tigrinja",
    "somali",
    "litauisk",
]

THREATS = [
    "Tidligere samboer har truet med å finne henne og har møtt opp ved arbeidsplassen.",
    "Utøver sender mange meldinger hver dag og har truet med å ta barna.",
    "Fysisk vold over lang tid, sist for én uke siden. Utøver eier våpen.",
    "Trusler via familie i hjemlandet. Frykter at utøver har tilgang til adressen.",
    "Psykisk kontroll og økonomisk vold; utøver har tatt bankkort og telefon.",
]
PERPETRATOR = [
    "Utøver bor i Fjordvik og kjenner til krisesenteret.",
    "Utøver er anmeldt tidligere og har besøksforbud som er brutt én gang.",
    "Utøver har rusproblemer og blir mer truende i helgene.",
]
MEASURES = [
    "Voldsalarm bestilt hos politiet. Avtalt faste innsjekkinger med kontaktperson.",
    "Ny telefon uten lokasjonsdeling. Skolen er informert om hvem som kan hente barna.",
    "Kontakt med politiets familievoldskoordinator. Plan for trygg transport til jobb.",
]
SAFETY_SECTIONS = {
    "dangers": [
        "Utøver kan møte opp utenfor skolen til barna.",
        "Utøver kjenner rutinene mine på jobb og på butikken.",
    ],
    "warning_signs": [
        "Mange meldinger på kort tid, eller at venner av utøver tar kontakt.",
        "Utøver blir rolig og vennlig etter en periode med trusler.",
    ],
    "safe_places": [
        "Krisesenteret, politistasjonen i sentrum og søsteren min i Sørdal.",
        "Legevakten og naboen i etasjen under, som vet om situasjonen.",
    ],
    "what_to_do": [
        "Ringe 112 med en gang. Kodeord til søsteren: «har du sett nøklene mine?».",
        "Trykke på voldsalarmen, gå inn i nærmeste butikk og be om hjelp.",
    ],
    "children_plan": [
        "Barna vet at de skal gå til læreren hvis pappa kommer til skolen.",
        "Barnehagen har fått bilde av utøver og vet at han ikke kan hente.",
    ],
    "digital_safety": [
        "Slått av posisjonsdeling, byttet passord til e-post og sosiale medier.",
        "Ny telefon og nytt nummer; gammel telefon er levert til politiet.",
    ],
}
