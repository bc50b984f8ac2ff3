"""Organisations and locations on the coordinator's pages; a secret address is
write-only there."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from helhet.directory.models import ChangeRecord, Location, Organization
from helhet.directory.tests.factories import SECRET_STREET, published_service, secret_location

pytestmark = pytest.mark.django_db


def location_data(**overrides):
    data = {
        "submission_id": str(uuid.uuid4()),
        "name": "Møtestedet",
        "location_type": "physical",
        "organization": "",
        "is_confidential": "",
        "meeting_place": "",
        "description": "",
        "transportation": "Buss 2 til torget.",
        "url": "",
        "address_1": "Torget 1",
        "postal_code": "9990",
        "city": "Fjordvik",
        "accessibility": "Trinnfri inngang\nTeleslynge",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


def test_an_organization_is_created_once_per_form(cast, client, login_as):
    login_as(cast.coordinator)
    data = {"submission_id": str(uuid.uuid4()), "name": "Fjordvik frivilligsentral"}
    client.post(reverse("directory:organization_create"), data)
    response = client.post(reverse("directory:organization_create"), data)
    assert response.status_code == 302
    assert Organization.objects.filter(name="Fjordvik frivilligsentral").count() == 1


def test_a_second_organization_with_the_same_name_is_refused_by_the_name_field(
    cast, client, login_as
):
    login_as(cast.coordinator)
    client.post(
        reverse("directory:organization_create"),
        {"name": "Fjordvik frivilligsentral", "submission_id": str(uuid.uuid4())},
    )
    response = client.post(
        reverse("directory:organization_create"),
        {"name": "fjordvik frivilligsentral", "submission_id": str(uuid.uuid4())},
    )
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert 'value="fjordvik frivilligsentral"' in response.content.decode()


def test_a_post_without_a_submission_id_creates_nothing(cast, client, login_as):
    login_as(cast.coordinator)
    data = {"name": "Uten kode"}
    response = client.post(reverse("directory:organization_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["submission_id"]
    del_id = location_data(name="Uten kode")
    del del_id["submission_id"]
    assert client.post(reverse("directory:location_create"), del_id).status_code == 400
    assert not Organization.objects.filter(name="Uten kode").exists()
    assert not Location.objects.filter(name="Uten kode").exists()


def test_a_location_is_created_with_its_address_and_accessibility(cast, client, login_as):
    login_as(cast.coordinator)
    data = location_data()
    assert client.post(reverse("directory:location_create"), data).status_code == 302
    assert client.post(reverse("directory:location_create"), data).status_code == 302
    location = Location.objects.get(name="Møtestedet")
    assert location.addresses.get().address_1 == "Torget 1"
    assert [a.description for a in location.accessibility.all()] == [
        "Teleslynge",
        "Trinnfri inngang",
    ]
    assert Location.objects.filter(name="Møtestedet").count() == 1


def test_half_an_address_is_refused_field_by_field(cast, client, login_as):
    login_as(cast.coordinator)
    response = client.post(reverse("directory:location_create"), location_data(city=""))
    assert response.status_code == 400
    assert "city" in response.context["form"].errors
    assert 'value="Torget 1"' in response.content.decode()


def test_a_secret_address_is_never_shown_on_the_staff_pages(cast, client, login_as):
    location = secret_location(cast.coordinator)
    login_as(cast.coordinator)
    listing = client.get(reverse("directory:location_list")).content.decode()
    edit = client.get(reverse("directory:location_edit", args=[location.pk])).content.decode()
    assert "Testsenteret" in listing and "Testsenteret" in edit
    assert SECRET_STREET not in listing
    assert SECRET_STREET not in edit


def test_saving_a_secret_location_with_empty_address_fields_keeps_the_address(
    cast, client, login_as
):
    location = secret_location(cast.coordinator)
    login_as(cast.coordinator)
    data = location_data(
        name="Testsenteret",
        is_confidential="on",
        meeting_place="Biblioteket",
        address_1="",
        postal_code="",
        city="",
    )
    response = client.post(reverse("directory:location_edit", args=[location.pk]), data)
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.meeting_place == "Biblioteket"
    assert location.addresses.get().address_1 == SECRET_STREET


def test_a_new_secret_address_replaces_the_old_and_is_not_in_the_history(cast, client, login_as):
    location = secret_location(cast.coordinator)
    login_as(cast.coordinator)
    data = location_data(name="Testsenteret", is_confidential="on", address_1="Nyveien 5")
    client.post(reverse("directory:location_edit", args=[location.pk]), data)
    assert location.addresses.get().address_1 == "Nyveien 5"
    change = ChangeRecord.objects.get(resource_id=location.pk, field_name="addresses")
    assert change.previous_value == "" and change.replacement_value == ""
    assert not ChangeRecord.objects.filter(previous_value__contains=SECRET_STREET).exists()


def test_making_a_location_secret_hides_it_from_the_api(cast, client, login_as):
    service = published_service(cast.coordinator)
    login_as(cast.coordinator)
    client.post(reverse("directory:location_create"), location_data())
    public = Location.objects.get(name="Møtestedet")
    service.service_at_locations.create(location=public)
    assert "Torget 1" in client.get(f"/api/hsds/services/{service.pk}").content.decode()
    client.post(
        reverse("directory:location_edit", args=[public.pk]), location_data(is_confidential="on")
    )
    body = client.get(f"/api/hsds/services/{service.pk}").content.decode()
    assert "Torget 1" not in body
    assert public.addresses.get().address_1 == "Torget 1"


def test_an_unknown_location_is_404(cast, client, login_as):
    login_as(cast.coordinator)
    response = client.get(reverse("directory:location_edit", args=[uuid.uuid4()]))
    assert response.status_code == 404


def test_the_location_search_takes_any_text_without_an_error(cast, client, login_as):
    secret_location(cast.coordinator)
    login_as(cast.coordinator)
    url = reverse("directory:location_list")
    assert "Testsenteret" in client.get(url, {"q": "Test"}).content.decode()
    for query in ("\x00", "x" * 201):
        response = client.get(url, {"q": query})
        assert response.status_code == 200
        assert "Testsenteret" in response.content.decode()
