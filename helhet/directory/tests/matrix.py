"""The view matrix for the directory: staff pages for the coordinator, the API for all.

"member" is the coordinator (Cap.DIRECTORY_EDIT); "other_unit" a crisis-centre worker,
who like the outsider and the administrator gets 403 on the staff pages.
"""

from __future__ import annotations

from typing import Any

from helhet.core.testing import LOGIN, Case, public_case
from helhet.directory.tests.factories import published_service, secret_location

COORDINATOR_ONLY = {
    "anonymous": LOGIN,
    "outsider": 403,
    "member": 200,
    "other_unit": 403,
    "admin": 403,
}
COORDINATOR_POSTS = {**COORDINATOR_ONLY, "member": 302}


def _service(cast: Any) -> dict[str, Any]:
    return {"service_id": published_service(cast.coordinator).pk}


def _location(cast: Any) -> dict[str, Any]:
    return {"location_id": secret_location(cast.coordinator).pk}


def _api_service(cast: Any) -> dict[str, Any]:
    return {"id": str(published_service(cast.coordinator).pk)}


def _api_organization(cast: Any) -> dict[str, Any]:
    return {"id": str(published_service(cast.coordinator).organization_id)}


def _api_taxonomy(cast: Any) -> dict[str, Any]:
    from helhet.directory.models import Taxonomy

    return {"id": str(Taxonomy.objects.get(code="need").pk)}


def _api_term(cast: Any) -> dict[str, Any]:
    from helhet.directory.models import TaxonomyTerm

    return {"id": str(TaxonomyTerm.objects.get(code="exposed_to_violence").pk)}


def _staff(url_name: str, expect: dict[str, int | str] = COORDINATOR_ONLY, **kw: Any) -> Case:
    return Case(
        url_name, expect=dict(expect), member="coordinator", other_unit="shelter_worker", **kw
    )


CASES = [
    _staff("directory:service_list"),
    _staff("directory:reverify_list"),
    _staff("directory:service_create"),
    _staff("directory:service_detail", kwargs=_service),
    _staff("directory:service_edit", kwargs=_service),
    _staff("directory:service_history", kwargs=_service),
    _staff(
        "directory:service_translation",
        kwargs=lambda cast: {**_service(cast), "language": "en"},
    ),
    _staff("directory:service_publish", COORDINATOR_POSTS, kwargs=_service, method="post"),
    _staff("directory:service_unpublish", COORDINATOR_POSTS, kwargs=_service, method="post"),
    _staff(
        "directory:service_verify",
        COORDINATOR_POSTS,
        kwargs=_service,
        method="post",
        data=lambda cast: {"last_verified_on": "2024-01-01"},
    ),
    _staff("directory:organization_create"),
    _staff("directory:location_list"),
    _staff("directory:location_create"),
    _staff("directory:location_edit", kwargs=_location),
    public_case("hsds:index"),
    public_case("hsds:openapi"),
    public_case("hsds:export"),
    public_case("hsds:service_list"),
    public_case("hsds:service_detail", kwargs=_api_service),
    public_case("hsds:organization_list"),
    public_case("hsds:organization_detail", kwargs=_api_organization),
    public_case("hsds:taxonomy_list"),
    public_case("hsds:taxonomy_detail", kwargs=_api_taxonomy),
    public_case("hsds:taxonomy_term_list"),
    public_case("hsds:taxonomy_term_detail", kwargs=_api_term),
]
