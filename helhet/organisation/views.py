"""Staff pages for units, users and their roles.

The view policy (policy.py) lets in only users with the capability; the chokepoints in
access.py then give 404 for a unit or user outside the viewer's reach.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from helhet.accounts.services import AccountError, user_deactivate, user_reactivate
from helhet.core.errors import DomainError, add_domain_error_to_form
from helhet.core.forms import posted
from helhet.core.lists import paginate
from helhet.core.policy import has_capability
from helhet.core.types import AuthenticatedRequest
from helhet.organisation.access import (
    get_editable_unit_for,
    get_member_user_for,
    get_membership_for,
    get_unit_for,
)
from helhet.organisation.choices import Purpose
from helhet.organisation.forms import (
    UnitCreateForm,
    UnitEditForm,
    UnitFilterForm,
    UnitMemberAddForm,
    UserCreateForm,
    UserCreateInUnitForm,
    UserFilterForm,
    UserMembershipAddForm,
)
from helhet.organisation.roles import Cap
from helhet.organisation.selectors import (
    grantable_roles,
    login_actions,
    manages_all_members,
    member_scope_units,
    membership_removed_by,
    memberships_in_scope,
    revocable_roles,
    role_change_rows,
    role_changes,
    unit_members,
    unit_search,
    user_search,
    visible_users,
)
from helhet.organisation.services import (
    OrganisationError,
    membership_grant,
    membership_revoke,
    staff_user_create,
    staff_user_create_in_unit,
    unit_create,
    unit_update,
)

if TYPE_CHECKING:
    from helhet.core.types import User

# Units


def unit_list(request: AuthenticatedRequest) -> HttpResponse:
    form = UnitFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    units = unit_search(query=filters.get("q", ""), unit_type=filters.get("unit_type", ""))
    page = paginate(request, units)
    return render(
        request,
        "organisation/unit_list.html",
        {"form": form, "page_obj": page},
    )


@require_http_methods(["GET", "POST"])
def unit_create_view(request: AuthenticatedRequest) -> HttpResponse:
    form = UnitCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = unit_create(
                actor=request.user,
                name=data["name"],
                unit_type=data["unit_type"],
                host_municipality=data["host_municipality"],
                covered_municipalities=data["covered_municipalities"],
                phone=data["phone"],
                email=data["email"],
                submission_id=data["submission_id"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Enheten er opprettet."))
            return redirect("organisation:unit_detail", unit_id=unit.pk)
    return render(request, "organisation/unit_form.html", {"form": form, "unit": None})


@require_http_methods(["GET", "POST"])
def unit_edit(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = get_editable_unit_for(request.user, unit_id, purpose=Purpose.UNIT_EDIT)
    form = UnitEditForm(posted(request), unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit_update(
                actor=request.user,
                unit=unit,
                name=data["name"],
                unit_type=data["unit_type"],
                host_municipality=data["host_municipality"],
                covered_municipalities=data["covered_municipalities"],
                phone=data["phone"],
                email=data["email"],
                is_active=data["is_active"],
            )
        except DomainError as error:
            add_domain_error_to_form(form, error)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("organisation:unit_detail", unit_id=unit.pk)
    return render(request, "organisation/unit_form.html", {"form": form, "unit": unit})


def unit_detail(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for(request.user, unit_id, purpose=Purpose.UNIT_DETAIL)
    return render(
        request,
        "organisation/unit_detail.html",
        {
            "unit": unit,
            "covered": unit.covered_municipalities.order_by("number"),
            "members": unit_members(unit=unit),
            "revocable": revocable_roles(user=request.user, unit=unit),
            "form": UnitMemberAddForm(roles=grantable_roles(user=request.user, unit=unit)),
            "can_edit_unit": has_capability(request.user, Cap.UNITS_MANAGE),
        },
    )


@require_http_methods(["GET", "POST"])
def unit_member_add(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for(request.user, unit_id, purpose=Purpose.UNIT_MEMBER_ADD)
    form = UnitMemberAddForm(posted(request), roles=grantable_roles(user=request.user, unit=unit))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership_grant(
                actor=request.user,
                user=data["username"],
                unit=unit,
                role=data["role"],
                submission_id=data["submission_id"],
            )
        except DomainError as error:
            _add_membership_error(form, error, user_field="username")
        else:
            messages.success(request, _("Medlemmet er lagt til."))
            return redirect("organisation:unit_detail", unit_id=unit.pk)
    return render(request, "organisation/member_add.html", {"form": form, "unit": unit})


def _add_membership_error(form: forms.Form, error: DomainError, *, user_field: str) -> None:
    # The service speaks of "user" and "unit"; the two forms name those fields differently.
    if error.field == "user":
        error = OrganisationError(error.message, field=user_field)
    add_domain_error_to_form(form, error)


# Users


def user_list(request: AuthenticatedRequest) -> HttpResponse:
    scope = member_scope_units(user=request.user)
    form = UserFilterForm(request.GET or None, units=scope)
    filters = form.cleaned_data if form.is_valid() else {}
    users = user_search(
        viewer=request.user,
        query=filters.get("q", ""),
        unit=filters.get("unit"),
        status=filters.get("status", ""),
    )
    page = paginate(request, users)
    manages_all = manages_all_members(user=request.user)
    return render(
        request,
        "organisation/user_list.html",
        {
            "form": form,
            "page_obj": page,
            "manages_all": manages_all,
            # A lead reaches their units from here; the administrator has the unit list.
            "own_units": [] if manages_all else list(scope.order_by("name")),
        },
    )


@require_http_methods(["GET", "POST"])
def user_create_view(request: AuthenticatedRequest) -> HttpResponse:
    """The administrator creates a user and gives roles afterwards; a lead creates the user
    straight into one of their units, with a role they may give."""
    manages_all = manages_all_members(user=request.user)
    form: UserCreateForm
    if manages_all:
        form = UserCreateForm(posted(request))
    else:
        form = UserCreateInUnitForm(
            posted(request),
            units=member_scope_units(user=request.user),
            roles=grantable_roles(user=request.user),
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if manages_all:
                user = staff_user_create(
                    actor=request.user,
                    username=data["username"],
                    full_name=data["full_name"],
                    email=data["email"],
                    submission_id=data["submission_id"],
                )
            else:
                user = staff_user_create_in_unit(
                    actor=request.user,
                    username=data["username"],
                    full_name=data["full_name"],
                    email=data["email"],
                    submission_id=data["submission_id"],
                    unit=data["unit"],
                    role=data["role"],
                )
        except DomainError as error:
            _add_membership_error(form, error, user_field="__all__")
        else:
            # Nobody typed a password: the user sets their own through a one-time link.
            if manages_all:
                message = _(
                    "Brukeren er opprettet. Lag en innloggingslenke og gi den til brukeren på "
                    "en trygg måte. Gi så brukeren en rolle i en enhet fra brukerens side."
                )
            else:
                message = _(
                    "Brukeren er opprettet og har fått rollen i enheten. Lag en "
                    "innloggingslenke og gi den til brukeren på en trygg måte."
                )
            messages.success(request, message)
            return redirect("accounts:enrolment_link_issue", user_id=user.pk)
    return render(
        request, "organisation/user_form.html", {"form": form, "manages_all": manages_all}
    )


def user_detail(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    member = get_member_user_for(request.user, user_id, purpose=Purpose.USER_DETAIL)
    scope = member_scope_units(user=request.user)
    return render(
        request,
        "organisation/user_detail.html",
        {
            "member": member,
            "memberships": memberships_in_scope(viewer=request.user).filter(user=member),
            "revocable": revocable_roles(user=request.user),
            # Nobody gives themselves a role: their own page offers no form.
            "form": None
            if member.pk == request.user.pk
            else UserMembershipAddForm(units=scope, roles=grantable_roles(user=request.user)),
            "manages_all": manages_all_members(user=request.user),
            "login_actions": login_actions(viewer=request.user, member=member),
        },
    )


@require_http_methods(["GET", "POST"])
def user_membership_add(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    member = get_member_user_for(request.user, user_id, purpose=Purpose.USER_MEMBERSHIP_ADD)
    form = UserMembershipAddForm(
        posted(request),
        units=member_scope_units(user=request.user),
        roles=grantable_roles(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership_grant(
                actor=request.user,
                user=member,
                unit=data["unit"],
                role=data["role"],
                submission_id=data["submission_id"],
            )
        except DomainError as error:
            _add_membership_error(form, error, user_field="__all__")
        else:
            messages.success(request, _("Rollen er lagt til."))
            return redirect("organisation:user_detail", user_id=member.pk)
    return render(request, "organisation/member_add.html", {"form": form, "member": member})


@require_http_methods(["GET", "POST"])
def membership_remove(request: AuthenticatedRequest, membership_id: int) -> HttpResponse:
    back = request.GET.get("fra") == "bruker"
    if request.method == "POST":
        removed = membership_removed_by(actor=request.user, membership_id=membership_id)
        if removed is not None:
            unit_id, user_id = removed
            messages.info(request, _("Rollen er allerede fjernet."))
            if back and user_id is not None:
                return _to_user(request, user_id)
            return redirect("organisation:unit_detail", unit_id=unit_id)
    membership = get_membership_for(request.user, membership_id, purpose=Purpose.MEMBERSHIP_REMOVE)
    error = None
    if request.method == "POST":
        try:
            membership_revoke(actor=request.user, membership=membership)
        except OrganisationError as exc:
            error = exc.message
        else:
            messages.success(request, _("Rollen er fjernet."))
            if back:
                return _to_user(request, membership.user_id)
            return redirect("organisation:unit_detail", unit_id=membership.unit_id)
    return render(
        request,
        "organisation/membership_remove.html",
        {"membership": membership, "error": error, "back_to_user": back},
        status=400 if error else 200,
    )


def _to_user(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    # A lead who took away someone's last role in their units no longer sees that user.
    if visible_users(viewer=request.user).filter(pk=user_id).exists():
        return redirect("organisation:user_detail", user_id=user_id)
    return redirect("organisation:user_list")


@require_http_methods(["GET", "POST"])
def user_deactivate_view(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    member = get_member_user_for(request.user, user_id, purpose=Purpose.USER_DEACTIVATE)
    return _user_status_change(request, member, activate=False)


@require_http_methods(["GET", "POST"])
def user_reactivate_view(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    member = get_member_user_for(request.user, user_id, purpose=Purpose.USER_REACTIVATE)
    return _user_status_change(request, member, activate=True)


def _user_status_change(
    request: AuthenticatedRequest, member: User, *, activate: bool
) -> HttpResponse:
    """Deactivate or reactivate after a confirmation page; a repeated post changes nothing."""
    if member.is_active == activate:
        if activate:
            messages.info(request, _("Brukeren er allerede aktiv."))
        else:
            messages.info(request, _("Brukeren er allerede deaktivert."))
        return redirect("organisation:user_detail", user_id=member.pk)
    error = None
    if request.method == "POST":
        try:
            if activate:
                user_reactivate(actor=request.user, user=member)
            else:
                user_deactivate(actor=request.user, user=member)
        except AccountError as exc:
            error = exc.message
        else:
            if activate:
                messages.success(request, _("Brukeren er aktivert igjen og kan logge inn."))
            else:
                messages.success(request, _("Brukeren er deaktivert og er logget ut overalt."))
            return redirect("organisation:user_detail", user_id=member.pk)
    return render(
        request,
        "organisation/user_status.html",
        {"member": member, "activate": activate, "error": error},
        status=400 if error else 200,
    )


# Granted roles, for the privacy officer


@never_cache
def role_change_list(request: AuthenticatedRequest) -> HttpResponse:
    """Every grant and removal of a role: who gave or took it, to whom, in which unit, when."""
    page = paginate(request, role_changes())
    return render(
        request,
        "organisation/role_change_list.html",
        {"page_obj": page, "changes": role_change_rows(page.object_list)},
    )
