"""Shared test support: the role × view matrix, and snapshots of fixture data.

Each app lists one `Case` per URL name in `helhet/<app>/tests/matrix.py` as `CASES`.
tests/test_view_policy.py runs every case for five visitors: anonymous, outsider (logged
in, no membership), member (owns the object), other_unit (a member of another unit) and
admin (the system administrator). A case states the status each visitor must get.
"""

from __future__ import annotations

import copy
import threading
import time as time_module
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.db import connection, connections, transaction
from django.utils.timezone import localtime

VISITORS = ("anonymous", "outsider", "member", "other_unit", "admin")
LOGIN = "login"  # expected: a redirect to the login page


@dataclass(frozen=True)
class Case:
    url_name: str
    # Statuses by visitor; LOGIN means a redirect to the login page.
    expect: dict[str, int | str]
    kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda cast: {})
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] = field(default=lambda cast: {})
    # The cast members who play "member" and "other_unit" for this view.
    member: str = "shelter_worker"
    other_unit: str = "nav_worker"
    # Runs before the request (for a view that needs more state, e.g. a pending login).
    prepare: Callable[[Any, Any], None] | None = None

    def status_for(self, visitor: str) -> int | str:
        return self.expect[visitor]


def staff_case(url_name: str, **overrides: Any) -> Case:
    """A page any logged-in member of staff may open (no object, no capability)."""
    expect: dict[str, int | str] = {
        "anonymous": LOGIN,
        "outsider": 200,
        "member": 200,
        "other_unit": 200,
        "admin": 200,
    }
    expect.update(overrides.pop("expect", {}))
    return Case(url_name, expect=expect, **overrides)


def public_case(url_name: str, status: int = 200, **overrides: Any) -> Case:
    expect: dict[str, int | str] = dict.fromkeys(VISITORS, status)
    expect.update(overrides.pop("expect", {}))
    return Case(url_name, expect=expect, **overrides)


# --- Built once, copied in for each test -------------------------------------------------

_emptied = 0


def database_emptied() -> None:
    """Say that the test database was flushed (the end of a transactional test): every
    snapshot taken before then names rows, and reference rows, that no longer exist."""
    global _emptied
    _emptied += 1


def _travelling() -> bool:
    try:
        import time_machine
    except ImportError:  # pragma: no cover - a dev dependency
        return False
    return bool(time_machine.escape_hatch.is_travelling())


Row = tuple[Any, ...]
T = TypeVar("T")


@dataclass
class _Table:
    name: str
    columns: list[str]
    rows: list[Row]


def _row_key(row: Row) -> str:
    return repr(row)


def _read_tables(connection: Any) -> dict[str, _Table]:
    qn = connection.ops.quote_name
    tables: dict[str, _Table] = {}
    with connection.cursor() as cursor:
        for name in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {qn(name)}")  # noqa: S608 - our own table names
            columns = [column[0] for column in cursor.description]
            tables[name] = _Table(name, columns, [tuple(row) for row in cursor.fetchall()])
    return tables


def _sqlite_value(value: Any) -> Any:
    # The values come back through Django's SQLite converters; write them the way Django
    # stores them (it registers no adapter for times, and would write a bool as 1/0 anyway).
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime | date | time):
        return str(value) if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class Snapshot(Generic[T]):
    """The rows a builder writes, built once per test process and copied in afterwards.

    Building the cast through our services takes some 130 queries, and a demo region
    several hundred; most tests need the same rows. The first test that asks builds them
    for real (inside its own transaction, rolled back as usual) and the snapshot keeps the
    rows the build added, table by table, and a copy of what the builder returned. Each
    later test gets the same rows inserted again (one statement per table) and its own deep
    copy of the returned objects, so a test that changes them changes nothing for the next.

    It builds for real again when the copy would not be what a build gives now:
    - after a flush (`database_emptied`): the rows it names may be gone, or renumbered;
    - on another day, or when the test travels in time: the rows carry the build's clock;
    - when the builder changed or deleted a row that existed before it ran (a snapshot of
      added rows could not repeat that): then it never copies, and always builds.
    """

    def __init__(self, build: Callable[[], T], *, max_age: timedelta = timedelta(hours=2)):
        self._build = build
        self._max_age = max_age
        self._tables: list[_Table] | None = None
        self._result: T | None = None
        self._taken_at: datetime | None = None
        self._generation = -1
        self._builds_only = False
        self.builds = 0  # how many times the builder really ran (for the tests of this)

    def _fresh(self) -> bool:
        if self._tables is None or self._taken_at is None or self._generation != _emptied:
            return False
        now = datetime.now(UTC)
        if now < self._taken_at or now - self._taken_at > self._max_age:
            return False
        return localtime(now).date() == localtime(self._taken_at).date()

    def _run_build(self) -> T:
        self.builds += 1
        return self._build()

    def load(self) -> T:
        """The builder's rows in the test database, and its result (call with database
        access, as a fixture that depends on `db` does)."""
        from django.db import connection

        if self._builds_only or _travelling():
            return self._run_build()
        if not self._fresh():
            return self._take(connection)
        self._insert(connection)
        return copy.deepcopy(self._result)  # type: ignore[return-value]

    def _take(self, connection: Any) -> T:
        self._tables = None
        before = _read_tables(connection)
        taken_at = datetime.now(UTC)
        result = self._run_build()
        after = _read_tables(connection)
        added: list[_Table] = []
        for name, table in after.items():
            old = before.get(name)
            old_keys = {_row_key(row) for row in old.rows} if old else set()
            new_keys = {_row_key(row) for row in table.rows}
            if not old_keys <= new_keys:
                # The builder changed or deleted rows it did not write; copying only the
                # added rows would not repeat that.
                self._builds_only = True
                return result
            rows = [row for row in table.rows if _row_key(row) not in old_keys]
            if rows:
                added.append(_Table(name, table.columns, rows))
        self._tables = added
        self._result = copy.deepcopy(result)
        self._taken_at = taken_at
        self._generation = _emptied
        return result

    def _insert(self, connection: Any) -> None:
        qn = connection.ops.quote_name
        sqlite = connection.vendor == "sqlite"
        with connection.cursor() as cursor:
            # Foreign keys are deferred (Django creates them so on both databases), so the
            # order of the tables does not matter within the test's transaction. A
            # transactional test runs in autocommit: one transaction for all the tables.
            with transaction.atomic(using=connection.alias):
                for table in self._tables or []:
                    columns = ", ".join(qn(column) for column in table.columns)
                    marks = ", ".join(["%s"] * len(table.columns))
                    rows = table.rows
                    if sqlite:
                        rows = [tuple(_sqlite_value(value) for value in row) for row in rows]
                    cursor.executemany(
                        f"INSERT INTO {qn(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608
                        rows,
                    )


# Races: two (or more) requests at the same moment, each on its own database connection.


def in_threads(
    work: Callable[[int], T], count: int = 2, *, timeout: float = 30
) -> tuple[list[T], list[Exception]]:
    """Run `work(index)` in `count` threads that start together; each thread closes its own
    database connection. Returns the results and the exceptions, for the test to assert."""
    barrier = threading.Barrier(count, timeout=10)
    results: list[T] = []
    errors: list[Exception] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results.append(work(index))
        except Exception as exc:  # reported by the caller's assertions
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors


def wait_until_a_backend_waits_on_a_lock(*, timeout: float = 10) -> None:
    """Return once another PostgreSQL connection waits on a lock (a racing post blocked on a
    unique key or a row lock), so that a race test knows the two really overlap."""
    deadline = time_module.monotonic() + timeout
    with connection.cursor() as cursor:
        while time_module.monotonic() < deadline:
            # Inside a transaction PostgreSQL keeps one snapshot of the activity view.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            row = cursor.fetchone()
            if row and row[0]:
                return
            time_module.sleep(0.01)  # polling for a state, not a fixed wait
    raise AssertionError("the other request never waited on a lock")
