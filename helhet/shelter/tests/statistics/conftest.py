"""The statistics pages are mounted by config/urls.py and ruled by config/policy.py. Until
the lead engineer adds them there, these tests use a test urlconf and policy table that
add exactly those lines; once they are mounted, the project's own configuration is used."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse

from helhet.core.policy import view_policy


def _mounted() -> bool:
    try:
        reverse("shelter_statistics:report")
    except NoReverseMatch:
        return False
    return "shelter_statistics:report" in view_policy()


@pytest.fixture(autouse=True)
def statistics_urls(settings: Any) -> Any:
    if _mounted():
        yield
        return
    settings.ROOT_URLCONF = "helhet.shelter.tests.statistics.urls"
    settings.HELHET_VIEW_POLICY = "helhet.shelter.tests.statistics.policy.VIEW_POLICY"
    view_policy.cache_clear()
    yield
    view_policy.cache_clear()
