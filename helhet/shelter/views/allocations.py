"""Capacity: give the family a room or one person a bed, and record a referral to another
centre when the offer was full or not suited."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.audit.services import object_type_of
from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.types import AuthenticatedRequest
from helhet.organisation.roles import Cap
from helhet.shelter import access, selectors, services
from helhet.shelter.choices import Purpose
from helhet.shelter.forms import (
    RESIDENT,
    BedAllocateForm,
    CapacityReferralForm,
    RoomAllocateForm,
    occupant_choices,
)
from helhet.shelter.models import StayChild
from helhet.shelter.views.base import render_page, stay_url


@require_http_methods(["GET", "POST"])
def stay_allocate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Give the family a room, or one person a bed. When the centre is full, say so at once
    and offer to record a referral to another centre."""
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.ALLOCATE, edit=True)
    children = selectors.children_present(stay)
    names = selectors.names_of([stay.resident, *(child.child for child in children)])
    access.record_persons_shown(
        request.user,
        [(object_type_of(StayChild), child.pk, child.child_id) for child in children],
        unit=stay.unit,
        purpose=Purpose.ALLOCATE,
    )
    beds = selectors.free_beds(unit=stay.unit)
    data = posted(request)
    action = data.get("action") if data is not None else None
    room_form = RoomAllocateForm(
        data if action == "room" else None, rooms=selectors.rooms_with_free_beds(unit=stay.unit)
    )
    bed_form = BedAllocateForm(
        data if action == "bed" else None,
        beds=beds,
        occupants=occupant_choices(stay, children, names),
    )
    if data is not None:
        try:
            if action == "room" and room_form.is_valid():
                services.room_allocate(
                    actor=request.user,
                    stay=stay,
                    room=room_form.cleaned_data["room"],
                    starts_on=room_form.cleaned_data["starts_on"],
                    submission_id=room_form.cleaned_data["submission_id"],
                )
                messages.success(request, _("Familien har fått rom."))
                return redirect(stay_url(stay))
            if action == "bed" and bed_form.is_valid():
                occupant = bed_form.cleaned_data["occupant"]
                stay_child = None
                if occupant != RESIDENT:
                    stay_child = next((c for c in children if str(c.pk) == occupant), None)
                services.bed_allocate(
                    actor=request.user,
                    stay=stay,
                    bed=bed_form.cleaned_data["bed"],
                    starts_on=bed_form.cleaned_data["starts_on"],
                    stay_child=stay_child,
                    submission_id=bed_form.cleaned_data["submission_id"],
                )
                messages.success(request, _("Sengen er tildelt."))
                return redirect(stay_url(stay))
        except DomainError as error:
            add_domain_error_to_form(room_form if action == "room" else bed_form, error)
    return render_page(
        request,
        "shelter/stay_allocate.html",
        {
            "stay": stay,
            "resident_name": names[stay.resident_id].display_name,
            "room_form": room_form,
            "bed_form": bed_form,
            "free_beds": beds.count(),
            "needs": stay,
        },
        status=400 if data is not None else 200,
    )


@require_http_methods(["GET", "POST"])
def capacity_referral(request: AuthenticatedRequest) -> HttpResponse:
    """The offer was full (or not suited): record that the person was referred elsewhere."""
    unit = access.get_centre_for(request, capability=Cap.CASE_EDIT)
    form = CapacityReferralForm(posted(request))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.capacity_referral_create(
                actor=request.user,
                unit=unit,
                data=services.CapacityReferralInput(
                    occurred_on=data["occurred_on"],
                    referred_to=data["referred_to"],
                    reason=data["reason"],
                    adults=data["adults"],
                    children=data["children"],
                    gender=data["gender"],
                    municipality=data["municipality"],
                ),
                submission_id=data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Henvisningen er registrert."))
            return redirect("shelter:board")
    return render_page(
        request,
        "shelter/referral_form.html",
        {
            "unit": unit,
            "form": form,
            "recent": selectors.capacity_referrals(unit=unit)[:10],
            "free_beds": selectors.free_beds(unit=unit).count(),
        },
        status=400 if form.errors else 200,
    )
