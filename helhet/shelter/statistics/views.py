"""The statistics page and its downloads (Excel, CSV, PDF).

All four take the same query string (senter, aar, kommune, visning), compute the same
report and render it, so a download always holds the figures the page shows. Every
download, and every look at the internal figures, is an event in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record
from helhet.core.types import AuthenticatedRequest
from helhet.shelter.choices import Purpose
from helhet.shelter.selectors import centres_for
from helhet.shelter.statistics import exports
from helhet.shelter.statistics.access import STATISTICS_OBJECT_TYPE, get_statistics_centre_for
from helhet.shelter.statistics.compute import annual_report
from helhet.shelter.statistics.forms import ReportForm
from helhet.shelter.statistics.groups import min_cell
from helhet.shelter.statistics.suppression import suppress_report
from helhet.shelter.statistics.tables import Report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form(request: AuthenticatedRequest) -> ReportForm:
    unit = get_statistics_centre_for(request.user, request.GET.get("senter"))
    data = {**ReportForm.defaults(unit), **request.GET.dict()}
    centres = list(centres_for(user=request.user).order_by("name"))
    return ReportForm(data, centres=centres, unit=unit)


def _report(form: ReportForm) -> Report:
    report = annual_report(
        unit=form.unit, year=form.cleaned_data["aar"], municipality=form.municipality
    )
    if form.published:
        report = suppress_report(report, min_cell())
    return report


def _record(request: AuthenticatedRequest, report: Report, kind: str, what: str) -> None:
    municipality = report.municipality.number if report.municipality else "all"
    event_record(
        kind=kind,
        actor=request.user,
        object_type=STATISTICS_OBJECT_TYPE,
        object_id=f"{report.unit.pk}:{report.year}",
        unit=report.unit,
        purpose=Purpose.STATISTICS,
        detail=(
            f"{what};municipality={municipality};"
            f"view={'published' if report.published else 'internal'}"
        ),
    )


def _query(form: ReportForm) -> str:
    values = {
        "senter": form.unit.pk,
        "aar": form.cleaned_data["aar"],
        "kommune": form.cleaned_data.get("kommune") or "",
        "visning": form.cleaned_data["visning"],
    }
    return urlencode(values)


@never_cache
@require_GET
def report(request: AuthenticatedRequest) -> HttpResponse:
    """Choose centre, year, municipality and view; the tables show on the page."""
    form = _form(request)
    context: dict[str, Any] = {"form": form, "unit": form.unit}
    if form.is_valid():
        result = _report(form)
        if not result.published:
            _record(request, result, EventKind.READ, "page")
        query = _query(form)
        context.update(
            report=result,
            tables=exports.shown_tables(result),
            suppression_note=exports.suppression_note(result) if result.published else "",
            downloads=[
                (label, f"{reverse(f'shelter_statistics:{name}')}?{query}")
                for label, name in _downloads()
            ],
        )
    return render(request, "shelter/statistics/report.html", context)


def _downloads() -> list[tuple[str, str]]:
    return [
        (_("Last ned Excel"), "report_xlsx"),
        (_("Last ned CSV"), "report_csv"),
        (_("Last ned PDF med diagrammer"), "report_pdf"),
    ]


def _download(
    request: AuthenticatedRequest,
    fmt: str,
    render_file: Callable[[Report], bytes | str],
    content_type: str,
) -> HttpResponse:
    """The report as a file, recorded as an export; or, when the choice is not valid, a
    redirect to the page, which shows what to correct."""
    form = _form(request)
    if not form.is_valid():
        return redirect(f"{reverse('shelter_statistics:report')}?{request.GET.urlencode()}")
    result = _report(form)
    _record(request, result, EventKind.EXPORT, fmt)
    response = HttpResponse(render_file(result), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.file_stem(result)}.{fmt}"'
    return response


@never_cache
@require_GET
def report_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    return _download(request, "xlsx", exports.report_xlsx, XLSX)


@never_cache
@require_GET
def report_csv(request: AuthenticatedRequest) -> HttpResponse:
    return _download(request, "csv", exports.report_csv, "text/csv; charset=utf-8")


@never_cache
@require_GET
def report_pdf(request: AuthenticatedRequest) -> HttpResponse:
    return _download(request, "pdf", exports.report_pdf, "application/pdf")
