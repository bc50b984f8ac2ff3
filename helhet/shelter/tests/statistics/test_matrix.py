"""The statistics pages' matrix cases, run here too (tests/test_view_policy.py runs them
once config/urls.py mounts the pages)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import login
from helhet.core.testing import LOGIN, VISITORS
from helhet.shelter.statistics.matrix import CASES
from helhet.shelter.statistics.policy import POLICY


def test_every_statistics_view_has_a_rule_and_a_case():
    assert sorted(POLICY) == sorted(case.url_name for case in CASES)


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.url_name)
def test_matrix(case, visitor, cast, client):
    user = None
    if visitor == "member":
        user = getattr(cast, case.member)
    elif visitor == "other_unit":
        user = getattr(cast, case.other_unit)
    elif visitor != "anonymous":
        user = getattr(cast, visitor)
    if user is not None:
        login(client, user)
    response = client.get(reverse(case.url_name, kwargs=case.kwargs(cast)))
    expected = case.status_for(visitor)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected
