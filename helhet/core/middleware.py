"""Request id, the deny-by-default view policy, and what sets staff pages apart."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind, Purpose
from helhet.audit.services import event_record
from helhet.core.policy import Access, has_capability, second_factor_done, view_policy
from helhet.core.requestid import reset_request_id, set_request_id

logger = logging.getLogger(__name__)

# The object type of an event about a page (its object id is the URL name).
VIEW_OBJECT_TYPE = "view"


class RequestIdMiddleware:
    """Gives each request an id that ties log lines, audit events and error pages together."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response


class ViewPolicyMiddleware:
    """Enforces the view policy table before any view runs.

    A URL name missing from the table is refused with 404, so a new view is closed
    until someone decides who may use it (and the policy test fails until then).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        match = request.resolver_match
        name = match.view_name if match else ""
        rule = view_policy().get(name)
        if rule is None:
            logger.error("The view %s has no rule in the view policy; refused.", name)
            raise Http404(_("Siden finnes ikke."))
        if rule.access == Access.PUBLIC:
            return None
        user = request.user
        if not user.is_authenticated or not second_factor_done(request):
            return _to_login(request)
        if rule.capability and not has_capability(user, rule.capability):
            _record_refusal(request, name)
            raise PermissionDenied(_("Du har ikke tilgang til denne siden."))
        return None


def _record_refusal(request: HttpRequest, view_name: str) -> None:
    """A logged-in user was refused a page for lack of a capability: the privacy officer
    sees it in the log (who tried to open what). No person: the page was never opened."""
    event_record(
        kind=EventKind.ACCESS_DENIED,
        actor=request.user,
        object_type=VIEW_OBJECT_TYPE,
        object_id=view_name[:64],
        purpose=Purpose.PAGE_OPEN,
        detail=f"method:{request.method}"[:300],
    )


def _to_login(request: HttpRequest) -> HttpResponse:
    target = request.get_full_path()
    response = redirect(settings.LOGIN_URL)
    if request.method == "GET" and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        response["Location"] += f"?next={target}"
    return response


class StaffPagesMiddleware:
    """Staff pages differ from the public portal in three ways that the global settings
    cannot express:

    - Language: the portal's Bokmål pages have no language prefix, so Django's
      LocaleMiddleware forces Bokmål on every unprefixed path. Staff pages instead follow
      the language the user chose with the switch (a cookie), Bokmål or English.
    - Referrer policy: the portal sends `no-referrer`. On a page with that policy a browser
      sends `Origin: null` with every form POST, which Django's CSRF check must refuse;
      staff pages, which are full of forms, send `same-origin` (still nothing to other
      sites).
    - Caching: every staff response (pages, PDFs, redirects, errors) says `no-store`, so
      that no browser, shared computer or proxy keeps a copy of case data. The portal, the
      open API and static files decide their own caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        staff_page = request.path_info.startswith(settings.HELHET_STAFF_PATH_PREFIX)
        if staff_page:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if chosen in settings.HELHET_STAFF_LANGUAGES:
                translation.activate(chosen)
                request.LANGUAGE_CODE = chosen
        response = self.get_response(request)
        if staff_page:
            response["Referrer-Policy"] = "same-origin"
            add_never_cache_headers(response)
        return response
