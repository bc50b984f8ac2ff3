"""What a report counts: the centre, the year and (optionally) a member municipality,
and the querysets and expressions every table starts from. See the package docstring for
the counting rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from helhet.organisation.models import Municipality, Unit
from helhet.people.choices import Gender
from helhet.shelter.choices import YesNoUnknown
from helhet.shelter.models import Stay, StayChild

GENDERS = [Gender.WOMAN, Gender.MAN, Gender.OTHER, Gender.NOT_REGISTERED]
YES_NO = [YesNoUnknown.YES, YesNoUnknown.NO, YesNoUnknown.UNKNOWN]


@dataclass(frozen=True)
class Scope:
    """What one report covers: a centre, a calendar year, perhaps one member municipality."""

    unit: Unit
    year: int
    municipality: Municipality | None
    today: date

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def stop(self) -> date:
        """The first day after the year."""
        return date(self.year + 1, 1, 1)

    @property
    def through(self) -> date:
        return min(self.today, date(self.year, 12, 31))

    def moments(self) -> tuple[datetime, datetime]:
        """The year as aware datetimes in the centre's time zone (for phone contacts)."""
        zone = timezone.get_current_timezone()
        return (
            timezone.make_aware(datetime.combine(self.start, time.min), zone),
            timezone.make_aware(datetime.combine(self.stop, time.min), zone),
        )


def year_filter(scope: Scope, field_name: str = "arrived_on") -> Q:
    return Q(**{f"{field_name}__gte": scope.start, f"{field_name}__lt": scope.stop})


def overlaps_year(scope: Scope) -> Q:
    """Stays (or child stays) with at least one night in the year."""
    return Q(arrived_on__lt=scope.stop) & (
        Q(departed_on__isnull=True) | Q(departed_on__gt=scope.start)
    )


def nights_in_year(scope: Scope) -> ExpressionWrapper[CombinedExpression]:
    """Nights from arrival (or 1 January) to departure (or today, or 1 January next year).
    Use only on rows filtered by `overlaps_year`."""
    last = Least(
        Coalesce(F("departed_on"), Value(scope.today, output_field=DateField())),
        Value(scope.stop, output_field=DateField()),
    )
    first = Greatest(F("arrived_on"), Value(scope.start, output_field=DateField()))
    return ExpressionWrapper(last - first, output_field=DurationField())


def stay_length() -> ExpressionWrapper[CombinedExpression]:
    return ExpressionWrapper(F("departed_on") - F("arrived_on"), output_field=DurationField())


def whole_days(value: timedelta | None) -> int:
    return value.days if value else 0


def scope_stays(scope: Scope) -> QuerySet[Stay]:
    stays = Stay.objects.filter(unit=scope.unit).order_by()
    if scope.municipality is not None:
        stays = stays.filter(municipality=scope.municipality)
    return stays


def year_stays(scope: Scope) -> QuerySet[Stay]:
    """The year's stays that may be counted (statistics consent given)."""
    return scope_stays(scope).filter(year_filter(scope), statistics_consent=True)


def year_residents(scope: Scope) -> QuerySet[Stay]:
    """One stay per resident: the one flagged as the person's first stay in the year."""
    return year_stays(scope).filter(first_stay_of_year=True)


def scope_child_stays(scope: Scope) -> QuerySet[StayChild]:
    children = StayChild.objects.filter(stay__unit=scope.unit).order_by()
    if scope.municipality is not None:
        children = children.filter(stay__municipality=scope.municipality)
    return children


def year_children(scope: Scope) -> QuerySet[StayChild]:
    return scope_child_stays(scope).filter(year_filter(scope), statistics_consent=True)


def count_by(queryset: QuerySet[Any], field_name: str) -> dict[Any, int]:
    return {
        row[field_name]: row["n"]
        for row in queryset.order_by().values(field_name).annotate(n=Count("pk"))
    }
