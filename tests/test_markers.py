"""conftest.py marks tests from their fixtures; CI's PostgreSQL pass selects by the marks."""

from __future__ import annotations

import pytest


def test_a_test_with_the_db_fixture_is_marked_database(db, request):
    assert request.node.get_closest_marker("database") is not None


def test_a_test_with_a_fixture_that_needs_the_database_is_marked_database(cast, request):
    assert request.node.get_closest_marker("database") is not None


@pytest.mark.django_db
def test_a_test_with_the_django_db_mark_is_marked_database(request):
    assert request.node.get_closest_marker("database") is not None


def test_a_test_without_database_access_is_not_marked_database(request):
    assert request.node.get_closest_marker("database") is None
    assert request.node.get_closest_marker("browser") is None
