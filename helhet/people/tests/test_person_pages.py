"""The person list, the person page with its warnings, changes and erasure."""

import datetime

from django.urls import reverse

from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.people.choices import AddressProtection, Purpose
from helhet.people.models import Person, PersonKey
from helhet.people.selectors import person_data
from helhet.people.tests.helpers import national_id, register
from helhet.people.views import PAGE_SIZE

LIST = reverse("people:list")


def _detail(person):
    return reverse("people:detail", kwargs={"person_id": person.pk})


def _list_reads():
    return Event.objects.filter(kind=EventKind.READ, purpose=Purpose.LIST)


def test_the_list_shows_only_my_units_persons_and_logs_each_one(cast, login_as, client):
    mine = [register(cast.shelter_worker, cast.shelter, name=f"Beboer {i}") for i in range(3)]
    register(cast.nav_worker, cast.nav, name="Navbruker")
    login_as(cast.shelter_worker)
    response = client.get(LIST)
    body = response.content.decode()
    assert "Beboer 0" in body and "Beboer 2" in body
    assert "Navbruker" not in body
    assert sorted(_list_reads().values_list("person_id", flat=True)) == sorted(
        person.pk for person in mine
    )
    # Each read names the unit through which the worker sees the person.
    assert set(_list_reads().values_list("unit_id", "detail")) == {(cast.shelter.pk, "")}


def test_the_list_searches_names_within_the_visible_set(cast, login_as, client):
    register(cast.shelter_worker, cast.shelter, name="Aisha Haugen")
    register(cast.shelter_worker, cast.shelter, name="Bente Li")
    register(cast.nav_worker, cast.nav, name="Aisha Berg")
    login_as(cast.shelter_worker)
    response = client.get(LIST, {"q": "aisha"})
    body = response.content.decode()
    assert "Aisha Haugen" in body
    assert "Bente Li" not in body and "Aisha Berg" not in body
    assert _list_reads().count() == 1


def test_the_list_finds_a_whole_national_number_through_the_blind_index(cast, login_as, client):
    number = national_id(datetime.date(1975, 11, 2))
    register(cast.shelter_worker, cast.shelter, name="Med nummer", national_id=number)
    register(cast.shelter_worker, cast.shelter, name="Uten nummer")
    login_as(cast.shelter_worker)
    body = client.get(LIST, {"q": f"{number[:6]} {number[6:]}"}).content.decode()
    assert "Med nummer" in body and "Uten nummer" not in body
    # Part of a number finds nothing: the index holds whole numbers only.
    body = client.get(LIST, {"q": number[:6]}).content.decode()
    assert "Med nummer" not in body


def test_the_list_does_not_find_another_units_person_by_number(cast, login_as, client):
    number = national_id(datetime.date(1975, 11, 2))
    register(cast.nav_worker, cast.nav, name="Navbruker", national_id=number)
    login_as(cast.shelter_worker)
    assert "Navbruker" not in client.get(LIST, {"q": number}).content.decode()
    assert not _list_reads().exists()


def test_the_list_paginates_and_logs_only_the_page_shown(cast, login_as, client):
    for i in range(PAGE_SIZE + 3):
        register(cast.shelter_worker, cast.shelter, name=f"Person {i:02d}")
    login_as(cast.shelter_worker)
    first = client.get(LIST)
    assert len(first.context["rows"]) == PAGE_SIZE
    assert _list_reads().count() == PAGE_SIZE
    second = client.get(LIST, {"page": 2})
    assert len(second.context["rows"]) == 3
    assert _list_reads().count() == PAGE_SIZE + 3
    assert "Side 2 av 2" in second.content.decode()


def test_the_list_keeps_the_search_on_page_links(cast, login_as, client):
    for i in range(PAGE_SIZE + 1):
        register(cast.shelter_worker, cast.shelter, name=f"Aisha {i:02d}")
    login_as(cast.shelter_worker)
    body = client.get(LIST, {"q": "Aisha"}).content.decode()
    assert "?q=Aisha&amp;page=2" in body


def test_the_list_runs_a_fixed_number_of_queries(
    cast, login_as, client, django_assert_max_num_queries
):
    for i in range(PAGE_SIZE + 5):
        register(cast.shelter_worker, cast.shelter, name=f"Person {i:02d}")
    login_as(cast.shelter_worker)
    client.get(LIST)  # warm up the session
    # Session, user, capabilities, menu and units (about 8), the visible set (3), and one
    # insert per audit event on the page (events are chained one by one).
    with django_assert_max_num_queries(PAGE_SIZE + 16):
        response = client.get(LIST)
    assert len(response.context["rows"]) == PAGE_SIZE
    with django_assert_max_num_queries(PAGE_SIZE + 16):
        client.get(LIST, {"q": "Person 1"})


def test_the_person_page_shows_the_strict_address_notice_instead_of_an_address(
    cast, login_as, client
):
    person = register(
        cast.shelter_worker,
        cast.shelter,
        name="Skjult Person",
        address_protection=AddressProtection.STRICT,
    )
    login_as(cast.shelter_worker)
    body = client.get(_detail(person)).content.decode()
    assert "data-address-warning" in body
    assert "Strengt fortrolig adresse – adressen registreres ikke." in body


def test_the_edit_form_has_no_address_field_for_strengt_fortrolig(cast, login_as, client):
    person = register(
        cast.shelter_worker, cast.shelter, address_protection=AddressProtection.STRICT
    )
    login_as(cast.shelter_worker)
    response = client.get(reverse("people:edit", kwargs={"person_id": person.pk}))
    assert "address" not in response.context["form"].fields
    body = response.content.decode()
    assert 'name="address"' not in body
    assert "data-address-notice" in body


def test_a_confidential_address_is_shown_only_on_request_and_that_is_logged(cast, login_as, client):
    person = register(
        cast.shelter_worker,
        cast.shelter,
        address="Fortroligveien 3",
        address_protection=AddressProtection.CONFIDENTIAL,
    )
    login_as(cast.shelter_worker)
    body = client.get(_detail(person)).content.decode()
    assert "Fortroligveien 3" not in body
    assert "?adresse=vis" in body
    body = client.get(_detail(person), {"adresse": "vis"}).content.decode()
    assert "Fortroligveien 3" in body
    shown = Event.objects.get(purpose=Purpose.SHOW_ADDRESS, person_id=person.pk)
    assert shown.detail == "field:address"


def test_an_ordinary_address_is_shown(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter, address="Åpen gate 1")
    login_as(cast.shelter_worker)
    assert "Åpen gate 1" in client.get(_detail(person)).content.decode()


def test_the_person_page_warns_what_contact_is_not_safe(cast, login_as, client):
    person = register(
        cast.shelter_worker,
        cast.shelter,
        may_text=True,
        safe_times="Etter kl. 15",
        safe_contact_person="Venninnen Liv",
    )
    login_as(cast.shelter_worker)
    body = client.get(_detail(person)).content.decode()
    assert "data-safe-contact" in body
    assert "Ikke ring." in body
    assert "Vi kan sende SMS." in body
    assert "Ikke legg igjen beskjed på telefonsvareren." in body
    assert "Etter kl. 15" in body and "Venninnen Liv" in body


def test_a_change_is_saved_and_logged_by_field_name_only(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter, name="Gammelt Navn", phone="11111111")
    login_as(cast.shelter_worker)
    url = reverse("people:edit", kwargs={"person_id": person.pk})
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"name": "Nytt Navn", "phone": "22222222"})
    for flag in ("needs_interpreter", "may_call", "may_text", "may_write", "may_leave_voicemail"):
        data.pop(flag)
    response = client.post(url, data)
    assert response.status_code == 302
    after = person_data(Person.objects.get(pk=person.pk))
    assert (after.name, after.phone) == ("Nytt Navn", "22222222")
    update = Event.objects.get(kind=EventKind.UPDATE, person_id=person.pk)
    assert update.detail == "name,phone"
    assert "Nytt" not in update.detail


def test_the_nav_worker_cannot_open_the_edit_page_of_a_shelter_person(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter)
    login_as(cast.nav_worker)
    response = client.post(
        reverse("people:edit", kwargs={"person_id": person.pk}), {"name": "Kapret"}
    )
    assert response.status_code == 404
    assert person_data(Person.objects.get(pk=person.pk)).name == "Kari Nordmann"


def test_erase_needs_a_post_with_confirmation(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter)
    login_as(cast.shelter_lead)
    url = reverse("people:erase", kwargs={"person_id": person.pk})
    assert client.get(url).status_code == 200
    assert not Person.objects.get(pk=person.pk).is_erased
    response = client.post(url, {})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"]
    assert not Person.objects.get(pk=person.pk).is_erased
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).is_erased
    assert not PersonKey.objects.filter(person_id=person.pk).exists()
    assert Event.objects.filter(kind=EventKind.ERASE, person_id=person.pk).count() == 1
    # The erased person is gone from every page.
    assert client.get(_detail(person)).status_code == 404
    assert client.post(url, {"confirm": "on"}).status_code == 404


def test_a_worker_without_the_erase_capability_gets_403(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter)
    login_as(cast.shelter_worker)
    url = reverse("people:erase", kwargs={"person_id": person.pk})
    assert client.post(url, {"confirm": "on"}).status_code == 403
    assert not Person.objects.get(pk=person.pk).is_erased
