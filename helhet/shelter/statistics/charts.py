"""Bar charts as SVG, drawn on the server from the same figures as the table beside them.

No script and no style attribute (the Content-Security-Policy forbids both): colours and
sizes are SVG presentation attributes. A hidden figure gets no bar, only its mark, so a
chart can never show what the published table hides.
"""

from __future__ import annotations

import base64

from django.utils.html import escape

from helhet.shelter.statistics.tables import Table, format_value

WIDTH = 520
LABEL_HEIGHT = 17
BAR_HEIGHT = 14
GAP = 9
VALUE_ROOM = 64  # space to the right of the longest bar for its figure
BAR_COLOUR = "#1e5aa0"  # Designsystemet's accent blue, contrast 7:1 on white
TEXT_COLOUR = "#1a1a1a"
FONT = "DejaVu Sans, Noto Sans, Arial, sans-serif"


def bar_chart(table: Table) -> str:
    """The table's chart column as horizontal bars, one per row (totals left out).
    Empty when the table has no chart."""
    rows = table.chart_rows
    if not rows:
        return ""
    numbers = [float(value) for _label, value in rows if value is not None]
    largest = max(numbers, default=0.0) or 1.0
    step = LABEL_HEIGHT + BAR_HEIGHT + GAP
    height = len(rows) * step
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="13" '
        f'fill="{TEXT_COLOUR}">'
    ]
    for index, (label, value) in enumerate(rows):
        top = index * step
        parts.append(f'<text x="0" y="{top + 13}">{escape(label)}</text>')
        bar_top = top + LABEL_HEIGHT
        length = 0.0 if value is None else (WIDTH - VALUE_ROOM) * float(value) / largest
        if length > 0:
            parts.append(
                f'<rect x="0" y="{bar_top}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{BAR_COLOUR}"/>'
            )
        parts.append(
            f'<text x="{length + 5:.1f}" y="{bar_top + 12}">{escape(format_value(value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def data_uri(svg: str) -> str:
    """The chart as a data: URL, for the PDF (WeasyPrint fetches nothing else)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
