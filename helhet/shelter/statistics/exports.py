"""The report as Excel, CSV and PDF. Each renders the same `Report` the screen shows, so
every figure in a download is the figure on the screen."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from helhet.shelter.statistics.charts import bar_chart, data_uri
from helhet.shelter.statistics.tables import SUPPRESSED_MARK, Number, Report, Table

SHEET_NAME_LENGTH = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def suppression_note(report: Report) -> str:
    return _("«%(mark)s» betyr at tallet er skjult fordi det er under %(threshold)s.") % {
        "mark": SUPPRESSED_MARK,
        "threshold": report.threshold,
    }


def file_stem(report: Report) -> str:
    """The download's file name without extension (ASCII, no personal data)."""
    parts = ["krisesenterstatistikk", str(report.year), f"senter-{report.unit.pk}"]
    if report.municipality is not None:
        parts.append(f"kommune-{report.municipality.number}")
    parts.append("publisering" if report.published else "intern")
    return "-".join(parts)


def sheet_name(position: int, table: Table) -> str:
    name = _SHEET_FORBIDDEN.sub("-", f"{position:02d} {table.sheet}")
    return name[:SHEET_NAME_LENGTH]


def _text(cell: Cell, value: str) -> None:
    cell.value = value
    # A text that starts with "=" would be a formula to the spreadsheet; keep it text.
    cell.data_type = "s"


def _number(value: Number | None) -> Number | str:
    return SUPPRESSED_MARK if value is None else value


def report_xlsx(report: Report) -> bytes:
    """One sheet per table, in the report's order (the order Bufdir publishes them)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for position, table in enumerate(report.tables, start=1):
        sheet = workbook.create_sheet(title=sheet_name(position, table))
        _text(sheet.cell(row=1, column=1), table.title)
        sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
        _text(sheet.cell(row=2, column=1), report.scope)
        _text(sheet.cell(row=3, column=1), table.note)
        header_row = 5
        for column, label in enumerate([table.row_header, *table.columns], start=1):
            cell = sheet.cell(row=header_row, column=column)
            _text(cell, label)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for offset, row in enumerate(table.rows, start=1):
            line = header_row + offset
            _text(sheet.cell(row=line, column=1), row.label)
            for column, value in enumerate(row.values, start=2):
                cell = sheet.cell(row=line, column=column)
                shown = _number(value)
                if isinstance(shown, str):
                    _text(cell, shown)
                    cell.alignment = Alignment(horizontal="right")
                else:
                    cell.value = shown
                    if isinstance(shown, Decimal):
                        cell.number_format = "0.0"
            if row.is_total:
                for column in range(1, len(row.values) + 2):
                    sheet.cell(row=line, column=column).font = bold
        if report.published:
            _text(
                sheet.cell(row=header_row + len(table.rows) + 2, column=1),
                suppression_note(report),
            )
        sheet.column_dimensions["A"].width = 48
        for column in range(2, len(table.columns) + 2):
            sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_safe(value: str) -> str:
    # A cell that starts with = + - @ is a formula to a spreadsheet; the quote disarms it.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def report_csv(report: Report) -> str:
    """Every table after the other, separated by an empty line; semicolons and a byte
    order mark, which is what a spreadsheet with Norwegian settings opens directly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_safe(report.scope)])
    if report.published:
        writer.writerow([suppression_note(report)])
    for table in report.tables:
        writer.writerow([])
        writer.writerow([_csv_safe(table.title)])
        writer.writerow([_csv_safe(label) for label in [table.row_header, *table.columns]])
        for row_index, row in enumerate(table.rows):
            writer.writerow(
                [
                    _csv_safe(row.label),
                    *(table.display(row_index, column) for column in range(len(row.values))),
                ]
            )
    return buffer.getvalue()


@dataclass
class ShownTable:
    """A table as a page shows it: every figure as text, and its chart."""

    table: Table
    rows: list[tuple[str, list[str], bool]]
    chart: str

    @property
    def chart_uri(self) -> str:
        return data_uri(self.chart) if self.chart else ""


def shown_tables(report: Report) -> list[ShownTable]:
    return [
        ShownTable(
            table=table,
            rows=[
                (
                    row.label,
                    [table.display(index, column) for column in range(len(row.values))],
                    row.is_total,
                )
                for index, row in enumerate(table.rows)
            ],
            chart=bar_chart(table),
        )
        for table in report.tables
    ]


def report_pdf(report: Report) -> bytes:
    """The report with a chart beside each table. WeasyPrint may read only data: URLs, so
    the document can never fetch anything from another host or the file system."""
    html = render_to_string(
        "shelter/statistics/report_pdf.html",
        {
            "report": report,
            "tables": shown_tables(report),
            "suppression_note": suppression_note(report) if report.published else "",
        },
    )
    fetcher = URLFetcher(allowed_protocols=("data",))
    # WeasyPrint has no type hints; without a target, write_pdf returns the document.
    document: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return document
