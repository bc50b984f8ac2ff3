"""How a table is built from database counts: totals, gender by age band, answer-list
and choice tables. The tables themselves are in `compute.py`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypedDict, Unpack

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from helhet.people.choices import Gender
from helhet.shelter.models import AnswerOption
from helhet.shelter.statistics.groups import Band
from helhet.shelter.statistics.scope import GENDERS, Scope
from helhet.shelter.statistics.tables import Number, Row, Table


class Titles(TypedDict):
    """What a table says about itself (`Table.title`, `sheet` and `note`)."""

    title: str
    sheet: str
    note: str


class TableTexts(Titles):
    row_header: str


def with_totals(
    cells: list[list[Number | None]], *, total_row: bool, total_column: bool
) -> tuple[list[list[Number | None]], list[Number | None] | None]:
    """The cells with a total column appended to each row, and the total row."""
    if total_column:
        cells = [[*row, sum(value or 0 for value in row)] for row in cells]
    totals: list[Number | None] | None = None
    if total_row:
        width = len(cells[0]) if cells else 0
        totals = [sum(row[column] or 0 for row in cells) for column in range(width)]
    return cells, totals


def build_table(
    key: str,
    *,
    title: str,
    sheet: str,
    note: str,
    row_header: str,
    labels: Sequence[str],
    columns: Sequence[str],
    cells: list[list[Number | None]],
    total_row: bool = True,
    total_column: bool = False,
    chart_column: int | None = None,
) -> Table:
    values, totals = with_totals(cells, total_row=total_row, total_column=total_column)
    rows = [
        Row(label=str(label), values=list(row)) for label, row in zip(labels, values, strict=True)
    ]
    if totals is not None:
        rows.append(Row(label=_("Totalt"), values=totals, is_total=True))
    column_labels = [str(column) for column in columns]
    if total_column:
        column_labels.append(_("Totalt"))
        if chart_column is None:
            chart_column = len(column_labels) - 1
    return Table(
        key=key,
        title=title,
        sheet=sheet,
        note=note,
        row_header=row_header,
        columns=column_labels,
        rows=rows,
        has_total_row=total_row,
        has_total_column=total_column,
        chart_column=chart_column,
    )


def gender_labels() -> list[str]:
    return [str(Gender(gender).label) for gender in GENDERS]


def band_labels(bands: Iterable[Band], unit: str = "age") -> list[str]:
    return [*(band.label(unit) for band in bands), _("Ikke registrert")]


def gender_by_age(
    queryset: QuerySet[Any], *, gender: str, birth_year: str, year: int, bands: list[Band]
) -> list[list[Number | None]]:
    """Counts by age band (rows, with 'not registered' last) and gender (columns)."""
    conditions = [band.birth_years(birth_year, year) for band in bands]
    conditions.append(Q(**{f"{birth_year}__isnull": True}))
    aggregates = {
        f"c{row}_{column}": Count("pk", filter=condition & Q(**{gender: value}))
        for row, condition in enumerate(conditions)
        for column, value in enumerate(GENDERS)
    }
    counts = queryset.aggregate(**aggregates)
    return [
        [counts[f"c{row}_{column}"] for column in range(len(GENDERS))]
        for row in range(len(conditions))
    ]


def gender_age_table(
    key: str,
    queryset: QuerySet[Any],
    scope: Scope,
    *,
    prefix: str,
    bands: list[Band],
    **texts: Unpack[Titles],
) -> Table:
    cells = gender_by_age(
        queryset,
        gender=f"{prefix}gender",
        birth_year=f"{prefix}birth_year",
        year=scope.year,
        bands=bands,
    )
    return build_table(
        key,
        labels=band_labels(bands),
        columns=gender_labels(),
        cells=cells,
        total_column=True,
        row_header=_("Alder"),
        **texts,
    )


class Options:
    """The answer lists, fetched once. A report shows the options in use now and every
    option the year's records used, also one taken out of use since (so a past year reads
    as it was registered)."""

    def __init__(self) -> None:
        self.by_list: dict[str, list[AnswerOption]] = {}
        for option in AnswerOption.objects.order_by("answer_list", "position", "label"):
            self.by_list.setdefault(option.answer_list, []).append(option)

    def rows(self, answer_list: str, counts: dict[Any, Any]) -> list[AnswerOption]:
        return [
            option
            for option in self.by_list.get(answer_list, [])
            if option.is_active or counts.get(option.pk)
        ]


def option_table(
    key: str,
    options: Options,
    answer_list: str,
    counts: dict[Any, int],
    *,
    not_registered: bool = False,
    total_row: bool = True,
    column: str,
    **texts: Unpack[TableTexts],
) -> Table:
    chosen = options.rows(answer_list, counts)
    labels = [option.display_label for option in chosen]
    cells: list[list[Number | None]] = [[counts.get(option.pk, 0)] for option in chosen]
    if not_registered:
        labels.append(_("Ikke registrert"))
        cells.append([counts.get(None, 0)])
    return build_table(
        key,
        labels=labels,
        columns=[column],
        cells=cells,
        total_row=total_row,
        chart_column=0,
        **texts,
    )


def choice_table(
    key: str,
    choices: Sequence[Any],
    counts: dict[Any, int],
    *,
    column: str,
    **texts: Unpack[TableTexts],
) -> Table:
    return build_table(
        key,
        labels=[str(choice.label) for choice in choices],
        columns=[column],
        cells=[[counts.get(choice.value, 0)] for choice in choices],
        chart_column=0,
        **texts,
    )


# The tables --------------------------------------------------------------------------------


def total_of(table: Table, column: int = -1) -> Number:
    # Suppression comes after the report is computed, so no figure is hidden here.
    value = table.rows[-1].values[column]
    return value if value is not None else 0
