"""The open HSDS 3.0 API: shape (validated against the shared schemas), filters, paging,
CORS, rate limit, and that confidential addresses never leave the building."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from helhet.core.testing import Snapshot
from helhet.demo import directory as demo
from helhet.demo.region import seed_region
from helhet.directory.models import Address, Service, Taxonomy, TaxonomyTerm
from helhet.directory.openapi import openapi_document
from helhet.directory.schema import TABLES, Field, required_fields, table_columns, table_file
from helhet.directory.services import service_unpublish
from helhet.directory.tests.hsds_validation import SHARED, document_errors, errors, page_errors

pytestmark = pytest.mark.django_db

CRISIS_CENTRE_STREET = "Lyngbakken 14"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _seed_offer() -> dict[str, Service]:
    services = demo.seed(seed_region(), io.StringIO())
    return {offer.key: service for offer, service in zip(demo.OFFERS, services, strict=True)}


# Seeded once per test process and copied in for each test (it takes hundreds of queries).
_offer = Snapshot(_seed_offer)


@pytest.fixture
def offer():
    return _offer.load()


def get(client, path, **params):
    response = client.get(f"/api/hsds/{path}", params)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response, path
    return response


def test_the_index_names_the_version_profile_and_openapi_document(client):
    body = get(client, "").json()
    assert body["version"] == "3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"] == "http://testserver/api/hsds/openapi.json"


def test_the_service_list_is_a_valid_hsds_page(client, offer):
    body = get(client, "services", per_page=5, page=2).json()
    assert page_errors(body, "compiled/service_list.json") == []
    assert body["total_items"] == len(offer)
    assert body["page_number"] == 2
    assert body["size"] == 5
    assert body["first_page"] is False
    assert body["total_pages"] == 4
    assert body["last_page"] is False
    last = get(client, "services", per_page=5, page=4).json()
    assert last["last_page"] is True and last["size"] == len(offer) - 15


def test_every_service_detail_validates_fully_nested(client, offer):
    for service in offer.values():
        body = get(client, f"services/{service.pk}").json()
        assert errors(body, "service.json") == [], service.name
        assert errors(body, "compiled/service_with_definitions.json") == [], service.name
    crisis = get(client, f"services/{offer['crisis_centre'].pk}").json()
    assert crisis["phones"][0]["number"] == "+47 99 00 11 00"
    assert {term["taxonomy_term"]["code"] for term in crisis["attributes"]} >= {
        "exposed_to_violence",
        "crisis_centre",
    }
    location = crisis["service_at_locations"][0]["location"]
    assert location["addresses"] == []
    assert location["description"].startswith("Adressen får du når du ringer.")
    assert "latitude" not in location


def test_organizations_taxonomies_and_terms_validate(client, offer):
    organizations = get(client, "organizations", per_page=200).json()
    assert page_errors(organizations, "compiled/organization_list.json") == []
    for item in organizations["contents"]:
        body = get(client, f"organizations/{item['id']}").json()
        assert errors(body, "organization.json") == []
        assert body["services"]
        for service in body["services"]:
            assert errors(service, "service.json") == []
    taxonomies = get(client, "taxonomies").json()
    assert page_errors(taxonomies, "taxonomy.json") == []
    assert {t["name"] for t in taxonomies["contents"]} == {"Behov", "Målgruppe", "Type tjeneste"}
    terms = get(client, "taxonomy_terms", per_page=200).json()
    assert page_errors(terms, "taxonomy_term.json") == []
    for taxonomy in Taxonomy.objects.all():
        assert errors(get(client, f"taxonomies/{taxonomy.pk}").json(), "taxonomy.json") == []
    term = TaxonomyTerm.objects.first()
    assert errors(get(client, f"taxonomy_terms/{term.pk}").json(), "taxonomy_term.json") == []


def test_filters_and_together(client, offer):
    sinne = TaxonomyTerm.objects.get(code="uses_violence")
    fjordvik = offer["anger_management"].organization_id
    body = get(
        client, "services", taxonomy_term_id=str(sinne.pk), organization_id=str(fjordvik)
    ).json()
    assert [s["name"] for s in body["contents"]] == ["Sinnemestringskurs i Fjordvik"]
    body = get(client, "services", taxonomy_term_id=str(sinne.pk), search="krisesenter").json()
    assert body["contents"] == [] and body["empty"] is True
    by_taxonomy = get(client, "services", taxonomy_id=str(sinne.taxonomy_id), per_page=200).json()
    assert by_taxonomy["total_items"] == len(offer)


def test_search_finds_norwegian_words(client, offer):
    for word, expected in [
        ("krisesenter", "Fjordvik krisesenter"),
        ("sinne", "Sinnemestringskurs i Fjordvik"),
        ("voldtekt", "Overgrepsmottaket i Fjordvik"),
    ]:
        names = {s["name"] for s in get(client, "services", search=word).json()["contents"]}
        assert expected in names, word


def test_modified_after_returns_only_recent_changes(client, offer):
    later = timezone.now() + timedelta(seconds=1)
    assert get(client, "services", modified_after=later.isoformat()).json()["total_items"] == 0
    Service.objects.filter(pk=offer["nav"].pk).update(updated_at=later + timedelta(seconds=1))
    body = get(client, "services", modified_after=later.isoformat()).json()
    assert [s["name"] for s in body["contents"]] == ["NAV Fjordvik"]
    assert get(client, "services", modified_after="2020-01-01").json()["total_items"] == len(offer)
    # Offsets PostgreSQL would refuse are valid ISO 8601 and are read in UTC.
    far = get(client, "services", modified_after="0767-12-16T05:19:10-20:23")
    assert far.status_code == 200 and far.json()["total_items"] == len(offer)


def test_an_unpublished_service_is_gone_from_lists_details_and_export(client, offer):
    hidden = offer["anger_management"]
    service_unpublish(actor=None, service=hidden)
    assert get(client, f"services/{hidden.pk}").status_code == 404
    names = {s["name"] for s in get(client, "services", per_page=200).json()["contents"]}
    assert hidden.name not in names
    archive = zipfile.ZipFile(io.BytesIO(get(client, "export.zip").content))
    assert hidden.name not in archive.read("services.csv").decode()


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("services", {"page": "0"}),
        ("services", {"page": "x"}),
        ("services", {"per_page": "1000"}),
        ("services", {"taxonomy_term_id": "not-a-uuid"}),
        ("services", {"organization_id": "1"}),
        ("services", {"modified_after": "yesterday"}),
        ("services", {"modified_after": "0001-01-01T00:10:00+23:00"}),
        ("services", {"page": ""}),
        ("services", {"search": "x" * 201}),
        ("taxonomy_terms", {"top_only": "maybe"}),
        ("organizations", {"per_page": "-1"}),
    ],
)
def test_invalid_parameters_get_400_with_a_json_message(client, path, params):
    response = get(client, path, **params)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["error"] == "Bad Request" and body["message"]


@pytest.mark.parametrize("path", ["services", "organizations", "taxonomies", "taxonomy_terms"])
def test_a_nul_character_in_a_search_is_ignored_not_an_error(client, offer, path):
    # PostgreSQL refuses a NUL in a query; schemathesis found ?search=%00B.
    plain = get(client, path, search="a").json()
    response = get(client, path, search="\x00a\x00")
    assert response.status_code == 200
    assert response.json()["total_items"] == plain["total_items"]


def test_unknown_ids_get_404_as_json(client, offer):
    for path in ["services/nope", f"services/{offer['nav'].organization_id}", "organizations/0"]:
        response = get(client, path)
        assert response.status_code == 404
        assert response.json()["status"] == 404


def test_writes_are_refused_and_preflight_is_answered(client):
    response = client.post("/api/hsds/services")
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/hsds/services")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"


@override_settings(HELHET_HSDS_RATE_LIMIT=3)
def test_a_client_over_the_rate_limit_gets_429_and_its_address_is_not_stored(client):
    statuses = [client.get("/api/hsds/", REMOTE_ADDR="203.0.113.7").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    limited = client.get("/api/hsds/services", REMOTE_ADDR="203.0.113.7")
    assert limited.json()["status"] == 429
    assert limited["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/hsds/", REMOTE_ADDR="198.51.100.1").status_code == 200
    stored = " ".join(f"{key} {value!r}" for key, value in cache._cache.items())  # locmem
    assert "203.0.113.7" not in stored and "198.51.100.1" not in stored


def test_the_list_query_count_does_not_grow_with_page_size(
    client, offer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        small = get(client, "services", per_page=1)
    with django_assert_max_num_queries(4):
        large = get(client, "services", per_page=200)
    assert small.json()["size"] == 1 and large.json()["size"] == len(offer)


def test_the_detail_query_count_is_fixed(client, offer, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        assert get(client, f"services/{offer['crisis_centre'].pk}").status_code == 200


def test_the_export_has_one_csv_per_table_with_hsds_columns(client, offer):
    response = get(client, "export.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    expected = {
        "organizations.csv": "organization",
        "services.csv": "service",
        "locations.csv": "location",
        "service_at_location.csv": "service_at_location",
        "addresses.csv": "address",
        "phones.csv": "phone",
        "schedules.csv": "schedule",
        "service_areas.csv": "service_area",
        "languages.csv": "language",
        "accessibility.csv": "accessibility",
        "taxonomies.csv": "taxonomy",
        "taxonomy_terms.csv": "taxonomy_term",
        "attributes.csv": "attribute",
    }
    assert set(archive.namelist()) == set(expected)
    for name, table in expected.items():
        rows = list(csv.DictReader(io.StringIO(archive.read(name).decode())))
        header = archive.read(name).decode().splitlines()[0].split(",")
        assert header == table_columns(table)
        assert rows, name
        for row in rows:
            # What our description calls required is in every row (state_province and
            # the descriptions that are written even when empty may be empty cells).
            missing = [key for key in required_fields(table) if row[key] == ""]
            assert set(missing) <= {"state_province", "description"}, (name, row)
    services = list(csv.DictReader(io.StringIO(archive.read("services.csv").decode())))
    assert len(services) == len(offer)


def _every_api_body(client) -> list[tuple[str, str]]:
    bodies = []

    def fetch(path: str, **params) -> dict:
        response = get(client, path, **params)
        assert response.status_code == 200, path
        bodies.append((path, response.content.decode()))
        return response.json()

    fetch("")
    fetch("openapi.json")
    for listing in ("services", "organizations", "taxonomies", "taxonomy_terms"):
        for item in fetch(listing, per_page=200)["contents"]:
            fetch(f"{listing}/{item['id']}")
    fetch("services", search="krisesenter")
    archive = zipfile.ZipFile(io.BytesIO(get(client, "export.zip").content))
    bodies += [(name, archive.read(name).decode()) for name in archive.namelist()]
    return bodies


def test_the_confidential_street_address_appears_in_no_response_and_no_csv(client, offer):
    # The address is stored (for staff), so the test can fail if a path leaks it.
    assert Address.objects.filter(address_1=CRISIS_CENTRE_STREET).exists()
    bodies = _every_api_body(client)
    assert len(bodies) > 40
    for where, body in bodies:
        assert CRISIS_CENTRE_STREET not in body, where
        assert "Lyngbakken" not in body, where


def _hsds_field_problems(table: str, key: str, ours: Field, theirs: dict) -> list[str]:
    where = f"{table}.{key}"
    if "$ref" in theirs or theirs.get("type") in ("array", "object"):
        return [f"{where}: a nested object in HSDS, a value in ours"]
    problems = []
    if ours.type != theirs["type"] and not (ours.type == "integer" and theirs["type"] == "number"):
        problems.append(f"{where}: {ours.type}, HSDS has {theirs['type']}")
    if "format" in theirs and ours.format != theirs["format"]:
        problems.append(f"{where}: format {ours.format}, HSDS has {theirs['format']}")
    if "enum" in theirs and not (ours.enum and set(ours.enum) <= set(theirs["enum"])):
        problems.append(f"{where}: values {ours.enum} not within HSDS {theirs['enum']}")
    return problems


def test_our_description_agrees_with_the_shared_hsds_schemas():
    problems = []
    for name, table in TABLES.items():
        hsds = json.loads((SHARED / f"{name}.json").read_text())
        properties = hsds["properties"]
        if table_file(name) != hsds["path"]:
            problems.append(f"{name}: file {table_file(name)}, HSDS has {hsds['path']}")
        for key, ours in table.fields.items():
            if key not in properties:
                problems.append(f"{name}.{key}: not an HSDS field")
            else:
                problems += _hsds_field_problems(name, key, ours, properties[key])
        for key, nested in table.nested.items():
            theirs = properties.get(key, {})
            target = theirs.get("items", {}) if nested.many else theirs
            if target.get("$ref") != f"{nested.table}.json" or (
                nested.many != (theirs.get("type") == "array")
            ):
                problems.append(f"{name}.{key}: HSDS nests {theirs or 'nothing'} here")
        # Required for JSON, and required in the tabular form: we always write both.
        for key in [*hsds.get("required", []), *hsds.get("tabular_required", [])]:
            if key not in required_fields(name):
                problems.append(f"{name}.{key}: HSDS requires it, ours does not")
    assert problems == []


def test_every_api_response_matches_our_own_document(client, offer):
    document = openapi_document(base_url="http://testserver/api/hsds/")
    checked = 0

    def check(template: str, path: str, **params) -> dict:
        nonlocal checked
        response = get(client, path, **params)
        assert response.status_code == 200, path
        body = response.json()
        assert document_errors(body, document, template) == [], path
        checked += 1
        return body

    check("/", "")
    for listing in ("services", "organizations", "taxonomies", "taxonomy_terms"):
        for item in check(f"/{listing}", listing, per_page=200)["contents"]:
            check(f"/{listing}/{{id}}", f"{listing}/{item['id']}")
    assert checked > 40
    # The document is closed: a field we do not describe is an error, not ignored.
    crisis = get(client, f"services/{offer['crisis_centre'].pk}").json()
    assert document_errors({**crisis, "fees": "0"}, document, "/services/{id}")


def test_the_schema_check_rejects_what_hsds_forbids():
    # Guards the guard: nulls, a wrong status and a bad uuid must all be caught.
    bad = {"id": "not-a-uuid", "name": "x", "status": "open", "minimum_age": None}
    problems = " ".join(errors(bad, "service.json"))
    assert "not-a-uuid" in problems and "'open'" in problems and "None" in problems
    nested = {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "x", "status": "active"}
    nested["phones"] = [{"id": "ac148810-d857-441c-9679-408f346de14b"}]
    assert any("number" in problem for problem in errors(nested, "service.json"))
