"""Reads of phone and day contacts."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from helhet.accounts.models import User
from helhet.organisation.models import Membership, Unit
from helhet.shelter.models import DayContact, DayUser, PhoneContact


def phone_contacts_on(*, unit: Unit, day: date) -> QuerySet[PhoneContact]:
    """The centre's phone contacts of one day (in the centre's time zone)."""
    return (
        PhoneContact.objects.filter(unit=unit, started_at__date=day)
        .select_related("caller_group", "outcome", "municipality", "created_by")
        .prefetch_related("topics")
        .order_by("-started_at", "-id")
    )


def day_contact_list(*, unit: Unit) -> QuerySet[DayContact]:
    return (
        DayContact.objects.filter(unit=unit)
        .select_related("day_user")
        .prefetch_related("topics", "staff")
        .order_by("-occurred_on", "-id")
    )


def day_users(*, unit: Unit) -> QuerySet[DayUser]:
    return DayUser.objects.filter(unit=unit).order_by("-created_at")


def centre_staff(*, unit: Unit) -> QuerySet[User]:
    """Active members of the centre, for "who took part" in a day contact."""
    return (
        User.objects.filter(
            is_active=True, pk__in=Membership.objects.filter(unit=unit).values("user_id")
        )
        .distinct()
        .order_by("full_name", "username")
    )
