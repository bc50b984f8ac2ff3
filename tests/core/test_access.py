"""core.access.fetch_or_404: the one chokepoint helper every app's access.py uses."""

from __future__ import annotations

import pytest
from django.http import Http404

from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.core.access import fetch_or_404, follow, parse_id, parse_pk
from helhet.organisation.models import Membership, Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        (12, 12),
        ("0", None),
        ("-3", None),
        ("abc", None),
        (None, None),
        (True, None),
        (str(2**63), None),
        ("1e3", None),
        (" 7 ", 7),
    ],
)
def test_parse_pk_accepts_only_ids_that_can_name_a_row(raw, expected):
    assert parse_pk(raw) == expected


def test_it_returns_the_record_and_records_the_read_with_person_and_unit(cast):
    membership = Membership.objects.filter(unit=cast.shelter).first()
    found = fetch_or_404(
        cast.admin,
        Membership.objects.all(),
        str(membership.pk),
        purpose="organisation.unit_detail",
        person="user_id",
        unit="unit",
        detail="x",
    )
    assert found == membership
    event = Event.objects.order_by("-id").first()
    assert (event.kind, event.object_type, event.object_id) == (
        EventKind.READ,
        "organisation.membership",
        str(membership.pk),
    )
    assert (event.person_id, event.unit_id, event.purpose, event.detail) == (
        membership.user_id,
        cast.shelter.pk,
        "organisation.unit_detail",
        "x",
    )


def test_a_forbidden_record_is_a_404_like_a_missing_one_and_the_refusal_is_recorded(cast):
    membership = Membership.objects.filter(unit=cast.shelter).first()
    outside = Membership.objects.exclude(pk=membership.pk)
    with pytest.raises(Http404) as forbidden:
        fetch_or_404(cast.nav_worker, outside, membership.pk, purpose="p", person="user_id")
    with pytest.raises(Http404) as missing:
        fetch_or_404(cast.nav_worker, outside, 10**9, purpose="p", person="user_id")
    assert str(forbidden.value) == str(missing.value)
    denied = list(Event.objects.filter(kind=EventKind.ACCESS_DENIED).order_by("id"))[-2:]
    # The attempt on an existing record names whom it concerned; a made-up id names nobody.
    assert [e.person_id for e in denied] == [membership.user_id, None]
    assert [e.object_id for e in denied] == [str(membership.pk), str(10**9)]


def test_a_malformed_id_is_a_recorded_404_without_a_query_on_the_record(cast):
    with pytest.raises(Http404):
        fetch_or_404(cast.admin, Unit.objects.all(), "x" * 200, purpose="p")
    event = Event.objects.order_by("-id").first()
    assert event.kind == EventKind.ACCESS_DENIED
    assert event.object_id == "x" * 64


def test_record_false_reads_without_an_event_but_still_records_refusals(cast):
    before = Event.objects.count()
    assert fetch_or_404(cast.admin, Unit.objects.all(), cast.nav.pk, purpose="p", record=False)
    assert Event.objects.count() == before
    with pytest.raises(Http404):
        fetch_or_404(cast.admin, Unit.objects.none(), cast.nav.pk, purpose="p", record=False)
    assert Event.objects.count() == before + 1


def test_follow_walks_paths_and_calls_functions(cast):
    membership = Membership.objects.select_related("unit__host_municipality").first()
    assert follow(membership, "unit__host_municipality__number") == "9901"
    assert follow(membership, lambda m: m.pk) == membership.pk
    assert follow(membership, None) is None
    assert follow(None, "unit") is None


def test_a_refusal_names_the_person_through_a_path_across_relations(cast):
    membership = Membership.objects.filter(unit=cast.shelter).first()
    with pytest.raises(Http404):
        fetch_or_404(
            cast.nav_worker,
            Membership.objects.none(),
            membership.pk,
            purpose="p",
            person="unit__memberships__user_id",
        )
    assert Event.objects.order_by("-id").first().person_id is not None


def test_non_integer_keys_are_parsed_by_their_own_field():
    from helhet.directory.models import Service

    raw = "0b6f9a8e-5c1d-4f3e-9a2b-7c8d9e0f1a2b"
    assert str(parse_id(Service, raw)) == raw
    assert parse_id(Service, "not-a-uuid") is None
    assert parse_id(Service, None) is None
    assert parse_id(Membership, "12") == 12
    assert parse_id(Membership, "0") is None
