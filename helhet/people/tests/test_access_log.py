"""Who has seen this person: the privacy officer's page and the CSV and PDF the person
can be given. The export is itself an audit event."""

import csv
import datetime
import io

from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from helhet.audit.choices import EventKind
from helhet.audit.models import Event
from helhet.people import views
from helhet.people.choices import Purpose
from helhet.people.services import person_erase
from helhet.people.tests.helpers import national_id, register

NUMBER = national_id(datetime.date(1979, 12, 24))


def _person_seen_by_two(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter, name="Innsyn Person", national_id=NUMBER)
    login_as(cast.shelter_worker)
    client.get(reverse("people:detail", kwargs={"person_id": person.pk}))
    login_as(cast.colleague)
    client.get(reverse("people:detail", kwargs={"person_id": person.pk}))
    client.get(reverse("people:list"))
    return person


def _url(name, person):
    return reverse(name, kwargs={"person_id": person.pk})


def test_the_privacy_officer_finds_the_person_by_national_number(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter, national_id=NUMBER)
    login_as(cast.privacy_officer)
    response = client.get(reverse("people:access_log_search"), {"identifier": NUMBER})
    assert response.status_code == 302
    assert response["Location"] == _url("people:access_log", person)


def test_the_privacy_officer_finds_an_erased_person_by_id(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter, national_id=NUMBER)
    person_erase(actor=cast.shelter_lead, person=person)
    login_as(cast.privacy_officer)
    search = reverse("people:access_log_search")
    assert client.get(search, {"identifier": NUMBER}).status_code == 200  # the index is gone
    response = client.get(search, {"identifier": str(person.pk)})
    assert response["Location"] == _url("people:access_log", person)
    body = client.get(response["Location"]).content.decode()
    assert "Slettet" in body
    assert "Sletting av person" in body


def test_an_unknown_number_is_answered_next_to_the_field(cast, login_as, client):
    login_as(cast.privacy_officer)
    response = client.get(reverse("people:access_log_search"), {"identifier": NUMBER})
    assert response.status_code == 200
    assert "Fant ingen person" in response.context["form"].errors["identifier"][0]


def test_the_page_lists_who_read_and_changed_the_data_with_purpose(cast, login_as, client):
    person = _person_seen_by_two(cast, login_as, client)
    register(cast.nav_worker, cast.nav, name="Annen Person")
    login_as(cast.privacy_officer)
    response = client.get(_url("people:access_log", person))
    events = list(response.context["page_obj"].object_list)
    assert {event.person_id for event in events} == {person.pk}
    who = [(event.actor_name, event.kind, event.purpose) for event in events]
    assert ("Shelter Worker", EventKind.CREATE, Purpose.REGISTER) in who
    assert ("Shelter Worker", EventKind.READ, Purpose.VIEW) in who
    assert ("Colleague", EventKind.READ, Purpose.VIEW) in who
    assert ("Colleague", EventKind.READ, Purpose.LIST) in who
    body = response.content.decode()
    assert "Colleague" in body and "Fjordvik krisesenter" in body and "Vise personen" in body
    assert "Innsyn Person" in body


def test_the_csv_export_parses_and_is_logged_as_an_export(cast, login_as, client):
    person = _person_seen_by_two(cast, login_as, client)
    login_as(cast.privacy_officer)
    response = client.get(_url("people:access_log_csv", person))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Tidspunkt", "Hvem", "Enhet", "Hva", "Formål"]
    body = rows[1:]
    assert ["Colleague", "Fjordvik krisesenter", "Lest", "Vise personen"] in [r[1:] for r in body]
    for row in body:
        datetime.datetime.strptime(row[0], "%Y-%m-%d %H:%M:%S")
    export = Event.objects.get(kind=EventKind.EXPORT, person_id=person.pk)
    assert export.actor_id == cast.privacy_officer.pk
    assert export.detail == "access_log.csv"
    # The export lists itself as the last row.
    assert body[-1][1:4] == ["Privacy Officer", "", "Eksportert"]


def test_the_pdf_export_contains_the_rows_and_is_logged(cast, login_as, client):
    person = _person_seen_by_two(cast, login_as, client)
    login_as(cast.privacy_officer)
    response = client.get(_url("people:access_log_pdf", person))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"Tilgangslogg for person {person.pk}" in text
    assert "Innsyn Person" in text
    assert text.count("Colleague") >= 2
    assert "Shelter Worker" in text
    assert "Vise personen" in text and "Registrere personen" in text
    assert "Fjordvik krisesenter" in text
    export = Event.objects.get(kind=EventKind.EXPORT, person_id=person.pk)
    assert export.detail == "access_log.pdf"


def test_the_exports_read_in_english(cast, login_as, client, english):
    person = _person_seen_by_two(cast, login_as, client)
    request = RequestFactory().get("/")
    request.user = cast.privacy_officer
    # The client's requests above went through LocaleMiddleware, which activated Bokmål.
    translation.activate("en")
    response = views.access_log_pdf(request, person.pk)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert f"Access log for person {person.pk}" in text
    assert "View the person" in text and "Read" in text
    assert "Vise personen" not in text
    rows = list(
        csv.reader(
            io.StringIO(views.access_log_csv(request, person.pk).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert rows[0] == ["Time", "Who", "Unit", "What", "Purpose"]
    assert ["Colleague", "Fjordvik krisesenter", "Read", "View the person"] in [
        row[1:] for row in rows
    ]


def test_a_case_worker_cannot_export_the_log(cast, login_as, client):
    person = register(cast.shelter_worker, cast.shelter)
    login_as(cast.shelter_worker)
    assert client.get(_url("people:access_log_csv", person)).status_code == 403
    assert not Event.objects.filter(kind=EventKind.EXPORT).exists()


def test_the_log_page_runs_a_fixed_number_of_queries(
    cast, login_as, client, django_assert_max_num_queries
):
    person = register(cast.shelter_worker, cast.shelter)
    login_as(cast.shelter_worker)
    for _ in range(60):
        client.get(reverse("people:detail", kwargs={"person_id": person.pk}))
    login_as(cast.privacy_officer)
    client.get(_url("people:access_log", person))
    with django_assert_max_num_queries(16):
        response = client.get(_url("people:access_log", person), {"page": 2})
    assert len(response.context["page_obj"].object_list) > 0


def test_a_search_that_is_neither_number_nor_id_finds_no_one(cast, login_as, client):
    login_as(cast.privacy_officer)
    response = client.get(reverse("people:access_log_search"), {"identifier": "Kari"})
    assert response.context["form"].errors["identifier"]


def test_reads_through_break_glass_are_marked_in_the_export(cast, login_as, client):
    import uuid

    from helhet.people.services import person_break_glass

    person = register(cast.shelter_worker, cast.shelter, national_id=NUMBER)
    person_break_glass(
        actor=cast.nav_worker,
        national_id=NUMBER,
        reason="Akutt fare meldt av politiet.",
        submission_id=uuid.uuid4(),
    )
    login_as(cast.nav_worker)
    client.get(reverse("people:detail", kwargs={"person_id": person.pk}))
    login_as(cast.privacy_officer)
    text = client.get(_url("people:access_log_csv", person)).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Nav Worker", "", "Nødtilgang", "Nødtilgang"] in [row[1:] for row in rows]
    assert ["Nav Worker", "", "Lest (nødtilgang)", "Vise personen"] in [row[1:] for row in rows]
