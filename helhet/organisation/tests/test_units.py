"""Units: the administrator lists, searches, creates and changes them."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.organisation.choices import UnitType
from helhet.organisation.models import Municipality, Unit
from helhet.organisation.services import OrganisationError, unit_create, unit_update

LIST = reverse("organisation:unit_list")
CREATE = reverse("organisation:unit_create")


def _unit_data(cast, **overrides):
    data = {
        "name": "Barnevernet i Fjordvik",
        "unit_type": UnitType.CHILD_WELFARE,
        "host_municipality": cast.fjordvik.pk,
        "covered_municipalities": [cast.nordoy.pk],
        "phone": "+47 22 33 44 55",
        "email": "barnevern@fjordvik.kommune.no",
        "submission_id": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def _edit_url(unit):
    return reverse("organisation:unit_edit", kwargs={"unit_id": unit.pk})


# The list


def test_it_lists_every_unit_for_the_administrator(cast, login_as, client):
    login_as(cast.admin)

    response = client.get(LIST)

    assert response.status_code == 200
    names = [unit.name for unit in response.context["page_obj"]]
    assert names == sorted(
        [
            "Fjordvik krisesenter",
            "NAV Fjordvik",
            "Koordinerende enhet Fjordvik",
            "Fjordvik kommune, administrasjon",
        ]
    )
    assert "Nordøy" in response.content.decode()


def test_it_searches_units_by_name(cast, login_as, client):
    login_as(cast.admin)

    response = client.get(LIST, {"q": "krise"})

    assert [unit.name for unit in response.context["page_obj"]] == ["Fjordvik krisesenter"]


def test_it_searches_units_by_municipality_number_and_filters_by_type(cast, login_as, client):
    hjelp = Municipality.objects.create(number="9904", name="Austvik")
    unit_create(
        actor=cast.admin,
        name="NAV Austvik",
        unit_type=UnitType.NAV,
        host_municipality=hjelp,
        submission_id=uuid.uuid4(),
    )
    login_as(cast.admin)

    by_number = client.get(LIST, {"q": "9904"})
    by_type = client.get(LIST, {"unit_type": UnitType.NAV})

    assert [unit.name for unit in by_number.context["page_obj"]] == ["NAV Austvik"]
    assert [unit.name for unit in by_type.context["page_obj"]] == ["NAV Austvik", "NAV Fjordvik"]


def test_it_says_so_when_no_unit_matches(cast, login_as, client):
    login_as(cast.admin)

    response = client.get(LIST, {"q": "finnes ikke"})

    assert "Ingen enheter passer med søket." in response.content.decode()


def test_it_paginates_and_keeps_the_search_on_the_page_links(cast, login_as, client):
    for number in range(30):
        unit_create(
            actor=cast.admin,
            name=f"Helsestasjon {number:02}",
            unit_type=UnitType.HEALTH_STATION,
            host_municipality=cast.fjordvik,
            submission_id=uuid.uuid4(),
        )
    login_as(cast.admin)

    first = client.get(LIST, {"q": "Helsestasjon"})
    second = client.get(LIST, {"q": "Helsestasjon", "page": 2})

    assert len(first.context["page_obj"]) == 25
    assert len(second.context["page_obj"]) == 5
    assert "?q=Helsestasjon&amp;page=2" in first.content.decode()


def test_the_unit_list_makes_the_same_number_of_queries_for_many_units(
    cast, login_as, client, django_assert_max_num_queries
):
    for number in range(30):
        unit = unit_create(
            actor=cast.admin,
            name=f"Skolehelsetjenesten {number:02}",
            unit_type=UnitType.SCHOOL_HEALTH,
            host_municipality=cast.fjordvik,
            covered_municipalities=[cast.nordoy, cast.sordal],
            submission_id=uuid.uuid4(),
        )
        assert unit.pk
    login_as(cast.admin)

    # Session, user, capabilities, header units, count, page, covered municipalities, and
    # the session clock's save (savepoint, update, release): none of them per unit.
    with django_assert_max_num_queries(10):
        response = client.get(LIST)

    assert response.status_code == 200


# Creating


def test_the_administrator_creates_a_unit_that_also_covers_its_host(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(CREATE, _unit_data(cast))

    unit = Unit.objects.get(name="Barnevernet i Fjordvik")
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation:unit_detail", kwargs={"unit_id": unit.pk})
    assert unit.unit_type == UnitType.CHILD_WELFARE
    assert set(unit.covered_municipalities.all()) == {cast.fjordvik, cast.nordoy}
    assert unit.phone == "+47 22 33 44 55"


def test_creating_a_unit_is_an_audit_event(cast, login_as, client):
    login_as(cast.admin)

    client.post(CREATE, _unit_data(cast))

    unit = Unit.objects.get(name="Barnevernet i Fjordvik")
    event = Event.objects.filter(object_type="organisation.unit", object_id=str(unit.pk)).first()
    assert event.kind == EventKind.CREATE
    assert event.actor_id == cast.admin.pk


def test_a_double_submit_creates_one_unit(cast, login_as, client):
    login_as(cast.admin)
    data = _unit_data(cast)

    first = client.post(CREATE, data)
    second = client.post(CREATE, data)

    assert Unit.objects.filter(name="Barnevernet i Fjordvik").count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Event.objects.filter(object_type="organisation.unit", kind=EventKind.CREATE).count() == 5


def test_a_new_form_with_the_same_name_is_refused_next_to_the_name(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(CREATE, _unit_data(cast, name="NAV  Fjordvik"))

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Det finnes allerede en enhet med dette navnet i kommunen."
    ]
    assert Unit.objects.filter(name="NAV Fjordvik").count() == 1


def test_it_explains_each_missing_field_and_keeps_what_was_typed(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(
        CREATE,
        _unit_data(cast, name="", unit_type="", host_municipality="", phone="ring meg", email="x@"),
    )

    errors = response.context["form"].errors
    assert errors["name"] == ["Skriv navnet på enheten."]
    assert errors["unit_type"] == ["Velg hva slags tjeneste dette er."]
    assert errors["host_municipality"] == ["Velg kommunen som driver tjenesten."]
    assert errors["phone"][0].startswith("Skriv telefonnummeret med sifre")
    assert errors["email"] == ["Skriv en gyldig e-postadresse, for eksempel post@kommune.no."]
    html = response.content.decode()
    assert 'value="ring meg"' in html
    assert 'value="x@"' in html
    assert Unit.objects.count() == 4


def test_it_offers_only_current_municipalities_for_a_new_unit(cast, login_as, client):
    old = Municipality.objects.create(
        number="9909",
        name="Gamlevik",
        valid_from="2000-01-01",
        valid_to="2019-12-31",
    )
    login_as(cast.admin)

    response = client.get(CREATE)

    choices = list(response.context["form"].fields["host_municipality"].queryset)
    assert cast.fjordvik in choices
    assert old not in choices


def test_a_tampered_submission_id_gets_a_message_not_an_error_page(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(CREATE, _unit_data(cast, submission_id="ikke-en-kode"))

    assert response.status_code == 200
    assert "Last inn siden på nytt" in response.content.decode()


def test_a_post_without_a_submission_id_is_refused_with_a_message(cast, login_as, client):
    login_as(cast.admin)
    data = _unit_data(cast)
    del data["submission_id"]

    response = client.post(CREATE, data)

    assert response.status_code == 200
    assert (
        "Skjemaet mangler en intern kode. Last inn siden på nytt og prøv igjen."
        in response.content.decode()
    )
    assert 'value="Barnevernet i Fjordvik"' in response.content.decode()
    assert not Unit.objects.filter(name="Barnevernet i Fjordvik").exists()


def test_a_submission_id_from_another_user_is_refused(cast, login_as, client):
    key = uuid.uuid4()
    unit_create(
        actor=cast.coordinator,
        name="Konsultasjonsteamet",
        unit_type=UnitType.CONSULTATION_TEAM,
        host_municipality=cast.fjordvik,
        submission_id=key,
    )
    login_as(cast.admin)

    response = client.post(CREATE, _unit_data(cast, submission_id=str(key)))

    assert response.status_code == 200
    assert "Skjemaet er utløpt" in response.content.decode()
    assert not Unit.objects.filter(name="Barnevernet i Fjordvik").exists()


# Changing


def test_the_administrator_changes_a_unit(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(
        _edit_url(cast.nav),
        {
            "name": "NAV Fjordvik og Nordøy",
            "unit_type": UnitType.NAV,
            "host_municipality": cast.fjordvik.pk,
            "covered_municipalities": [cast.nordoy.pk],
            "phone": "55 55 33 33",
            "email": "",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    cast.nav.refresh_from_db()
    assert cast.nav.name == "NAV Fjordvik og Nordøy"
    assert set(cast.nav.covered_municipalities.all()) == {cast.fjordvik, cast.nordoy}
    event = Event.objects.get(
        kind=EventKind.UPDATE, object_type="organisation.unit", object_id=str(cast.nav.pk)
    )
    assert event.detail == "name,phone,covered_municipalities"


def test_covering_another_municipality_alone_is_recorded_as_that_change(cast, login_as, client):
    login_as(cast.admin)

    client.post(
        _edit_url(cast.nav),
        {
            "name": "NAV Fjordvik",
            "unit_type": UnitType.NAV,
            "host_municipality": cast.fjordvik.pk,
            "covered_municipalities": [cast.sordal.pk],
            "is_active": "on",
        },
    )

    assert set(cast.nav.covered_municipalities.all()) == {cast.fjordvik, cast.sordal}
    event = Event.objects.get(kind=EventKind.UPDATE, object_type="organisation.unit")
    assert event.detail == "covered_municipalities"


def test_the_service_explains_a_change_the_unit_cannot_hold(cast):
    with pytest.raises(OrganisationError) as refused:
        unit_update(
            actor=cast.admin,
            unit=cast.nav,
            name="NAV Fjordvik",
            unit_type=UnitType.NAV,
            host_municipality=cast.fjordvik,
            covered_municipalities=[],
            phone="",
            email="ikke en adresse",
            is_active=True,
        )

    assert refused.value.field == "email"
    cast.nav.refresh_from_db()
    assert cast.nav.email == ""


def test_saving_a_unit_unchanged_records_nothing(cast, login_as, client):
    login_as(cast.admin)
    form = client.get(_edit_url(cast.nav)).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in ("", None)}
    data["is_active"] = "on"

    response = client.post(_edit_url(cast.nav), data)

    assert response.status_code == 302
    assert not Event.objects.filter(kind=EventKind.UPDATE, object_type="organisation.unit").exists()


def test_the_edit_form_starts_with_the_units_values(cast, login_as, client):
    login_as(cast.admin)

    response = client.get(_edit_url(cast.shelter))

    form = response.context["form"]
    assert form["name"].value() == "Fjordvik krisesenter"
    # The host is covered anyway; the form lists only the others.
    assert sorted(form["covered_municipalities"].value()) == sorted(
        [cast.nordoy.pk, cast.sordal.pk]
    )
    assert form["is_active"].value() is True


def test_deactivating_a_unit_takes_away_what_its_memberships_gave(cast, login_as, client):
    login_as(cast.admin)

    client.post(
        _edit_url(cast.shelter),
        {
            "name": cast.shelter.name,
            "unit_type": cast.shelter.unit_type,
            "host_municipality": cast.fjordvik.pk,
        },
    )

    cast.shelter.refresh_from_db()
    assert cast.shelter.is_active is False
    login_as(cast.shelter_lead)
    assert client.get(reverse("organisation:user_list")).status_code == 403


def test_renaming_to_another_units_name_is_refused_next_to_the_name(cast, login_as, client):
    login_as(cast.admin)

    response = client.post(
        _edit_url(cast.nav),
        {
            "name": "Fjordvik krisesenter",
            "unit_type": UnitType.NAV,
            "host_municipality": cast.fjordvik.pk,
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Det finnes allerede en enhet med dette navnet i kommunen."
    ]
    cast.nav.refresh_from_db()
    assert cast.nav.name == "NAV Fjordvik"


def test_opening_the_edit_page_is_logged_with_a_purpose_the_privacy_officer_can_read(
    cast, login_as, client
):
    login_as(cast.admin)

    client.get(_edit_url(cast.nav))

    event = Event.objects.get(
        kind=EventKind.READ, object_type="organisation.unit", object_id=str(cast.nav.pk)
    )
    assert event.purpose == "organisation.unit_edit"
    assert event.purpose_label == "Endre enhet"
    assert event.unit_name == "NAV Fjordvik"


def test_editing_a_unit_that_does_not_exist_is_404_and_logged(cast, login_as, client):
    login_as(cast.admin)

    response = client.get(reverse("organisation:unit_edit", kwargs={"unit_id": 999999}))

    assert response.status_code == 404
    assert Event.objects.filter(
        kind=EventKind.ACCESS_DENIED, object_type="organisation.unit", object_id="999999"
    ).exists()


@pytest.mark.parametrize("visitor", ["shelter_lead", "shelter_worker", "privacy_officer"])
def test_only_the_administrator_may_change_units(cast, login_as, client, visitor):
    login_as(getattr(cast, visitor))

    response = client.post(
        _edit_url(cast.shelter),
        {"name": "Omdøpt", "unit_type": UnitType.OTHER, "host_municipality": cast.fjordvik.pk},
    )

    assert response.status_code == 403
    cast.shelter.refresh_from_db()
    assert cast.shelter.name == "Fjordvik krisesenter"


def test_directional_formatting_characters_are_removed_from_a_unit_name(cast):
    import uuid

    from helhet.organisation.services import unit_create

    unit = unit_create(
        actor=cast.admin,
        name="\u202eNAV\u202c Sørdal ",
        unit_type=cast.nav.unit_type,
        host_municipality=cast.sordal,
        submission_id=uuid.uuid4(),
    )
    assert unit.name == "NAV Sørdal"
