"""A stay's page, room allocation through the page, departure, and the full centre."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from helhet.audit.models import Event
from helhet.people.choices import AddressProtection
from helhet.people.services import PersonInput
from helhet.shelter.choices import AnswerList
from helhet.shelter.models import BedAllocation, CapacityReferral, Stay
from helhet.shelter.services import StayInput, bed_allocate, stay_create
from helhet.shelter.tests.factories import (
    first_bed,
    intake_data,
    make_room,
    make_stay,
    option,
    submitted,
)


def _url(name, stay):
    return reverse(name, kwargs={"pk": stay.pk})


def test_the_stay_page_shows_the_family_and_the_registration(cast, login_as):
    stay = make_stay(cast, children=["Ola", "Per"])
    page = login_as(cast.shelter_worker).get(_url("shelter:stay_detail", stay)).content.decode()
    assert "Kari Nordmann" in page
    assert "Ola" in page and "Per" in page
    assert "Fysisk vold" in page


def test_the_stay_page_shows_protected_address_and_safe_contact(cast, login_as):
    stay = stay_create(
        actor=cast.shelter_worker,
        unit=cast.shelter,
        resident=PersonInput(
            name="Siri Skjult",
            address_protection=AddressProtection.STRICT,
            may_text=True,
            safe_times="Hverdager 10–12",
        ),
        data=StayInput(
            arrived_on=timezone.localdate(), referrer=option(AnswerList.REFERRER, "self")
        ),
        submission_id=uuid.uuid4(),
    )
    client = login_as(cast.shelter_worker)
    for name in ("shelter:stay_detail", "shelter:stay_end"):
        page = client.get(_url(name, stay)).content.decode()
        assert "Strengt fortrolig adresse" in page
        assert "Skal ikke ringes" in page
        assert "Hverdager 10–12" in page


def test_the_worker_gives_the_family_a_room(cast, login_as):
    room = make_room(cast, "Familierom 1", beds=3, family=True)
    stay = make_stay(cast, children=["Ola", "Per"])
    response = login_as(cast.shelter_worker).post(
        _url("shelter:stay_allocate", stay),
        submitted(action="room", room=room.pk, starts_on=timezone.localdate().isoformat()),
    )
    assert response.status_code == 302
    assert BedAllocation.objects.filter(stay=stay).count() == 3


def test_a_bed_already_taken_gets_a_clear_message_by_the_field(cast, login_as):
    room = make_room(cast)
    bed = first_bed(room)
    bed_allocate(
        actor=cast.shelter_worker, stay=make_stay(cast, "Anne"), bed=bed, submission_id=uuid.uuid4()
    )
    stay = make_stay(cast, "Berit")
    # The form lists only free beds; a stale page still posts the taken one.
    response = login_as(cast.shelter_worker).post(
        _url("shelter:stay_allocate", stay),
        submitted(
            action="bed",
            bed=bed.pk,
            occupant="resident",
            starts_on=timezone.localdate().isoformat(),
        ),
    )
    assert response.status_code == 400
    assert response.context["bed_form"].errors["bed"]
    assert BedAllocation.objects.filter(stay=stay).count() == 0


def test_when_the_centre_is_full_the_worker_sees_it_at_once(cast, login_as):
    room = make_room(cast)
    bed_allocate(
        actor=cast.shelter_worker,
        stay=make_stay(cast, "Anne"),
        bed=first_bed(room),
        submission_id=uuid.uuid4(),
    )
    client = login_as(cast.shelter_worker)
    for url in (reverse("shelter:stay_create"), reverse("shelter:board")):
        page = client.get(url).content.decode()
        assert "fullt" in page
        assert reverse("shelter:capacity_referral") in page


def test_the_worker_records_a_referral_to_another_centre(cast, login_as):
    response = login_as(cast.shelter_worker).post(
        reverse("shelter:capacity_referral"),
        {
            "submission_id": str(uuid.uuid4()),
            "occurred_on": timezone.localdate().isoformat(),
            "reason": "full",
            "referred_to": "Krisesenteret i Nabobyen",
            "adults": "1",
            "children": "2",
            "gender": "woman",
            "municipality": cast.nordoy.pk,
        },
    )
    assert response.status_code == 302
    referral = CapacityReferral.objects.get()
    assert (referral.adults, referral.children) == (1, 2)


def test_a_referral_of_nobody_is_refused(cast, login_as):
    response = login_as(cast.shelter_worker).post(
        reverse("shelter:capacity_referral"),
        {
            "submission_id": str(uuid.uuid4()),
            "occurred_on": timezone.localdate().isoformat(),
            "reason": "full",
            "referred_to": "Et annet senter",
            "adults": "0",
            "children": "0",
            "gender": "woman",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["adults"]


def _end(client, stay, departed_on, destination="own_new_home"):
    return client.post(
        _url("shelter:stay_end", stay),
        {
            "departed_on": departed_on.isoformat(),
            "destination": option(AnswerList.DESTINATION, destination).pk,
        },
    )


def test_ending_a_stay_derives_the_overnights_and_frees_the_beds(cast, login_as):
    today = timezone.localdate()
    room = make_room(cast, beds=2)
    stay = make_stay(cast, children=["Ola"], arrived_on=today - timedelta(days=9))
    from helhet.shelter.services import room_allocate

    room_allocate(
        actor=cast.shelter_worker,
        stay=stay,
        room=room,
        starts_on=stay.arrived_on,
        submission_id=uuid.uuid4(),
    )
    response = _end(
        login_as(cast.shelter_worker), stay, today - timedelta(days=1), "return_to_perpetrator"
    )
    assert response.status_code == 302
    stay.refresh_from_db()
    assert stay.overnights == 8
    assert stay.destination.code == "return_to_perpetrator"
    assert stay.children.get().departed_on == stay.departed_on
    assert set(BedAllocation.objects.values_list("ends_on", flat=True)) == {stay.departed_on}


def test_it_refuses_a_departure_before_the_arrival_and_saves_nothing(cast, login_as):
    stay = make_stay(cast)
    response = _end(login_as(cast.shelter_worker), stay, stay.arrived_on - timedelta(days=1))
    assert response.status_code == 400
    assert "før ankomsten" in response.context["form"].errors["departed_on"][0]
    stay.refresh_from_db()
    assert stay.departed_on is None and stay.destination is None


def test_it_refuses_a_departure_in_the_future(cast, login_as):
    stay = make_stay(cast)
    response = _end(login_as(cast.shelter_worker), stay, timezone.localdate() + timedelta(days=3))
    assert response.status_code == 400
    assert "fram i tid" in response.context["form"].errors["departed_on"][0]
    assert Stay.objects.get().departed_on is None


def test_a_child_joins_an_open_stay_later(cast, login_as):
    stay = make_stay(cast, arrived_on=timezone.localdate() - timedelta(days=2))
    response = login_as(cast.shelter_worker).post(
        _url("shelter:child_add", stay),
        {
            "submission_id": str(uuid.uuid4()),
            "name": "Lille Lise",
            "birth_year": str(timezone.localdate().year - 15),
            "arrived_on": timezone.localdate().isoformat(),
            "gender": "woman",
            "school_interrupted": "yes",
            "witnessed_violence": "yes",
            "suffered_violence": "unknown",
            "child_welfare_contact": "no",
            "contact_with_violent_parent": "unknown",
            "statistics_consent": "on",
        },
    )
    assert response.status_code == 302
    child = stay.children.get()
    assert child.consent_decided_by == "caregiver"
    assert child.school_interrupted == "yes"


def test_a_child_of_sixteen_decides_on_registration_themselves(cast):
    from helhet.shelter.services import ChildInput, stay_child_add

    stay = make_stay(cast)
    child = stay_child_add(
        actor=cast.shelter_worker,
        stay=stay,
        child=ChildInput(name="Stor Søster", birth_year=timezone.localdate().year - 16),
        submission_id=uuid.uuid4(),
    )
    assert child.consent_decided_by == "child"


def test_the_stay_list_shows_names_with_a_fixed_number_of_queries(
    cast, login_as, django_assert_max_num_queries
):
    for name in ("Anne", "Berit", "Cecilie", "Dina"):
        make_stay(cast, name, children=["Barn"])
    client = login_as(cast.shelter_worker)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("shelter:stay_list"))
    page = response.content.decode()
    assert all(name in page for name in ("Anne", "Berit", "Cecilie", "Dina"))


def test_double_submits_of_a_child_a_room_and_a_departure_each_count_once(cast, login_as):
    room = make_room(cast, "Familierom 2", beds=3, family=True)
    stay = make_stay(cast)
    client = login_as(cast.shelter_worker)
    child = {
        "submission_id": str(uuid.uuid4()),
        "name": "Ola",
        "birth_year": str(timezone.localdate().year - 4),
        "arrived_on": timezone.localdate().isoformat(),
        "gender": "man",
        "school_interrupted": "unknown",
        "witnessed_violence": "unknown",
        "suffered_violence": "unknown",
        "child_welfare_contact": "unknown",
        "contact_with_violent_parent": "unknown",
    }
    room_post = submitted(action="room", room=room.pk, starts_on=timezone.localdate().isoformat())
    end = {
        "departed_on": timezone.localdate().isoformat(),
        "destination": option(AnswerList.DESTINATION, "own_new_home").pk,
    }
    for _ in range(2):
        assert client.post(_url("shelter:child_add", stay), child).status_code == 302
    for _ in range(2):
        assert client.post(_url("shelter:stay_allocate", stay), room_post).status_code == 302
    for _ in range(2):
        assert client.post(_url("shelter:stay_end", stay), end).status_code == 302
    assert stay.children.count() == 1
    assert BedAllocation.objects.filter(stay=stay).count() == 2


def _registration(stay, **changes):
    """The stay's edit form as the browser posts it, with some answers changed."""
    fields = {
        key.removeprefix("stay-"): value
        for key, value in intake_data(arrived_on=stay.arrived_on).items()
        if key.startswith("stay-")
    }
    fields["municipality"] = stay.municipality_id or ""
    fields["violence_types"] = list(stay.violence_types.values_list("pk", flat=True))
    fields["violence_repeated"] = stay.violence_repeated
    fields["perpetrator_gender"] = stay.perpetrator_gender
    return {**fields, **changes}


def test_a_change_to_the_registration_is_audited_with_the_fields_that_changed(cast, login_as):
    stay = make_stay(cast)
    client = login_as(cast.shelter_worker)
    url = _url("shelter:stay_update", stay)
    assert client.post(url, _registration(stay)).status_code == 302
    assert not Event.objects.filter(kind="update", object_type="shelter.stay").exists()
    sexual = option(AnswerList.VIOLENCE_TYPE, "sexual").pk
    response = client.post(url, _registration(stay, disability="yes", violence_types=[sexual]))
    assert response.status_code == 302
    event = Event.objects.get(kind="update", object_type="shelter.stay")
    assert event.detail == "disability,violence_types"
    assert event.person_id == stay.resident_id
    stay.refresh_from_db()
    assert stay.disability == "yes"
    assert list(stay.violence_types.values_list("code", flat=True)) == ["sexual"]
