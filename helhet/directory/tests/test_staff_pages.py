"""The coordinator's directory pages, through the test client."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from helhet.audit.models import Event
from helhet.directory.choices import ChangeAction
from helhet.directory.models import ChangeRecord, Service
from helhet.directory.selectors import services_find
from helhet.directory.services import service_verify
from helhet.directory.tests.factories import (
    SECRET_STREET,
    need,
    organization,
    published_service,
    secret_location,
)

pytestmark = pytest.mark.django_db


def form_data(cast: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "submission_id": str(uuid.uuid4()),
        "organization": str(organization(cast.coordinator).pk),
        "unit": "",
        "name": "Samtaletilbud for unge",
        "alternate_name": "",
        "status": "active",
        "description": "Samtaler for ungdom som opplever vold hjemme.",
        "eligibility_description": "",
        "application_process": "Ring oss.",
        "fees_description": "Gratis.",
        "interpretation_services": "",
        "minimum_age": "13",
        "maximum_age": "18",
        "url": "",
        "email": "",
        "alert": "",
        "needs": [str(need().pk)],
        "municipalities": ["9901", "9902"],
        "languages": ["nb", "en"],
        "locations": [str(secret_location(cast.coordinator).pk)],
        "phones-TOTAL_FORMS": "2",
        "phones-INITIAL_FORMS": "0",
        "phones-MIN_NUM_FORMS": "0",
        "phones-MAX_NUM_FORMS": "10",
        "phones-0-number": "+47 99 11 22 33",
        "phones-0-type": "voice",
        "phones-0-description": "Hverdager",
        "phones-0-languages": ["nb"],
        "phones-1-number": "",
        "phones-1-type": "voice",
        "phones-1-description": "",
        "schedules-TOTAL_FORMS": "1",
        "schedules-INITIAL_FORMS": "0",
        "schedules-MIN_NUM_FORMS": "0",
        "schedules-MAX_NUM_FORMS": "14",
        "schedules-0-days": ["MO", "WE"],
        "schedules-0-opens_at": "09:00",
        "schedules-0-closes_at": "15:00",
        "schedules-0-description": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_coordinator_creates_an_unpublished_service_with_its_parts(cast, client, login_as):
    login_as(cast.coordinator)
    response = client.post(reverse("directory:service_create"), form_data(cast))
    assert response.status_code == 302
    service = Service.objects.get(name="Samtaletilbud for unge")
    assert response["Location"] == reverse("directory:service_detail", args=[service.pk])
    assert not service.is_published
    assert [phone.number for phone in service.phones.all()] == ["+47 99 11 22 33"]
    assert [lang.code for lang in service.phones.get().languages.all()] == ["nb"]
    assert service.schedules.get().byday == "MO,WE"
    assert sorted(a.municipality_number for a in service.service_areas.all()) == ["9901", "9902"]
    assert service.changes.filter(action=ChangeAction.CREATE).count() == 1
    assert Event.objects.filter(
        kind="create", object_type="directory.service", object_id=str(service.pk)
    ).exists()


def test_posting_the_same_create_form_twice_creates_one_service(cast, client, login_as):
    login_as(cast.coordinator)
    data = form_data(cast)
    first = client.post(reverse("directory:service_create"), data)
    second = client.post(reverse("directory:service_create"), data)
    assert first["Location"] == second["Location"]
    assert Service.objects.filter(name="Samtaletilbud for unge").count() == 1


def test_an_invalid_form_keeps_the_input_and_puts_errors_by_the_fields(cast, client, login_as):
    login_as(cast.coordinator)
    data = form_data(
        cast,
        name="",
        minimum_age="18",
        maximum_age="12",
        **{"schedules-0-opens_at": "", "phones-1-description": "Kveld"},
    )
    response = client.post(reverse("directory:service_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Samtaler for ungdom som opplever vold hjemme." in html
    form = response.context["form"]
    assert "name" in form.errors
    assert "maximum_age" in form.errors
    assert "opens_at" in response.context["schedules"].forms[0].errors
    assert "number" in response.context["phones"].forms[1].errors
    assert 'id="id_maximum_age_error"' in html
    assert not Service.objects.filter(description__startswith="Samtaler for ungdom").exists()


def test_editing_records_each_changed_field_in_the_history(cast, client, login_as):
    service = published_service(cast.coordinator)
    login_as(cast.coordinator)
    url = reverse("directory:service_edit", args=[service.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(
        cast,
        name=service.name,
        description="En ny og bedre beskrivelse.",
        minimum_age="",
        maximum_age="",
        submission_id="",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    change = ChangeRecord.objects.get(service=service, field_name="description")
    assert change.previous_value == "Et krisesenter til bruk i tester."
    assert change.replacement_value == "En ny og bedre beskrivelse."
    assert change.changed_by == cast.coordinator
    history = client.get(reverse("directory:service_history", args=[service.pk]))
    assert "En ny og bedre beskrivelse." in history.content.decode()


def test_publishing_needs_a_way_to_make_contact(cast, client, login_as):
    login_as(cast.coordinator)
    data = form_data(
        cast, **{"phones-0-number": "", "phones-0-description": "", "phones-0-languages": None}
    )
    client.post(reverse("directory:service_create"), data)
    service = Service.objects.get(name="Samtaletilbud for unge")
    response = client.post(reverse("directory:service_publish", args=[service.pk]), follow=True)
    assert "må ha et telefonnummer" in response.content.decode()
    service.refresh_from_db()
    assert not service.is_published


def test_publish_and_unpublish_take_the_service_on_and_off_the_public_search(
    cast, client, login_as
):
    login_as(cast.coordinator)
    client.post(reverse("directory:service_create"), form_data(cast))
    service = Service.objects.get(name="Samtaletilbud for unge")
    assert list(services_find(text="ungdom")) == []
    client.post(reverse("directory:service_publish", args=[service.pk]))
    assert [s.pk for s in services_find(text="ungdom")] == [service.pk]
    client.post(reverse("directory:service_unpublish", args=[service.pk]))
    assert list(services_find(text="ungdom")) == []
    actions = list(service.changes.values_list("action", flat=True))
    assert ChangeAction.PUBLISH in actions and ChangeAction.UNPUBLISH in actions


def test_services_not_verified_for_twelve_months_are_listed_until_verified(cast, client, login_as):
    service = published_service(cast.coordinator)
    service_verify(
        actor=cast.coordinator,
        service=service,
        on=timezone.localdate() - timedelta(days=400),
    )
    login_as(cast.coordinator)
    listing = client.get(reverse("directory:reverify_list"))
    assert service.name in listing.content.decode()
    response = client.post(
        reverse("directory:service_verify", args=[service.pk]),
        {"last_verified_on": timezone.localdate().isoformat(), "next": "reverify"},
    )
    assert response["Location"] == reverse("directory:reverify_list")
    service.refresh_from_db()
    assert service.last_verified_on == timezone.localdate()
    listing = client.get(reverse("directory:reverify_list"))
    assert service.name not in listing.content.decode()


def test_a_verification_date_in_the_future_is_refused(cast, client, login_as):
    service = published_service(cast.coordinator)
    login_as(cast.coordinator)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        reverse("directory:service_verify", args=[service.pk]),
        {"last_verified_on": tomorrow.isoformat()},
        follow=True,
    )
    assert "kan ikke være i fremtiden" in response.content.decode()
    service.refresh_from_db()
    assert service.last_verified_on != tomorrow


def test_a_translation_is_saved_per_language_and_used_by_the_portal_search(cast, client, login_as):
    service = published_service(cast.coordinator)
    login_as(cast.coordinator)
    url = reverse("directory:service_translation", args=[service.pk, "en"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Test centre", "description": "A crisis centre."})
    assert response.status_code == 302
    card = services_find(language="en").get(pk=service.pk)
    assert card.text.name == "Test centre"
    assert card.text.fees_description == service.fees_description
    assert ChangeRecord.objects.filter(service=service, field_name="name:en").exists()


def test_an_empty_translation_is_refused_and_an_unknown_language_is_not_found(
    cast, client, login_as
):
    service = published_service(cast.coordinator)
    login_as(cast.coordinator)
    url = reverse("directory:service_translation", args=[service.pk, "en"])
    assert client.post(url, {"name": " "}).status_code == 400
    assert (
        client.get(reverse("directory:service_translation", args=[service.pk, "nb"])).status_code
        == 404
    )
    assert (
        client.get(reverse("directory:service_translation", args=[service.pk, "xx"])).status_code
        == 404
    )


def test_the_staff_detail_page_never_shows_the_confidential_street_address(cast, client, login_as):
    service = published_service(cast.coordinator)
    login_as(cast.coordinator)
    html = client.get(reverse("directory:service_detail", args=[service.pk])).content.decode()
    assert "Testsenteret" in html
    assert SECRET_STREET not in html
    assert "Hemmelig adresse" in html


def test_an_unknown_service_is_404_and_the_refusal_is_logged(cast, client, login_as):
    login_as(cast.coordinator)
    missing = uuid.uuid4()
    assert client.get(reverse("directory:service_detail", args=[missing])).status_code == 404
    assert Event.objects.filter(kind="access_denied", object_id=str(missing)).exists()


def test_reading_a_service_is_logged(cast, client, login_as):
    service = published_service(cast.coordinator)
    login_as(cast.coordinator)
    client.get(reverse("directory:service_detail", args=[service.pk]))
    assert Event.objects.filter(
        kind="read", object_type="directory.service", object_id=str(service.pk)
    ).exists()


def test_the_list_searches_and_filters(cast, client, login_as):
    published_service(cast.coordinator)
    published_service(cast.coordinator, name="Sinnemestring for menn", description="Kurs om sinne.")
    login_as(cast.coordinator)
    html = client.get(reverse("directory:service_list"), {"q": "sinne"}).content.decode()
    assert "Sinnemestring for menn" in html
    assert "Testsenteret for voldsutsatte" not in html
    html = client.get(reverse("directory:service_list"), {"published": "no"}).content.decode()
    assert "Ingen tjenester passer" in html


def test_the_list_query_count_does_not_grow_with_the_number_of_services(
    cast, client, login_as, django_assert_max_num_queries
):
    for number in range(30):
        published_service(cast.coordinator, name=f"Tjeneste {number:02d}")
    login_as(cast.coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("directory:service_list"))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 25


def test_other_staff_cannot_open_the_directory_pages(cast, client, login_as):
    service = published_service(cast.coordinator)
    for user in (cast.shelter_worker, cast.nav_worker, cast.admin, cast.privacy_officer):
        login_as(user)
        assert client.get(reverse("directory:service_list")).status_code == 403
        assert client.get(reverse("directory:service_detail", args=[service.pk])).status_code == 403
        assert (
            client.post(reverse("directory:service_publish", args=[service.pk])).status_code == 403
        )


def test_verifying_today_is_the_default_on_the_detail_page(cast, client, login_as):
    service = published_service(cast.coordinator)
    login_as(cast.coordinator)
    response = client.get(reverse("directory:service_detail", args=[service.pk]))
    assert response.context["verify_form"].initial["last_verified_on"] == timezone.localdate()


def test_a_create_post_without_a_submission_id_is_refused_and_keeps_the_input(
    cast, client, login_as
):
    login_as(cast.coordinator)
    data = form_data(cast)
    del data["submission_id"]
    response = client.post(reverse("directory:service_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["submission_id"]
    assert "Samtaler for ungdom som opplever vold hjemme." in response.content.decode()
    assert not Service.objects.filter(name="Samtaletilbud for unge").exists()


def test_invisible_direction_marks_are_taken_out_of_a_service_name(cast, client, login_as):
    login_as(cast.coordinator)
    data = form_data(
        cast, name="Samtaletilbud \u202efor unge\u202c", alternate_name="\u2066SU\u2069"
    )
    assert client.post(reverse("directory:service_create"), data).status_code == 302
    service = Service.objects.get()
    assert (service.name, service.alternate_name) == ("Samtaletilbud for unge", "SU")


def test_the_audit_log_names_why_a_service_was_opened_by_a_purpose_code(cast, client, login_as):
    service = published_service(cast.coordinator)
    login_as(cast.coordinator)
    client.get(reverse("directory:service_edit", args=[service.pk]))
    read = Event.objects.get(kind="read", object_id=str(service.pk))
    assert read.purpose == "directory.service_edit"
    assert read.purpose_label == "Endre tjeneste i hjelpekatalogen"


def test_an_edit_that_changes_nothing_records_no_change(cast, client, login_as):
    service = published_service(cast.coordinator)
    login_as(cast.coordinator)
    url = reverse("directory:service_edit", args=[service.pk])
    form = client.get(url).context["form"]
    phones = client.get(url).context["phones"]
    schedules = client.get(url).context["schedules"]
    data = {
        name: value for name in form.fields if (value := form[name].value()) not in (None, False)
    }
    data = {
        key: [str(v) for v in value] if isinstance(value, list) else str(value)
        for key, value in data.items()
    }
    for formset in (phones, schedules):
        data.update(
            {
                f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
                f"{formset.prefix}-INITIAL_FORMS": str(len(formset.initial or [])),
            }
        )
        for index, row in enumerate(formset.initial or []):
            for key, value in row.items():
                if value in (None, False, "", []):
                    continue
                name = f"{formset.prefix}-{index}-{key}"
                if isinstance(value, list):
                    data[name] = [str(v) for v in value]
                elif hasattr(value, "strftime") and key in ("opens_at", "closes_at"):
                    data[name] = value.strftime("%H:%M")
                else:
                    data[name] = str(value) if value is not True else "on"
    updates = Event.objects.filter(kind="update", object_id=str(service.pk))
    before = (ChangeRecord.objects.filter(service=service).count(), updates.count())
    response = client.post(url, data)
    assert response.status_code == 302
    assert (ChangeRecord.objects.filter(service=service).count(), updates.count()) == before
