"""Values every staff template needs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from helhet.core.policy import user_capabilities


def _navigation(request: HttpRequest, capabilities: frozenset[str]) -> list[dict[str, Any]]:
    items = []
    path = request.path
    for url_name, label, capability in import_string(settings.HELHET_NAVIGATION):
        if capability not in capabilities:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        current = path == url if url_name == "core:home" else path.startswith(url)
        items.append({"url": url, "label": label, "current": current})
    return items


def helhet(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    authenticated = bool(user is not None and user.is_authenticated)
    capabilities = user_capabilities(user) if authenticated else frozenset()
    return {
        "helhet_demo_without_2fa": settings.HELHET_DEMO and not settings.HELHET_REQUIRE_2FA,
        "helhet_capabilities": capabilities,
        "helhet_navigation": _navigation(request, capabilities) if authenticated else [],
        "helhet_units": import_string(settings.HELHET_USER_UNITS)(user) if authenticated else [],
        "helhet_staff_languages": [
            (code, name)
            for code, name in settings.LANGUAGES
            if code in settings.HELHET_STAFF_LANGUAGES
        ],
        "request_id": getattr(request, "request_id", "-"),
    }
