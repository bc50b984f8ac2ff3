"""`import_hsds`: an HSDS 3.0 JSON file in, all or nothing, with a dry run."""

from __future__ import annotations

import copy
import io
import json
import uuid

import pytest
from django.core.management import CommandError, call_command

from helhet.directory.models import ChangeRecord, Organization, Phone, Service
from helhet.directory.selectors import services_find
from helhet.directory.tests.hsds_validation import errors

pytestmark = pytest.mark.django_db

NEED_EXPOSED = None  # filled from the database (our own taxonomy's fixed ids)


def _id() -> str:
    return str(uuid.uuid4())


def service_record(name: str, organization_id: str, **overrides) -> dict:
    from helhet.directory.models import TaxonomyTerm

    term = TaxonomyTerm.objects.get(taxonomy__code="need", code="exposed_to_violence")
    record = {
        "id": _id(),
        "organization_id": organization_id,
        "name": name,
        "description": f"{name} hjelper deg som er utsatt for vold.",
        "status": "active",
        "minimum_age": 18,
        "assured_date": "2025-05-01",
        "phones": [
            {
                "id": _id(),
                "number": "+47 90 00 00 01",
                "type": "voice",
                "languages": [{"id": _id(), "code": "en", "name": "English"}],
            }
        ],
        "schedules": [
            {
                "id": _id(),
                "freq": "WEEKLY",
                "byday": "MO,TU",
                "opens_at": "08:00",
                "closes_at": "16:00",
            },
            {
                "id": _id(),
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR,SA,SU",
                "opens_at": "00:00",
                "closes_at": "23:59",
            },
        ],
        "service_areas": [
            {"id": _id(), "name": "Fjordvik", "extent_type": "municipality", "extent": "9901"}
        ],
        "languages": [{"id": _id(), "code": "nb", "name": "norsk bokmål"}],
        "service_at_locations": [
            {
                "id": _id(),
                "location": {
                    "id": _id(),
                    "location_type": "physical",
                    "name": f"{name}, kontoret",
                    "addresses": [
                        {
                            "id": _id(),
                            "address_1": "Havnegata 3",
                            "city": "Fjordvik",
                            "state_province": "",
                            "postal_code": "9990",
                            "country": "NO",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "attributes": [{"id": _id(), "taxonomy_term_id": str(term.pk)}],
    }
    record.update(overrides)
    return record


@pytest.fixture
def payload() -> list[dict]:
    organization = {"id": _id(), "name": "Importkommunen", "description": "Fra en annen kommune."}
    return [
        service_record("Importert tjeneste A", organization["id"], organization=organization),
        service_record("Importert tjeneste B", organization["id"]),
    ]


def run(tmp_path, data, *args) -> str:
    path = tmp_path / "hsds.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("import_hsds", str(path), *args, stdout=out)
    return out.getvalue()


def test_the_test_file_is_valid_hsds(payload):
    for record in payload:
        assert errors(record, "service.json") == []


def test_a_dry_run_reports_what_would_be_created_and_changes_nothing(tmp_path, payload):
    output = run(tmp_path, payload, "--dry-run")
    assert "Tørrkjøring" in output
    assert "services: opprettet 2, endret 0" in output
    assert "organizations: opprettet 1, endret 0" in output
    assert not Service.objects.filter(name__startswith="Importert").exists()
    assert not Organization.objects.filter(name="Importkommunen").exists()


def test_an_import_creates_unpublished_services_with_their_parts(tmp_path, payload):
    output = run(tmp_path, payload)
    assert "services: opprettet 2, endret 0" in output
    service = Service.objects.get(name="Importert tjeneste A")
    assert not service.is_published
    assert str(service.pk) == payload[0]["id"]
    assert service.phones.get().languages.get().code == "en"
    assert {s.open_24_7 for s in service.schedules.all()} == {True, False}
    assert service.service_areas.get().municipality_number == "9901"
    assert service.service_at_locations.get().location.addresses.get().address_1 == "Havnegata 3"
    assert service.last_verified_on.isoformat() == "2025-05-01"
    assert ChangeRecord.objects.filter(service=service, action="import").exists()
    # Searchable once published.
    service.is_published = True
    service.save()
    assert [s.pk for s in services_find(text="importert tjeneste a")] == [service.pk]


def test_importing_the_same_file_again_updates_and_does_not_duplicate(tmp_path, payload):
    run(tmp_path, payload)
    changed = copy.deepcopy(payload)
    changed[1]["description"] = "En ny beskrivelse."
    output = run(tmp_path, changed)
    assert "services: opprettet 0, endret 2" in output
    assert Service.objects.filter(name__startswith="Importert").count() == 2
    assert Phone.objects.filter(service__name__startswith="Importert").count() == 2
    assert Service.objects.get(name="Importert tjeneste B").description == "En ny beskrivelse."


def test_an_invalid_record_names_the_record_and_field_and_nothing_is_saved(tmp_path, payload):
    del payload[1]["phones"][0]["number"]
    with pytest.raises(CommandError) as raised:
        run(tmp_path, payload)
    assert "services[1].phones[0].number: mangler" in str(raised.value)
    assert "Ingenting er importert" in str(raised.value)
    assert not Service.objects.filter(name__startswith="Importert").exists()
    assert not Organization.objects.filter(name="Importkommunen").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.update(status="open"), "services[0].status: ukjent verdi «open»"),
        (lambda r: r.pop("name"), "services[0].name: mangler"),
        (lambda r: r.update(minimum_age="ti"), "services[0].minimum_age: må være et helt tall"),
        (lambda r: r.update(id="abc"), "services[0].id: er ikke en gyldig UUID"),
        (
            lambda r: r["schedules"][0].update(opens_at="25:00"),
            "services[0].schedules[0].opens_at: må være et klokkeslett",
        ),
        (
            lambda r: r["service_areas"][0].update(extent="", name="Atlantis"),
            "services[0].service_areas[0].extent: ukjent kommune",
        ),
        (
            lambda r: r["attributes"][0].update(taxonomy_term_id=str(uuid.uuid4())),
            "services[0].attributes[0].taxonomy_term_id: finnes ikke",
        ),
        (
            lambda r: r["service_at_locations"][0]["location"]["addresses"][0].pop("city"),
            "services[0].service_at_locations[0].location.addresses[0].city: mangler",
        ),
    ],
)
def test_each_kind_of_problem_is_reported_with_its_path(tmp_path, payload, change, message):
    change(payload[0])
    with pytest.raises(CommandError) as raised:
        run(tmp_path, payload)
    assert message in str(raised.value)
    assert not Service.objects.filter(name__startswith="Importert").exists()


def test_a_service_with_an_unknown_organization_is_refused(tmp_path, payload):
    with pytest.raises(CommandError) as raised:
        run(tmp_path, payload[1:])
    assert "services[0].organization_id: finnes ikke" in str(raised.value)


def test_organizations_with_nested_services_are_imported(tmp_path, payload):
    organization = payload[0].pop("organization")
    data = [{**organization, "services": payload}]
    output = run(tmp_path, data)
    assert "services: opprettet 2," in output
    assert Organization.objects.get(name="Importkommunen").services.count() == 2


def test_a_file_that_is_not_json_is_refused_clearly(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="ikke gyldig JSON"):
        call_command("import_hsds", str(path))
    with pytest.raises(CommandError, match="Fant ikke filen"):
        call_command("import_hsds", str(tmp_path / "missing.json"))


def test_our_own_api_output_can_be_imported_back(tmp_path, client):
    from helhet.directory.tests.factories import published_service

    service = published_service()
    body = client.get(f"/api/hsds/services/{service.pk}").json()
    body["id"] = _id()
    body["name"] = "Kopi av testsenteret"
    for sal in body["service_at_locations"]:
        sal["id"] = _id()
    for phone in body["phones"]:
        phone["id"] = _id()
    for item in body["schedules"] + body["languages"] + body["service_areas"] + body["attributes"]:
        item["id"] = _id()
    output = run(tmp_path, [body])
    assert "services: opprettet 1," in output
    copy_ = Service.objects.get(name="Kopi av testsenteret")
    # The confidential location was not in the export, and the import keeps it secret.
    location = copy_.service_at_locations.get().location
    assert location.is_confidential
    assert location.addresses.count() == 1
