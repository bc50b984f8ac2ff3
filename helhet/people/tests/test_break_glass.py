"""Break-glass: emergency access to a person outside one's units, with a reason, for 60
minutes, flagged while it lasts and queued for the privacy officer."""

import datetime
import uuid

import time_machine
from django.test import RequestFactory
from django.urls import reverse

from helhet.audit.choices import EventKind
from helhet.audit.models import BreakGlassGrant, Event
from helhet.people import access, views
from helhet.people.choices import Purpose
from helhet.people.selectors import visible_persons
from helhet.people.services import person_break_glass
from helhet.people.tests.helpers import national_id, register

URL = reverse("people:break_glass")
REASON = "Politiet ringte: akutt fare, trenger kontaktopplysninger nå."
START = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def _detail(person):
    return reverse("people:detail", kwargs={"person_id": person.pk})


def _ask(client, number, reason=REASON, submission_id=None):
    return client.post(
        URL,
        {
            "national_id": number,
            "reason": reason,
            "submission_id": str(submission_id or uuid.uuid4()),
        },
    )


def _numbered(cast, name="Kari Nordmann", born=datetime.date(1985, 5, 17)):
    """A person at the crisis centre, with a number break-glass can search for."""
    number = national_id(born)
    return register(cast.shelter_worker, cast.shelter, name=name, national_id=number), number


def test_it_requires_a_reason(cast, login_as, client):
    person, number = _numbered(cast)
    login_as(cast.nav_worker)
    for reason in ("", "   ", "Haster", "xxxxxxxxxx"):
        response = _ask(client, number, reason=reason)
        assert response.status_code == 200
        assert response.context["form"].errors["reason"]
    assert not BreakGlassGrant.objects.exists()
    assert client.get(_detail(person)).status_code == 404


def test_it_opens_the_person_by_national_number_and_flags_the_page(cast, login_as, client):
    number = national_id(datetime.date(1988, 8, 8))
    person = register(cast.shelter_worker, cast.shelter, name="Nød Person", national_id=number)
    login_as(cast.nav_worker)
    assert client.get(_detail(person)).status_code == 404
    response = _ask(client, number)
    assert response.status_code == 302
    assert response["Location"] == _detail(person)
    grant = BreakGlassGrant.objects.get()
    assert (grant.user, grant.person_id, grant.reason) == (cast.nav_worker, person.pk, REASON)
    assert grant.expires_at - grant.granted_at == datetime.timedelta(minutes=60)
    page = client.get(_detail(person))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Nød Person" in body
    assert "data-break-glass" in body
    # The read is logged as one made through break-glass, and the grant itself too.
    read = Event.objects.get(kind=EventKind.READ, person_id=person.pk, actor=cast.nav_worker)
    assert "break_glass" in read.detail and read.unit_id is None
    assert Event.objects.filter(kind=EventKind.BREAK_GLASS, person_id=person.pk).count() == 1


def test_it_opens_a_person_by_d_number(cast, login_as, client):
    number = national_id(datetime.date(1990, 2, 3), d_number=True)
    person = register(cast.shelter_worker, cast.shelter, national_id=number)
    login_as(cast.nav_worker)
    assert _ask(client, number)["Location"] == _detail(person)


def test_it_never_opens_a_person_by_id_so_ids_cannot_be_walked(cast, login_as, client):
    person, _number = _numbered(cast)
    login_as(cast.nav_worker)
    response = _ask(client, str(person.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["national_id"]
    assert not BreakGlassGrant.objects.exists()
    assert client.get(_detail(person)).status_code == 404


def test_walking_person_ids_finds_no_way_to_break_glass(cast, login_as, client):
    person, _number = _numbered(cast)
    login_as(cast.nav_worker)
    for person_id in (person.pk - 1, person.pk, person.pk + 1):
        page = client.get(reverse("people:detail", kwargs={"person_id": person_id}))
        assert page.status_code == 404
        assert URL not in page.content.decode()
        assert _ask(client, str(person_id)).context["form"].errors["national_id"]
    assert not BreakGlassGrant.objects.exists()


def test_a_double_submit_opens_one_grant(cast, login_as, client):
    person, number = _numbered(cast)
    login_as(cast.nav_worker)
    submission = uuid.uuid4()
    assert _ask(client, number, submission_id=submission)["Location"] == _detail(person)
    assert _ask(client, number, submission_id=submission)["Location"] == _detail(person)
    assert BreakGlassGrant.objects.count() == 1


def test_a_post_without_a_submission_id_is_refused(cast, login_as, client):
    _person, number = _numbered(cast)
    login_as(cast.nav_worker)
    response = client.post(URL, {"national_id": number, "reason": REASON})
    assert response.status_code == 200
    assert response.context["form"].errors["submission_id"]
    assert not BreakGlassGrant.objects.exists()


def test_break_glass_gives_read_access_only(cast, login_as, client):
    person, number = _numbered(cast)
    login_as(cast.nav_worker)
    _ask(client, number)
    assert client.get(reverse("people:edit", kwargs={"person_id": person.pk})).status_code == 404


def test_an_unknown_number_is_refused_next_to_the_field_and_logged(cast, login_as, client):
    login_as(cast.nav_worker)
    response = _ask(client, national_id(datetime.date(1970, 1, 1)))
    assert "Fant ingen person" in response.context["form"].errors["national_id"][0]
    assert not BreakGlassGrant.objects.exists()
    denial = Event.objects.get(kind=EventKind.ACCESS_DENIED, actor=cast.nav_worker)
    assert denial.detail == "break_glass:not_found"


def test_no_grant_is_made_for_a_person_the_user_already_sees(cast, login_as, client):
    person, number = _numbered(cast)
    login_as(cast.shelter_worker)
    response = _ask(client, number)
    assert response["Location"] == _detail(person)
    assert not BreakGlassGrant.objects.exists()


def test_the_grant_expires_after_60_minutes(cast, login_as, client):
    person, number = _numbered(cast)
    with time_machine.travel(START, tick=False):
        login_as(cast.nav_worker)
        _ask(client, number)
        assert client.get(_detail(person)).status_code == 200
    with time_machine.travel(START + datetime.timedelta(minutes=59), tick=False):
        login_as(cast.nav_worker)  # a fresh session: the idle timeout is 30 minutes
        assert client.get(_detail(person)).status_code == 200
        assert visible_persons(user=cast.nav_worker).filter(pk=person.pk).exists()
    with time_machine.travel(START + datetime.timedelta(minutes=60, seconds=1), tick=False):
        login_as(cast.nav_worker)
        assert client.get(_detail(person)).status_code == 404
        assert not visible_persons(user=cast.nav_worker).exists()
        assert client.get(reverse("people:list")).context["rows"] == []


def test_the_list_flags_persons_seen_through_break_glass(cast, login_as, client):
    _person, number = _numbered(cast, name="Glass Person")
    login_as(cast.nav_worker)
    _ask(client, number)
    body = client.get(reverse("people:list")).content.decode()
    assert "Glass Person" in body
    assert 'data-color="danger">Nødtilgang' in body
    listed = Event.objects.get(kind=EventKind.READ, purpose=Purpose.LIST)
    assert (listed.unit_id, listed.detail) == (None, "break_glass")


def test_the_use_appears_in_the_privacy_officers_queue(cast, login_as, client):
    person, number = _numbered(cast)
    login_as(cast.nav_worker)
    _ask(client, number)
    login_as(cast.privacy_officer)
    response = client.get(reverse("audit:break_glass_queue"))
    [grant] = response.context["page_obj"].object_list
    assert grant.user == cast.nav_worker and grant.person_id == person.pk
    assert REASON in response.content.decode()


def test_the_grant_cannot_be_reviewed_by_its_own_user(cast, login_as, client):
    # A privacy officer who also works in a unit uses break-glass there.
    from helhet.organisation.roles import Role
    from helhet.organisation.services import membership_add

    membership_add(actor=cast.admin, user=cast.privacy_officer, unit=cast.nav, role=Role.WORKER)
    _person, number = _numbered(cast)
    login_as(cast.privacy_officer)
    _ask(client, number)
    grant = BreakGlassGrant.objects.get()
    response = client.post(
        reverse("audit:break_glass_review", kwargs={"grant_id": grant.pk}),
        {"comment": "Ser greit ut.", "submission_id": str(uuid.uuid4())},
    )
    assert response.status_code == 200
    assert "din egen nødtilgang" in response.content.decode()
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_the_audit_log_stores_purpose_codes_and_shows_them_in_the_readers_language(cast, english):
    person, number = _numbered(cast)
    person_break_glass(
        actor=cast.nav_worker, national_id=number, reason=REASON, submission_id=uuid.uuid4()
    )
    access.get_person_for(cast.nav_worker, person.pk, purpose=Purpose.VIEW)
    read = Event.objects.get(kind=EventKind.READ, actor=cast.nav_worker)
    assert read.purpose == "people.view"
    assert read.purpose_label == "View the person"


def test_the_break_glass_page_reads_in_english(cast, english):
    request = RequestFactory().post("/", {"national_id": "", "reason": ""})
    request.user = cast.nav_worker
    request._dont_enforce_csrf_checks = True
    html = views.break_glass(request).content.decode()
    assert "Emergency access to a person" in html
    assert "If there is immediate danger, call the police on 112." in html
    assert "Nødtilgang til en person" not in html
