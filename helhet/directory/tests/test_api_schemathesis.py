"""Schemathesis over our own OpenAPI document, in-process through the WSGI app (no
network): generated valid and invalid requests for every operation, with every default
check (no server error, status codes, content types and bodies as documented)."""

from __future__ import annotations

import io

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from helhet.demo import directory as demo
from helhet.demo.region import seed_region

pytestmark = pytest.mark.django_db

EXAMPLES = 20
LISTS = {"/services", "/organizations", "/taxonomies", "/taxonomy_terms"}


@pytest.fixture
def keep_the_test_connection():
    """A WSGI request closes the database connection when it ends; the test's transaction
    lives on that connection, so (as Django's own test client does) keep it open."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@override_settings(HELHET_HSDS_RATE_LIMIT=1_000_000)
@pytest.mark.usefixtures("keep_the_test_connection")
def test_schemathesis_finds_no_server_error_and_no_schema_violation():
    demo.seed(seed_region(), io.StringIO())
    cache.clear()
    schema = schemathesis.openapi.from_wsgi("/api/hsds/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in operations} >= LISTS | {"/services/{id}"}
    calls = []
    for operation in operations:
        # A path id is any string and the other operations take no parameters, so only
        # the lists have invalid requests to generate.
        modes = [GenerationMode.POSITIVE]
        if operation.path in LISTS:
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: schemathesis.Case) -> None:
                calls.append(case.operation.label)
                case.call_and_validate()

            run()
    assert len(set(calls)) == len(operations)
