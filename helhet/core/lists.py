"""Pagination, the same on every list page."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 25


def paginate(request: HttpRequest, items: Any, size: int = PAGE_SIZE) -> Page[Any]:
    """The requested page of a list. `includes/pagination.html` keeps the other query
    parameters (the filters) on its links with Django's `{% querystring %}`."""
    return Paginator(items, size).get_page(request.GET.get("page"))
