"""The crisis centre's demo year: realistic volumes, every state of a follow-up plan,
fictional persons marked as demo, the same numbers on every run, and nothing twice."""

from __future__ import annotations

import io

from django.utils import timezone

from helhet.demo import shelter as demo
from helhet.demo import shelter_data as volumes
from helhet.demo.region import seed_region
from helhet.people.models import Person
from helhet.shelter.choices import TaskStatus
from helhet.shelter.models import (
    BedAllocation,
    CapacityReferral,
    DayContact,
    DayUser,
    FollowUpPlan,
    FollowUpTask,
    PhoneContact,
    Room,
    Stay,
    StayChild,
)
from helhet.shelter.statistics.compute import annual_report


def _numbers(centre):
    return {
        "stays": Stay.objects.filter(unit=centre).count(),
        "children": StayChild.objects.filter(stay__unit=centre).count(),
        "day_visits": DayContact.objects.filter(unit=centre).count(),
        "phone": PhoneContact.objects.filter(unit=centre).count(),
        "referrals": CapacityReferral.objects.filter(unit=centre).count(),
        "open": Stay.objects.filter(unit=centre, departed_on__isnull=True).count(),
    }


def test_the_demo_year_is_realistic_complete_reproducible_and_loaded_once(db):
    region = seed_region()
    centre = region.units[demo.CENTRE]
    out = io.StringIO()
    demo.seed(region, out)
    numbers = _numbers(centre)
    assert 50 <= numbers["stays"] <= 62
    assert 30 <= numbers["children"] <= 50
    assert numbers["day_visits"] == volumes.DAY_VISITS
    assert numbers["phone"] == volumes.PHONE_CONTACTS
    assert numbers["open"] >= 1  # someone lives at the centre today
    assert Room.objects.filter(unit=centre).count() == len(demo.ROOMS)
    assert BedAllocation.objects.filter(stay__unit=centre).count() >= numbers["stays"]
    assert 40 <= DayUser.objects.filter(unit=centre).count() <= volumes.DAY_USERS

    today = timezone.localdate()
    dates = Stay.objects.filter(unit=centre).values_list("arrived_on", flat=True)
    assert min(dates) >= today - timezone.timedelta(days=volumes.DAYS)
    assert max(dates) <= today

    # Follow-up plans in every state.
    statuses = set(
        FollowUpTask.objects.filter(plan__stay__unit=centre).values_list("status", flat=True)
    )
    assert statuses == set(TaskStatus.values)
    plans = FollowUpPlan.objects.filter(stay__unit=centre)
    assert plans.filter(share_consent=True, consent_expires_on__isnull=True).exists()
    assert plans.filter(consent_withdrawn_on__isnull=False).exists()
    assert plans.filter(share_consent=True, consent_expires_on__lt=today).exists()
    assert plans.filter(share_consent=False, consent_given_on__isnull=True).exists()
    assert (
        FollowUpTask.objects.filter(plan__stay__unit=centre)
        .exclude(responsible_unit=centre)
        .exists()
    )

    # Every person the demo made is fictional and marked so (the shelter's records carry
    # no mark of their own: a stay of a demo person is a demo stay).
    residents = Person.objects.filter(shelter_stays__unit=centre).distinct()
    children = Person.objects.filter(shelter_child_stays__stay__unit=centre).distinct()
    day_users = Person.objects.filter(shelter_day_users__unit=centre).distinct()
    assert residents.count() >= numbers["stays"] - volumes.REPEAT_STAYS
    assert day_users.exists()
    for persons in (residents, children, day_users):
        assert not persons.filter(is_demo=False).exists()
    assert "stays" in out.getvalue()

    # A second run changes nothing.
    demo.seed(region, out)
    assert _numbers(centre) == numbers
    assert "already loaded" in out.getvalue()

    # The statistics page has something to show for the current year.
    report = annual_report(unit=centre, year=today.year)
    overview = {row.label: row.values[0] for row in report.table("overview").rows}
    assert overview["Opphold (voksne)"] > 0
    assert overview["Telefonsamtaler"] > 0


def test_the_same_seed_gives_the_same_numbers(db):
    # Two separate databases are not at hand in one test; the plan itself is what the seed
    # fixes, so two plans drawn from the seed must be the same.
    region = seed_region()
    centre = region.units[demo.CENTRE]
    first = demo.DemoYear(region, centre).plan()
    second = demo.DemoYear(region, centre).plan()
    assert [(p.arrives, p.nights, p.children, p.returning) for p in first] == [
        (p.arrives, p.nights, p.children, p.returning) for p in second
    ]
    assert len(first) == volumes.STAYS
    assert sum(p.children for p in first) >= 35
