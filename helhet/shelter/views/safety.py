"""Safety: the resident's safety plan (every save is a review) and threat mappings."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.types import AuthenticatedRequest
from helhet.people.selectors import person_data
from helhet.shelter import access, selectors, services
from helhet.shelter.choices import Purpose
from helhet.shelter.forms import SafetyPlanForm, ThreatForm
from helhet.shelter.models import SAFETY_PLAN_SECTIONS
from helhet.shelter.views.base import render_page, stay_url


@require_http_methods(["GET", "POST"])
def safety_plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(
        request.user, pk, purpose=Purpose.SAFETY_PLAN, edit=request.method == "POST"
    )
    plan = selectors.safety_plan_of(stay)
    sections = selectors.safety_plan_sections(plan) if plan else {}
    initial: dict[str, object] = {**(sections or {})}
    if plan is not None:
        initial["next_review_on"] = plan.next_review_on
    form = SafetyPlanForm(posted(request), initial=initial)
    if form.is_bound and form.is_valid():
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
            return redirect(stay_url(stay))
    return render_page(
        request,
        "shelter/safety_plan.html",
        {
            "stay": stay,
            "plan": plan,
            "form": form,
            "unreadable": plan is not None and sections is None,
            "reviews": selectors.safety_plan_reviews(plan) if plan else [],
            "resident": person_data(stay.resident),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def threat_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    stay = access.get_stay_for(request.user, pk, purpose=Purpose.THREAT_MAPPING, edit=True)
    form = ThreatForm(posted(request))
    if form.is_bound and form.is_valid():
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
            return redirect(stay_url(stay))
    return render_page(
        request,
        "shelter/threat_form.html",
        {"stay": stay, "form": form, "earlier": selectors.threat_mappings(stay)},
        status=400 if form.errors else 200,
    )
