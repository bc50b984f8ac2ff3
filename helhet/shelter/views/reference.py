"""Answer lists (the centre lead's): add an answer, take one out of use or back."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.types import AuthenticatedRequest
from helhet.shelter import access, selectors, services
from helhet.shelter.choices import AnswerList, Purpose
from helhet.shelter.forms import AnswerOptionForm
from helhet.shelter.views.base import render_page


@require_http_methods(["GET", "POST"])
def answer_lists(request: AuthenticatedRequest) -> HttpResponse:
    access.get_managed_centre_for(request)
    form = AnswerOptionForm(posted(request), initial={"answer_list": request.GET.get("liste")})
    if form.is_bound and form.is_valid():
        try:
            services.answer_option_create(
                actor=request.user,
                answer_list=form.cleaned_data["answer_list"],
                label=form.cleaned_data["label"],
                label_en=form.cleaned_data["label_en"],
                submission_id=form.cleaned_data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Svaret er lagt til."))
            return redirect("shelter:answer_lists")
    lists = selectors.answer_lists()
    return render_page(
        request,
        "shelter/answer_lists.html",
        {
            "form": form,
            "lists": [(AnswerList(key).label, key, options) for key, options in lists.items()],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def answer_toggle(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access.get_managed_centre_for(request)
    option = access.get_answer_option_for(request.user, pk, purpose=Purpose.ANSWER_LISTS)
    services.answer_option_set_active(
        actor=request.user, option=option, is_active=not option.is_active
    )
    messages.success(request, _("Svaret er endret."))
    return redirect("shelter:answer_lists")
