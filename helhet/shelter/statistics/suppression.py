"""Small-cell suppression for tables meant for publication.

1. Primary suppression: a count from 1 up to (not including) the threshold is hidden
   (Bufdir hides cells under 20). An average is hidden when fewer records than the
   threshold lie behind it. Zero is shown: it says nothing about a person.
2. Secondary suppression: every total is an equation (the cells of a row or column add
   up to their total). If an equation has exactly one hidden member, that member can be
   computed from the others, so a second member is hidden too: the smallest cell of the
   line that is not a total, or the total itself when no such cell is left. This repeats
   until no line has a single hidden member.

Totals are hidden only when they are small themselves or as the last resort, because the
same totals appear in other tables (the number of residents is the total of every
resident table); hiding it in one table and showing it in another would undo nothing,
but it would make the tables disagree.

Known limit: the rule guards each equation on its own. It does not solve systems of
equations across tables or across the reports for the member municipalities; the member
municipality reports are meant for the municipality, not for publication side by side.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from helhet.shelter.statistics.tables import Report, Table

Cell = tuple[int, int]


def is_small(value: object, threshold: int) -> bool:
    return isinstance(value, int) and 0 < value < threshold


def _lines(table: Table) -> Iterator[tuple[list[Cell], Cell]]:
    """Every equation of the table: (the member cells, the total cell)."""
    rows = len(table.rows)
    columns = len(table.columns)
    body_rows = rows - 1 if table.has_total_row else rows
    body_columns = columns - 1 if table.has_total_column else columns
    if table.has_total_column:
        for row in range(rows):
            yield [(row, column) for column in range(body_columns)], (row, columns - 1)
    if table.has_total_row:
        for column in range(columns):
            yield [(row, column) for row in range(body_rows)], (rows - 1, column)


def _primary(table: Table, threshold: int) -> set[Cell]:
    hidden: set[Cell] = set()
    for row_index, row in enumerate(table.rows):
        for column_index, value in enumerate(row.values):
            if value is None:
                continue
            small = is_small(row.basis, threshold) if row.basis is not None else False
            if small or is_small(value, threshold):
                hidden.add((row_index, column_index))
    return hidden


def hidden_cells(table: Table, threshold: int) -> set[Cell]:
    """The cells to hide in the table for publication."""
    hidden = _primary(table, threshold)
    changed = True
    while changed:
        changed = False
        for members, total in _lines(table):
            line = [*members, total]
            unknown = [cell for cell in line if cell in hidden]
            if len(unknown) != 1:
                continue
            candidates = [cell for cell in members if cell not in hidden]
            if not candidates:
                candidates = [total]
            # The smallest non-zero figure costs the reader least; a zero only when
            # nothing else is left in the line.
            candidates.sort(key=lambda cell: (table.value(*cell) == 0, table.value(*cell) or 0))
            hidden.add(candidates[0])
            changed = True
    return hidden


def suppress_table(table: Table, threshold: int) -> Table:
    """A copy of the table with its hidden cells removed (the values are gone, not just
    not shown, so no renderer can leak them)."""
    published = copy.deepcopy(table)
    published.hidden = hidden_cells(table, threshold)
    for row, column in published.hidden:
        published.rows[row].values[column] = None
    return published


def suppress_report(report: Report, threshold: int) -> Report:
    """The report as it may be published."""
    published = copy.copy(report)
    published.tables = [suppress_table(table, threshold) for table in report.tables]
    published.published = True
    published.threshold = threshold
    return published
