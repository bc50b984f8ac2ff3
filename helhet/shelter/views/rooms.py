"""Rooms and beds (the centre lead's): the list with a form for a new room, and a room's
page with its beds and periods out of service."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.core.access import parse_pk
from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.types import AuthenticatedRequest
from helhet.shelter import access, selectors, services
from helhet.shelter.choices import Purpose
from helhet.shelter.forms import BedForm, ClosureForm, RoomCreateForm, RoomForm
from helhet.shelter.services.rooms import ROOM_FIELDS
from helhet.shelter.views.base import render_page


def _room_input(form: RoomForm) -> services.RoomInput:
    return services.RoomInput(**{name: form.cleaned_data[name] for name in ROOM_FIELDS})


@require_http_methods(["GET", "POST"])
def room_list(request: AuthenticatedRequest) -> HttpResponse:
    unit = access.get_managed_centre_for(request)
    form = RoomCreateForm(posted(request), initial={"is_active": True})
    if form.is_bound and form.is_valid():
        try:
            room = services.room_create(
                actor=request.user,
                unit=unit,
                data=_room_input(form),
                submission_id=form.cleaned_data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Rommet er lagt til. Legg inn sengene."))
            return redirect("shelter:room_detail", pk=room.pk)
    return render_page(
        request,
        "shelter/room_list.html",
        {"unit": unit, "rooms": selectors.room_list(unit=unit), "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def room_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    room = access.get_room_for(request.user, pk, purpose=Purpose.ROOMS)
    data = posted(request)
    action = data.get("action") if data is not None else None
    initial = {name: getattr(room, name) for name in ROOM_FIELDS}
    room_form = RoomForm(data if action == "room" else None, initial=initial)
    bed_form = BedForm(data if action == "bed" else None)
    closure_form = ClosureForm(data if action == "closure" else None)
    if data is not None:
        try:
            if action == "room" and room_form.is_valid():
                services.room_update(actor=request.user, room=room, data=_room_input(room_form))
                messages.success(request, _("Rommet er oppdatert."))
                return redirect("shelter:room_detail", pk=room.pk)
            if action == "bed" and bed_form.is_valid():
                services.bed_create(
                    actor=request.user,
                    room=room,
                    label=bed_form.cleaned_data["label"],
                    kind=bed_form.cleaned_data["kind"],
                    submission_id=bed_form.cleaned_data["submission_id"],
                )
                messages.success(request, _("Sengen er lagt til."))
                return redirect("shelter:room_detail", pk=room.pk)
            if action == "closure" and closure_form.is_valid():
                services.room_closure_create(
                    actor=request.user,
                    room=room,
                    starts_on=closure_form.cleaned_data["starts_on"],
                    ends_on=closure_form.cleaned_data["ends_on"],
                    reason=closure_form.cleaned_data["reason"],
                    submission_id=closure_form.cleaned_data["submission_id"],
                )
                messages.success(request, _("Perioden ute av drift er registrert."))
                return redirect("shelter:room_detail", pk=room.pk)
            if action == "bed_toggle":
                bed = selectors.room_bed(room, bed_id=parse_pk(data.get("bed")))
                if bed is not None:
                    services.bed_set_active(
                        actor=request.user, bed=bed, is_active=not bed.is_active
                    )
                    messages.success(request, _("Sengen er endret."))
                    return redirect("shelter:room_detail", pk=room.pk)
        except DomainError as error:
            target = {"room": room_form, "bed": bed_form, "closure": closure_form}.get(action or "")
            if target is None:
                messages.error(request, error.message)
                return redirect("shelter:room_detail", pk=room.pk)
            add_domain_error_to_form(target, error)
    return render_page(
        request,
        "shelter/room_detail.html",
        {
            "room": room,
            "beds": selectors.room_beds(room),
            "closures": selectors.room_closures(room),
            "room_form": room_form,
            "bed_form": bed_form,
            "closure_form": closure_form,
        },
        status=400 if data is not None else 200,
    )
