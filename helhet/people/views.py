"""Staff pages for persons: the list, registration, the person, changes, erasure,
break-glass, and the privacy officer's "who has seen this person" with its exports."""

from __future__ import annotations

import csv
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from helhet.audit.choices import EventKind
from helhet.audit.selectors import break_glass_active_grant, person_access_log
from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.lists import paginate
from helhet.core.types import AuthenticatedRequest
from helhet.organisation.roles import Cap
from helhet.organisation.selectors import units_with
from helhet.people import access, services
from helhet.people.choices import AddressProtection, Purpose
from helhet.people.forms import (
    AccessLogSearchForm,
    BreakGlassForm,
    EraseForm,
    PersonCreateForm,
    PersonForm,
    PersonSearchForm,
)
from helhet.people.models import Person
from helhet.people.pdf import render_pdf
from helhet.people.selectors import (
    PERSON_OBJECT_TYPE,
    linked_units,
    person_data,
    person_id_for_access_log,
    person_search,
    persons_data,
)

PAGE_SIZE = 25
LOG_PAGE_SIZE = 50


@never_cache
def person_list(request: AuthenticatedRequest) -> HttpResponse:
    """The persons the user may see; every person shown is a read in the audit log."""
    form = PersonSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    persons = person_search(user=request.user, query=query).select_related("key")
    page = paginate(request, persons, PAGE_SIZE)
    rows = persons_data(page.object_list)
    unit_of = access.record_list_reads(
        request.user, [row.person for row in rows], purpose=Purpose.LIST
    )
    return render(
        request,
        "people/person_list.html",
        {
            "form": form,
            "query": query,
            # A person with no unit of the user's is seen through break-glass.
            "rows": [(row, unit_of[row.person.pk] is None) for row in rows],
            "page_obj": page,
            "can_register": units_with(user=request.user, capability=Cap.CASE_EDIT).exists(),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def person_create(request: AuthenticatedRequest) -> HttpResponse:
    units = units_with(user=request.user, capability=Cap.CASE_EDIT)
    initial = {}
    if len(units) == 1:
        initial["unit"] = units[0]
    form = PersonCreateForm(posted(request), units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_register(
                actor=request.user,
                unit=form.cleaned_data["unit"],
                data=form.to_input(),
                submission_id=form.cleaned_data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Personen er registrert."))
            return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "creating": True, "strict": AddressProtection.STRICT},
    )


@never_cache
def person_detail(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    """The person. A fortrolig adresse is shown only when asked for (`?adresse=vis`), to
    those who work with the person, and the asking is its own event in the log."""
    show_address = request.GET.get("adresse") == "vis"
    if show_address:
        person = access.get_person_address_for(request.user, person_id)
    else:
        person = access.get_person_for(request.user, person_id, purpose=Purpose.VIEW)
    can_edit = linked_units(user=request.user, person=person, capability=Cap.CASE_EDIT).exists()
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "data": person_data(person),
            "show_address": show_address,
            # The same rule as the chokepoint `get_person_address_for`.
            "can_show_address": can_edit,
            "grant": break_glass_active_grant(
                user=request.user, object_type=PERSON_OBJECT_TYPE, object_id=person.pk
            ),
            "units": list(linked_units(user=request.user, person=person)),
            "can_edit": can_edit,
            "can_erase": linked_units(
                user=request.user, person=person, capability=Cap.PERSON_ERASE
            ).exists(),
            "protection": AddressProtection,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    person = access.get_person_for_edit(request.user, person_id)
    current = services.person_input_from(person)
    initial = {name: getattr(current, name) for name in PersonForm.base_fields}
    initial["birth_date"] = current.birth_date or None
    form = PersonForm(
        posted(request),
        initial=initial,
        # Strengt fortrolig adresse: the address field is not even offered.
        address_locked=person.address_protection == AddressProtection.STRICT,
        # Fortrolig adresse: never filled into the form; an empty field keeps it.
        address_kept=person.address_protection == AddressProtection.CONFIDENTIAL
        and bool(current.address),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, data=form.to_input())
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "creating": False,
            "person": person,
            "strict": AddressProtection.STRICT,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def person_erase(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    person = access.get_person_for_erase(request.user, person_id)
    form = EraseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(actor=request.user, person=person)
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("Personen er slettet. Opplysningene kan ikke lenger leses av noen."),
            )
            return redirect("people:list")
    return render(
        request,
        "people/person_erase.html",
        {"form": form, "person": person, "data": person_data(person)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def break_glass(request: AuthenticatedRequest) -> HttpResponse:
    """Emergency access to a person outside the user's units, with a reason, for a time."""
    form = BreakGlassForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            person_id, grant = services.person_break_glass(
                actor=request.user,
                national_id=form.cleaned_data["national_id"],
                reason=form.cleaned_data["reason"],
                submission_id=form.cleaned_data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            if grant is None:
                messages.info(request, _("Du har allerede tilgang til denne personen."))
            else:
                messages.warning(
                    request,
                    _(
                        "Du har nødtilgang til personen til kl. %(time)s. Bruken blir "
                        "gjennomgått av personvernombudet."
                    )
                    % {"time": date_format(timezone.localtime(grant.expires_at), "H:i")},
                )
            return redirect("people:detail", person_id=person_id)
    return render(
        request,
        "people/break_glass.html",
        {"form": form, "minutes": settings.HELHET_BREAK_GLASS_MINUTES},
    )


@never_cache
def access_log_search(request: AuthenticatedRequest) -> HttpResponse:
    """The privacy officer finds the person whose access log is asked for."""
    form = AccessLogSearchForm(request.GET or None)
    if request.GET and form.is_valid():
        person_id = person_id_for_access_log(form.cleaned_data["identifier"])
        if person_id is not None:
            return redirect("people:access_log", person_id=person_id)
        form.add_error(
            "identifier",
            _("Fant ingen person med dette nummeret eller denne id-en. Sjekk det du skrev."),
        )
    return render(request, "people/access_log_search.html", {"form": form})


def _log_context(person: Person) -> dict[str, Any]:
    return {"person": person, "data": person_data(person), "generated_at": timezone.now()}


@never_cache
def access_log(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    """Who has seen or changed this person's data, and when, and why."""
    person = access.get_person_for_access_log(request.user, person_id, purpose=Purpose.ACCESS_LOG)
    page = paginate(request, person_access_log(person_id=person.pk), LOG_PAGE_SIZE)
    return render(
        request,
        "people/access_log.html",
        {**_log_context(person), "page_obj": page},
    )


def _export(request: AuthenticatedRequest, person_id: int, fmt: str) -> tuple[Person, list[Any]]:
    # The export is recorded before the rows are read, so it lists itself: the person
    # sees that this copy was made, by whom and when.
    person = access.get_person_for_access_log(
        request.user,
        person_id,
        purpose=Purpose.ACCESS_LOG_EXPORT,
        kind=EventKind.EXPORT,
        detail=f"access_log.{fmt}",
    )
    return person, list(person_access_log(person_id=person.pk))


def _event_what(event: Any) -> str:
    what = str(EventKind(event.kind).label) if event.kind in EventKind.values else event.kind
    if "break_glass" in event.detail.split(","):
        what = _("%(what)s (nødtilgang)") % {"what": what}
    return what


def _csv_safe(value: str) -> str:
    # A cell that starts with = + - @ is a formula to a spreadsheet; the quote disarms it.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@never_cache
def access_log_csv(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    person, events = _export(request, person_id, "csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tilgangslogg-person-{person.pk}.csv"'
    # A byte order mark and semicolons: what Excel with Norwegian settings opens directly.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Tidspunkt"), _("Hvem"), _("Enhet"), _("Hva"), _("Formål")])
    for event in events:
        writer.writerow(
            [
                timezone.localtime(event.occurred_at).strftime("%Y-%m-%d %H:%M:%S"),
                _csv_safe(event.actor_name or _("Systemet")),
                _csv_safe(event.unit_name),
                _event_what(event),
                _csv_safe(event.purpose_label),
            ]
        )
    return response


@never_cache
def access_log_pdf(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    person, events = _export(request, person_id, "pdf")
    html = render_to_string(
        "people/access_log_pdf.html",
        {**_log_context(person), "rows": [(event, _event_what(event)) for event in events]},
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tilgangslogg-person-{person.pk}.pdf"'
    return response
