"""Small cells are hidden in published tables, and no total gives a hidden cell away."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from helhet.shelter.statistics.compute import annual_report
from helhet.shelter.statistics.suppression import (
    _lines,
    hidden_cells,
    suppress_report,
    suppress_table,
)
from helhet.shelter.statistics.tables import Row, Table
from helhet.shelter.tests.statistics.year import YEAR, build_year


def make_table(body, *, total_row=True, total_column=False):
    cells = [list(row) for row in body]
    if total_column:
        cells = [[*row, sum(row)] for row in cells]
    rows = [Row(label=f"r{index}", values=row) for index, row in enumerate(cells)]
    if total_row:
        width = len(cells[0])
        rows.append(
            Row(
                label="Totalt",
                values=[sum(r[c] for r in cells) for c in range(width)],
                is_total=True,
            )
        )
    columns = [f"c{index}" for index in range(len(rows[0].values))]
    return Table(
        key="t",
        title="t",
        sheet="t",
        note="",
        row_header="",
        columns=columns,
        rows=rows,
        has_total_row=total_row,
        has_total_column=total_column,
    )


def test_it_hides_a_cell_under_the_threshold_and_a_second_cell_so_the_total_cannot_give_it_away():
    table = make_table([[25], [30], [5]])
    published = suppress_table(table, 20)
    assert published.hidden == {(2, 0), (0, 0)}
    assert [row.values[0] for row in published.rows] == [None, 30, None, 60]


def test_it_shows_zero_and_figures_at_the_threshold():
    table = make_table([[0], [20], [45]])
    assert hidden_cells(table, 20) == set()


def test_it_protects_rows_and_columns_of_a_cross_table():
    table = make_table([[30, 4], [25, 40]], total_column=True)
    hidden = hidden_cells(table, 20)
    assert hidden == {(0, 0), (0, 1), (1, 0), (1, 1)}
    # The totals stay: they are the same figures other tables show.
    assert (2, 2) not in hidden and (0, 2) not in hidden


def test_it_hides_the_total_when_it_is_small_itself():
    table = make_table([[3], [0]])
    assert hidden_cells(table, 20) == {(0, 0), (2, 0)}


def test_a_table_without_totals_hides_only_the_small_cells():
    table = make_table([[3], [40], [50]], total_row=False)
    assert hidden_cells(table, 20) == {(0, 0)}


def test_an_average_is_hidden_when_too_few_records_lie_behind_it():
    table = make_table([[Decimal("13.0")], [Decimal("20.5")]], total_row=False)
    table.rows[0].basis = 4
    table.rows[1].basis = 25
    assert hidden_cells(table, 20) == {(0, 0)}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=60), min_size=2, max_size=5),
        min_size=2,
        max_size=6,
    ).filter(lambda body: len({len(row) for row in body}) == 1),
    st.booleans(),
    st.integers(min_value=2, max_value=30),
)
def test_no_line_of_any_table_is_left_with_a_single_hidden_cell(body, total_column, threshold):
    table = make_table(body, total_column=total_column)
    hidden = hidden_cells(table, threshold)
    for row_index, row in enumerate(table.rows):
        for column_index, value in enumerate(row.values):
            if 0 < value < threshold:
                assert (row_index, column_index) in hidden
    for members, total in _lines(table):
        assert len([cell for cell in [*members, total] if cell in hidden]) != 1


def test_the_published_report_has_no_trace_of_a_hidden_value_and_the_internal_one_keeps_all(cast):
    build_year(cast)
    internal = annual_report(unit=cast.shelter, year=YEAR, today=date(2026, 11, 26))
    published = suppress_report(internal, 20)
    overview = {row.label: row.values for row in published.table("overview").rows}
    assert overview["Beboere (voksne)"] == [None]
    assert overview["Overnattingsdøgn, voksne"] == [61]
    assert overview["Overnattingsdøgn, barn"] == [34]
    assert published.published is True
    assert published.threshold == 20
    residents = published.table("residents_gender_age")
    assert all(value is None or value == 0 for row in residents.rows for value in row.values)
    # The internal report is untouched.
    assert internal.table("overview").rows[0].values == [3]
    assert internal.published is False
