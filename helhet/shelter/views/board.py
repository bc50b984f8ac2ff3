"""The board: today's rooms and beds at the centre, arrivals, departures, stays overdue for
a threat mapping, and the occupancy of the last twelve months."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from helhet.audit.services import object_type_of
from helhet.core.types import AuthenticatedRequest
from helhet.shelter import access, selectors
from helhet.shelter.choices import Purpose
from helhet.shelter.models import Stay
from helhet.shelter.views.base import render_page


@require_GET
def board(request: AuthenticatedRequest) -> HttpResponse:
    if not selectors.centres_for(user=request.user).exists():
        # Staff of other units reach this page from the menu; their shared tasks are elsewhere.
        return render_page(request, "shelter/no_centre.html", {})
    unit = access.get_centre_for(request)
    data = selectors.board(unit=unit, with_names=True)
    access.record_persons_shown(
        request.user,
        [
            (object_type_of(Stay), stay_id, person_id)
            for stay_id, person_id in selectors.board_person_ids(data)
        ],
        unit=unit,
        purpose=Purpose.BOARD,
    )
    months = selectors.occupancy_by_month(unit=unit)
    return render_page(
        request,
        "shelter/board.html",
        {
            "unit": unit,
            "board": data,
            "arrivals": _named(data, data.arrivals),
            "departures": _named(data, data.departures),
            "missing": _named(data, data.missing_threat_mapping),
            "months": months,
            "chart": _chart(months),
        },
    )


def _named(data: selectors.Board, stays: list[Stay]) -> list[dict[str, Any]]:
    return [{"stay": stay, "name": data.name(stay.resident_id)} for stay in stays]


def _chart(months: list[selectors.MonthOccupancy]) -> dict[str, Any]:
    """Coordinates of a bar chart of the occupancy per month, drawn as SVG by the template."""
    width, height, top, bottom, left = 640, 220, 16, 36, 40
    slot = (width - left) / max(len(months), 1)
    plot = height - top - bottom
    bars = []
    for index, month in enumerate(months):
        bar_height = plot * min(month.percent, 100) / 100
        bars.append(
            {
                "x": round(left + index * slot + slot * 0.15, 1),
                "y": round(top + plot - bar_height, 1),
                "width": round(slot * 0.7, 1),
                "height": round(bar_height, 1),
                "label_x": round(left + index * slot + slot / 2, 1),
                "month": month,
            }
        )
    gridlines = [
        {"y": round(top + plot - plot * value / 100, 1), "value": value}
        for value in (0, 25, 50, 75, 100)
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "bars": bars,
        "gridlines": gridlines,
        "baseline": top + plot,
        "label_y": height - bottom + 18,
    }
