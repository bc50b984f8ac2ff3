"""Find help: by need, audience, municipality, free text and opening hours; phone first."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helhet.core.testing import Snapshot
from helhet.demo import directory as demo
from helhet.demo.region import seed_region
from helhet.directory.services import service_unpublish
from helhet.portal.tests.support import published_service

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


def _seed_offer():
    services = demo.seed(seed_region(), io.StringIO())
    return {item.key: service for item, service in zip(demo.OFFERS, services, strict=True)}


# Seeded once per test process and copied in for each test (it takes hundreds of queries).
_offer = Snapshot(_seed_offer)


@pytest.fixture
def offer():
    """The demo region's help offer, built with the directory's own services."""
    return _offer.load()


def results(client, path="/finn-hjelp/", **query):
    response = client.get(path, query)
    assert response.status_code == 200
    return response, [offer.name.value for offer in response.context["offers"]]


def test_without_criteria_it_lists_the_published_services(client, offer):
    response, names = results(client)
    assert "Fjordvik krisesenter" in names
    assert response.context["page_obj"].paginator.count == len(offer)


def test_a_resident_of_a_member_municipality_sees_the_inter_municipal_crisis_centre(client, offer):
    _response, nordoy = results(client, municipality="9902")
    assert "Fjordvik krisesenter" in nordoy
    # NAV Fjordvik serves only its own municipality; national lines serve everyone.
    assert "NAV Fjordvik" not in nordoy
    assert "Vold- og overgrepslinjen 116 006" in nordoy


def test_it_finds_by_need_and_by_free_text(client, offer):
    _response, names = results(client, need="uses_violence")
    assert "Alternativ til Vold Fjordvik" in names
    assert "Fjordvik krisesenter" not in names
    _response, names = results(client, q="sinne")
    assert names == ["Sinnemestringskurs i Fjordvik"]


def test_it_finds_by_audience(client, offer):
    _response, children = results(client, audience="children")
    assert "Fjordvik krisesenter" in children
    assert "DPS Fjordvik – psykisk helsevern for voksne" not in children


@time_machine.travel(datetime(2026, 11, 24, 19, 0, tzinfo=OSLO), tick=False)  # a Tuesday
def test_open_now_shows_only_what_is_open_and_marks_it(client, offer):
    response, names = results(client, open_now="on")
    assert "Sinnemestringskurs i Fjordvik" in names  # Tuesdays 18–20:30
    assert "Fjordvik krisesenter" in names  # day and night
    assert "NAV Fjordvik" not in names
    assert "Åpent nå" in response.content.decode()


def test_a_result_shows_the_phone_first_then_hours_languages_interpreter_cost_referral(
    client, offer
):
    html = client.get("/finn-hjelp/", {"q": "krisesenter"}).content.decode()
    cards = html.split('<li class="portal-service">')[1:]
    card = next(card for card in cards if ">Fjordvik krisesenter</a>" in card)
    phone = card.index('href="tel:+4799001100"')
    assert phone < card.index("<dl")
    for label in ("Åpent", "Språk", "Tolk", "Pris", "Henvisning"):
        assert f"<dt>{label}</dt>" in card
    assert "Døgnåpent" in card
    assert "Du trenger ikke henvisning." in card
    assert '<span lang="pl">Polski</span>' in card


def test_a_service_that_needs_a_referral_says_so(client, offer):
    html = client.get("/finn-hjelp/", {"q": "DPS"}).content.decode()
    assert "Du trenger henvisning" in html


def test_opening_hours_read_as_words(client, offer):
    html = client.get(f"/finn-hjelp/{offer['nav'].pk}/").content.decode()
    assert "mandag–fredag kl. 09:00–15:00" in html
    english = client.get(f"/en/finn-hjelp/{offer['anger_management'].pk}/").content.decode()
    assert "Tuesday, 18:00–20:30" in english


def test_english_shows_the_services_english_text_and_marks_norwegian_fallbacks(client, offer):
    response = client.get(f"/en/finn-hjelp/{offer['crisis_centre'].pk}/")
    html = response.content.decode()
    assert '<h1 class="ds-heading" data-size="xl" lang="en">Fjordvik crisis centre</h1>' in html
    # The interpreter text exists in Bokmål only, and says so to a screen reader.
    assert '<dd lang="nb">Du kan få tolk gratis.' in html
    polish = client.get(f"/pl/finn-hjelp/{offer['crisis_centre'].pk}/").content.decode()
    assert 'lang="nb">Fjordvik krisesenter</h1>' in polish


def test_the_crisis_centres_address_is_never_shown(client, offer):
    html = client.get(f"/finn-hjelp/{offer['crisis_centre'].pk}/").content.decode()
    assert "Lyngbakken" not in html
    assert "Adressen er hemmelig" in html
    assert "Fjordvik helsehus" in html  # the meeting place
    listing = client.get("/finn-hjelp/", {"q": "krisesenter"}).content.decode()
    assert "Lyngbakken" not in listing


def test_a_public_address_is_shown(client, offer):
    html = client.get(f"/finn-hjelp/{offer['nav'].pk}/").content.decode()
    assert "Storgata 3, 9990 Fjordvik" in html


def test_an_unpublished_or_unknown_service_is_not_found_on_a_portal_page(client, offer):
    service_unpublish(actor=None, service=offer["nav"])
    response = client.get(f"/finn-hjelp/{offer['nav'].pk}/")
    assert response.status_code == 404
    assert "Vi fant ikke siden" in response.content.decode()
    assert 'id="quick-exit"' in response.content.decode()
    assert client.get("/finn-hjelp/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_a_bad_choice_gets_a_message_not_an_error_page(client, offer):
    response = client.get("/pl/finn-hjelp/", {"need": "nonsense", "q": "x" * 101})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"need", "q"}
    assert response.context["offers"] == []
    assert 'value="' + "x" * 101 + '"' in response.content.decode()


def test_a_search_sets_no_cookie(client, offer):
    response = client.get("/finn-hjelp/", {"need": "exposed_to_violence", "municipality": "9903"})
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]


def test_the_three_start_choices_lead_to_results(client, offer):
    for need in ("exposed_to_violence", "worried_about_someone", "uses_violence"):
        _response, names = results(client, need=need)
        assert names, need


def test_results_are_paginated_and_keep_the_search(client, cast):
    for number in range(25):
        published_service(name=f"Tilbud {number:02d}", phone=f"+47 99 00 80 {number:02d}")
    response, names = results(client, municipality="9901")
    assert len(names) == 20
    html = response.content.decode()
    assert 'href="?municipality=9901&amp;page=2"' in html
    _response, second = results(client, municipality="9901", page="2")
    assert len(second) == 5


def test_a_page_of_results_takes_a_fixed_number_of_queries(
    client, offer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(22):
        response = client.get("/finn-hjelp/")
    assert len(response.context["offers"]) == len(offer)
    with CaptureQueriesContext(connection) as few:
        client.get("/finn-hjelp/", {"q": "sinne"})
    with CaptureQueriesContext(connection) as many:
        client.get("/finn-hjelp/")
    # Prefetching: the count does not grow with the number of services on the page.
    assert len(many) == len(few)


@pytest.mark.parametrize("prefix", ["", "/nn", "/en", "/pl", "/uk", "/lt", "/ar", "/so", "/ti"])
def test_the_search_form_has_no_word_outside_the_visitors_language(client, prefix):
    # Core's field template marks optional fields with a word only Bokmål and English
    # have; the portal's own field template prints only the form's own words.
    response = client.get(f"{prefix}/finn-hjelp/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "field__optional" not in html
    assert "valgfritt" not in html
    assert 'class="ds-input"' in html
