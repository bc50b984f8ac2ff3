"""The fixed cast every test can use, built with our own services.

Fjordvik hosts the inter-municipal crisis centre that also covers Nordøy and Sørdal.

- shelter_worker, colleague: workers at Fjordvik krisesenter (member)
- shelter_lead: lead at the crisis centre
- nav_worker: worker at NAV Fjordvik (another unit)
- coordinator: coordinator at the coordinating unit
- outsider: an active user with no membership
- privacy_officer: the municipality's privacy officer
- admin: the system administrator (manages users and units, sees no case content)
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

from helhet.accounts.models import User
from helhet.audit.db import drop_append_only_triggers, install_append_only_triggers
from helhet.core.policy import MFA_SESSION_KEY
from helhet.core.testing import Snapshot, database_emptied
from helhet.organisation.choices import UnitType
from helhet.organisation.models import Municipality, Unit
from helhet.organisation.roles import Role
from helhet.organisation.services import membership_add, unit_create

PASSWORD = "correct horse battery staple 42"


@dataclass
class Cast:
    fjordvik: Municipality
    nordoy: Municipality
    sordal: Municipality
    shelter: Unit
    nav: Unit
    coordinating_unit: Unit
    admin_unit: Unit
    shelter_worker: User
    colleague: User
    shelter_lead: User
    nav_worker: User
    coordinator: User
    outsider: User
    privacy_officer: User
    admin: User


def make_user(username: str, full_name: str = "") -> User:
    user = User(username=username, full_name=full_name or username.replace("_", " ").title())
    user.set_password(PASSWORD)
    user.save()
    return user


def build_cast() -> Cast:
    fjordvik = Municipality.objects.create(number="9901", name="Fjordvik")
    nordoy = Municipality.objects.create(number="9902", name="Nordøy")
    sordal = Municipality.objects.create(number="9903", name="Sørdal")
    admin = make_user("admin", "Ada Admin")
    shelter = unit_create(
        actor=admin,
        name="Fjordvik krisesenter",
        unit_type=UnitType.CRISIS_CENTRE,
        host_municipality=fjordvik,
        covered_municipalities=[nordoy, sordal],
        submission_id=uuid.uuid4(),
    )
    nav = unit_create(
        actor=admin,
        name="NAV Fjordvik",
        unit_type=UnitType.NAV,
        host_municipality=fjordvik,
        submission_id=uuid.uuid4(),
    )
    coordinating = unit_create(
        actor=admin,
        name="Koordinerende enhet Fjordvik",
        unit_type=UnitType.COORDINATING_UNIT,
        host_municipality=fjordvik,
        submission_id=uuid.uuid4(),
    )
    admin_unit = unit_create(
        actor=admin,
        name="Fjordvik kommune, administrasjon",
        unit_type=UnitType.ADMINISTRATION,
        host_municipality=fjordvik,
        submission_id=uuid.uuid4(),
    )
    users = {
        "shelter_worker": (shelter, Role.WORKER),
        "colleague": (shelter, Role.WORKER),
        "shelter_lead": (shelter, Role.LEAD),
        "nav_worker": (nav, Role.WORKER),
        "coordinator": (coordinating, Role.COORDINATOR),
        "privacy_officer": (admin_unit, Role.PRIVACY_OFFICER),
    }
    built: dict[str, User] = {}
    for username, (unit, role) in users.items():
        built[username] = make_user(username)
        membership_add(actor=admin, user=built[username], unit=unit, role=role)
    membership_add(actor=admin, user=admin, unit=admin_unit, role=Role.SYSTEM_ADMIN)
    return Cast(
        fjordvik=fjordvik,
        nordoy=nordoy,
        sordal=sordal,
        shelter=shelter,
        nav=nav,
        coordinating_unit=coordinating,
        admin_unit=admin_unit,
        outsider=make_user("outsider"),
        admin=admin,
        **built,
    )


# Fixtures through which a test reaches the database; pytest-django refuses every query to
# a test without one. Tests with none are marked so that CI runs them on one database only.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)
BROWSER_FIXTURES = frozenset({"browser", "page"})


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & DATABASE_FIXTURES or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.database)
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


# Built for real once per test process (and again after a flush), copied in afterwards.
_cast = Snapshot(build_cast)


@pytest.fixture
def cast(db: Any) -> Cast:
    return _cast.load()


def login(client: Any, user: User) -> Any:
    """Log the user in with both factors done, as the login flow would leave the session."""
    from helhet.accounts.middleware import start_session_clock

    client.force_login(user)
    session = client.session
    session[MFA_SESSION_KEY] = "test"
    # The same clock the real login starts.
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = session
    start_session_clock(request)
    session.save()
    return client


@pytest.fixture
def login_as(client: Any) -> Any:
    def _login(user: User) -> Any:
        return login(client, user)

    return _login


# Data migrations that load reference data every installation has (answer lists,
# taxonomies). The flush at the end of a transactional test empties their tables; they are
# loaded again so that the next test sees the database as migrations left it.
REFERENCE_DATA_MIGRATIONS = [
    ("directory", "0002_own_taxonomies"),
    ("shelter", "0002_default_answer_options"),
]


def _reload_reference_data(connection: Any) -> None:
    from django.apps import apps as global_apps
    from django.db import migrations as migration_ops
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    with connection.schema_editor() as schema_editor:
        for key in REFERENCE_DATA_MIGRATIONS:
            for operation in loader.disk_migrations[key].operations:
                if isinstance(operation, migration_ops.RunPython):
                    operation.code(global_apps, schema_editor)


@pytest.fixture(scope="session", autouse=True)
def _audit_triggers_survive_flush() -> Any:
    """Transactional tests (browser, concurrency) end with a flush that empties every
    table, which the append-only triggers refuse. Only in tests, the flush command drops
    the triggers for its own duration and puts them back."""
    from django.core.management.commands import flush

    original = flush.Command.handle

    def handle(self: Any, **options: Any) -> Any:
        connection = connections[options.get("database") or "default"]
        drop_append_only_triggers(connection)
        try:
            return original(self, **options)
        finally:
            install_append_only_triggers(connection)
            _reload_reference_data(connection)
            database_emptied()

    flush.Command.handle = handle
    yield
    flush.Command.handle = original


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


class _OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server for SQLite's in-memory test database.

    That database is one connection, which Django shares with the live server's threads; two
    overlapping requests (a double click in a browser test) would interleave their
    transactions on it and break both. So requests run one at a time here — connections are
    still accepted concurrently, so a browser's keep-alive connection never blocks another.
    A real SQLite deployment has a connection per thread, and SQLite serialises writers
    anyway (BEGIN IMMEDIATE); PostgreSQL keeps the threaded server and races for real.
    """

    _lock = threading.Lock()

    def set_app(self, application: Any) -> None:
        lock = self._lock

        def one_at_a_time(environ: Any, start_response: Any) -> Any:
            with lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session", autouse=True)
def _live_server_for_the_database() -> Any:
    if connections["default"].vendor != "sqlite":
        yield
        return
    original = LiveServerThread.server_class
    LiveServerThread.server_class = _OneRequestAtATimeServer
    yield
    LiveServerThread.server_class = original


@pytest.fixture(scope="session")
def browser() -> Any:
    """Debian's Chromium, driven by Playwright (no downloaded browser build)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


def _is_form_error_status(text: str) -> bool:
    # A form sent back with validation errors answers 400; Chromium logs that as a console
    # error about the page itself, which is the behaviour under test, not a fault.
    return text.startswith("Failed to load resource: the server responded with a status of 400")


@pytest.fixture
def page(browser: Any, live_server: Any) -> Any:
    """A fresh browser context and page for one test, against the live test server.

    Every message the browser logs about a Content Security Policy violation is kept in
    `page.csp_violations`, every other console error in `page.console_errors` (a broken
    SVG attribute, a missing file); a test that caused either fails at teardown.
    """
    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.csp_violations = []
    page.console_errors = []

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            page.csp_violations.append(message.text)
        elif message.type == "error" and not _is_form_error_status(message.text):
            page.console_errors.append(message.text)

    page.on("console", on_console)
    yield page
    context.close()
    assert page.csp_violations == [], page.csp_violations
    assert page.console_errors == [], page.console_errors


@pytest.fixture
def csp_violations(page: Any) -> list[str]:
    return page.csp_violations


def browser_login(page: Any, live_server: Any, user: User) -> None:
    """Give the browser a staff session with both factors done (the login flow itself is
    driven in a real browser by helhet/accounts/tests/test_browser.py)."""
    from django.conf import settings
    from django.test import Client

    client = login(Client(), user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.session.session_key,
                "url": live_server.url,
            }
        ]
    )
