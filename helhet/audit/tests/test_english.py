"""The privacy officer's pages in English, and a catalogue with nothing left out."""

import subprocess
import uuid

from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from helhet.audit import views
from helhet.audit.choices import EventKind
from helhet.audit.services import break_glass_grant, event_record
from helhet.audit.tests.conftest import PO


def _request(user, method="get", data=None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._dont_enforce_csrf_checks = True
    return request


def test_the_catalogue_is_complete():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_the_event_list_reads_in_english(cast, english):
    event_record(kind=EventKind.READ, actor=cast.shelter_worker, person_id=3, unit=cast.shelter)
    html = views.event_list(_request(cast.privacy_officer, data={"kind": "read"})).content.decode()
    assert "Access log" in html and "All users" in html and "From date" in html
    assert ">Read<" in html
    assert "Tilgangslogg" not in html


def test_the_review_page_reads_in_english(cast, english):
    grant = break_glass_grant(
        actor=cast.nav_worker,
        object_type="people.person",
        object_id=3,
        person_id=3,
        reason="Akutt trussel meldt av politiet.",
        submission_id=uuid.uuid4(),
    )
    request = _request(cast.privacy_officer, method="post", data={"comment": ""})
    html = views.break_glass_review(request, grant.pk).content.decode()
    assert "Review emergency access" in html and "Mark as reviewed" in html
    assert "Gjennomgå nødtilgang" not in html
    queue = views.break_glass_queue(_request(cast.privacy_officer)).content.decode()
    assert "Emergency accesses to review" in queue and "Active until" in queue
