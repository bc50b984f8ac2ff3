"""The privacy officer's pages: search the audit log, review break-glass use."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.audit import selectors
from helhet.audit.access import get_break_glass_grant_for
from helhet.audit.forms import EventFilterForm, ReviewForm
from helhet.audit.selectors import EventFilter, event_search
from helhet.audit.services import AuditError, event_search_record
from helhet.audit.services import break_glass_review as review_service
from helhet.core.errors import add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.lists import paginate
from helhet.core.types import AuthenticatedRequest

EVENT_PAGE_SIZE = 50
QUEUE_PAGE_SIZE = 25


def event_list(request: AuthenticatedRequest) -> HttpResponse:
    """Search the log by person, user, unit, kind, purpose and dates; the filters combine.
    Every search that shows events is itself an event."""
    form = EventFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        events = event_search(filters=EventFilter()).none()
        page = paginate(request, events, EVENT_PAGE_SIZE)
    else:
        filters = form.to_filter() if form.is_bound else EventFilter()
        # Recorded before the search, so that the page shows its own search too.
        event_search_record(actor=request.user, filters=filters, page=_page_number(request))
        page = paginate(request, event_search(filters=filters), EVENT_PAGE_SIZE)
    return render(request, "audit/event_list.html", {"form": form, "page_obj": page})


def _page_number(request: AuthenticatedRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and len(raw) < 10 else 1


def break_glass_queue(request: AuthenticatedRequest) -> HttpResponse:
    """Uses of break-glass waiting for review, oldest first."""
    page = paginate(request, selectors.break_glass_queue(reviewed=False), QUEUE_PAGE_SIZE)
    return render(
        request,
        "audit/break_glass_queue.html",
        {"page_obj": page, "reviewed": False},
    )


def break_glass_reviewed(request: AuthenticatedRequest) -> HttpResponse:
    """Uses of break-glass already reviewed, newest review first."""
    page = paginate(request, selectors.break_glass_queue(reviewed=True), QUEUE_PAGE_SIZE)
    return render(
        request,
        "audit/break_glass_queue.html",
        {"page_obj": page, "reviewed": True},
    )


@require_http_methods(["GET", "POST"])
def break_glass_review(request: AuthenticatedRequest, grant_id: int) -> HttpResponse:
    """Mark one use of break-glass as reviewed, with a comment."""
    grant = get_break_glass_grant_for(request.user, grant_id)
    form = ReviewForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            review_service(
                actor=request.user,
                grant=grant,
                comment=form.cleaned_data["comment"],
                submission_id=form.cleaned_data["submission_id"],
            )
        except AuditError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Nødtilgangen er markert som gjennomgått."))
            return redirect("audit:break_glass_queue")
    return render(request, "audit/break_glass_review.html", {"grant": grant, "form": form})
