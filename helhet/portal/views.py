"""The public portal's pages, the quick exit, and the staff's text editor.

Public pages set no cookie, are never cached (`no-store`, so Back and a shared computer's
cache show nothing), and make no request to another host. Their tab titles are neutral.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.types import AuthenticatedRequest
from helhet.directory.selectors import open_service_ids, service_public_detail, services_find
from helhet.portal.choices import BLOCK_KEYS, PageKey
from helhet.portal.content import EMERGENCY_NUMBERS
from helhet.portal.forms import FindHelpForm, PageTextForm
from helhet.portal.models import LANGUAGE_CODES, SOURCE_LANGUAGE
from helhet.portal.offers import NEED_LABELS, offer_from_service
from helhet.portal.selectors import (
    BUILT_IN_VERSION,
    built_in_content,
    language_state,
    page_contents,
    page_overview,
    page_text,
    source_version,
)
from helhet.portal.services import page_text_save

# Where the quick exit takes the visitor: an ordinary site that raises no questions.
DEFAULT_EXIT_URL = "https://www.yr.no/"


def exit_url() -> str:
    return getattr(settings, "HELHET_PORTAL_EXIT_URL", DEFAULT_EXIT_URL)


def _language_links(request: HttpRequest, current: str) -> list[dict[str, Any]]:
    """The same page in every language, each named in its own language."""
    path = request.get_full_path()
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


def render_portal(
    request: HttpRequest,
    template: str,
    *,
    page_key: str | None = None,
    context: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render a public page with what every page has: the quick exit, the emergency
    numbers and the language links. One query for the page's and the blocks' texts."""
    language = translation.get_language()
    keys: list[str] = [PageKey.EMERGENCY, PageKey.EXIT]
    if page_key:
        keys.append(page_key)
    contents = page_contents(keys=keys, language=language)
    full_context = {
        "page": contents.get(page_key) if page_key else None,
        "emergency": contents[PageKey.EMERGENCY],
        "exit_block": contents[PageKey.EXIT],
        "emergency_numbers": EMERGENCY_NUMBERS,
        "languages": _language_links(request, language),
        "exit_url": exit_url(),
        **(context or {}),
    }
    return render(request, template, full_context, status=status)


@require_safe
@never_cache
def start(request: HttpRequest) -> HttpResponse:
    return render_portal(request, "portal/start.html", page_key=PageKey.START)


@require_safe
@never_cache
def information(request: HttpRequest) -> HttpResponse:
    return render_portal(request, "portal/information.html", page_key=PageKey.INFORMATION)


RESULTS_PER_PAGE = 20


@require_safe
@never_cache
def find_help(request: HttpRequest) -> HttpResponse:
    """Search the published help directory. Without criteria it lists every service."""
    language = translation.get_language()
    form = FindHelpForm(request.GET or None)
    offers = []
    page_obj = None
    if not form.is_bound or form.is_valid():
        criteria = form.cleaned_data if form.is_bound else {}
        found = services_find(
            need=criteria.get("need", ""),
            audience=criteria.get("audience", ""),
            municipality_number=criteria.get("municipality", ""),
            text=criteria.get("q", ""),
            open_now=criteria.get("open_now", False),
            language=language,
        )
        page_obj = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        open_ids = open_service_ids()
        offers = [offer_from_service(s, language=language, open_ids=open_ids) for s in page_obj]
    query = request.GET.copy()
    query.pop("page", None)
    need = form.cleaned_data.get("need", "") if form.is_bound and form.is_valid() else ""
    return render_portal(
        request,
        "portal/find_help.html",
        context={
            "form": form,
            "offers": offers,
            "page_obj": page_obj,
            "query_without_page": query.urlencode(),
            "need_label": NEED_LABELS.get(need, ""),
        },
    )


@require_safe
@never_cache
def service_detail(request: HttpRequest, service_id: Any) -> HttpResponse:
    language = translation.get_language()
    service = service_public_detail(service_id=service_id, language=language)
    if service is None:
        return render_portal(request, "portal/not_found.html", status=404)
    offer = offer_from_service(service, language=language, open_ids=open_service_ids())
    return render_portal(request, "portal/service_detail.html", context={"offer": offer})


@require_safe
@never_cache
def safety(request: HttpRequest) -> HttpResponse:
    return render_portal(request, "portal/safety.html", page_key=PageKey.SAFETY)


@require_safe
@never_cache
def employees(request: HttpRequest) -> HttpResponse:
    return render_portal(request, "portal/employees.html", page_key=PageKey.EMPLOYEES)


@require_safe
@never_cache
def accessibility(request: HttpRequest) -> HttpResponse:
    return render_portal(request, "portal/accessibility.html", page_key=PageKey.ACCESSIBILITY)


@require_safe
@never_cache
def about(request: HttpRequest) -> HttpResponse:
    return render_portal(request, "portal/about.html", page_key=PageKey.ABOUT)


@require_safe
@never_cache
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Leave for a neutral site and take the visit's traces with us.

    The page's script reaches this with `location.replace()`, so the page the visitor
    left is not in the Back history; without script the button is an ordinary link.
    Any session (a member of staff reading the portal) ends here too.

    The answer is a blank page that moves on at once (a `Refresh` header, and a script
    that replaces this page in the history), not an HTTP redirect: a redirect would
    leave /exit's own history entry behind when script is off, and the browser tests
    could not stand in for the neutral site (Playwright does not intercept the target of
    a redirect), so every test run would try to reach it over the network.
    """
    logout(request)  # flushes the session, whether anyone was logged in or not
    target = exit_url()
    response = render(request, "portal/exit.html", {"exit_url": target})
    response["Refresh"] = f"0; url={target}"
    for name in (settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME):
        if name in request.COOKIES:
            response.delete_cookie(name)
    # The browser drops what this origin stored or cached (the pages themselves are
    # never cached). Cookies are deleted above by name: "cookies" here would also log the
    # visitor out of every other site of the municipality's domain.
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response


# Staff pages: the texts of the portal, per page and language.


@require_safe
def page_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "portal/staff/page_list.html", {"pages": page_overview()})


def _known(key: str, language: str) -> None:
    if key not in PageKey.values or language not in LANGUAGE_CODES:
        raise Http404(_("Siden finnes ikke."))


@require_http_methods(["GET", "HEAD", "POST"])
def page_edit(request: AuthenticatedRequest, key: str, language: str) -> HttpResponse:
    _known(key, language)
    text = page_text(key=key, language=language)
    current_source = source_version(key=key)
    state = language_state(
        language=language,
        name=dict(settings.LANGUAGES)[language],
        text=text,
        current_source=current_source,
    )
    options = {"is_block": key in BLOCK_KEYS, "ask_caught_up": state.is_behind}
    if request.method == "POST":
        form = PageTextForm(posted(request), **options)
        if form.is_valid():
            try:
                page_text_save(
                    actor=request.user,
                    page_key=key,
                    language=language,
                    title=form.cleaned_data["title"],
                    lead=form.cleaned_data["lead"],
                    body=form.cleaned_data.get("body", ""),
                    expected_version=form.cleaned_data["expected_version"],
                    submission_id=form.cleaned_data["submission_id"],
                    caught_up=form.cleaned_data.get("caught_up", False),
                )
            except DomainError as error:
                add_domain_error_to_form(form, error)
            else:
                messages.success(request, _("Teksten er lagret."))
                return redirect("portal_staff:page_list")
    else:
        shown = built_in_content(key=key, language=language)
        initial = {
            "title": text.title if text else shown.title,
            "lead": text.lead if text else shown.lead,
            "body": text.body if text else shown.body,
            "expected_version": text.version if text else BUILT_IN_VERSION,
        }
        form = PageTextForm(initial=initial, **options)
    _text_direction(form, language)
    source = None
    if language != SOURCE_LANGUAGE:
        source = page_contents(keys=[key], language=SOURCE_LANGUAGE)[key]
    return render(
        request,
        "portal/staff/page_edit.html",
        {
            "form": form,
            "page_label": PageKey(key).label,
            "state": state,
            "source": source,
            "source_version": current_source,
            "is_block": key in BLOCK_KEYS,
            "public_url": _public_url(key, language),
        },
    )


def _text_direction(form: PageTextForm, language: str) -> None:
    """Text fields say which language they hold, so that Arabic is written right to left."""
    direction = "rtl" if language in settings.LANGUAGES_BIDI else "ltr"
    for name in ("title", "lead", "body"):
        if name in form.fields:
            form.fields[name].widget.attrs.update({"lang": language, "dir": direction})


_PUBLIC_VIEW: dict[str, str] = {
    PageKey.START: "portal:start",
    PageKey.INFORMATION: "portal:information",
    PageKey.SAFETY: "portal:safety",
    PageKey.EMPLOYEES: "portal:employees",
    PageKey.ACCESSIBILITY: "portal:accessibility",
    PageKey.ABOUT: "portal:about",
    # The blocks show on every page; the start page shows them too.
    PageKey.EMERGENCY: "portal:start",
    PageKey.EXIT: "portal:start",
}


def _public_url(key: str, language: str) -> str:
    with translation.override(language):
        return reverse(_PUBLIC_VIEW[key])
