"""core.updates.model_update: set what changed, validate, save only those fields."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helhet.core.updates import changed_detail, model_update
from helhet.organisation.models import Unit

pytestmark = pytest.mark.django_db


def test_it_saves_only_the_changed_fields_and_names_them(cast):
    unit = Unit.objects.get(pk=cast.nav.pk)
    with CaptureQueriesContext(connection) as queries:
        changed = model_update(
            instance=unit,
            fields=["name", "phone"],
            data={"name": "NAV Fjordvik sentrum", "phone": unit.phone, "email": "x@y.no"},
        )
    assert changed == ["name"]
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1
    assert '"name"' in updates[0] and '"phone"' not in updates[0]
    unit.refresh_from_db()
    assert unit.name == "NAV Fjordvik sentrum"
    assert unit.email != "x@y.no"  # not among the fields the caller allowed
    assert changed_detail(changed) == "name"


def test_nothing_changed_means_no_query_and_no_detail(cast, django_assert_num_queries):
    unit = Unit.objects.get(pk=cast.nav.pk)
    with django_assert_num_queries(0):
        changed = model_update(instance=unit, fields=["name"], data={"name": unit.name})
    assert changed == []
    assert changed_detail(changed) == ""


def test_it_validates_before_it_saves(cast):
    unit = Unit.objects.get(pk=cast.nav.pk)
    with pytest.raises(ValidationError):
        model_update(instance=unit, fields=["name"], data={"name": ""})
    unit.refresh_from_db()
    assert unit.name == "NAV Fjordvik"
