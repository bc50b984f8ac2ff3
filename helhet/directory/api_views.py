"""The open HSDS 3.0 API under /api/hsds/: read-only, no key, CORS open, rate limited.

Only published services (and what hangs off them) appear. The rate limit counts
requests per client address in Django's cache under a keyed hash of the address that
changes every window, so no address is stored, logged or recoverable.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import override

from helhet.directory import hsds
from helhet.directory.export import export_zip
from helhet.directory.openapi import openapi_document
from helhet.directory.selectors import (
    api_services,
    public_organization_detail,
    public_organizations,
    published_services,
    taxonomies,
    taxonomy_by_id,
    taxonomy_term_by_id,
    taxonomy_terms,
    with_public_relations,
)

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
RATE_WINDOW_SECONDS = 60

_M = TypeVar("_M", bound=Model)


def _rate_limit() -> int:
    """Requests per client address per minute (setting HELHET_HSDS_RATE_LIMIT)."""
    return int(getattr(settings, "HELHET_HSDS_RATE_LIMIT", 120))


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


_REASONS = {
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    429: "Too Many Requests",
}


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def error_response(status: int, message: str) -> JsonResponse:
    return _json(
        {"status": status, "error": _REASONS.get(status, "Error"), "message": message}, status
    )


def _client_key(request: HttpRequest, window: int) -> str:
    """A keyed hash of the client address, salted with the window: a cache key that
    cannot be turned back into an address, and means nothing after the window."""
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{window}:{address}".encode(), hashlib.sha256
    ).hexdigest()[:32]
    return f"hsds-rate:{window}:{digest}"


def _over_limit(request: HttpRequest) -> bool:
    window = int(time.time() // RATE_WINDOW_SECONDS)
    key = _client_key(request, window)
    if cache.add(key, 1, timeout=RATE_WINDOW_SECONDS * 2):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=RATE_WINDOW_SECONDS * 2)
        return False
    return count > _rate_limit()


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET only, CORS open, rate limited, errors as JSON in the HSDS reference style."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response: HttpResponse = HttpResponse(status=204)
        elif request.method not in ("GET", "HEAD"):
            response = error_response(405, "Only GET is supported.")
            response["Allow"] = "GET, HEAD, OPTIONS"
        elif _over_limit(request):
            response = error_response(429, "Too many requests. Wait a minute and try again.")
            response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        else:
            try:
                with override("nb"):
                    response = view(request, *args, **kwargs)
            except ApiError as error:
                response = error_response(error.status, error.message)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Accept"
        response["Cache-Control"] = "public, max-age=60"
        return response

    return wrapper


# --- parameters ---------------------------------------------------------------------------


def _int_param(request: HttpRequest, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"'{name}' must be a whole number.") from None
    if not low <= value <= high:
        raise ApiError(400, f"'{name}' must be between {low} and {high}.")
    return value


def _uuid_param(request: HttpRequest, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ApiError(400, f"'{name}' must be a UUID.") from None


def _datetime_param(request: HttpRequest, name: str) -> datetime | None:
    raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        value = parse_datetime(raw)
        if value is None:
            day = parse_date(raw)
            value = datetime(day.year, day.month, day.day) if day else None
    except ValueError:
        value = None
    if value is None:
        raise ApiError(400, f"'{name}' must be an ISO 8601 date or date-time.")
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        # In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows.
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ApiError(400, f"'{name}' is out of range.") from None


def _bool_param(request: HttpRequest, name: str) -> bool:
    raw = request.GET.get(name)
    if raw is None or raw.lower() in ("false", "0"):
        return False
    if raw.lower() in ("true", "1"):
        return True
    raise ApiError(400, f"'{name}' must be true or false.")


def _search_param(request: HttpRequest) -> str:
    text = request.GET.get("search", "")
    if len(text) > 200:
        raise ApiError(400, "'search' must be at most 200 characters.")
    # No text holds a NUL character, and PostgreSQL refuses one in a query.
    return text.replace("\x00", "")


def _paginate(
    request: HttpRequest,
    queryset: QuerySet[_M],
    render: Callable[[list[_M]], list[dict[str, Any]]],
) -> JsonResponse:
    page = _int_param(request, "page", 1, 1, 1_000_000)
    per_page = _int_param(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    start = (page - 1) * per_page
    items = list(queryset[start : start + per_page]) if start < total else []
    return _json(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(items),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": total == 0,
            "contents": render(items),
        }
    )


# --- views --------------------------------------------------------------------------------


@api_view
def index(request: HttpRequest) -> HttpResponse:
    return _json(
        {
            "version": hsds.HSDS_VERSION,
            "profile": "https://docs.openreferral.org/en/3.0/",
            "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
        }
    )


@api_view
def openapi(request: HttpRequest) -> HttpResponse:
    return _json(openapi_document(base_url=request.build_absolute_uri(reverse("hsds:index"))))


@api_view
def service_list(request: HttpRequest) -> HttpResponse:
    queryset = api_services(
        search=_search_param(request),
        taxonomy_term_id=_uuid_param(request, "taxonomy_term_id"),
        taxonomy_id=_uuid_param(request, "taxonomy_id"),
        organization_id=_uuid_param(request, "organization_id"),
        modified_after=_datetime_param(request, "modified_after"),
    )
    return _paginate(request, queryset, lambda items: [hsds.service_list_item(s) for s in items])


def _object_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ApiError(404, "No such object.") from None


@api_view
def service_detail(request: HttpRequest, id: str) -> HttpResponse:
    service = with_public_relations(published_services().filter(pk=_object_id(id))).first()
    if service is None:
        raise ApiError(404, "No published service with this id.")
    return _json(hsds.service_full(service))


@api_view
def organization_list(request: HttpRequest) -> HttpResponse:
    queryset = public_organizations()
    search = _search_param(request).strip()
    if search:
        queryset = queryset.filter(name__icontains=search)
    return _paginate(
        request,
        queryset.order_by("name", "id"),
        lambda items: [hsds.organization_basic(item) for item in items],
    )


@api_view
def organization_detail(request: HttpRequest, id: str) -> HttpResponse:
    found = public_organization_detail(organization_id=_object_id(id))
    if found is None:
        raise ApiError(404, "No organization with published services has this id.")
    organization, services = found
    return _json(hsds.organization_full(organization, services))


@api_view
def taxonomy_list(request: HttpRequest) -> HttpResponse:
    queryset = taxonomies()
    search = _search_param(request).strip()
    if search:
        queryset = queryset.filter(name__icontains=search)
    return _paginate(
        request,
        queryset.order_by("name", "id"),
        lambda items: [hsds.taxonomy_row(t) for t in items],
    )


@api_view
def taxonomy_detail(request: HttpRequest, id: str) -> HttpResponse:
    taxonomy = taxonomy_by_id(taxonomy_id=_object_id(id))
    if taxonomy is None:
        raise ApiError(404, "No taxonomy with this id.")
    return _json(hsds.taxonomy_row(taxonomy))


@api_view
def taxonomy_term_list(request: HttpRequest) -> HttpResponse:
    queryset = taxonomy_terms()
    search = _search_param(request).strip()
    taxonomy_id = _uuid_param(request, "taxonomy_id")
    parent_id = _uuid_param(request, "parent_id")
    if search:
        queryset = queryset.filter(name__icontains=search)
    if taxonomy_id is not None:
        queryset = queryset.filter(taxonomy_id=taxonomy_id)
    if parent_id is not None:
        queryset = queryset.filter(parent_id=parent_id)
    if _bool_param(request, "top_only"):
        queryset = queryset.filter(parent__isnull=True)
    return _paginate(
        request,
        queryset.order_by("taxonomy__name", "position", "name", "id"),
        lambda items: [hsds.taxonomy_term_full(t) for t in items],
    )


@api_view
def taxonomy_term_detail(request: HttpRequest, id: str) -> HttpResponse:
    term = taxonomy_term_by_id(term_id=_object_id(id))
    if term is None:
        raise ApiError(404, "No taxonomy term with this id.")
    return _json(hsds.taxonomy_term_full(term))


@api_view
def export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(export_zip(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="hsds-export.zip"'
    return response
