"""The portal's reads of the directory: find help by need, place, text and hours."""

import io
from datetime import datetime

import pytest
from django.utils import timezone

from helhet.core.testing import Snapshot
from helhet.demo import directory as demo
from helhet.demo.region import seed_region
from helhet.directory.choices import NeedCode
from helhet.directory.selectors import (
    open_service_ids,
    service_public_detail,
    services_find,
    taxonomy_terms_for_needs,
)
from helhet.directory.services import service_unpublish

pytestmark = pytest.mark.django_db


def _seed_offer():
    region = seed_region()
    services = demo.seed(region, io.StringIO())
    return {offer.key: service for offer, service in zip(demo.OFFERS, services, strict=True)}


# Seeded once per test process and copied in for each test (it takes hundreds of queries).
_offer = Snapshot(_seed_offer)


@pytest.fixture
def offer():
    return _offer.load()


def names(queryset):
    return {service.name for service in queryset}


def test_the_need_terms_exist_without_demo_data_in_portal_order():
    codes = [term.code for term in taxonomy_terms_for_needs()]
    assert codes == list(NeedCode.values)


def test_find_returns_nothing_when_nothing_is_published():
    assert list(services_find(text="krisesenter")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("krisesenter", "Fjordvik krisesenter"),
        ("Krisesenteret", "Fjordvik krisesenter"),
        ("sinne", "Sinnemestringskurs i Fjordvik"),
        ("voldtekt", "Overgrepsmottaket i Fjordvik"),
    ],
)
def test_free_text_finds_the_right_service(offer, text, expected):
    found = names(services_find(text=text))
    assert expected in found
    assert len(found) < len(offer)


def test_free_text_matches_english_translations_and_term_names(offer):
    assert "Sinnemestringskurs i Fjordvik" in names(services_find(text="anger"))
    assert "Sinnemestringskurs i Fjordvik" in names(services_find(text="kurs og grupper"))


def test_need_and_municipality_filter_together(offer):
    found = names(services_find(need=NeedCode.USES_VIOLENCE, municipality_number="9902"))
    assert "Sinnemestringskurs i Fjordvik" in found
    assert "Alternativ til Vold Fjordvik" in found
    assert "Fjordvik krisesenter" not in found
    # NAV Fjordvik serves Fjordvik only; national helplines serve everyone.
    nordoy = names(services_find(municipality_number="9902"))
    assert "NAV Fjordvik" not in nordoy
    assert "Vold- og overgrepslinjen 116 006" in nordoy


def test_an_unknown_need_finds_nothing_rather_than_failing(offer):
    assert list(services_find(need="no-such-need")) == []


def test_an_unpublished_service_is_not_found(offer):
    service_unpublish(actor=None, service=offer["anger_management"])
    assert "Sinnemestringskurs i Fjordvik" not in names(services_find(text="sinne"))
    assert service_public_detail(service_id=offer["anger_management"].pk) is None


def test_the_crisis_centre_address_is_not_in_the_result_card(offer):
    card = services_find(text="krisesenter").get(pk=offer["crisis_centre"].pk)
    locations = [sal.location for sal in card.service_at_locations.all()]
    assert locations[0].is_confidential
    assert list(locations[0].addresses.all()) == []
    assert card.has_confidential_location


def test_texts_come_in_the_asked_language_with_bokmal_fallback(offer):
    card = services_find(text="krisesenter", language="en").get(pk=offer["crisis_centre"].pk)
    assert card.text.name == "Fjordvik crisis centre"
    card = services_find(text="krisesenter", language="pl").get(pk=offer["crisis_centre"].pk)
    assert card.text.name == "Fjordvik krisesenter"


def test_open_now_follows_the_opening_hours(offer):
    tuesday_evening = timezone.make_aware(datetime(2026, 3, 3, 19, 0))
    sunday_noon = timezone.make_aware(datetime(2026, 3, 8, 12, 0))
    assert offer["anger_management"].pk in open_service_ids(now=tuesday_evening)
    assert offer["anger_management"].pk not in open_service_ids(now=sunday_noon)
    assert offer["crisis_centre"].pk in open_service_ids(now=sunday_noon)
    assert offer["nav"].pk not in open_service_ids(now=tuesday_evening)


def test_open_now_in_find_returns_only_open_services(offer):
    found = services_find(open_now=True)
    assert "Vold- og overgrepslinjen 116 006" in names(found)


def test_find_uses_the_same_number_of_queries_for_few_and_many_results(
    offer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        few = list(services_find(text="sinne"))
    with django_assert_max_num_queries(14):
        many = list(services_find())
    assert len(many) > len(few) * 5
    for card in many:
        for sal in card.service_at_locations.all():
            list(sal.location.addresses.all())
        list(card.phones.all())
