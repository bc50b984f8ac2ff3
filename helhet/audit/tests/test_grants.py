"""Break-glass grants at the service and chokepoint level."""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from helhet.audit.access import get_break_glass_grant_for
from helhet.audit.choices import EventKind
from helhet.audit.models import BreakGlassGrant, Event
from helhet.audit.selectors import (
    break_glass_active,
    break_glass_active_grant,
    break_glass_object_ids,
)
from helhet.audit.services import AuditError, break_glass_grant, break_glass_review

REASON = "Legevakten ringte om akutt skade, trenger opplysninger."


def _review(actor, grant, comment):
    return break_glass_review(actor=actor, grant=grant, comment=comment, submission_id=uuid.uuid4())


def _grant(user, submission_id=None, object_id=4):
    submission_id = submission_id or uuid.uuid4()
    return break_glass_grant(
        actor=user,
        object_type="people.person",
        object_id=object_id,
        person_id=object_id,
        reason=REASON,
        submission_id=submission_id,
    )


def test_the_same_submission_opens_one_grant(cast):
    key = uuid.uuid4()
    first = _grant(cast.nav_worker, key)
    second = _grant(cast.nav_worker, key)
    assert first == second
    assert BreakGlassGrant.objects.count() == 1
    assert Event.objects.filter(kind=EventKind.BREAK_GLASS).count() == 1


def test_a_review_needs_a_comment_at_the_service_too(cast):
    grant = _grant(cast.nav_worker)
    with pytest.raises(AuditError) as caught:
        break_glass_review(
            actor=cast.privacy_officer, grant=grant, comment=" ", submission_id=uuid.uuid4()
        )
    assert caught.value.field == "comment"


def test_the_grant_chokepoint_is_for_reviewers_only(cast):
    grant = _grant(cast.nav_worker)
    with pytest.raises(Http404):
        get_break_glass_grant_for(cast.nav_worker, grant.pk)
    with pytest.raises(Http404):
        get_break_glass_grant_for(cast.privacy_officer, "not a number")
    assert get_break_glass_grant_for(cast.privacy_officer, grant.pk) == grant


def test_an_active_grant_is_found_for_its_user_and_object_only(cast):
    grant = _grant(cast.nav_worker)
    assert break_glass_active(user=cast.nav_worker, object_type="people.person", object_id=4)
    assert (
        break_glass_active_grant(user=cast.nav_worker, object_type="people.person", object_id="4")
        == grant
    )
    assert not break_glass_active(user=cast.nav_worker, object_type="people.person", object_id=5)
    assert not break_glass_active(user=cast.colleague, object_type="people.person", object_id=4)
    assert not break_glass_active(user=AnonymousUser(), object_type="people.person", object_id=4)
    assert list(break_glass_object_ids(user=cast.nav_worker, object_type="people.person")) == ["4"]
    assert list(break_glass_object_ids(user=AnonymousUser(), object_type="people.person")) == []


def test_the_strings_name_ids_not_reasons(cast):
    grant = _grant(cast.nav_worker)
    event = Event.objects.get(kind=EventKind.BREAK_GLASS)
    assert REASON not in str(grant)
    assert str(event).endswith("break_glass people.person:4")
