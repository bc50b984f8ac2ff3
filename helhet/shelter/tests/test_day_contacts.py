"""Day contacts: visits and outreach, for a pseudonymous or a registered user."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from helhet.people.selectors import person_data
from helhet.shelter.choices import AnswerList
from helhet.shelter.models import DayContact, DayUser
from helhet.shelter.tests.factories import option

URL = reverse("shelter:day_create")
LIST = reverse("shelter:day_list")


def _visit(cast, **overrides):
    data = {
        "submission_id": str(uuid.uuid4()),
        "day_user": "",
        "new_name": "",
        "new_gender": "woman",
        "new_birth_year": "1985",
        "new_municipality": cast.sordal.pk,
        "occurred_on": timezone.localdate().isoformat(),
        "kind": "visit",
        "duration_minutes": "60",
        "topics": [option(AnswerList.TOPIC, "children").pk],
        "staff": [cast.shelter_worker.pk, cast.colleague.pk],
        "with_interpreter": "on",
    }
    data.update(overrides)
    return data


def test_it_logs_a_visit_for_a_new_pseudonymous_user(cast, login_as):
    response = login_as(cast.shelter_worker).post(URL, _visit(cast))
    assert response.status_code == 302
    contact = DayContact.objects.get()
    assert contact.day_user.person is None
    assert contact.day_user.pseudonym.startswith(f"D{timezone.localdate().year}-")
    assert set(contact.staff.all()) == {cast.shelter_worker, cast.colleague}
    assert contact.with_interpreter is True
    assert contact.topics.get().code == "children"


def test_it_registers_a_named_user_as_a_person(cast, login_as):
    login_as(cast.shelter_worker).post(URL, _visit(cast, new_name="Lise Li"))
    day_user = DayUser.objects.get()
    assert person_data(day_user.person).name == "Lise Li"


def test_a_second_visit_counts_for_the_same_user(cast, login_as):
    client = login_as(cast.shelter_worker)
    client.post(URL, _visit(cast))
    day_user = DayUser.objects.get()
    client.post(URL, _visit(cast, day_user=day_user.pk, kind="outreach"))
    assert DayUser.objects.count() == 1
    assert day_user.contacts.count() == 2


def test_it_refuses_a_visit_in_the_future(cast, login_as):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = login_as(cast.shelter_worker).post(URL, _visit(cast, occurred_on=tomorrow))
    assert response.status_code == 400
    assert response.context["form"].errors["occurred_on"]
    assert DayUser.objects.count() == 0


def test_the_list_paginates_with_a_fixed_number_of_queries(
    cast, login_as, django_assert_max_num_queries
):
    client = login_as(cast.shelter_worker)
    for _ in range(4):
        client.post(URL, _visit(cast))
    with django_assert_max_num_queries(16):
        response = client.get(LIST)
    assert len(response.context["page_obj"].object_list) == 4
