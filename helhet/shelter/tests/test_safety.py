"""Safety plans and threat mappings: structured, reviewed, and unreadable in a dump."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from helhet.audit.models import Event
from helhet.people import contexts
from helhet.people.services import person_erase
from helhet.shelter.choices import Purpose
from helhet.shelter.models import SafetyPlan, ThreatAssessment
from helhet.shelter.selectors import safety_plan_sections
from helhet.shelter.services import followup_plan_start
from helhet.shelter.tests.factories import make_stay

SECRET = "Skjulested hos søsteren i Granveien 7"


def _plan_data(**overrides):
    data = {
        "dangers": "Eksmannen møter opp ved skolen.",
        "warning_signs": "Mange anrop fra ukjent nummer.",
        "safe_places": SECRET,
        "what_to_do": "Ring 112. Gå til naboen.",
        "children_plan": "Barna venter på lærerværelset.",
        "digital_safety": "Slå av posisjonsdeling, bytt passord.",
        "reviewed_on": timezone.localdate().isoformat(),
        "next_review_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    data.update(overrides)
    return data


def _url(name, stay):
    return reverse(name, kwargs={"pk": stay.pk})


def test_the_worker_writes_a_safety_plan_and_reads_it_back(cast, login_as):
    stay = make_stay(cast)
    client = login_as(cast.shelter_worker)
    response = client.post(_url("shelter:safety_plan", stay), _plan_data())
    assert response.status_code == 302
    plan = SafetyPlan.objects.get()
    assert safety_plan_sections(plan)["safe_places"] == SECRET
    assert SECRET in client.get(_url("shelter:safety_plan", stay)).content.decode()
    assert plan.reviews.count() == 1


def test_a_revision_adds_a_review_date(cast, login_as):
    stay = make_stay(cast, arrived_on=timezone.localdate() - timedelta(days=10))
    client = login_as(cast.shelter_worker)
    client.post(
        _url("shelter:safety_plan", stay),
        _plan_data(
            reviewed_on=(timezone.localdate() - timedelta(days=7)).isoformat(), next_review_on=""
        ),
    )
    client.post(
        _url("shelter:safety_plan", stay),
        _plan_data(what_to_do="Ring 112 og politiets kontaktperson."),
    )
    plan = SafetyPlan.objects.get()
    assert plan.reviews.count() == 2
    assert plan.reviewed_on == timezone.localdate()
    assert safety_plan_sections(plan)["what_to_do"] == "Ring 112 og politiets kontaktperson."


def test_raw_sql_shows_no_plaintext_of_the_plan(cast, login_as):
    stay = make_stay(cast)
    login_as(cast.shelter_worker).post(_url("shelter:safety_plan", stay), _plan_data())
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM shelter_safetyplan")
        rows = cursor.fetchall()
        cursor.execute("SELECT * FROM audit_event")
        events = cursor.fetchall()
    dump = repr(rows) + repr(events)
    assert rows
    for text in ("Granveien", "søsteren", "Eksmannen", "posisjonsdeling", "lærerværelset"):
        assert text not in dump


def test_erasing_the_resident_makes_the_plan_unreadable(cast, login_as):
    stay = make_stay(cast)
    client = login_as(cast.shelter_worker)
    client.post(_url("shelter:safety_plan", stay), _plan_data())
    person_erase(actor=cast.shelter_lead, person=stay.resident)
    plan = SafetyPlan.objects.select_related("stay__resident").get()
    assert safety_plan_sections(plan) is None


def test_an_empty_plan_is_refused(cast, login_as):
    stay = make_stay(cast)
    empty = {
        name: ""
        for name in (
            "dangers",
            "warning_signs",
            "safe_places",
            "what_to_do",
            "children_plan",
            "digital_safety",
        )
    }
    response = login_as(cast.shelter_worker).post(
        _url("shelter:safety_plan", stay), _plan_data(**empty)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["dangers"]
    assert SafetyPlan.objects.count() == 0


def test_a_next_review_before_the_review_is_refused(cast, login_as):
    stay = make_stay(cast)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = login_as(cast.shelter_worker).post(
        _url("shelter:safety_plan", stay), _plan_data(next_review_on=yesterday)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["next_review_on"]


def test_reading_the_plan_is_an_audited_read_of_the_stay(cast, login_as):
    stay = make_stay(cast)
    login_as(cast.colleague).get(_url("shelter:safety_plan", stay))
    event = Event.objects.filter(
        kind="read", actor_id=cast.colleague.pk, object_type="shelter.stay"
    ).get()
    assert event.person_id == stay.resident_id
    assert event.purpose == Purpose.SAFETY_PLAN == "shelter.safety_plan"
    assert event.purpose_label == "Sikkerhetsplan"


def test_the_worker_records_a_threat_mapping_sealed_like_the_plan(cast, login_as):
    stay = make_stay(cast)
    client = login_as(cast.shelter_worker)
    response = client.post(
        _url("shelter:threat_create", stay),
        {
            "submission_id": str(uuid.uuid4()),
            "assessed_on": timezone.localdate().isoformat(),
            "method": "sara",
            "risk_level": "high",
            "threats": "Drapstrusler på SMS",
            "perpetrator": "Har jaktvåpen",
            "children": "",
            "measures": "Voldsalarm",
        },
    )
    assert response.status_code == 302
    assessment = ThreatAssessment.objects.get()
    assert assessment.risk_level == "high"
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM shelter_threatassessment")
        assert "jaktvåpen" not in repr(cursor.fetchall())
    assert "Har jaktvåpen" in client.get(_url("shelter:threat_create", stay)).content.decode()


def test_a_threat_mapping_without_threats_is_refused(cast, login_as):
    stay = make_stay(cast)
    response = login_as(cast.shelter_worker).post(
        _url("shelter:threat_create", stay),
        {
            "submission_id": str(uuid.uuid4()),
            "assessed_on": timezone.localdate().isoformat(),
            "method": "sara",
            "risk_level": "low",
            "threats": "",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["threats"]
    assert ThreatAssessment.objects.count() == 0


def test_texts_are_sealed_with_the_contexts_pinned_in_people(cast, login_as):
    """A renamed app or model must not change what a stored text was sealed with."""
    stay = make_stay(cast)
    login_as(cast.shelter_worker).post(_url("shelter:safety_plan", stay), _plan_data())
    plan = SafetyPlan.objects.get()
    assert plan.sealing_context == f"{contexts.SAFETY_PLAN}:{plan.uid}"
    assert contexts.SAFETY_PLAN == "shelter.safetyplan"
    task = followup_plan_start(
        actor=cast.shelter_worker, stay=stay, submission_id=uuid.uuid4()
    ).tasks.first()
    assert task.sealing_context == f"shelter.followuptask:{task.uid}"
