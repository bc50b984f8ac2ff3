"""Stays: the list, intake of an adult with or without children, the stay's page, changes
to the registration, a child who comes later, and the departure."""

from __future__ import annotations

from django.contrib import messages
from django.forms import BaseFormSet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from helhet.audit.services import object_type_of
from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.lists import paginate
from helhet.core.types import AuthenticatedRequest
from helhet.organisation.roles import Cap
from helhet.people.access import get_person_for
from helhet.people.selectors import person_data
from helhet.people.services import PersonInput
from helhet.shelter import access, selectors, services
from helhet.shelter.choices import Purpose
from helhet.shelter.forms import (
    ChildAddForm,
    ChildForm,
    ChildFormSet,
    ResidentForm,
    StayEndForm,
    StayForm,
)
from helhet.shelter.models import Stay, StayChild
from helhet.shelter.views.base import protection, render_page, stay_url


@require_GET
def stay_list(request: AuthenticatedRequest) -> HttpResponse:
    unit = access.get_centre_for(request)
    status = request.GET.get("status", "open")
    if status not in ("open", "ended", "all"):
        status = "open"
    page = paginate(request, selectors.stay_list(unit=unit, status=status))
    stays = list(page.object_list)
    names = selectors.names_of(stay.resident for stay in stays)
    access.record_persons_shown(
        request.user,
        [(object_type_of(Stay), stay.pk, stay.resident_id) for stay in stays],
        unit=unit,
        purpose=Purpose.STAY_LIST,
    )
    rows = [{"stay": stay, "name": names[stay.resident_id].display_name} for stay in stays]
    return render_page(
        request,
        "shelter/stay_list.html",
        {"unit": unit, "rows": rows, "page_obj": page, "status": status},
    )


def _stay_input(form: StayForm) -> services.StayInput:
    data = form.cleaned_data
    return services.StayInput(
        arrived_on=data["arrived_on"],
        referrer=data["referrer"],
        municipality=data["municipality"],
        violence_types=list(data["violence_types"]),
        violence_repeated=data["violence_repeated"],
        perpetrator_relation=data["perpetrator_relation"],
        perpetrator_gender=data["perpetrator_gender"],
        disability=data["disability"],
        immigrant_background=data["immigrant_background"],
        earlier_contact=data["earlier_contact"],
        needs_interpreter=data["needs_interpreter"],
        needs_sign_language=data["needs_sign_language"],
        needs_accessibility=data["needs_accessibility"],
        substance_use=data["substance_use"],
        mental_health=data["mental_health"],
        has_pets=data["has_pets"],
        statistics_consent=data["statistics_consent"],
    )


def _child_input(form: ChildForm, prefix: str) -> services.ChildInput:
    data = form.cleaned_data
    return services.ChildInput(
        name=data.get("name", ""),
        birth_year=data.get("birth_year"),
        gender=data.get("gender") or "not_registered",
        statistics_consent=data.get("statistics_consent", False),
        school_interrupted=data.get("school_interrupted") or "unknown",
        witnessed_violence=data.get("witnessed_violence") or "unknown",
        suffered_violence=data.get("suffered_violence") or "unknown",
        child_welfare_contact=data.get("child_welfare_contact") or "unknown",
        contact_with_violent_parent=data.get("contact_with_violent_parent") or "unknown",
        prefix=prefix,
    )


def _resident_input(form: ResidentForm, stay_form: StayForm) -> PersonInput | None:
    data = form.cleaned_data
    if not data["name"].strip():
        return None
    return PersonInput(
        name=data["name"],
        birth_year=data["birth_year"],
        gender=data["gender"],
        languages=data["languages"],
        address_protection=data["address_protection"],
        may_call=data["may_call"],
        may_text=data["may_text"],
        may_write=data["may_write"],
        may_leave_voicemail=data["may_leave_voicemail"],
        safe_times=data["safe_times"],
        safe_contact_person=data["safe_contact_person"],
        needs_interpreter=stay_form.cleaned_data["needs_interpreter"],
    )


def _place_error(
    error: DomainError,
    children: BaseFormSet[ChildForm],
    stay_form: StayForm,
    resident_form: ResidentForm,
) -> None:
    """Put a service error next to its field: a child's fields carry the child's form prefix
    (children-0-name), the stay's and the resident's their own names."""
    for index, child_form in enumerate(children.forms):
        prefix = f"children-{index}-"
        if error.field and error.field.startswith(prefix):
            child_form.add_error(error.field[len(prefix) :], error.message)
            return
    if error.field in stay_form.fields:
        stay_form.add_error(error.field, error.message)
        return
    add_domain_error_to_form(resident_form, error)


@require_http_methods(["GET", "POST"])
def stay_create(request: AuthenticatedRequest) -> HttpResponse:
    """Intake of an adult, with or without children."""
    unit = access.get_centre_for(request, capability=Cap.CASE_EDIT)
    known = None
    if request.GET.get("person"):
        known = get_person_for(request.user, request.GET["person"], purpose=Purpose.STAY_EDIT)
    data = posted(request)
    resident_form = ResidentForm(data, prefix="resident")
    stay_form = StayForm(data, prefix="stay")
    children = ChildFormSet(data, prefix="children")
    if known is not None:
        resident_form.fields["name"].required = False
    if data is not None and all(
        [resident_form.is_valid(), stay_form.is_valid(), children.is_valid()]
    ):
        child_inputs = [
            _child_input(child_form, f"children-{index}-")
            for index, child_form in enumerate(children.forms)
            if (child_form.cleaned_data.get("name") or "").strip()
        ]
        try:
            stay = services.stay_create(
                actor=request.user,
                unit=unit,
                resident=known or _resident_input(resident_form, stay_form),
                data=_stay_input(stay_form),
                children=child_inputs,
                submission_id=resident_form.cleaned_data["submission_id"],
            )
        except DomainError as error:
            _place_error(error, children, stay_form, resident_form)
        else:
            messages.success(request, _("Oppholdet er registrert. Gi beboeren et rom."))
            return redirect(stay_url(stay, "shelter:stay_allocate"))
    return render_page(
        request,
        "shelter/stay_form.html",
        {
            "unit": unit,
            "resident_form": resident_form,
            "stay_form": stay_form,
            "children": children,
            "known": person_data(known) if known is not None else None,
            "free_beds": selectors.free_beds(unit=unit).count(),
            "has_errors": bool(resident_form.errors or stay_form.errors or any(children.errors)),
        },
        status=400 if data is not None else 200,
    )


@require_GET
def stay_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    stay = selectors.stay_detail(access.get_stay_for(request.user, pk, purpose=Purpose.STAY_VIEW))
    children = list(stay.children.all())
    names = selectors.names_of([stay.resident, *(child.child for child in children)])
    access.record_persons_shown(
        request.user,
        [(object_type_of(StayChild), child.pk, child.child_id) for child in children],
        unit=stay.unit,
        purpose=Purpose.STAY_VIEW,
    )
    resident = names[stay.resident_id]
    allocations = [
        {
            "allocation": allocation,
            "name": names[allocation.occupant_id].display_name,
        }
        for allocation in stay.allocations.all()
    ]
    threat = next(iter(stay.threat_assessments.all()), None)
    return render_page(
        request,
        "shelter/stay_detail.html",
        {
            "stay": stay,
            "resident": resident,
            "protection": protection(stay.resident, resident),
            "children": [
                {"row": child, "name": names[child.child_id].display_name} for child in children
            ],
            "allocations": allocations,
            "threat": threat,
            "safety_plan": selectors.safety_plan_summary(stay),
            "followup": selectors.followup_summary(stay),
            "overdue_mapping": selectors.threat_mapping_overdue(
                stay, has_mapping=threat is not None
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def stay_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.STAY_EDIT, edit=True)
    violence_types = selectors.stay_violence_type_ids(stay)
    used = tuple(
        pk for pk in [stay.referrer_id, stay.perpetrator_relation_id, *violence_types] if pk
    )
    initial = {
        **{name: getattr(stay, name) for name in services.STAY_PLAIN_FIELDS},
        "referrer": stay.referrer_id,
        "municipality": stay.municipality_id,
        "violence_types": violence_types,
        "perpetrator_relation": stay.perpetrator_relation_id,
    }
    form = StayForm(posted(request), initial=initial, include=used)
    if form.is_bound and form.is_valid():
        try:
            services.stay_update(actor=request.user, stay=stay, data=_stay_input(form))
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Registreringen er oppdatert."))
            return redirect(stay_url(stay))
    return render_page(
        request,
        "shelter/stay_update.html",
        {"stay": stay, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def child_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.STAY_EDIT, edit=True)
    form = ChildAddForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.stay_child_add(
                actor=request.user,
                stay=stay,
                child=_child_input(form, ""),
                arrived_on=form.cleaned_data["arrived_on"],
                submission_id=form.cleaned_data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Barnet er lagt til i oppholdet."))
            return redirect(stay_url(stay))
    return render_page(
        request,
        "shelter/child_form.html",
        {"stay": stay, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def stay_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.STAY_END, edit=True)
    form = StayEndForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.stay_end(
                actor=request.user,
                stay=stay,
                departed_on=form.cleaned_data["departed_on"],
                destination=form.cleaned_data["destination"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("Oppholdet er avsluttet. Sengene er ledige fra utflyttingsdagen."),
            )
            return redirect(stay_url(stay, "shelter:followup"))
    resident = person_data(stay.resident)
    return render_page(
        request,
        "shelter/stay_end.html",
        {
            "stay": stay,
            "form": form,
            "resident": resident,
            "protection": protection(stay.resident, resident),
            "has_open_tasks": False,
        },
        status=400 if form.errors else 200,
    )
