"""The annual report counts a hand-built year exactly as the counting rules say."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helhet.people.choices import Gender
from helhet.people.services import PersonInput
from helhet.shelter.choices import AnswerList
from helhet.shelter.models import AnswerOption
from helhet.shelter.services import StayInput, answer_option_set_active, stay_create
from helhet.shelter.statistics.compute import TABLE_ORDER, annual_report
from helhet.shelter.tests.statistics.year import YEAR, build_year, option

TODAY = date(2026, 11, 26)


def rows(report, key):
    return {row.label: row.values for row in report.table(key).rows}


@pytest.fixture
def year(cast):
    return build_year(cast)


@pytest.fixture
def report(cast, year):
    return annual_report(unit=cast.shelter, year=YEAR, today=TODAY)


def test_the_overview_counts_residents_stays_overnights_and_contacts(report):
    assert rows(report, "overview") == {
        "Beboere (voksne)": [3],
        "Opphold (voksne)": [4],
        "Overnattingsdøgn, voksne": [61],
        "Overnattingsdøgn, barn": [34],
        "Gjennomsnittlig botid for avsluttede opphold (døgn)": [Decimal("13.0")],
        "Barn (beboere)": [1],
        "Barneopphold": [1],
        "Dagbrukere": [2],
        "Dagsbesøk": [4],
        "herav oppsøkende (hjemmebesøk, følge til etat)": [2],
        "Telefonsamtaler": [5],
        "herav enesamtaler": [2],
        "Ganger tilbudet var fullt (henvist videre)": [2],
        "Opphold for voksne uten samtykke til registrering (bare med i overnattingsdøgn)": [1],
        "Barneopphold uten samtykke til registrering (bare med i overnattingsdøgn)": [1],
    }


def test_a_person_with_two_stays_is_one_resident_with_the_first_stays_attributes(report):
    # Anne's first stay (police, physical violence and threats) counts; her second
    # (came on her own, psychological violence) is a stay but not a resident.
    assert rows(report, "repeat_stays") == {
        "Ett opphold": [2],
        "To opphold": [1],
        "Tre eller flere opphold": [0],
        "Totalt": [3],
    }
    referrer = rows(report, "referrer")
    assert referrer["Politiet"] == [1]
    assert referrer["Tok kontakt selv"] == [0]
    assert referrer["Totalt"] == [3]
    violence = rows(report, "violence_types")
    assert violence["Fysisk vold"] == [1]
    assert violence["Trusler"] == [1]
    assert violence["Psykisk vold"] == [2]  # Cecilie and David, not Anne's second stay
    assert violence["Digital vold"] == [1]
    assert "Totalt" not in violence  # one resident, several types: no sum
    assert rows(report, "earlier_contact")["Nei"] == [3]


def test_residents_and_stays_are_counted_by_gender_and_age(report):
    residents = rows(report, "residents_gender_age")
    assert report.table("residents_gender_age").columns == [
        "Kvinne",
        "Mann",
        "Annet",
        "Ikke registrert",
        "Totalt",
    ]
    assert residents["25–34 år"] == [1, 0, 0, 0, 1]
    assert residents["35–44 år"] == [1, 0, 0, 0, 1]
    assert residents["55–66 år"] == [0, 1, 0, 0, 1]
    assert residents["Totalt"] == [2, 1, 0, 0, 3]
    stays = rows(report, "stays_gender_age")
    assert stays["35–44 år"] == [2, 0, 0, 0, 2]
    assert stays["Totalt"] == [3, 1, 0, 0, 4]


def test_a_stay_crossing_new_year_counts_its_nights_in_each_year(cast, year):
    # Berit: 20 December 2024 – 10 January 2025. Cecilie and her children:
    # 15 December 2025 – 5 January 2026.
    last_year = annual_report(unit=cast.shelter, year=2024, today=TODAY)
    assert rows(last_year, "overview")["Overnattingsdøgn, voksne"] == [12]
    assert rows(last_year, "overview")["Opphold (voksne)"] == [1]
    this_year = annual_report(unit=cast.shelter, year=2026, today=TODAY)
    assert rows(this_year, "overview")["Overnattingsdøgn, voksne"] == [4]
    assert rows(this_year, "overview")["Overnattingsdøgn, barn"] == [8]
    # ... but each is one stay, in the year it began.
    assert rows(this_year, "overview")["Opphold (voksne)"] == [0]
    by_municipality = rows(
        annual_report(unit=cast.shelter, year=YEAR, today=TODAY), "residents_municipality"
    )
    assert by_municipality["9901 Fjordvik"] == [1, 1, 10]  # David 1 night + Berit's 9 in 2025


def test_an_open_stay_counts_nights_until_today(cast, year):
    stay_create(
        actor=cast.shelter_worker,
        unit=cast.shelter,
        resident=PersonInput(name="Gro Holm", gender=Gender.WOMAN, birth_year=1975),
        data=StayInput(
            arrived_on=date(2025, 12, 1),
            referrer=option(AnswerList.REFERRER, "self"),
            municipality=cast.fjordvik,
            statistics_consent=True,
        ),
        submission_id=uuid.uuid4(),
    )
    report = annual_report(unit=cast.shelter, year=YEAR, today=TODAY)
    assert rows(report, "overview")["Overnattingsdøgn, voksne"] == [61 + 31]
    assert rows(report, "length_of_stay")["Oppholdet pågår"] == [1]
    assert rows(report, "destination")["Oppholdet pågår"] == [1]
    next_year = annual_report(unit=cast.shelter, year=2026, today=TODAY)
    assert rows(next_year, "overview")["Overnattingsdøgn, voksne"] == [4 + 329]


def test_length_of_stay_and_destination_add_up_to_the_stays(report):
    assert rows(report, "length_of_stay") == {
        "1 døgn eller mindre": [1],
        "2–7 døgn": [0],
        "8–30 døgn": [3],
        "31–90 døgn": [0],
        "91 døgn eller mer": [0],
        "Oppholdet pågår": [0],
        "Totalt": [4],
    }
    destination = rows(report, "destination")
    assert destination["Egen ny bolig"] == [2]
    assert destination["Tilbake til utøver"] == [1]
    assert destination["Hos familie eller venner"] == [1]
    assert destination["Totalt"] == [4]


def test_relation_to_the_perpetrator_has_a_row_for_not_registered(report):
    relation = rows(report, "perpetrator_relation")
    assert relation["Nåværende ektefelle eller samboer"] == [1]
    assert relation["Tidligere ektefelle, samboer eller kjæreste"] == [1]
    assert relation["Ikke registrert"] == [1]
    assert relation["Totalt"] == [3]
    assert rows(report, "perpetrator_gender")["Mann"] == [3]


def test_a_child_under_16_without_consent_is_not_registered_but_its_nights_count(report):
    children = rows(report, "children_gender_age")
    assert children["6–12 år"] == [0, 1, 0, 0, 1]  # Ola
    assert children["3–5 år"] == [0, 0, 0, 0, 0]  # Lilla: her caregiver did not consent
    assert children["Totalt"] == [0, 1, 0, 0, 1]
    conditions = rows(report, "children_conditions")
    assert conditions["Avbrudd i barnehage eller skole"] == [1, 0, 0, 1]
    assert conditions["Har sett eller hørt vold"] == [1, 0, 0, 1]
    overview = rows(report, "overview")
    assert overview["Overnattingsdøgn, barn"] == [34]  # 17 nights each in 2025
    assert overview[
        "Barneopphold uten samtykke til registrering (bare med i overnattingsdøgn)"
    ] == [1]


def test_an_adult_without_consent_counts_only_in_overnights(report):
    # Eva (1–5 April, no consent): 4 of the 61 overnights, nowhere else.
    assert rows(report, "overview")["Opphold (voksne)"] == [4]
    assert rows(report, "stays_gender_age")["25–34 år"] == [1, 0, 0, 0, 1]  # Cecilie, not Eva
    assert rows(report, "residents_municipality")["9902 Nordøy"] == [1, 2, 34]


def test_day_users_are_counted_from_their_first_visit_of_the_year(report):
    users = rows(report, "day_users_gender_age")
    assert users["35–44 år"] == [1, 0, 0, 0, 1]  # G, who never stays
    assert users["55–66 år"] == [0, 1, 0, 0, 1]  # H, first visit in 2025 on 20 January
    assert users["Totalt"] == [1, 1, 0, 0, 2]  # not the user who came only in 2024
    assert rows(report, "day_visits") == {
        "Besøk på senteret": [2],
        "Oppsøkende (hjemmebesøk, følge til etat)": [2],
        "Totalt": [4],
    }


def test_phone_contacts_follow_the_centres_time_zone_and_count_conversations(report):
    phone = rows(report, "phone_contacts")
    assert phone["Utsatt for vold"] == [3, 2]
    assert phone["Fagperson"] == [1, 0]  # 23:30 on New Year's Eve, Norwegian time
    assert phone["Totalt"] == [5, 2]


def test_referrals_count_when_the_offer_was_full(report):
    assert rows(report, "capacity_referrals") == {
        "Tilbudet var fullt": [2, 2, 2],
        "Tilbudet var ikke tilpasset behovet": [1, 1, 0],
        "Sikkerhetshensyn (for nær utøver)": [0, 0, 0],
        "Totalt": [3, 3, 2],
    }


def test_a_report_for_a_member_municipality_counts_its_residents_only(cast, year):
    report = annual_report(unit=cast.shelter, year=YEAR, municipality=cast.nordoy, today=TODAY)
    overview = rows(report, "overview")
    assert overview["Beboere (voksne)"] == [1]  # Anne
    assert overview["Opphold (voksne)"] == [2]
    assert overview["Overnattingsdøgn, voksne"] == [34]  # Anne 30, Eva 4
    assert overview["Dagbrukere"] == [1]  # G lives in Nordøy; H did not say
    assert overview["Dagsbesøk"] == [3]
    assert overview["Telefonsamtaler"] == [0]  # no caller said where they live
    assert "residents_municipality" not in [table.key for table in report.tables]
    assert rows(report, "repeat_stays")["To opphold"] == [1]
    assert rows(report, "referrer")["Totalt"] == [1]


def test_the_tables_come_in_bufdirs_order(report):
    assert [table.key for table in report.tables] == TABLE_ORDER


def test_a_deactivated_answer_option_still_shows_in_the_year_it_was_used(cast, year):
    nav = AnswerOption.objects.get(answer_list=AnswerList.REFERRER, code="nav")
    answer_option_set_active(actor=cast.shelter_lead, option=nav, is_active=False)
    last_year = annual_report(unit=cast.shelter, year=YEAR, today=TODAY)
    assert rows(last_year, "referrer")["NAV"] == [1]
    this_year = annual_report(unit=cast.shelter, year=2026, today=TODAY)
    assert "NAV" not in rows(this_year, "referrer")


def test_option_labels_follow_the_language(cast, year):
    from django.utils import translation

    with translation.override("en"):
        report = annual_report(unit=cast.shelter, year=YEAR, today=TODAY)
    assert rows(report, "referrer")["The police"] == [1]


def _queries(cast):
    with CaptureQueriesContext(connection) as context:
        annual_report(unit=cast.shelter, year=YEAR, today=TODAY)
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_stays(cast, year):
    before = _queries(cast)
    for number in range(12):
        stay_create(
            actor=cast.shelter_worker,
            unit=cast.shelter,
            resident=PersonInput(name=f"Resident {number}", birth_year=1980 + number),
            data=StayInput(
                arrived_on=date(2025, 5, 1 + number),
                referrer=option(AnswerList.REFERRER, "police"),
                municipality=cast.sordal,
                violence_types=[option(AnswerList.VIOLENCE_TYPE, "physical")],
                statistics_consent=True,
            ),
            submission_id=uuid.uuid4(),
        )
    after = _queries(cast)
    assert after == before
    assert before <= 30


def test_the_overview_agrees_with_the_tables(report):
    overview = rows(report, "overview")
    assert overview["Beboere (voksne)"] == [rows(report, "residents_gender_age")["Totalt"][-1]]
    assert overview["Opphold (voksne)"] == [rows(report, "stays_gender_age")["Totalt"][-1]]
    assert overview["Dagbrukere"] == [rows(report, "day_users_gender_age")["Totalt"][-1]]
    assert overview["Dagsbesøk"] == rows(report, "day_visits")["Totalt"]
    assert overview["Telefonsamtaler"] == [rows(report, "phone_contacts")["Totalt"][0]]
    assert overview["herav enesamtaler"] == [rows(report, "phone_contacts")["Totalt"][1]]
    assert overview["Overnattingsdøgn, voksne"] == [
        rows(report, "residents_municipality")["Totalt"][2]
    ]
