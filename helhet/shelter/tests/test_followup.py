"""Follow-up after the stay: the default checklist, consent to share, other units' task
lists, and overdue tasks on the start page."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from helhet.audit.models import Event
from helhet.shelter.choices import ConsentScope, Purpose, TaskCategory
from helhet.shelter.models import FollowUpPlan, FollowUpTask
from helhet.shelter.panels import overdue_tasks
from helhet.shelter.selectors import task_notes
from helhet.shelter.services import ConsentInput, followup_consent_record, followup_plan_start
from helhet.shelter.tests.factories import make_shared_task, make_stay, submitted


def _url(name, pk):
    return reverse(name, kwargs={"pk": pk})


def test_starting_a_plan_creates_the_default_checklist(cast, login_as):
    stay = make_stay(cast)
    response = login_as(cast.shelter_worker).post(_url("shelter:followup", stay.pk), submitted())
    assert response.status_code == 302
    plan = FollowUpPlan.objects.get()
    categories = set(plan.tasks.values_list("category", flat=True))
    assert categories == {c.value for c in TaskCategory if c != TaskCategory.OTHER}
    assert set(plan.tasks.values_list("responsible_unit", flat=True)) == {cast.shelter.pk}


def test_a_start_without_the_forms_submission_id_starts_nothing(cast, login_as):
    stay = make_stay(cast)
    response = login_as(cast.shelter_worker).post(_url("shelter:followup", stay.pk), follow=True)
    assert FollowUpPlan.objects.count() == 0
    assert "Last inn siden på nytt" in response.content.decode()


def test_starting_twice_keeps_one_plan(cast, login_as):
    stay = make_stay(cast)
    client = login_as(cast.shelter_worker)
    start = submitted()
    client.post(_url("shelter:followup", stay.pk), start)
    client.post(_url("shelter:followup", stay.pk), start)
    client.post(_url("shelter:followup", stay.pk), submitted())
    assert FollowUpPlan.objects.count() == 1
    assert FollowUpTask.objects.count() == 9


def test_a_task_for_nav_stays_internal_without_consent(cast, login_as):
    stay = make_stay(cast)
    plan = followup_plan_start(actor=cast.shelter_worker, stay=stay, submission_id=uuid.uuid4())
    task = plan.tasks.get(category="nav_money")
    client = login_as(cast.shelter_worker)
    client.post(
        _url("shelter:task_detail", task.pk),
        {
            "category": task.category,
            "title": task.title,
            "responsible_unit": cast.nav.pk,
            "due_on": task.due_on.isoformat(),
            "status": "not_started",
            "notes": "",
        },
    )
    assert FollowUpTask.objects.get(pk=task.pk).responsible_unit == cast.nav
    client.logout()
    nav = login_as(cast.nav_worker)
    assert nav.get(reverse("shelter:task_list")).context["rows"] == []
    assert nav.get(_url("shelter:task_detail", task.pk)).status_code == 404


def test_with_consent_nav_sees_its_task_but_not_the_stay(cast, login_as):
    task = make_shared_task(cast)
    client = login_as(cast.nav_worker)
    listing = client.get(reverse("shelter:task_list"))
    assert [row["task"] for row in listing.context["rows"]] == [task]
    assert "Kari Nordmann" in listing.content.decode()
    assert client.get(_url("shelter:task_detail", task.pk)).status_code == 200
    assert client.get(_url("shelter:stay_detail", task.plan.stay_id)).status_code == 404
    # Only the task assigned to NAV: the centre's other tasks stay with the centre.
    other = task.plan.tasks.exclude(pk=task.pk).first()
    assert client.get(_url("shelter:task_detail", other.pk)).status_code == 404


def test_nav_updates_the_status_but_not_the_deadline(cast, login_as):
    task = make_shared_task(cast)
    response = login_as(cast.nav_worker).post(
        _url("shelter:task_detail", task.pk),
        {"status": "in_progress", "due_on": "2099-01-01", "title": "Noe annet"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "in_progress"
    assert task.due_on != timezone.datetime(2099, 1, 1).date()
    assert task.title == "NAV og økonomi"


def test_notes_are_shared_only_when_the_consent_covers_them(cast, login_as):
    task = make_shared_task(cast)
    client = login_as(cast.nav_worker)
    assert "notes" not in client.get(_url("shelter:task_detail", task.pk)).context["form"].fields
    followup_consent_record(
        actor=cast.shelter_worker,
        plan=task.plan,
        data=ConsentInput(share_consent=True, scope=ConsentScope.TASKS_AND_NOTES, units=[cast.nav]),
    )
    client.post(
        _url("shelter:task_detail", task.pk),
        {"status": "in_progress", "notes": "Søknad om sosialhjelp sendt"},
    )
    task.refresh_from_db()
    assert task_notes(task, task.plan.stay.resident) == "Søknad om sosialhjelp sendt"
    assert "sosialhjelp" not in task.notes_enc


def test_withdrawn_consent_hides_the_task_again(cast, login_as):
    task = make_shared_task(cast)
    followup_consent_record(
        actor=cast.shelter_worker, plan=task.plan, data=ConsentInput(share_consent=False)
    )
    client = login_as(cast.nav_worker)
    assert client.get(_url("shelter:task_detail", task.pk)).status_code == 404
    assert client.get(reverse("shelter:task_list")).context["rows"] == []


def test_expired_consent_hides_the_task(cast, login_as):
    task = make_shared_task(cast)
    past = timezone.localdate() - timedelta(days=30)
    followup_consent_record(
        actor=cast.shelter_worker,
        plan=task.plan,
        data=ConsentInput(
            share_consent=True,
            units=[cast.nav],
            given_on=past,
            expires_on=past + timedelta(days=10),
        ),
    )
    assert login_as(cast.nav_worker).get(_url("shelter:task_detail", task.pk)).status_code == 404


def test_consent_without_a_unit_is_refused_by_the_field(cast, login_as):
    stay = make_stay(cast)
    followup_plan_start(actor=cast.shelter_worker, stay=stay, submission_id=uuid.uuid4())
    response = login_as(cast.shelter_worker).post(
        _url("shelter:followup_consent", stay.pk), {"share_consent": "on", "scope": "tasks"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["units"]
    assert FollowUpPlan.objects.get().share_consent is False


def test_every_read_of_a_shared_task_is_audited(cast, login_as):
    task = make_shared_task(cast)
    login_as(cast.nav_worker).get(_url("shelter:task_detail", task.pk))
    event = Event.objects.filter(
        actor_id=cast.nav_worker.pk, kind="read", object_type="shelter.followuptask"
    ).get()
    assert event.person_id == task.plan.stay.resident_id


def _panel(user):
    request = RequestFactory().get("/")
    request.user = user
    return overdue_tasks(request)


def test_overdue_tasks_show_on_the_responsible_units_start_page(cast):
    task = make_shared_task(cast, overdue=True)
    panel = _panel(cast.nav_worker)
    assert panel["template"] == "shelter/panels/overdue.html"
    assert panel["tasks"] == [task]
    assert panel["count"] == 1
    assert _panel(cast.admin) is None


def test_the_centre_sees_its_own_overdue_tasks_but_not_those_handed_to_nav(cast):
    stay = make_stay(cast)
    plan = followup_plan_start(
        actor=cast.shelter_worker,
        stay=stay,
        started_on=timezone.localdate() - timedelta(days=20),
        submission_id=uuid.uuid4(),
    )
    assert _panel(cast.shelter_worker)["count"] == 9
    make_shared_task(cast, overdue=True)
    assert _panel(cast.shelter_worker)["count"] == 9
    assert plan.tasks.count() == 9


def test_no_overdue_tasks_gives_no_panel(cast):
    make_shared_task(cast)
    assert _panel(cast.nav_worker) is None


def test_the_task_list_has_a_fixed_number_of_queries(cast, login_as, django_assert_max_num_queries):
    for name in ("Anne", "Berit", "Cecilie"):
        make_shared_task(cast, make_stay(cast, name))
    client = login_as(cast.nav_worker)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("shelter:task_list"))
    assert len(response.context["rows"]) == 3


def test_a_double_submit_adds_one_task(cast, login_as):
    stay = make_stay(cast)
    followup_plan_start(actor=cast.shelter_worker, stay=stay, submission_id=uuid.uuid4())
    client = login_as(cast.shelter_worker)
    data = {
        "submission_id": "0b3d9f7e-5a6c-4c1e-9a63-5a8c6c1b2f10",
        "category": "other",
        "title": "Søke om voldsalarm",
        "responsible_unit": cast.shelter.pk,
        "due_on": timezone.localdate().isoformat(),
        "status": "not_started",
        "notes": "",
    }
    assert client.post(_url("shelter:task_create", stay.pk), data).status_code == 302
    assert client.post(_url("shelter:task_create", stay.pk), data).status_code == 302
    assert FollowUpTask.objects.filter(title="Søke om voldsalarm").count() == 1


def test_consent_is_logged_with_its_purpose_code_whatever_the_workers_language(cast):
    stay = make_stay(cast)
    plan = followup_plan_start(actor=cast.shelter_worker, stay=stay, submission_id=uuid.uuid4())
    with translation.override("en"):
        followup_consent_record(
            actor=cast.shelter_worker,
            plan=plan,
            data=ConsentInput(share_consent=True, units=[cast.nav]),
        )
    event = Event.objects.get(object_type="shelter.followupplan", kind="update")
    assert event.purpose == Purpose.CONSENT
    assert event.purpose_label == "Samtykke til deling"
