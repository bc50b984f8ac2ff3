"""Benchmark of the crisis centre's occupancy board and annual report (`make bench`).

Never a test: it builds ten years of generated records for a large centre (about 400 stays
and 6,000 phone contacts a year) in a throwaway database, and times

- the occupancy board's selectors (`selectors.board` with names decrypted, as the board
  page calls it, and `selectors.occupancy_by_month`),
- the annual report (`statistics.compute.annual_report`, internal and published), and
- a hand-written SQL aggregate of the report's overview figures, as the floor of what the
  database can do; the run checks that it gives the same figures.

Databases: a SQLite file under /tmp, always; PostgreSQL too when BENCH_DATABASE_URL is set
(a server URL such as postgres://postgres@127.0.0.1:5432/postgres: the run creates a
database of its own there and drops it afterwards). Each database is measured in a child
process of its own, because Django's settings are fixed per process.

    .venv/bin/python bench/run.py [--runs 15]

Figures and the machine they were taken on: docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
YEARS = 10
STAYS_PER_YEAR = 400
REPEAT_SHARE = 0.15  # of the stays, a second stay of the same person in the year
FAMILY_SHARE = 0.4  # of the stays, with children
PHONE_PER_YEAR = 6000
DAY_USERS_PER_YEAR = 500
DAY_VISITS_PER_YEAR = 2500
REFERRALS_PER_YEAR = 40
ROOMS = 20
BEDS_PER_ROOM = 4
SEED = 4242


# Parent: one child process per database, then the table ---------------------------------


def _postgres_database(server_url: str) -> tuple[str, str]:
    """Create a throwaway database on the server; returns (its URL, its name)."""
    import psycopg

    name = f"helhet_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _drop_postgres_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run_child(label: str, url: str, runs: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        output = handle.name
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    try:
        subprocess.run(  # noqa: S603 - our own interpreter and script, fixed arguments
            [sys.executable, __file__, "--child", "--output", output, "--runs", str(runs)],
            env=env,
            check=True,
            cwd=ROOT,
        )
        result = json.loads(Path(output).read_text())
    finally:
        Path(output).unlink(missing_ok=True)
    result["database"] = label
    return result


def _table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| database | what | queries | median ms | fastest ms |",
        "|---|---|---:|---:|---:|",
    ]
    for result in results:
        for entry in result["measurements"]:
            lines.append(
                f"| {result['database']} | {entry['what']} | {entry['queries']} | "
                f"{entry['median_ms']:.1f} | {entry['min_ms']:.1f} |"
            )
    return "\n".join(lines)


def parent(runs: int) -> None:
    results = []
    sqlite_file = Path(tempfile.gettempdir()) / f"helhet-bench-{uuid.uuid4().hex[:8]}.sqlite3"
    try:
        results.append(_run_child("SQLite", f"sqlite:///{sqlite_file}", runs))
    finally:
        sqlite_file.unlink(missing_ok=True)
    server = os.environ.get("BENCH_DATABASE_URL")
    if server:
        url, name = _postgres_database(server)
        try:
            results.append(_run_child("PostgreSQL", url, runs))
        finally:
            _drop_postgres_database(server, name)
    first = results[0]
    print()
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {date.today().isoformat()}"
    )
    print(
        f"Data: {first['data']['years']} years, {first['data']['stays']} stays, "
        f"{first['data']['children']} child stays, {first['data']['allocations']} bed "
        f"allocations, {first['data']['phone']} phone contacts, {first['data']['day_users']} "
        f"day users, {first['data']['day_visits']} day visits, {first['data']['referrals']} "
        f"referrals; report year {first['data']['report_year']}"
    )
    for result in results:
        print(
            f"{result['database']}: built in {result['build_s']:.0f} s; hand-written SQL gives "
            f"the report's figures: {'yes' if result['same_figures'] else 'NO'}"
        )
    print()
    print(_table(results))
    if not all(result["same_figures"] for result in results):
        sys.exit(1)


# Child: build the data, measure ----------------------------------------------------------


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class Builder:
    """Ten years of records, written with bulk inserts (the services would take hours and
    nothing here is real)."""

    def __init__(self) -> None:
        import random

        from django.utils import timezone

        self.rng = random.Random(SEED)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.counts = dict.fromkeys(
            ["stays", "children", "allocations", "phone", "day_users", "day_visits", "referrals"], 0
        )

    def build(self) -> Any:
        from django.db import transaction

        with transaction.atomic():
            self._base()
            for year in range(self.today.year - YEARS + 1, self.today.year + 1):
                self._year(year)
        return self.unit

    def _base(self) -> None:
        from helhet.accounts.models import User
        from helhet.organisation.choices import UnitType
        from helhet.organisation.models import Municipality
        from helhet.organisation.services import unit_create
        from helhet.shelter.models import AnswerOption, Bed, Room

        self.user = User.objects.create(username="bench", full_name="Bench")
        self.municipalities = [
            Municipality.objects.create(number=number, name=name)
            for number, name in [("9901", "Fjordvik"), ("9902", "Nordøy"), ("9903", "Sørdal")]
        ]
        self.unit = unit_create(
            actor=self.user,
            name="Storby krisesenter",
            unit_type=UnitType.CRISIS_CENTRE,
            host_municipality=self.municipalities[0],
            covered_municipalities=self.municipalities[1:],
            submission_id=uuid.uuid4(),
        )
        self.options: dict[str, list[AnswerOption]] = {}
        for option in AnswerOption.objects.all():
            self.options.setdefault(option.answer_list, []).append(option)
        rooms = Room.objects.bulk_create(
            Room(unit=self.unit, name=f"Rom {number:02d}", is_family_room=number % 2 == 0)
            for number in range(1, ROOMS + 1)
        )
        self.beds = Bed.objects.bulk_create(
            Bed(room=room, label=f"Seng {number}")
            for room in rooms
            for number in range(1, BEDS_PER_ROOM + 1)
        )
        # Beds were in service from the first year on (the occupancy chart counts from it).
        Bed.objects.update(created_at=self.now - timedelta(days=366 * YEARS))
        self.free_from = {bed.pk: date.min for bed in self.beds}

    def _persons(self, count: int, *, adult: bool, year: int) -> list[Any]:
        from helhet.people.crypto import encrypt_field, new_data_key, wrap_data_key
        from helhet.people.models import Person, PersonKey

        persons, keys = [], []
        for number in range(count):
            person = Person(
                uid=uuid.uuid4(),
                gender=self.rng.choices(
                    ["woman", "man", "other", "not_registered"],
                    weights=[85, 12, 2, 1] if adult else [50, 49, 1, 0],
                )[0],
                birth_year=year - (self.rng.randint(18, 75) if adult else self.rng.randint(0, 17)),
            )
            data_key = new_data_key()
            person.name_enc = encrypt_field(
                data_key, f"Person {year}-{number}", aad=f"{person.uid}:name"
            )
            persons.append(person)
            keys.append(data_key)
        persons = Person.objects.bulk_create(persons, batch_size=2000)
        wrapped = []
        for person, data_key in zip(persons, keys, strict=True):
            key_id, value = wrap_data_key(data_key)
            wrapped.append(PersonKey(person=person, master_key_id=key_id, wrapped_key=value))
        PersonKey.objects.bulk_create(wrapped, batch_size=2000)
        return persons

    def _bed(self, arrived: date, departed: date | None) -> int | None:
        for bed in self.beds:
            if self.free_from[bed.pk] <= arrived:
                self.free_from[bed.pk] = departed or date.max
                return bed.pk
        return None

    def _year(self, year: int) -> None:
        from helhet.shelter.models import (
            BedAllocation,
            CapacityReferral,
            DayContact,
            DayUser,
            PhoneContact,
            Stay,
            StayChild,
        )

        first_day = date(year, 1, 1)
        last_day = min(date(year, 12, 31), self.today - timedelta(days=1))
        span = (last_day - first_day).days
        share = (span + 1) / 365
        stays_count = round(STAYS_PER_YEAR * share)
        first_stays = round(stays_count * (1 - REPEAT_SHARE))
        residents = self._persons(first_stays, adult=True, year=year)
        rng = self.rng
        planned = []
        for person in residents:
            arrived = first_day + timedelta(days=rng.randint(0, span))
            planned.append((person, arrived, True))
        for person in rng.sample(residents, stays_count - first_stays):
            arrived = first_day + timedelta(days=rng.randint(0, span))
            planned.append((person, arrived, False))
        # The person's earliest stay of the year is the first one, whichever was drawn first.
        planned.sort(key=lambda entry: (entry[1], entry[0].pk))
        seen: set[int] = set()
        ends: dict[int, date] = {}
        stays = []
        for person, arrived, _first in planned:
            if person.pk in ends and ends[person.pk] > arrived:
                continue  # still living there: one open stay per person
            nights = rng.choice(
                [rng.randint(1, 7), rng.randint(8, 30), rng.randint(8, 30), rng.randint(31, 120)]
            )
            departed: date | None = arrived + timedelta(days=nights)
            if departed >= self.today:
                departed = None
            ends[person.pk] = departed or date.max
            stays.append(
                Stay(
                    unit=self.unit,
                    resident=person,
                    arrived_on=arrived,
                    departed_on=departed,
                    referrer=rng.choice(self.options["referrer"]),
                    municipality=rng.choice([*self.municipalities, None]),
                    perpetrator_relation=rng.choice([*self.options["perpetrator_relation"], None]),
                    destination=rng.choice(self.options["destination"]) if departed else None,
                    violence_repeated=rng.choice(["yes", "no", "unknown"]),
                    earlier_contact=rng.choice(["yes", "no", "unknown"]),
                    statistics_consent=rng.random() < 0.92,
                    first_stay_of_year=person.pk not in seen,
                    created_by=self.user,
                )
            )
            seen.add(person.pk)
        stays = Stay.objects.bulk_create(stays, batch_size=2000)
        through = Stay.violence_types.through
        through.objects.bulk_create(
            (
                through(stay_id=stay.pk, answeroption_id=option.pk)
                for stay in stays
                for option in rng.sample(self.options["violence_type"], rng.randint(1, 3))
            ),
            batch_size=5000,
        )
        families = [stay for stay in stays if rng.random() < FAMILY_SHARE]
        sizes = [rng.choice([1, 1, 2, 2, 3]) for _ in families]
        children = self._persons(sum(sizes), adult=False, year=year)
        child_rows, position = [], 0
        for stay, size in zip(families, sizes, strict=True):
            for child in children[position : position + size]:
                child_rows.append(
                    StayChild(
                        stay=stay,
                        child=child,
                        arrived_on=stay.arrived_on,
                        departed_on=stay.departed_on,
                        statistics_consent=rng.random() < 0.85,
                        school_interrupted=rng.choice(["yes", "no", "unknown"]),
                    )
                )
            position += size
        child_rows = StayChild.objects.bulk_create(child_rows, batch_size=2000)
        by_stay: dict[int, list[Any]] = {}
        for child_row in child_rows:
            by_stay.setdefault(child_row.stay_id, []).append(child_row)
        allocations = []
        for stay in sorted(stays, key=lambda stay: stay.arrived_on):
            for occupant in [None, *by_stay.get(stay.pk, [])]:
                bed = self._bed(stay.arrived_on, stay.departed_on)
                if bed is None:
                    continue
                allocations.append(
                    BedAllocation(
                        stay=stay,
                        stay_child=occupant,
                        bed_id=bed,
                        starts_on=stay.arrived_on,
                        ends_on=stay.departed_on,
                        created_by=self.user,
                    )
                )
        BedAllocation.objects.bulk_create(allocations, batch_size=2000)
        users = DayUser.objects.bulk_create(
            (
                DayUser(
                    unit=self.unit,
                    pseudonym=f"B{year}-{number:04d}",
                    gender=rng.choice(["woman", "woman", "woman", "man", "not_registered"]),
                    birth_year=year - rng.randint(18, 80),
                    municipality=rng.choice([*self.municipalities, None]),
                    created_by=self.user,
                )
                for number in range(round(DAY_USERS_PER_YEAR * share))
            ),
            batch_size=2000,
        )
        visits = DayContact.objects.bulk_create(
            (
                DayContact(
                    unit=self.unit,
                    day_user=rng.choice(users),
                    occurred_on=first_day + timedelta(days=rng.randint(0, span)),
                    kind=rng.choice(["visit", "visit", "visit", "outreach"]),
                    created_by=self.user,
                )
                for _ in range(round(DAY_VISITS_PER_YEAR * share))
            ),
            batch_size=2000,
        )
        zone = self.now.tzinfo
        start = datetime.combine(first_day, datetime.min.time(), tzinfo=zone)
        seconds = int((min(self.now, start + timedelta(days=span + 1)) - start).total_seconds())
        calls = PhoneContact.objects.bulk_create(
            (
                PhoneContact(
                    unit=self.unit,
                    started_at=start + timedelta(seconds=rng.randint(0, seconds - 1)),
                    duration_minutes=rng.randint(2, 60),
                    caller_group=rng.choice(self.options["caller_group"]),
                    outcome=rng.choice(self.options["outcome"]),
                    municipality=rng.choice([*self.municipalities, None, None]),
                    is_conversation=rng.random() < 0.2,
                    created_by=self.user,
                )
                for _ in range(round(PHONE_PER_YEAR * share))
            ),
            batch_size=2000,
        )
        referrals = CapacityReferral.objects.bulk_create(
            CapacityReferral(
                unit=self.unit,
                occurred_on=first_day + timedelta(days=rng.randint(0, span)),
                referred_to="Nabosenteret",
                adults=1,
                children=rng.randint(0, 2),
                created_by=self.user,
            )
            for _ in range(round(REFERRALS_PER_YEAR * share))
        )
        self.counts["stays"] += len(stays)
        self.counts["children"] += len(child_rows)
        self.counts["allocations"] += len(allocations)
        self.counts["phone"] += len(calls)
        self.counts["day_visits"] += len(visits)
        self.counts["day_users"] += len(users)
        self.counts["referrals"] += len(referrals)


def _literal_date(vendor: str, value: date) -> str:
    return f"DATE '{value.isoformat()}'" if vendor == "postgresql" else f"'{value.isoformat()}'"


def _literal_moment(vendor: str, value: datetime) -> str:
    from datetime import UTC

    utc = value.astimezone(UTC)
    if vendor == "postgresql":
        return f"TIMESTAMPTZ '{utc.isoformat()}'"
    return f"'{utc.strftime('%Y-%m-%d %H:%M:%S')}'"


def hand_written_sql(unit_id: int, year: int, today: date) -> dict[str, int]:
    """The overview's figures in one statement, written by hand."""
    from django.db import connection
    from django.utils import timezone

    vendor = connection.vendor

    def day(value: date) -> str:
        return _literal_date(vendor, value)

    def nights(first: str, last: str) -> str:
        if vendor == "postgresql":
            return f"({last}) - ({first})"
        return f"CAST(julianday({last}) - julianday({first}) AS INTEGER)"

    start, stop, now = day(date(year, 1, 1)), day(date(year + 1, 1, 1)), day(today)
    zone = timezone.get_current_timezone()
    phone_start = _literal_moment(vendor, datetime(year, 1, 1, tzinfo=zone))
    phone_stop = _literal_moment(vendor, datetime(year + 1, 1, 1, tzinfo=zone))
    last = (
        f"CASE WHEN COALESCE(departed_on, {now}) < {stop} "
        f"THEN COALESCE(departed_on, {now}) ELSE {stop} END"
    )
    first = f"CASE WHEN arrived_on > {start} THEN arrived_on ELSE {start} END"
    in_year = f"arrived_on >= {start} AND arrived_on < {stop}"
    overlap = f"arrived_on < {stop} AND (departed_on IS NULL OR departed_on > {start})"
    child_last = last
    sql = f"""
    SELECT
      (SELECT COUNT(*) FROM shelter_stay WHERE unit_id = {unit_id} AND {in_year}
          AND statistics_consent AND first_stay_of_year),
      (SELECT COUNT(*) FROM shelter_stay WHERE unit_id = {unit_id} AND {in_year}
          AND statistics_consent),
      (SELECT COALESCE(SUM({nights(first, last)}), 0) FROM shelter_stay
          WHERE unit_id = {unit_id} AND {overlap}),
      (SELECT COALESCE(SUM({nights(first, child_last)}), 0) FROM shelter_staychild
          WHERE stay_id IN (SELECT id FROM shelter_stay WHERE unit_id = {unit_id}) AND {overlap}),
      (SELECT COUNT(*) FROM shelter_staychild
          WHERE stay_id IN (SELECT id FROM shelter_stay WHERE unit_id = {unit_id}) AND {in_year}
          AND statistics_consent AND first_stay_of_year),
      (SELECT COUNT(DISTINCT day_user_id) FROM shelter_daycontact WHERE unit_id = {unit_id}
          AND occurred_on >= {start} AND occurred_on < {stop}),
      (SELECT COUNT(*) FROM shelter_daycontact WHERE unit_id = {unit_id}
          AND occurred_on >= {start} AND occurred_on < {stop}),
      (SELECT COUNT(*) FROM shelter_phonecontact WHERE unit_id = {unit_id}
          AND started_at >= {phone_start} AND started_at < {phone_stop}),
      (SELECT COUNT(*) FROM shelter_phonecontact WHERE unit_id = {unit_id}
          AND started_at >= {phone_start} AND started_at < {phone_stop} AND is_conversation)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    names = [
        "residents",
        "stays",
        "adult_nights",
        "child_nights",
        "child_residents",
        "day_users",
        "day_visits",
        "phone",
        "conversations",
    ]
    return dict(zip(names, (int(value) for value in row), strict=True))


def _report_figures(report: Any) -> dict[str, int]:
    rows = [row.values[0] for row in report.table("overview").rows]
    return {
        "residents": rows[0],
        "stays": rows[1],
        "adult_nights": rows[2],
        "child_nights": rows[3],
        "child_residents": rows[5],
        "day_users": rows[7],
        "day_visits": rows[8],
        "phone": rows[10],
        "conversations": rows[11],
    }


def _measure(what: str, action: Any, runs: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    action()  # warm the caches once; the median is of the runs after it
    times = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            action()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(context.captured_queries)
    return {
        "what": what,
        "queries": queries,
        "median_ms": statistics.median(times),
        "min_ms": min(times),
    }


def child(output: str, runs: int) -> None:
    _setup()
    from django.db import connection

    from helhet.shelter import selectors
    from helhet.shelter.statistics.compute import annual_report
    from helhet.shelter.statistics.suppression import suppress_report

    started = time.perf_counter()
    builder = Builder()
    unit = builder.build()
    if connection.vendor == "postgresql":
        # In production autovacuum has analysed the tables long since; right after a bulk
        # load the planner would otherwise guess from empty statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    build_s = time.perf_counter() - started
    today = builder.today
    year = today.year - 1
    report = annual_report(unit=unit, year=year, today=today)
    same = _report_figures(report) == hand_written_sql(unit.pk, year, today)
    measurements = [
        _measure(
            "occupancy board (`selectors.board`, names decrypted)",
            lambda: selectors.board(unit=unit, with_names=True),
            runs,
        ),
        _measure(
            "occupancy by month, 12 months (`selectors.occupancy_by_month`)",
            lambda: selectors.occupancy_by_month(unit=unit),
            runs,
        ),
        _measure(
            "annual report, internal (all 19 tables)",
            lambda: annual_report(unit=unit, year=year, today=today),
            runs,
        ),
        _measure(
            "annual report, published (with suppression)",
            lambda: suppress_report(annual_report(unit=unit, year=year, today=today), 20),
            runs,
        ),
        _measure(
            "hand-written SQL, the overview's 9 figures",
            lambda: hand_written_sql(unit.pk, year, today),
            runs,
        ),
    ]
    Path(output).write_text(
        json.dumps(
            {
                "build_s": build_s,
                "same_figures": same,
                "data": {**builder.counts, "years": YEARS, "report_year": year},
                "measurements": measurements,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per measurement")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.output, arguments.runs)
    else:
        parent(arguments.runs)


if __name__ == "__main__":
    main()
