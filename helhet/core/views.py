"""The staff start page and the error pages."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from helhet.core.policy import STAFF, Rule

logger = logging.getLogger(__name__)

POLICY: dict[str, Rule] = {
    "core:home": STAFF,
}

# Apps add panels to the start page (overdue tasks, review queues) without core importing
# them: each entry is the dotted path of a function (request) -> dict | None.
HOME_PANELS_SETTING = "HELHET_HOME_PANELS"


def _home_panels(request: HttpRequest) -> list[dict[str, Any]]:
    from django.conf import settings

    panels = []
    for dotted in getattr(settings, HOME_PANELS_SETTING, []):
        panel: Callable[[HttpRequest], dict[str, Any] | None] = import_string(dotted)
        result = panel(request)
        if result:
            panels.append(result)
    return panels


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"panels": _home_panels(request)})


def _error(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    # Rendered without the request's context processors: the error page must work even
    # when the database that they query is the thing that failed.
    html = loader.render_to_string(
        "core/error.html",
        {
            "title": title,
            "text": text,
            "status": status,
            "request_id": getattr(request, "request_id", "-"),
        },
    )
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, _("Noe var galt med forespørselen"), _("Gå tilbake og prøv igjen."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        _("Du har ikke tilgang"),
        _("Rollen din gir ikke tilgang til denne siden. Spør lederen din hvis du trenger den."),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        _("Siden finnes ikke"),
        _("Siden finnes ikke, eller du har ikke tilgang til den. Sjekk adressen."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    incident = getattr(request, "request_id", "-")
    logger.error("Server error shown to the user as incident %s", incident)
    return _error(
        request,
        500,
        _("Noe gikk galt hos oss"),
        _("Feilen er logget. Oppgi hendelsesnummeret hvis du kontakter brukerstøtte."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form was sent without a valid security token (often: the page was open too long)."""
    return _error(
        request,
        403,
        _("Skjemaet kunne ikke sendes"),
        _(
            "Sikkerhetskoden i skjemaet var ugyldig eller utløpt. Gå tilbake, last siden på "
            "nytt og send skjemaet igjen."
        ),
    )
