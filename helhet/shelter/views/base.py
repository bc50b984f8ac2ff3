"""What every page of the crisis centre shares: the sub-menu, the stay's address and the
resident's contact preferences."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from helhet.core.types import AuthenticatedRequest
from helhet.people.models import Person
from helhet.people.selectors import PersonData
from helhet.shelter import selectors
from helhet.shelter.models import Stay


def render_page(
    request: AuthenticatedRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render a page of the centre, with what the shelter sub-menu needs (may the user
    manage rooms and lists?)."""
    nav = {"may_manage": selectors.managed_centres(user=request.user).exists()}
    return render(request, template, {**nav, **context}, status=status)


def stay_url(stay: Stay, name: str = "shelter:stay_detail") -> str:
    return reverse(name, kwargs={"pk": stay.pk})


def protection(person: Person, data: PersonData) -> dict[str, Any]:
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
