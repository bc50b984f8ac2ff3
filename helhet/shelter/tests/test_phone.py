"""Phone contacts: one screen, saved in seconds, today's list, undo of the last entry."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from helhet.audit.models import Event
from helhet.shelter.choices import AnswerList
from helhet.shelter.models import PhoneContact
from helhet.shelter.tests.factories import option

URL = reverse("shelter:phone")
UNDO = reverse("shelter:phone_undo")


def _call(**overrides):
    data = {
        "submission_id": str(uuid.uuid4()),
        "caller_group": option(AnswerList.CALLER_GROUP, "exposed").pk,
        "outcome": option(AnswerList.OUTCOME, "advice").pk,
        "topics": [
            option(AnswerList.TOPIC, "violence_and_safety").pk,
            option(AnswerList.TOPIC, "housing").pk,
        ],
        "duration_minutes": "12",
        "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "caller_gender": "woman",
        "municipality": "",
        "is_conversation": "on",
    }
    data.update(overrides)
    return data


def test_the_screen_opens_with_the_first_choice_focused(cast, login_as):
    response = login_as(cast.shelter_worker).get(URL)
    assert response.status_code == 200
    assert "autofocus" in response.content.decode()


def test_it_saves_a_call_and_shows_it_in_todays_list(cast, login_as):
    client = login_as(cast.shelter_worker)
    response = client.post(URL, _call())
    assert response.status_code == 302
    contact = PhoneContact.objects.get()
    assert contact.duration_minutes == 12
    assert contact.is_conversation is True
    assert {t.code for t in contact.topics.all()} == {"violence_and_safety", "housing"}
    page = client.get(URL).content.decode()
    assert "Bolig" in page
    assert "Angre den siste samtalen din" in page


def test_a_double_submit_saves_one_call(cast, login_as):
    client = login_as(cast.shelter_worker)
    data = _call()
    client.post(URL, data)
    client.post(URL, data)
    assert PhoneContact.objects.count() == 1


def test_a_post_without_its_submission_id_is_refused_and_saves_nothing(cast, login_as):
    data = _call()
    del data["submission_id"]
    response = login_as(cast.shelter_worker).post(URL, data)
    assert response.status_code == 400
    assert response.context["form"].errors["submission_id"]
    assert PhoneContact.objects.count() == 0


def test_undo_works_after_a_double_submit_and_a_replay_creates_nothing_new(cast, login_as):
    client = login_as(cast.shelter_worker)
    data = _call()
    client.post(URL, data)
    client.post(URL, data)
    client.post(UNDO)
    assert PhoneContact.objects.count() == 0
    response = client.post(URL, data)
    assert response.status_code == 400
    assert PhoneContact.objects.count() == 0


def test_it_says_what_is_missing_by_the_field_and_keeps_the_input(cast, login_as):
    response = login_as(cast.shelter_worker).post(URL, _call(caller_group="", duration_minutes="0"))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["caller_group"]
    assert form.errors["duration_minutes"]
    housing = option(AnswerList.TOPIC, "housing").pk
    assert re.search(rf'name="topics" value="{housing}"[^>]*checked', response.content.decode())
    assert PhoneContact.objects.count() == 0


def test_it_refuses_a_call_in_the_future(cast, login_as):
    later = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = login_as(cast.shelter_worker).post(URL, _call(started_at=later))
    assert response.status_code == 400
    assert "fram i tid" in response.context["form"].errors["started_at"][0]


def test_undo_removes_only_my_last_call(cast, login_as):
    client = login_as(cast.shelter_worker)
    client.post(URL, _call(duration_minutes="5"))
    client.post(URL, _call(duration_minutes="7"))
    response = client.post(UNDO)
    assert response.status_code == 302
    assert list(PhoneContact.objects.values_list("duration_minutes", flat=True)) == [5]
    assert Event.objects.filter(object_type="shelter.phonecontact", kind="delete").count() == 1


def test_undo_does_not_touch_a_colleagues_call(cast, client, login_as):
    login_as(cast.colleague).post(URL, _call())
    client.logout()
    response = login_as(cast.shelter_worker).post(UNDO, follow=True)
    assert PhoneContact.objects.count() == 1
    assert "ingen samtale" in response.content.decode()


def test_undo_is_refused_after_half_an_hour(cast, login_as):
    client = login_as(cast.shelter_worker)
    client.post(URL, _call())
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        client.post(UNDO)
    assert PhoneContact.objects.count() == 1


def test_the_call_holds_nothing_that_identifies_the_caller(cast):
    fields = {f.name for f in PhoneContact._meta.get_fields()}
    assert not fields & {"name", "phone", "person", "phone_number", "notes"}


def test_todays_list_has_a_fixed_number_of_queries(cast, login_as, django_assert_max_num_queries):
    client = login_as(cast.shelter_worker)
    for _ in range(5):
        client.post(URL, _call())
    with django_assert_max_num_queries(20):
        response = client.get(URL)
    assert len(response.context["contacts"]) == 5
