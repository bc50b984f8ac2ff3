"""The coordinator's pages for keeping the help directory.

The view policy lets in only holders of Cap.DIRECTORY_EDIT; services are fetched through
`access.get_service_for`, and every write goes through `services`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.lists import paginate
from helhet.core.types import AuthenticatedRequest
from helhet.directory.access import get_location_for, get_service_for
from helhet.directory.choices import Purpose
from helhet.directory.forms import (
    FilterForm,
    LocationCreateForm,
    LocationForm,
    LocationSearchForm,
    OrganizationForm,
    PhoneForm,
    PhoneFormSet,
    ScheduleForm,
    ScheduleFormSet,
    ServiceCreateForm,
    ServiceForm,
    TranslationForm,
    VerifyForm,
    phone_initial,
    schedule_initial,
    service_data,
    translation_language_label,
)
from helhet.directory.models import TRANSLATED_FIELDS, TRANSLATION_LANGUAGES, Location, Service
from helhet.directory.selectors import (
    reverify_cutoff,
    service_changes,
    services_needing_reverification,
    staff_location_list,
    staff_service_list,
)
from helhet.directory.services import (
    location_create,
    location_update,
    organization_create,
    service_create,
    service_publish,
    service_translation_save,
    service_unpublish,
    service_update,
    service_verify,
)

if TYPE_CHECKING:
    from django.forms import BaseFormSet

    from helhet.core.types import User


class _ServiceAction(Protocol):
    """A service that changes a service's state (publish, unpublish)."""

    def __call__(self, *, actor: User | None, service: Service) -> Service: ...


def service_list(request: AuthenticatedRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organization = filters.get("organization")
    services = staff_service_list(
        text=filters.get("q", ""),
        status=filters.get("status", ""),
        published=filters.get("published", ""),
        organization_id=str(organization.pk) if organization else "",
    )
    page = paginate(request, services)
    return render(
        request,
        "directory/service_list.html",
        {
            "form": form,
            "page_obj": page,
            "cutoff": reverify_cutoff(),
        },
    )


def reverify_list(request: AuthenticatedRequest) -> HttpResponse:
    page = paginate(request, services_needing_reverification())
    return render(
        request,
        "directory/reverify_list.html",
        {"page_obj": page, "cutoff": reverify_cutoff()},
    )


def _service_forms(
    request: AuthenticatedRequest, service: Service | None
) -> tuple[ServiceForm, BaseFormSet[PhoneForm], BaseFormSet[ScheduleForm]]:
    data = posted(request)
    form = ServiceForm(data, instance=service) if service else ServiceCreateForm(data)
    phones = PhoneFormSet(data, initial=phone_initial(service), prefix="phones")
    schedules = ScheduleFormSet(data, initial=schedule_initial(service), prefix="schedules")
    return form, phones, schedules


def _render_form(
    request: AuthenticatedRequest,
    service: Service | None,
    form: ServiceForm,
    phones: BaseFormSet[PhoneForm],
    schedules: BaseFormSet[ScheduleForm],
) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "directory/service_form.html",
        {"service": service, "form": form, "phones": phones, "schedules": schedules},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def service_create_view(request: AuthenticatedRequest) -> HttpResponse:
    form, phones, schedules = _service_forms(request, None)
    if request.method == "POST" and all([form.is_valid(), phones.is_valid(), schedules.is_valid()]):
        try:
            service = service_create(
                actor=request.user,
                data=service_data(form, phones, schedules),
                submission_id=form.cleaned_data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Tjenesten er opprettet. Den er ikke publisert ennå."))
            return redirect("directory:service_detail", service_id=service.pk)
    return _render_form(request, None, form, phones, schedules)


@require_http_methods(["GET", "POST"])
def service_edit(request: AuthenticatedRequest, service_id: str) -> HttpResponse:
    service = get_service_for(request.user, service_id, purpose=Purpose.SERVICE_EDIT)
    form, phones, schedules = _service_forms(request, service)
    if request.method == "POST" and all([form.is_valid(), phones.is_valid(), schedules.is_valid()]):
        try:
            service_update(
                actor=request.user, service=service, data=service_data(form, phones, schedules)
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("directory:service_detail", service_id=service.pk)
    return _render_form(request, service, form, phones, schedules)


def service_detail(request: AuthenticatedRequest, service_id: str) -> HttpResponse:
    service = get_service_for(request.user, service_id, purpose=Purpose.SERVICE_DETAIL)
    translations = {item.language: item for item in service.translations.all()}
    languages = [(code, name, translations.get(code)) for code, name in TRANSLATION_LANGUAGES]
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "languages": languages,
            "verify_form": VerifyForm(initial={"last_verified_on": timezone.localdate()}),
            "needs_reverification": service.last_verified_on is None
            or service.last_verified_on < reverify_cutoff(),
        },
    )


def _post_action(
    request: AuthenticatedRequest,
    service_id: str,
    action: _ServiceAction,
    success: str,
    purpose: str,
) -> HttpResponse:
    service = get_service_for(request.user, service_id, purpose=purpose)
    try:
        action(actor=request.user, service=service)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("directory:service_detail", service_id=service.pk)


@require_POST
def service_publish_view(request: AuthenticatedRequest, service_id: str) -> HttpResponse:
    return _post_action(
        request, service_id, service_publish, _("Tjenesten er publisert."), Purpose.PUBLISH
    )


@require_POST
def service_unpublish_view(request: AuthenticatedRequest, service_id: str) -> HttpResponse:
    return _post_action(
        request,
        service_id,
        service_unpublish,
        _("Tjenesten er tatt av nettsiden."),
        Purpose.UNPUBLISH,
    )


@require_POST
def service_verify_view(request: AuthenticatedRequest, service_id: str) -> HttpResponse:
    service = get_service_for(request.user, service_id, purpose=Purpose.VERIFY)
    data = posted(request)
    form = VerifyForm(data)
    if not form.is_valid():
        for error in form.errors.get("last_verified_on", []):
            messages.error(request, str(error))
        return redirect("directory:service_detail", service_id=service.pk)
    try:
        service_verify(
            actor=request.user, service=service, on=form.cleaned_data["last_verified_on"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Tjenesten er merket som kontrollert."))
    if data.get("next") == "reverify":
        return redirect("directory:reverify_list")
    return redirect("directory:service_detail", service_id=service.pk)


def service_history(request: AuthenticatedRequest, service_id: str) -> HttpResponse:
    service = get_service_for(request.user, service_id, purpose=Purpose.HISTORY)
    page = paginate(request, service_changes(service=service))
    return render(
        request,
        "directory/service_history.html",
        {"service": service, "page_obj": page},
    )


@require_http_methods(["GET", "POST"])
def service_translation(
    request: AuthenticatedRequest, service_id: str, language: str
) -> HttpResponse:
    if language not in dict(TRANSLATION_LANGUAGES):
        raise Http404(_("Siden finnes ikke."))
    service = get_service_for(request.user, service_id, purpose=Purpose.TRANSLATION)
    existing = next((t for t in service.translations.all() if t.language == language), None)
    initial = {name: getattr(existing, name) for name in TRANSLATED_FIELDS} if existing else {}
    form = TranslationForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service_translation_save(
                actor=request.user, service=service, language=language, texts=form.cleaned_data
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Oversettelsen er lagret."))
            return redirect("directory:service_detail", service_id=service.pk)
    return render(
        request,
        "directory/service_translation.html",
        {
            "service": service,
            "form": form,
            "language": language,
            "language_label": translation_language_label(language),
            "source": {name: getattr(service, name) for name in TRANSLATED_FIELDS},
            "bidi": language in settings.LANGUAGES_BIDI,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def organization_create_view(request: AuthenticatedRequest) -> HttpResponse:
    form = OrganizationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organization_create(
                actor=request.user,
                name=data["name"],
                description=data["description"],
                website=data["website"],
                email=data["email"],
                submission_id=data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Organisasjonen er opprettet."))
            return redirect("directory:service_create")
    return render(
        request,
        "directory/organization_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def location_list(request: AuthenticatedRequest) -> HttpResponse:
    form = LocationSearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    page = paginate(request, staff_location_list(text=text))
    return render(
        request,
        "directory/location_list.html",
        {"page_obj": page, "q": form["q"].value() or ""},
    )


@require_http_methods(["GET", "POST"])
def location_create_view(request: AuthenticatedRequest) -> HttpResponse:
    form = LocationCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            location_create(
                actor=request.user,
                **form.values(),
                addresses=form.address_data() or (),
                accessibility=form.accessibility_lines(),
                submission_id=form.cleaned_data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Stedet er opprettet."))
            return redirect("directory:location_list")
    return _render_location(request, None, form)


@require_http_methods(["GET", "POST"])
def location_edit(request: AuthenticatedRequest, location_id: str) -> HttpResponse:
    location = get_location_for(request.user, location_id, purpose=Purpose.LOCATION_EDIT)
    form = LocationForm(posted(request), location=location)
    if request.method == "POST" and form.is_valid():
        try:
            location_update(
                actor=request.user,
                location=location,
                values=form.values(),
                addresses=form.address_data(),
                accessibility=form.accessibility_lines(),
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("directory:location_list")
    return _render_location(request, location, form)


def _render_location(
    request: AuthenticatedRequest, location: Location | None, form: LocationForm
) -> HttpResponse:
    return render(
        request,
        "directory/location_form.html",
        {"form": form, "location": location},
        status=400 if request.method == "POST" else 200,
    )
