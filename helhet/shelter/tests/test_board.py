"""The occupancy board: today's rooms, who is where, arrivals, departures, free capacity,
missing threat mappings, and the 12-month chart with its table."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from helhet.audit.models import Event
from helhet.shelter.choices import AnswerList, ClosureReason, Purpose, RiskLevel, ThreatMethod
from helhet.shelter.selectors import occupancy_by_month
from helhet.shelter.services import (
    ThreatInput,
    bed_allocate,
    room_allocate,
    room_closure_create,
    stay_end,
    threat_assessment_create,
)
from helhet.shelter.tests.factories import first_bed, make_room, make_stay, option

URL = reverse("shelter:board")


def test_staff_see_who_sleeps_where_and_the_free_beds(cast, login_as):
    family = make_room(cast, "Familierom", beds=3, family=True)
    make_room(cast, "Enkeltrom", beds=1)
    stay = make_stay(cast, "Kari Nordmann", children=["Ola"])
    room_allocate(actor=cast.shelter_worker, stay=stay, room=family, submission_id=uuid.uuid4())
    response = login_as(cast.shelter_worker).get(URL)
    page = response.content.decode()
    assert "Kari Nordmann" in page and "Ola" in page
    board = response.context["board"]
    assert (board.free_beds, board.occupied_beds, board.open_stays) == (2, 2, 1)
    assert [row["name"] for row in response.context["arrivals"]] == ["Kari Nordmann"]


def test_every_name_on_the_board_is_an_audited_read(cast, login_as):
    room = make_room(cast, beds=2)
    stay = make_stay(cast, children=["Ola"])
    room_allocate(actor=cast.shelter_worker, stay=stay, room=room, submission_id=uuid.uuid4())
    login_as(cast.shelter_worker).get(URL)
    reads = Event.objects.filter(
        kind="read", actor_id=cast.shelter_worker.pk, purpose=Purpose.BOARD
    )
    assert set(reads.values_list("person_id", flat=True)) == {
        stay.resident_id,
        stay.children.get().child_id,
    }


def test_a_departure_shows_today_and_the_room_is_free_again(cast, login_as):
    room = make_room(cast)
    today = timezone.localdate()
    stay = make_stay(cast, arrived_on=today - timedelta(days=4))
    bed_allocate(
        actor=cast.shelter_worker,
        stay=stay,
        bed=first_bed(room),
        starts_on=stay.arrived_on,
        submission_id=uuid.uuid4(),
    )
    stay_end(
        actor=cast.shelter_worker,
        stay=stay,
        departed_on=today,
        destination=option(AnswerList.DESTINATION, "family_or_friends").pk,
    )
    response = login_as(cast.shelter_worker).get(URL)
    assert [row["name"] for row in response.context["departures"]] == ["Kari Nordmann"]
    assert response.context["board"].free_beds == 1
    assert 'data-free="true"' in response.content.decode()


def test_a_room_out_of_service_gives_no_free_beds(cast, login_as):
    room = make_room(cast, beds=2)
    room_closure_create(
        actor=cast.shelter_lead,
        room=room,
        starts_on=timezone.localdate(),
        ends_on=None,
        reason=ClosureReason.MAINTENANCE,
        submission_id=uuid.uuid4(),
    )
    response = login_as(cast.shelter_worker).get(URL)
    assert response.context["board"].free_beds == 0
    assert "Ute av drift" in response.content.decode()


def test_a_stay_without_threat_mapping_after_48_hours_is_flagged(cast, login_as):
    today = timezone.localdate()
    late = make_stay(cast, "Sen Kartlegging", arrived_on=today - timedelta(days=3))
    make_stay(cast, "Nylig Kommet", arrived_on=today)
    mapped = make_stay(cast, "Allerede Kartlagt", arrived_on=today - timedelta(days=5))
    threat_assessment_create(
        actor=cast.shelter_worker,
        stay=mapped,
        data=ThreatInput(
            assessed_on=today - timedelta(days=4),
            method=ThreatMethod.STRUCTURED_CONVERSATION,
            risk_level=RiskLevel.HIGH,
            threats="Trusler på telefon.",
        ),
        submission_id=uuid.uuid4(),
    )
    response = login_as(cast.shelter_worker).get(URL)
    assert [row["stay"] for row in response.context["missing"]] == [late]


def test_the_board_and_the_stay_page_flag_a_missing_threat_mapping_by_the_same_rule(cast, login_as):
    today = timezone.localdate()
    two_days = make_stay(cast, "To Dager", arrived_on=today - timedelta(days=2))
    one_day = make_stay(cast, "En Dag", arrived_on=today - timedelta(days=1))
    client = login_as(cast.shelter_worker)
    flagged = [row["stay"] for row in client.get(URL).context["missing"]]
    assert flagged == [two_days]
    for stay, overdue in ((two_days, True), (one_day, False)):
        page = client.get(reverse("shelter:stay_detail", kwargs={"pk": stay.pk}))
        assert page.context["overdue_mapping"] is overdue


def test_staff_of_another_unit_see_no_board_and_no_names(cast, login_as):
    room = make_room(cast)
    bed_allocate(
        actor=cast.shelter_worker,
        stay=make_stay(cast),
        bed=first_bed(room),
        submission_id=uuid.uuid4(),
    )
    response = login_as(cast.nav_worker).get(URL)
    assert response.status_code == 200
    assert "Kari Nordmann" not in response.content.decode()
    assert "board" not in response.context


def test_the_board_has_a_fixed_number_of_queries(cast, login_as, django_assert_max_num_queries):
    room = make_room(cast, beds=4)
    for name in ("Anne", "Berit", "Cecilie"):
        bed_allocate(
            actor=cast.shelter_worker,
            stay=make_stay(cast, name),
            bed=room.beds.exclude(allocations__isnull=False).order_by("label").first(),
            submission_id=uuid.uuid4(),
        )
    client = login_as(cast.shelter_worker)
    # 3 persons shown: the audit writes one row each; the rest does not grow with the rooms.
    with django_assert_max_num_queries(30):
        client.get(URL)


def test_the_chart_is_an_svg_with_a_data_table_beside_it(cast, login_as):
    make_room(cast)
    response = login_as(cast.shelter_worker).get(URL)
    page = response.content.decode()
    assert "<svg" in page and "<rect" in page
    assert "Sengedøgn per måned" in page
    assert len(response.context["months"]) == 12


def test_the_chart_coordinates_are_never_written_with_a_decimal_comma(cast, login_as):
    # Bokmål formats 47.5 as "47,5", which is not an SVG length: the chart would not draw.
    make_room(cast)
    make_stay(cast)
    page = login_as(cast.shelter_worker).get(URL).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert re.findall(r'(?:x|y|x1|x2|y1|y2|width|height)="[^"]*,[^"]*"', svg) == []
    assert re.search(r'<rect[^>]* x="\d+(\.\d+)?"', svg)


def test_occupancy_counts_bed_nights_per_month(cast):
    room = make_room(cast, beds=2)
    today = timezone.localdate()
    stay = make_stay(cast, arrived_on=today.replace(day=1))
    bed_allocate(
        actor=cast.shelter_worker,
        stay=stay,
        bed=first_bed(room),
        starts_on=stay.arrived_on,
        submission_id=uuid.uuid4(),
    )
    months = occupancy_by_month(unit=cast.shelter, today=today)
    current = months[-1]
    assert (current.year, current.month) == (today.year, today.month)
    assert current.occupied == today.day
    assert current.available == 2 * today.day
    assert current.percent == 50
    year, month = (
        (today.year, today.month - 11) if today.month == 12 else (today.year - 1, today.month + 1)
    )
    assert months[0].first_day == date(year, month, 1)


def test_the_board_speaks_english_when_asked(cast, client, login_as, settings):
    make_room(cast)
    login_as(cast.shelter_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(URL).content.decode()
    assert "Occupancy board" in page
    assert "free beds" in page
