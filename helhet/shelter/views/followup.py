"""The follow-up plan after a stay: the checklist, consent to share with other units, and
tasks (the centre's own, and those another centre shared with this unit)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helhet.audit.services import object_type_of
from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import SUBMISSION_MISSING, posted
from helhet.core.lists import paginate
from helhet.core.types import AuthenticatedRequest
from helhet.people.selectors import person_data
from helhet.shelter import access, selectors, services
from helhet.shelter.choices import Purpose, TaskStatus
from helhet.shelter.forms import (
    ConsentForm,
    FollowUpStartForm,
    TaskCreateForm,
    TaskForm,
    TaskStatusForm,
)
from helhet.shelter.models import FollowUpTask
from helhet.shelter.views.base import protection, render_page, stay_url


@require_http_methods(["GET", "POST"])
def followup(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The follow-up plan of a stay; a POST starts it with the default checklist."""
    stay = access.get_stay_for(
        request.user, pk, purpose=Purpose.FOLLOW_UP, edit=request.method == "POST"
    )
    start_form = FollowUpStartForm(posted(request))
    if start_form.is_bound:
        if start_form.is_valid():
            services.followup_plan_start(
                actor=request.user,
                stay=stay,
                submission_id=start_form.cleaned_data["submission_id"],
            )
            messages.success(request, _("Oppfølgingsplanen er startet med standard sjekkliste."))
        else:
            messages.error(request, SUBMISSION_MISSING)
        return redirect(stay_url(stay, "shelter:followup"))
    plan = selectors.followup_plan_of(stay)
    resident = person_data(stay.resident)
    today = timezone.localdate()
    tasks = [
        {
            "task": task,
            "notes": selectors.task_notes(task, stay.resident),
            "overdue": selectors.task_overdue(task, today=today),
        }
        for task in (selectors.plan_tasks(plan) if plan is not None else [])
    ]
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
    return render_page(
        request,
        "shelter/followup.html",
        {
            "stay": stay,
            "plan": plan,
            "tasks": tasks,
            "resident": resident,
            "protection": protection(stay.resident, resident),
            "consent_form": consent_form,
            "start_form": start_form,
            "consent_active": plan.consent_active() if plan else False,
            "today": today,
        },
    )


@require_POST
def followup_consent(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.FOLLOW_UP, edit=True)
    plan = selectors.followup_plan_of(stay)
    if plan is None:
        messages.error(request, _("Start oppfølgingsplanen først."))
        return redirect(stay_url(stay, "shelter:followup"))
    form = ConsentForm(posted(request), centre=stay.unit)
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
            return redirect(stay_url(stay, "shelter:followup"))
    return render_page(
        request,
        "shelter/consent_form.html",
        {"stay": stay, "plan": plan, "form": form},
        status=400,
    )


def _task_input(
    form: TaskForm | TaskStatusForm, task: FollowUpTask | None = None
) -> services.TaskInput:
    """The task as the form gives it; what the status form has no field for stays as it is."""
    kept: dict[str, Any] = {}
    if task is not None:
        kept = {
            "category": task.category,
            "title": task.title,
            "responsible_unit": task.responsible_unit,
            "due_on": task.due_on,
        }
    data = {**kept, **form.cleaned_data}
    return services.TaskInput(
        category=data["category"],
        title=data["title"],
        responsible_unit=data["responsible_unit"],
        due_on=data["due_on"],
        status=data["status"],
        notes=data.get("notes") if "notes" in form.fields else None,
    )


@require_http_methods(["GET", "POST"])
def task_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.FOLLOW_UP, edit=True)
    plan = selectors.followup_plan_of(stay)
    if plan is None:
        messages.error(request, _("Start oppfølgingsplanen først."))
        return redirect(stay_url(stay, "shelter:followup"))
    form = TaskCreateForm(
        posted(request),
        initial={
            "responsible_unit": stay.unit_id,
            "due_on": timezone.localdate() + timedelta(days=services.DEFAULT_TASK_DAYS),
        },
    )
    if form.is_bound and form.is_valid():
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
            return redirect(stay_url(stay, "shelter:followup"))
    return render_page(
        request,
        "shelter/task_form.html",
        {"stay": stay, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def task_list(request: AuthenticatedRequest) -> HttpResponse:
    """Tasks my unit is responsible for: the centre's own, and those shared with consent."""
    status = request.GET.get("status", "open")
    page = paginate(request, selectors.unit_task_list(user=request.user, status=status))
    tasks = list(page.object_list)
    names = selectors.names_of({task.plan.stay.resident for task in tasks})
    access.record_persons_shown(
        request.user,
        [(object_type_of(FollowUpTask), task.pk, task.plan.stay.resident_id) for task in tasks],
        unit=None,
        purpose=Purpose.TASK_LIST,
    )
    today = timezone.localdate()
    rows = [
        {
            "task": task,
            "name": names[task.plan.stay.resident_id].display_name,
            "overdue": selectors.task_overdue(task, today=today),
        }
        for task in tasks
    ]
    return render_page(
        request,
        "shelter/task_list.html",
        {"rows": rows, "page_obj": page, "status": status},
    )


@require_http_methods(["GET", "POST"])
def task_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
    form: TaskForm | TaskStatusForm
    if permissions.owner:
        form = TaskForm(posted(request), initial=initial)
    else:
        form = TaskStatusForm(
            posted(request), initial=initial, notes_allowed=permissions.notes_allowed
        )
    if form.is_bound and form.is_valid():
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
    return render_page(
        request,
        "shelter/task_detail.html",
        {
            "task": task,
            "form": form,
            "permissions": permissions,
            "notes": notes,
            "resident": data,
            "protection": protection(resident, data),
            "today": timezone.localdate(),
            "done": TaskStatus.DONE,
        },
        status=400 if form.errors else 200,
    )
