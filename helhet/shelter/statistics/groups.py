"""Groupings the tables use: age groups, lengths of stay, and the suppression threshold.

Bufdir's exact groupings are unverified (domain.md §2), so each can be replaced from the
settings without touching the code: `HELHET_STATISTICS_MIN_CELL` (the threshold),
`HELHET_STATISTICS_ADULT_AGES`, `HELHET_STATISTICS_CHILD_AGES` and
`HELHET_STATISTICS_LENGTHS` (lists of (lowest, highest) with None for open ends, which
together must cover every value).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

DEFAULT_MIN_CELL = 20

DEFAULT_ADULT_AGES: list[tuple[int | None, int | None]] = [
    (None, 17),
    (18, 24),
    (25, 34),
    (35, 44),
    (45, 54),
    (55, 66),
    (67, None),
]
DEFAULT_CHILD_AGES: list[tuple[int | None, int | None]] = [
    (None, 2),
    (3, 5),
    (6, 12),
    (13, 15),
    (16, None),
]
# Nights.
DEFAULT_LENGTHS: list[tuple[int | None, int | None]] = [
    (None, 1),
    (2, 7),
    (8, 30),
    (31, 90),
    (91, None),
]


def min_cell() -> int:
    """Cells under this number are hidden in published tables."""
    return int(getattr(settings, "HELHET_STATISTICS_MIN_CELL", DEFAULT_MIN_CELL))


@dataclass(frozen=True)
class Band:
    """A closed range of whole numbers; None is an open end."""

    low: int | None
    high: int | None

    def label(self, unit: str) -> str:
        if self.low is None and self.high is not None:
            if unit == "age":
                return _("Under %(n)s år") % {"n": self.high + 1}
            return _("%(n)s døgn eller mindre") % {"n": self.high}
        if self.high is None and self.low is not None:
            if unit == "age":
                return _("%(n)s år og eldre") % {"n": self.low}
            return _("%(n)s døgn eller mer") % {"n": self.low}
        if unit == "age":
            return _("%(low)s–%(high)s år") % {"low": self.low, "high": self.high}
        return _("%(low)s–%(high)s døgn") % {"low": self.low, "high": self.high}

    def birth_years(self, field_name: str, year: int) -> Q:
        """Persons whose age reached in `year` falls in the band, by birth year."""
        condition = Q(**{f"{field_name}__isnull": False})
        if self.low is not None:
            condition &= Q(**{f"{field_name}__lte": year - self.low})
        if self.high is not None:
            condition &= Q(**{f"{field_name}__gte": year - self.high})
        return condition


def _bands(name: str, default: list[tuple[int | None, int | None]]) -> list[Band]:
    return [Band(low, high) for low, high in getattr(settings, name, default)]


def adult_ages() -> list[Band]:
    return _bands("HELHET_STATISTICS_ADULT_AGES", DEFAULT_ADULT_AGES)


def child_ages() -> list[Band]:
    return _bands("HELHET_STATISTICS_CHILD_AGES", DEFAULT_CHILD_AGES)


def lengths() -> list[Band]:
    return _bands("HELHET_STATISTICS_LENGTHS", DEFAULT_LENGTHS)
