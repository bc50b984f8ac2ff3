"""The shape of a statistics report: tables of rows and columns, with their totals.

A table is built once from the database counts (`compute.py`) and then either shown as it
is (the centre's internal view) or passed through small-cell suppression
(`suppression.py`) for publication. Screen, Excel, CSV and PDF all render the same
`Report` object, so a figure cannot differ between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from helhet.organisation.models import Municipality, Unit

# Shown instead of a hidden figure (Statistics Norway's symbol for "suppressed for
# reasons of confidentiality").
SUPPRESSED_MARK = ":"

Number = int | Decimal


@dataclass
class Row:
    """One row: a label and one value per column. `basis` is the number of records behind
    the values when that is not the value itself (an average); suppression looks at it."""

    label: str
    values: list[Number | None]
    is_total: bool = False
    basis: int | None = None


@dataclass
class Table:
    """A table in the report.

    `has_total_row`: the last row holds the sum of the rows above it, column by column.
    `has_total_column`: the last column holds the sum of the columns before it, row by row.
    Those sums are the equations a reader could use to recover a hidden cell, so
    suppression protects them.
    """

    key: str
    title: str
    sheet: str  # the Excel sheet name (at most 31 characters)
    note: str
    row_header: str
    columns: list[str]
    rows: list[Row]
    has_total_row: bool = False
    has_total_column: bool = False
    # Which column the chart draws (None: no chart).
    chart_column: int | None = None
    hidden: set[tuple[int, int]] = field(default_factory=set)

    def value(self, row: int, column: int) -> Number | None:
        return self.rows[row].values[column]

    def display(self, row: int, column: int) -> str:
        """The figure as the screen, the CSV and the PDF show it."""
        return format_value(self.rows[row].values[column])

    @property
    def chart_rows(self) -> list[tuple[str, Number | None]]:
        """(label, value) of the charted column, totals left out."""
        if self.chart_column is None:
            return []
        return [(row.label, row.values[self.chart_column]) for row in self.rows if not row.is_total]


@dataclass
class Report:
    """Every table of one annual report, in the order Bufdir publishes them."""

    unit: Unit
    year: int
    municipality: Municipality | None
    published: bool
    threshold: int
    generated_at: datetime
    # The last day the figures cover (today while the year is running).
    through: date
    tables: list[Table]

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)

    @property
    def scope(self) -> str:
        """One line that says what the report covers."""
        parts = [str(self.unit), str(self.year)]
        if self.municipality is not None:
            parts.append(str(_("bostedskommune %(name)s") % {"name": str(self.municipality)}))
        parts.append(str(PUBLISHED_LABEL if self.published else INTERNAL_LABEL))
        return " – ".join(parts)


PUBLISHED_LABEL = _("til publisering (små tall skjult)")
INTERNAL_LABEL = _("intern (alle tall)")


def one_decimal(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_value(value: Number | None) -> str:
    """A figure as text in the active language: integers as they are (no thousands
    separator, so the text equals the spreadsheet), one decimal for averages."""
    if value is None:
        return SUPPRESSED_MARK
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=1, use_l10n=True, force_grouping=False)
    return str(value)
