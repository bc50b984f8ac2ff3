"""Helpers every list page and form view shares."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 25


def paginate(request: HttpRequest, items: Any, size: int = PAGE_SIZE) -> tuple[Page, str]:
    """The requested page of a list, and the query string that keeps the filters on the
    page links (`includes/pagination.html` reads it as `querystring_without_page`)."""
    page = Paginator(items, size).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return page, f"{encoded}&" if encoded else ""


def posted(request: HttpRequest) -> Any:
    """The POST data for a bound form, or None on GET (an empty POST is still a POST)."""
    return request.POST if request.method == "POST" else None
