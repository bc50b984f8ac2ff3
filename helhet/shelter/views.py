"""Pages of the crisis centre. Thin: chokepoint or selector → form → service → redirect."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.lists import paginate
from helhet.organisation.models import Membership
from helhet.organisation.roles import Cap
from helhet.people.access import get_person_for
from helhet.people.selectors import person_data
from helhet.people.services import PersonInput
from helhet.shelter import access, selectors, services
from helhet.shelter.choices import AnswerList, Purpose, TaskStatus
from helhet.shelter.forms import (
    RESIDENT,
    AnswerOptionForm,
    BedAllocateForm,
    BedForm,
    CapacityReferralForm,
    ChildAddForm,
    ChildFormSet,
    ClosureForm,
    ConsentForm,
    DayContactForm,
    PhoneContactForm,
    ResidentForm,
    RoomAllocateForm,
    RoomForm,
    SafetyPlanForm,
    StayEndForm,
    StayForm,
    TaskCreateForm,
    TaskForm,
    TaskStatusForm,
    ThreatForm,
    occupant_choices,
)
from helhet.shelter.models import (
    SAFETY_PLAN_SECTIONS,
    AnswerOption,
    FollowUpPlan,
    Room,
    SafetyPlan,
    Stay,
)
from helhet.shelter.services.rooms import ROOM_FIELDS


def _centre_nav(request: HttpRequest) -> dict[str, Any]:
    """What the shelter sub-menu needs: may the user manage rooms and lists?"""
    return {"may_manage": selectors.managed_centres(user=request.user).exists()}


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, template, {**_centre_nav(request), **context}, status=status)


def _stay_url(stay: Stay, name: str = "shelter:stay_detail") -> str:
    return reverse(name, kwargs={"pk": stay.pk})


# The board ------------------------------------------------------------------------------


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    if not selectors.centres_for(user=request.user).exists():
        # Staff of other units reach this page from the menu; their shared tasks are elsewhere.
        return _render(request, "shelter/no_centre.html", {})
    unit = access.get_centre_for(request)
    data = selectors.board(unit=unit, with_names=True)
    access.record_persons_shown(
        request.user,
        [
            (selectors.STAY_OBJECT_TYPE, stay_id, person_id)
            for stay_id, person_id in selectors.board_person_ids(data)
        ],
        unit=unit,
        purpose=Purpose.BOARD,
    )
    months = selectors.occupancy_by_month(unit=unit)
    return _render(
        request,
        "shelter/board.html",
        {
            "unit": unit,
            "board": data,
            "arrivals": _named(data, data.arrivals),
            "departures": _named(data, data.departures),
            "missing": _named(data, data.missing_threat_mapping),
            "months": months,
            "chart": _chart(months),
        },
    )


def _named(data: selectors.Board, stays: list[Stay]) -> list[dict[str, Any]]:
    return [{"stay": stay, "name": data.name(stay.resident_id)} for stay in stays]


def _chart(months: list[selectors.MonthOccupancy]) -> dict[str, Any]:
    """Coordinates of a bar chart of the occupancy per month, drawn as SVG by the template."""
    width, height, top, bottom, left = 640, 220, 16, 36, 40
    slot = (width - left) / max(len(months), 1)
    plot = height - top - bottom
    bars = []
    for index, month in enumerate(months):
        bar_height = plot * min(month.percent, 100) / 100
        bars.append(
            {
                "x": round(left + index * slot + slot * 0.15, 1),
                "y": round(top + plot - bar_height, 1),
                "width": round(slot * 0.7, 1),
                "height": round(bar_height, 1),
                "label_x": round(left + index * slot + slot / 2, 1),
                "month": month,
            }
        )
    gridlines = [
        {"y": round(top + plot - plot * value / 100, 1), "value": value}
        for value in (0, 25, 50, 75, 100)
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "bars": bars,
        "gridlines": gridlines,
        "baseline": top + plot,
        "label_y": height - bottom + 18,
    }


# Phone contacts ---------------------------------------------------------------------------


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
def phone(request: HttpRequest) -> HttpResponse:
    """One screen: log a call, see today's calls, undo the last one."""
    unit = access.get_centre_for(request, capability=Cap.CASE_EDIT)
    form = PhoneContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
    today = timezone.localdate()
    contacts = list(selectors.phone_contacts_on(unit=unit, day=today))
    last_mine = next((c for c in contacts if c.created_by_id == request.user.pk), None)
    undo_until = timezone.now() - services.UNDO_WINDOW
    return _render(
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
def phone_undo(request: HttpRequest) -> HttpResponse:
    unit = access.get_centre_for(request, capability=Cap.CASE_EDIT)
    try:
        services.phone_contact_undo(actor=request.user, unit=unit)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Den siste samtalen er fjernet."))
    return redirect("shelter:phone")


# Day contacts --------------------------------------------------------------------------------


def _centre_staff(unit: Any) -> Any:
    from helhet.accounts.models import User

    return (
        User.objects.filter(
            is_active=True, pk__in=Membership.objects.filter(unit=unit).values("user_id")
        )
        .distinct()
        .order_by("full_name", "username")
    )


@require_GET
def day_list(request: HttpRequest) -> HttpResponse:
    unit = access.get_centre_for(request)
    page = paginate(request, selectors.day_contact_list(unit=unit))
    return _render(
        request,
        "shelter/day_list.html",
        {
            "unit": unit,
            "page_obj": page,
        },
    )


@require_http_methods(["GET", "POST"])
def day_create(request: HttpRequest) -> HttpResponse:
    unit = access.get_centre_for(request, capability=Cap.CASE_EDIT)
    form = DayContactForm(request.POST or None, unit=unit, staff=_centre_staff(unit))
    if request.method == "POST" and form.is_valid():
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
    return _render(
        request,
        "shelter/day_form.html",
        {"unit": unit, "form": form},
        status=400 if form.errors else 200,
    )


# Stays -----------------------------------------------------------------------------------------


@require_GET
def stay_list(request: HttpRequest) -> HttpResponse:
    unit = access.get_centre_for(request)
    status = request.GET.get("status", "open")
    if status not in ("open", "ended", "all"):
        status = "open"
    page = paginate(request, selectors.stay_list(unit=unit, status=status))
    stays = list(page.object_list)
    names = selectors.names_of(stay.resident for stay in stays)
    access.record_persons_shown(
        request.user,
        [(selectors.STAY_OBJECT_TYPE, stay.pk, stay.resident_id) for stay in stays],
        unit=unit,
        purpose=Purpose.STAY_LIST,
    )
    rows = [{"stay": stay, "name": names[stay.resident_id].display_name} for stay in stays]
    return _render(
        request,
        "shelter/stay_list.html",
        {
            "unit": unit,
            "rows": rows,
            "page_obj": page,
            "status": status,
        },
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


def _child_input(form: Any, prefix: str) -> services.ChildInput:
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


def _place_error(
    error: DomainError, children: Any, stay_form: StayForm, resident_form: Any
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
def stay_create(request: HttpRequest) -> HttpResponse:
    """Intake of an adult, with or without children."""
    unit = access.get_centre_for(request, capability=Cap.CASE_EDIT)
    known = None
    if request.GET.get("person"):
        known = get_person_for(request.user, request.GET["person"], purpose=Purpose.STAY_EDIT)
    post = request.POST or None
    resident_form = ResidentForm(post, prefix="resident")
    stay_form = StayForm(post, prefix="stay")
    children = ChildFormSet(post, prefix="children")
    if known is not None:
        resident_form.fields["name"].required = False
    if request.method == "POST":
        valid = all([resident_form.is_valid(), stay_form.is_valid(), children.is_valid()])
        if valid:
            child_inputs = [
                _child_input(child_form, f"children-{index}-")
                for index, child_form in enumerate(children.forms)
                if (child_form.cleaned_data.get("name") or "").strip()
            ]
            data = resident_form.cleaned_data
            resident: Any = known or PersonInput(
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
            if known is None and not data["name"].strip():
                resident = None
            try:
                stay = services.stay_create(
                    actor=request.user,
                    unit=unit,
                    resident=resident,
                    data=_stay_input(stay_form),
                    children=child_inputs,
                    submission_id=data["submission_id"],
                )
            except DomainError as error:
                _place_error(error, children, stay_form, resident_form)
            else:
                messages.success(request, _("Oppholdet er registrert. Gi beboeren et rom."))
                return redirect(_stay_url(stay, "shelter:stay_allocate"))
    free = selectors.free_beds(unit=unit).count()
    return _render(
        request,
        "shelter/stay_form.html",
        {
            "unit": unit,
            "resident_form": resident_form,
            "stay_form": stay_form,
            "children": children,
            "known": person_data(known) if known is not None else None,
            "free_beds": free,
            "has_errors": bool(resident_form.errors or stay_form.errors or any(children.errors)),
        },
        status=400 if request.method == "POST" else 200,
    )


def _protection(person: Any, data: Any) -> dict[str, Any]:
    """The person's address protection and safe-contact preferences, for pages where
    contacting or placing the person matters."""
    return {
        "address_protection": person.address_protection,
        "address_protection_label": person.get_address_protection_display(),
        "may_call": person.may_call,
        "may_text": person.may_text,
        "may_write": person.may_write,
        "may_leave_voicemail": person.may_leave_voicemail,
        "safe_times": data.safe_times,
        "safe_contact_person": data.safe_contact_person,
    }


@require_GET
def stay_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stay = selectors.stay_detail(access.get_stay_for(request.user, pk, purpose=Purpose.STAY_VIEW))
    children = list(stay.children.all())
    names = selectors.names_of([stay.resident, *(child.child for child in children)])
    access.record_persons_shown(
        request.user,
        [("shelter.staychild", child.pk, child.child_id) for child in children],
        unit=stay.unit,
        purpose=Purpose.STAY_VIEW,
    )
    resident = names[stay.resident_id]
    allocations = [
        {
            "allocation": allocation,
            "name": names[
                allocation.stay_child.child_id if allocation.stay_child_id else stay.resident_id
            ].display_name,
        }
        for allocation in stay.allocations.all()
    ]
    today = timezone.localdate()
    threat = next(iter(stay.threat_assessments.all()), None)
    plan = SafetyPlan.objects.filter(stay=stay).only("id", "reviewed_on", "next_review_on").first()
    followup = (
        FollowUpPlan.objects.filter(stay=stay)
        .annotate(
            open_tasks=Count("tasks", filter=Q(tasks__status__in=["not_started", "in_progress"]))
        )
        .first()
    )
    overdue_mapping = (
        stay.is_open and threat is None and stay.arrived_on <= today - timedelta(days=2)
    )
    return _render(
        request,
        "shelter/stay_detail.html",
        {
            "stay": stay,
            "resident": resident,
            "protection": _protection(stay.resident, resident),
            "children": [
                {"row": child, "name": names[child.child_id].display_name} for child in children
            ],
            "allocations": allocations,
            "threat": threat,
            "safety_plan": plan,
            "followup": followup,
            "overdue_mapping": overdue_mapping,
        },
    )


@require_http_methods(["GET", "POST"])
def stay_update(request: HttpRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.STAY_EDIT, edit=True)
    used = tuple(
        pk
        for pk in [
            stay.referrer_id,
            stay.perpetrator_relation_id,
            *stay.violence_types.values_list("pk", flat=True),
        ]
        if pk
    )
    initial = {
        "arrived_on": stay.arrived_on,
        "referrer": stay.referrer_id,
        "municipality": stay.municipality_id,
        "violence_types": list(stay.violence_types.values_list("pk", flat=True)),
        "perpetrator_relation": stay.perpetrator_relation_id,
        **{
            name: getattr(stay, name)
            for name in (
                "violence_repeated",
                "perpetrator_gender",
                "disability",
                "immigrant_background",
                "earlier_contact",
                "needs_interpreter",
                "needs_sign_language",
                "needs_accessibility",
                "substance_use",
                "mental_health",
                "has_pets",
                "statistics_consent",
            )
        },
    }
    form = StayForm(request.POST or None, initial=initial, include=used)
    if request.method == "POST" and form.is_valid():
        try:
            services.stay_update(actor=request.user, stay=stay, data=_stay_input(form))
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Registreringen er oppdatert."))
            return redirect(_stay_url(stay))
    return _render(
        request,
        "shelter/stay_update.html",
        {"stay": stay, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def child_add(request: HttpRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.STAY_EDIT, edit=True)
    form = ChildAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
            return redirect(_stay_url(stay))
    return _render(
        request,
        "shelter/child_form.html",
        {"stay": stay, "form": form},
        status=400 if form.errors else 200,
    )


def _rooms_with_free_beds(stay: Stay) -> Any:
    free = selectors.free_beds(unit=stay.unit)
    return (
        Room.objects.filter(beds__in=free)
        .annotate(free_count=Count("beds", filter=Q(beds__in=free), distinct=True))
        .order_by("-is_family_room", "name")
    )


@require_http_methods(["GET", "POST"])
def stay_allocate(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the family a room, or one person a bed. When the centre is full, say so at once
    and offer to record a referral to another centre."""
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.ALLOCATE, edit=True)
    children = list(
        stay.children.select_related("child", "child__key").filter(departed_on__isnull=True)
    )
    names = selectors.names_of([stay.resident, *(child.child for child in children)])
    access.record_persons_shown(
        request.user,
        [("shelter.staychild", child.pk, child.child_id) for child in children],
        unit=stay.unit,
        purpose=Purpose.ALLOCATE,
    )
    rooms = _rooms_with_free_beds(stay)
    beds = selectors.free_beds(unit=stay.unit)
    action = request.POST.get("action")
    room_form = RoomAllocateForm(request.POST if action == "room" else None, rooms=rooms)
    bed_form = BedAllocateForm(
        request.POST if action == "bed" else None,
        beds=beds,
        occupants=occupant_choices(stay, children, names),
    )
    if request.method == "POST":
        try:
            if action == "room" and room_form.is_valid():
                services.room_allocate(
                    actor=request.user,
                    stay=stay,
                    room=room_form.cleaned_data["room"],
                    starts_on=room_form.cleaned_data["starts_on"],
                )
                messages.success(request, _("Familien har fått rom."))
                return redirect(_stay_url(stay))
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
                )
                messages.success(request, _("Sengen er tildelt."))
                return redirect(_stay_url(stay))
        except DomainError as error:
            add_domain_error_to_form(room_form if action == "room" else bed_form, error)
    return _render(
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
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def stay_end(request: HttpRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.STAY_END, edit=True)
    form = StayEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
            return redirect(_stay_url(stay, "shelter:followup"))
    resident = person_data(stay.resident)
    return _render(
        request,
        "shelter/stay_end.html",
        {
            "stay": stay,
            "form": form,
            "resident": resident,
            "protection": _protection(stay.resident, resident),
            "has_open_tasks": False,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def capacity_referral(request: HttpRequest) -> HttpResponse:
    """The offer was full (or not suited): record that the person was referred elsewhere."""
    unit = access.get_centre_for(request, capability=Cap.CASE_EDIT)
    form = CapacityReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
    recent = selectors.capacity_referrals(unit=unit)[:10]
    return _render(
        request,
        "shelter/referral_form.html",
        {
            "unit": unit,
            "form": form,
            "recent": recent,
            "free_beds": selectors.free_beds(unit=unit).count(),
        },
        status=400 if form.errors else 200,
    )


# Safety plan and threat mapping ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def safety_plan(request: HttpRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(
        request.user, pk, purpose=Purpose.SAFETY_PLAN, edit=request.method == "POST"
    )
    plan = (
        SafetyPlan.objects.filter(stay=stay)
        .select_related("updated_by", "stay__resident__key")
        .first()
    )
    sections = selectors.safety_plan_sections(plan) if plan else {}
    unreadable = plan is not None and sections is None
    initial = {**(sections or {})}
    if plan is not None:
        initial["next_review_on"] = plan.next_review_on
    form = SafetyPlanForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.safety_plan_save(
                    actor=request.user,
                    stay=stay,
                    sections={name: data[name] for name in SAFETY_PLAN_SECTIONS},
                    reviewed_on=data["reviewed_on"],
                    next_review_on=data["next_review_on"],
                )
            except DomainError as error:
                add_domain_error_to_form(form, error)
            else:
                messages.success(request, _("Sikkerhetsplanen er lagret."))
                return redirect(_stay_url(stay))
    reviews = list(plan.reviews.select_related("reviewed_by")[:10]) if plan else []
    return _render(
        request,
        "shelter/safety_plan.html",
        {
            "stay": stay,
            "plan": plan,
            "form": form,
            "unreadable": unreadable,
            "reviews": reviews,
            "resident": person_data(stay.resident),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def threat_create(request: HttpRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.THREAT_MAPPING, edit=True)
    form = ThreatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.threat_assessment_create(
                actor=request.user,
                stay=stay,
                data=services.ThreatInput(
                    assessed_on=data["assessed_on"],
                    method=data["method"],
                    risk_level=data["risk_level"],
                    threats=data["threats"],
                    perpetrator=data["perpetrator"],
                    children=data["children"],
                    measures=data["measures"],
                ),
                submission_id=data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Trusselkartleggingen er lagret."))
            return redirect(_stay_url(stay))
    earlier = [
        {"row": row, "sections": selectors.threat_sections(row, stay.resident)}
        for row in stay.threat_assessments.select_related("created_by")
    ]
    return _render(
        request,
        "shelter/threat_form.html",
        {"stay": stay, "form": form, "earlier": earlier},
        status=400 if form.errors else 200,
    )


# Follow-up ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def followup(request: HttpRequest, pk: int) -> HttpResponse:
    """The follow-up plan of a stay; a POST starts it with the default checklist."""
    stay = access.get_stay_for(
        request.user, pk, purpose=Purpose.FOLLOW_UP, edit=request.method == "POST"
    )
    if request.method == "POST":
        services.followup_plan_start(actor=request.user, stay=stay)
        messages.success(request, _("Oppfølgingsplanen er startet med standard sjekkliste."))
        return redirect(_stay_url(stay, "shelter:followup"))
    plan = FollowUpPlan.objects.filter(stay=stay).prefetch_related("consent_units").first()
    resident = person_data(stay.resident)
    tasks = []
    if plan is not None:
        for task in selectors.plan_tasks(plan):
            tasks.append(
                {
                    "task": task,
                    "notes": selectors.task_notes(task, stay.resident),
                    "overdue": services.task_is_open(task) and task.due_on < timezone.localdate(),
                }
            )
    consent_form = ConsentForm(
        centre=stay.unit,
        initial={
            "share_consent": plan.share_consent if plan else False,
            "scope": plan.consent_scope if plan else None,
            "units": list(plan.consent_units.all()) if plan else [],
            "given_on": plan.consent_given_on if plan else None,
            "expires_on": plan.consent_expires_on if plan else None,
        },
    )
    return _render(
        request,
        "shelter/followup.html",
        {
            "stay": stay,
            "plan": plan,
            "tasks": tasks,
            "resident": resident,
            "protection": _protection(stay.resident, resident),
            "consent_form": consent_form,
            "consent_active": plan.consent_active() if plan else False,
            "today": timezone.localdate(),
        },
    )


@require_POST
def followup_consent(request: HttpRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.FOLLOW_UP, edit=True)
    plan = FollowUpPlan.objects.filter(stay=stay).first()
    if plan is None:
        messages.error(request, _("Start oppfølgingsplanen først."))
        return redirect(_stay_url(stay, "shelter:followup"))
    form = ConsentForm(request.POST, centre=stay.unit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.followup_consent_record(
                actor=request.user,
                plan=plan,
                data=services.ConsentInput(
                    share_consent=data["share_consent"],
                    scope=data["scope"],
                    units=list(data["units"]),
                    given_on=data["given_on"],
                    expires_on=data["expires_on"],
                ),
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Samtykket er registrert."))
            return redirect(_stay_url(stay, "shelter:followup"))
    return _render(
        request,
        "shelter/consent_form.html",
        {"stay": stay, "plan": plan, "form": form},
        status=400,
    )


def _task_input(form: Any, task: Any = None) -> services.TaskInput:
    data = form.cleaned_data
    return services.TaskInput(
        category=data.get("category", getattr(task, "category", "")),
        title=data.get("title", getattr(task, "title", "")),
        responsible_unit=data.get("responsible_unit", getattr(task, "responsible_unit", None)),
        due_on=data.get("due_on", getattr(task, "due_on", None)),
        status=data["status"],
        notes=data.get("notes") if "notes" in form.fields else None,
    )


@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.FOLLOW_UP, edit=True)
    plan = FollowUpPlan.objects.filter(stay=stay).first()
    if plan is None:
        messages.error(request, _("Start oppfølgingsplanen først."))
        return redirect(_stay_url(stay, "shelter:followup"))
    form = TaskCreateForm(
        request.POST or None,
        initial={
            "responsible_unit": stay.unit_id,
            "due_on": timezone.localdate() + timedelta(days=services.DEFAULT_TASK_DAYS),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_task_create(
                actor=request.user,
                plan=plan,
                data=_task_input(form),
                submission_id=form.cleaned_data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Oppgaven er lagt til."))
            return redirect(_stay_url(stay, "shelter:followup"))
    return _render(
        request,
        "shelter/task_form.html",
        {"stay": stay, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    """Tasks my unit is responsible for: the centre's own, and those shared with consent."""
    status = request.GET.get("status", "open")
    page = paginate(request, selectors.unit_task_list(user=request.user, status=status))
    tasks = list(page.object_list)
    names = selectors.names_of({task.plan.stay.resident for task in tasks})
    access.record_persons_shown(
        request.user,
        [(access.TASK_OBJECT_TYPE, task.pk, task.plan.stay.resident_id) for task in tasks],
        unit=None,
        purpose=Purpose.TASK_LIST,
    )
    today = timezone.localdate()
    rows = [
        {
            "task": task,
            "name": names[task.plan.stay.resident_id].display_name,
            "overdue": task.due_on < today and task.status in ("not_started", "in_progress"),
        }
        for task in tasks
    ]
    return _render(
        request,
        "shelter/task_list.html",
        {
            "rows": rows,
            "page_obj": page,
            "status": status,
        },
    )


@require_http_methods(["GET", "POST"])
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_task_for(request.user, pk, purpose=Purpose.TASK_VIEW)
    permissions = selectors.task_permissions(user=request.user, task=task)
    resident = task.plan.stay.resident
    notes = selectors.task_notes(task, resident) if permissions.notes_allowed else None
    initial = {
        "category": task.category,
        "title": task.title,
        "responsible_unit": task.responsible_unit_id,
        "due_on": task.due_on,
        "status": task.status,
        "notes": notes or "",
    }
    if permissions.owner:
        form: Any = TaskForm(request.POST or None, initial=initial)
    else:
        form = TaskStatusForm(
            request.POST or None, initial=initial, notes_allowed=permissions.notes_allowed
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_task_update(
                actor=request.user,
                task=task,
                data=_task_input(form, task),
                owner=permissions.owner,
                notes_allowed=permissions.notes_allowed,
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Oppgaven er oppdatert."))
            return redirect("shelter:task_detail", pk=task.pk)
    data = person_data(resident)
    return _render(
        request,
        "shelter/task_detail.html",
        {
            "task": task,
            "form": form,
            "permissions": permissions,
            "notes": notes,
            "resident": data,
            "protection": _protection(resident, data),
            "today": timezone.localdate(),
            "done": TaskStatus.DONE,
        },
        status=400 if form.errors else 200,
    )


# Rooms, beds and answer lists (the centre's lead) ------------------------------------------


def _room_input(form: RoomForm) -> services.RoomInput:
    return services.RoomInput(**form.cleaned_data)


@require_http_methods(["GET", "POST"])
def room_list(request: HttpRequest) -> HttpResponse:
    unit = access.get_managed_centre_for(request)
    form = RoomForm(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        try:
            room = services.room_create(actor=request.user, unit=unit, data=_room_input(form))
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Rommet er lagt til. Legg inn sengene."))
            return redirect("shelter:room_detail", pk=room.pk)
    return _render(
        request,
        "shelter/room_list.html",
        {"unit": unit, "rooms": selectors.room_list(unit=unit), "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def room_detail(request: HttpRequest, pk: int) -> HttpResponse:
    room = access.get_room_for(request.user, pk, purpose=Purpose.ROOMS)
    action = request.POST.get("action")
    initial = {name: getattr(room, name) for name in ROOM_FIELDS}
    room_form = RoomForm(request.POST if action == "room" else None, initial=initial)
    bed_form = BedForm(request.POST if action == "bed" else None)
    closure_form = ClosureForm(request.POST if action == "closure" else None)
    if request.method == "POST":
        try:
            if action == "room" and room_form.is_valid():
                services.room_update(actor=request.user, room=room, data=_room_input(room_form))
                messages.success(request, _("Rommet er oppdatert."))
                return redirect("shelter:room_detail", pk=room.pk)
            if action == "bed" and bed_form.is_valid():
                services.bed_create(actor=request.user, room=room, **bed_form.cleaned_data)
                messages.success(request, _("Sengen er lagt til."))
                return redirect("shelter:room_detail", pk=room.pk)
            if action == "closure" and closure_form.is_valid():
                services.room_closure_create(
                    actor=request.user, room=room, **closure_form.cleaned_data
                )
                messages.success(request, _("Perioden ute av drift er registrert."))
                return redirect("shelter:room_detail", pk=room.pk)
            if action == "bed_toggle":
                bed = room.beds.filter(pk=request.POST.get("bed")).first()
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
    return _render(
        request,
        "shelter/room_detail.html",
        {
            "room": room,
            "beds": room.beds.order_by("label"),
            "closures": room.closures.order_by("-starts_on"),
            "room_form": room_form,
            "bed_form": bed_form,
            "closure_form": closure_form,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def answer_lists(request: HttpRequest) -> HttpResponse:
    access.get_managed_centre_for(request)
    form = AnswerOptionForm(request.POST or None, initial={"answer_list": request.GET.get("liste")})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_option_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Svaret er lagt til."))
            return redirect("shelter:answer_lists")
    lists = selectors.answer_lists()
    return _render(
        request,
        "shelter/answer_lists.html",
        {
            "form": form,
            "lists": [(AnswerList(key).label, key, options) for key, options in lists.items()],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def answer_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    access.get_managed_centre_for(request)
    option = AnswerOption.objects.filter(pk=pk).first()
    if option is None:
        raise Http404(_("Svaret finnes ikke."))
    services.answer_option_set_active(
        actor=request.user, option=option, is_active=not option.is_active
    )
    messages.success(request, _("Svaret er endret."))
    return redirect("shelter:answer_lists")
