"""Chokepoints: who sees which stay and task, and the audit trail of every read and refusal."""

from __future__ import annotations

import ast
import uuid
from pathlib import Path

import pytest
from django.http import Http404
from django.urls import reverse

from helhet.audit.models import Event
from helhet.organisation.choices import UnitType
from helhet.organisation.roles import Role
from helhet.organisation.services import membership_add, unit_create
from helhet.shelter.access import get_stay_for, get_task_for
from helhet.shelter.choices import Purpose
from helhet.shelter.selectors import visible_stays
from helhet.shelter.tests.factories import make_shared_task, make_stay


def _other_centre_worker(cast):
    from conftest import make_user

    centre = unit_create(
        actor=cast.admin,
        name="Sørdal krisesenter",
        unit_type=UnitType.CRISIS_CENTRE,
        host_municipality=cast.sordal,
        submission_id=uuid.uuid4(),
    )
    worker = make_user("sordal_worker")
    membership_add(actor=cast.admin, user=worker, unit=centre, role=Role.WORKER)
    return worker


def test_staff_of_the_centre_see_its_stays_and_the_read_is_audited(cast):
    stay = make_stay(cast)
    assert get_stay_for(cast.colleague, stay.pk, purpose=Purpose.STAY_VIEW) == stay
    event = Event.objects.filter(
        kind="read", object_type="shelter.stay", actor_id=cast.colleague.pk
    ).get()
    assert (event.object_id, event.person_id, event.unit_id) == (
        str(stay.pk),
        stay.resident_id,
        cast.shelter.pk,
    )


def test_the_system_administrator_sees_no_stay(cast):
    stay = make_stay(cast)
    assert not visible_stays(user=cast.admin).exists()
    with pytest.raises(Http404):
        get_stay_for(cast.admin, stay.pk, purpose=Purpose.STAY_VIEW)
    denied = Event.objects.get(kind="access_denied", actor_id=cast.admin.pk)
    assert denied.person_id == stay.resident_id


def test_a_nav_worker_gets_404_for_a_stay_and_the_refusal_is_audited(cast, login_as):
    stay = make_stay(cast)
    response = login_as(cast.nav_worker).get(reverse("shelter:stay_detail", kwargs={"pk": stay.pk}))
    assert response.status_code == 404
    assert Event.objects.filter(
        kind="access_denied", actor_id=cast.nav_worker.pk, object_type="shelter.stay"
    ).exists()


def test_another_centres_staff_get_the_same_404_as_for_a_missing_stay(cast, client):
    stay = make_stay(cast)
    worker = _other_centre_worker(cast)
    from conftest import login

    login(client, worker)
    theirs = client.get(reverse("shelter:stay_detail", kwargs={"pk": stay.pk}))
    missing = client.get(reverse("shelter:stay_detail", kwargs={"pk": stay.pk + 1000}))
    assert theirs.status_code == missing.status_code == 404
    assert theirs.content.replace(b"\n", b"")[:200] == missing.content.replace(b"\n", b"")[:200]


def test_another_centres_staff_do_not_see_a_task_shared_with_nav(cast):
    task = make_shared_task(cast)
    worker = _other_centre_worker(cast)
    with pytest.raises(Http404):
        get_task_for(worker, task.pk, purpose=Purpose.TASK_VIEW)


def test_a_privacy_officer_sees_no_stay(cast, login_as):
    stay = make_stay(cast)
    response = login_as(cast.privacy_officer).get(
        reverse("shelter:stay_detail", kwargs={"pk": stay.pk})
    )
    assert response.status_code == 403


def test_nonsense_ids_are_refused_like_missing_ones(cast):
    for value in ("abc", "-1", "99999999999999999999999", None):
        with pytest.raises(Http404):
            get_stay_for(cast.shelter_worker, value, purpose=Purpose.STAY_VIEW)


def test_no_view_module_of_the_centre_queries_a_model_itself():
    """Views go through access.py or selectors; a manager in a view would skip the
    chokepoint and the audit log, or put a rule in a second place."""
    views = sorted((Path(__file__).resolve().parents[1] / "views").glob("*.py"))
    assert len(views) >= 8
    offenders = [
        f"{path.name}:{node.lineno}"
        for path in views
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager"}
    ]
    assert offenders == []
