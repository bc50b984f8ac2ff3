"""The start page tells the privacy officer that uses of break-glass wait for review."""

import uuid

from django.template.loader import render_to_string
from django.test import RequestFactory

from helhet.audit.panels import break_glass_waiting
from helhet.audit.services import break_glass_grant, break_glass_review


def _review(actor, grant, comment):
    return break_glass_review(actor=actor, grant=grant, comment=comment, submission_id=uuid.uuid4())


def _panel(user):
    request = RequestFactory().get("/")
    request.user = user
    return break_glass_waiting(request)


def _grant(user):
    return break_glass_grant(
        actor=user,
        object_type="people.person",
        object_id=2,
        person_id=2,
        reason="Akutt fare meldt av politiet i natt.",
        submission_id=uuid.uuid4(),
    )


def test_the_privacy_officer_sees_how_many_uses_wait(cast):
    _grant(cast.nav_worker)
    _grant(cast.shelter_worker)
    panel = _panel(cast.privacy_officer)
    assert panel["count"] == 2
    html = render_to_string(panel["template"], {"panel": panel})
    assert "2 bruk av nødtilgang venter på gjennomgang." in html
    assert "/ansatt/logg/nodtilgang/" in html


def test_no_panel_for_others_or_when_nothing_waits(cast):
    grant = _grant(cast.nav_worker)
    assert _panel(cast.nav_worker) is None
    assert _panel(cast.admin) is None
    break_glass_review(
        actor=cast.privacy_officer, grant=grant, comment="Greit.", submission_id=uuid.uuid4()
    )
    assert _panel(cast.privacy_officer) is None
