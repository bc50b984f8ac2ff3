"""How a directory service reads on the portal: hours in words, languages in themselves,
phones of its places too."""

from __future__ import annotations

import uuid
from datetime import time

import pytest
from django.utils import translation

from helhet.directory.models import Phone, Schedule
from helhet.directory.selectors import service_public_detail
from helhet.directory.services import location_create
from helhet.portal.offers import dial, hours_lines, language_name, offer_from_service
from helhet.portal.tests.support import published_service


def schedule(byday: str = "", opens=None, closes=None, always: bool = False) -> Schedule:
    return Schedule(byday=byday, opens_at=opens, closes_at=closes, open_24_7=always)


@pytest.mark.parametrize(
    ("byday", "expected"),
    [
        ("MO,TU,WE,TH,FR", "mandag–fredag kl. 08:00–16:00"),
        ("TU", "tirsdag kl. 08:00–16:00"),
        ("SA,SU", "lørdag, søndag kl. 08:00–16:00"),
        ("MO,WE,TH,FR", "mandag, onsdag–fredag kl. 08:00–16:00"),
    ],
)
def test_opening_days_read_as_ranges(byday, expected):
    with translation.override("nb"):
        assert hours_lines([schedule(byday, time(8), time(16))]) == [expected]


def test_hours_in_another_language_and_without_repeats():
    rows = [schedule(always=True), schedule(always=True), schedule("MO")]
    with translation.override("en"):
        assert hours_lines(rows) == ["Open day and night"]


def test_numbers_are_dialled_as_digits_with_the_country_code_kept():
    assert dial("+47 99 00 11 00") == "+4799001100"
    assert dial("116 006") == "116006"
    assert dial("02800") == "02800"


def test_languages_are_named_in_themselves():
    assert language_name("pl", "polsk") == "Polski"
    assert language_name("ti", "tigrinja") == "ትግርኛ"
    assert language_name("de", "tysk") == "Deutsch"
    assert language_name("xx", "ukjent") == "ukjent"
    assert language_name("xx", "") == "xx"


@pytest.mark.django_db
def test_a_places_phone_comes_after_the_services_own_and_its_address_stays_secret():
    place = location_create(
        actor=None,
        name="Vakttelefonen",
        submission_id=uuid.uuid4(),
        is_confidential=True,
        meeting_place="Rådhuset",
        transportation="Buss 2",
    )
    service = published_service(locations=(place,))
    Phone.objects.create(location=place, number="+47 99 00 12 34", position=0)
    found = service_public_detail(service_id=service.pk, language="nb")
    offer = offer_from_service(found, language="nb", open_ids=set())
    assert [phone.dial for phone in offer.phones] == ["+4799007700", "+4799001234"]
    assert offer.phones[1].note.value == "Vakttelefonen"
    assert offer.places[0].confidential
    assert offer.places[0].addresses == []
    assert offer.places[0].meeting_place.value == "Rådhuset"
    assert offer.places[0].transportation.value == "Buss 2"
