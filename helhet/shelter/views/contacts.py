"""Phone calls (one screen: log, today's list, undo) and the day offer."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.lists import paginate
from helhet.core.types import AuthenticatedRequest
from helhet.organisation.roles import Cap
from helhet.shelter import access, selectors, services
from helhet.shelter.forms import DayContactForm, PhoneContactForm
from helhet.shelter.views.base import render_page


def _phone_input(form: PhoneContactForm) -> services.PhoneContactInput:
    data = form.cleaned_data
    return services.PhoneContactInput(
        started_at=data["started_at"],
        duration_minutes=data["duration_minutes"],
        caller_group=data["caller_group"],
        outcome=data["outcome"],
        topics=list(data["topics"]),
        caller_gender=data["caller_gender"],
        municipality=data["municipality"],
        is_conversation=data["is_conversation"],
    )


@require_http_methods(["GET", "POST"])
def phone(request: AuthenticatedRequest) -> HttpResponse:
    """One screen: log a call, see today's calls, undo the last one."""
    unit = access.get_centre_for(request, capability=Cap.CASE_EDIT)
    form = PhoneContactForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.phone_contact_create(
                actor=request.user,
                unit=unit,
                data=_phone_input(form),
                submission_id=form.cleaned_data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Samtalen er lagret."))
            return redirect("shelter:phone")
    contacts = list(selectors.phone_contacts_on(unit=unit, day=timezone.localdate()))
    last_mine = next((c for c in contacts if c.created_by_id == request.user.pk), None)
    undo_until = timezone.now() - services.UNDO_WINDOW
    return render_page(
        request,
        "shelter/phone.html",
        {
            "unit": unit,
            "form": form,
            "contacts": contacts,
            "undoable": last_mine if last_mine and last_mine.created_at >= undo_until else None,
            "minutes": sum(c.duration_minutes for c in contacts),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def phone_undo(request: AuthenticatedRequest) -> HttpResponse:
    unit = access.get_centre_for(request, capability=Cap.CASE_EDIT)
    try:
        services.phone_contact_undo(actor=request.user, unit=unit)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Den siste samtalen er fjernet."))
    return redirect("shelter:phone")


@require_GET
def day_list(request: AuthenticatedRequest) -> HttpResponse:
    unit = access.get_centre_for(request)
    page = paginate(request, selectors.day_contact_list(unit=unit))
    return render_page(request, "shelter/day_list.html", {"unit": unit, "page_obj": page})


@require_http_methods(["GET", "POST"])
def day_create(request: AuthenticatedRequest) -> HttpResponse:
    unit = access.get_centre_for(request, capability=Cap.CASE_EDIT)
    form = DayContactForm(posted(request), unit=unit, staff=selectors.centre_staff(unit=unit))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        new_user = None
        if data["day_user"] is None:
            new_user = services.DayUserInput(
                gender=data["new_gender"] or "not_registered",
                birth_year=data["new_birth_year"],
                municipality=data["new_municipality"],
                name=data["new_name"],
            )
        try:
            contact = services.day_contact_create(
                actor=request.user,
                unit=unit,
                day_user=data["day_user"],
                new_user=new_user,
                data=services.DayContactInput(
                    occurred_on=data["occurred_on"],
                    kind=data["kind"],
                    topics=list(data["topics"]),
                    staff=list(data["staff"]),
                    duration_minutes=data["duration_minutes"],
                    with_children=data["with_children"],
                    with_interpreter=data["with_interpreter"],
                    with_other_service=data["with_other_service"],
                    with_network=data["with_network"],
                ),
                submission_id=data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("Dagkontakten med %(user)s er lagret.") % {"user": contact.day_user.pseudonym},
            )
            return redirect("shelter:day_list")
    return render_page(
        request,
        "shelter/day_form.html",
        {"unit": unit, "form": form},
        status=400 if form.errors else 200,
    )
