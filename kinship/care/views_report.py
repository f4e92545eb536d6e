"""The organisation outcome report (HTML and CSV), for its staff (admins and
clinicians, behind ``clinic_view``). Aggregates only: no patient is named or
shown, so no access log rows are written."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Protocol

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kinship.members.access import MemberRequest

from .access import clinic_view
from .models import OrganisationStaff
from .outcomes import (
    COUNT,
    GROUPS,
    MIN_CELL,
    OutcomeReport,
    cell_text,
    default_period,
    outcome_report,
)

MONTH_FORMATS = ["%Y-%m"]
# The longest period a report covers, in months.
MAX_MONTHS = 60


class ReportPeriodForm(forms.Form):
    """The report's months, as ``YYYY-MM`` (the browser's month input)."""

    start = forms.DateField(
        label=gettext_lazy("From (month)"),
        input_formats=MONTH_FORMATS,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    end = forms.DateField(
        label=gettext_lazy("To (month, included)"),
        input_formats=MONTH_FORMATS,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    def clean(self) -> dict[str, object] | None:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            months = (end.year - start.year) * 12 + end.month - start.month
            if months < 0:
                raise forms.ValidationError(_("The first month is after the last."))
            if months >= MAX_MONTHS:
                raise forms.ValidationError(
                    _("Choose %(count)s months or fewer.") % {"count": MAX_MONTHS}
                )
        return cleaned


def _period(request: MemberRequest) -> tuple[ReportPeriodForm, dt.date, dt.date]:
    """The form and the months asked for, or the default period when the
    request names none or names them wrongly (the form shows why)."""
    start, end = default_period(timezone.now().astimezone(dt.UTC).date())
    if "start" not in request.GET and "end" not in request.GET:
        form = ReportPeriodForm(initial={"start": start, "end": end})
        return form, start, end
    form = ReportPeriodForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, start, end


@require_GET
@never_cache
@clinic_view
def clinic_report(request: MemberRequest, staff: OrganisationStaff) -> HttpResponse:
    form, start, end = _period(request)
    report = outcome_report(staff.organisation, first_month=start, last_month=end)
    context = {
        "staff": staff,
        "organisation": staff.organisation,
        "form": form,
        "report": report,
        "groups": [label for _key, label in GROUPS],
        "min_cell": MIN_CELL,
        "tables": _tables(report),
        "csv_query": f"start={start:%Y-%m}&end={end:%Y-%m}",
    }
    status = 400 if form.errors else 200
    return render(request, "care/clinic_report.html", context, status=status)


@require_GET
@never_cache
@clinic_view
def clinic_report_csv(request: MemberRequest, staff: OrganisationStaff) -> HttpResponse:
    _form, start, end = _period(request)
    report = outcome_report(staff.organisation, first_month=start, last_month=end)
    filename = f"outcomes-{staff.organisation.slug}-{start:%Y-%m}-{end:%Y-%m}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    report_csv_write(report, response)
    return response


def _tables(report: OutcomeReport) -> list[dict[str, object]]:
    return [
        {
            "measure": measure,
            "rows": [
                {
                    "label": row.label,
                    "cells": [
                        {
                            "text": cell_text(cell, row.kind),
                            "n": None if row.kind == COUNT else cell.n,
                        }
                        for cell in row.cells
                    ],
                }
                for row in measure.rows
            ],
        }
        for measure in report.measures
    ]


CSV_HEADER = (
    "measure",
    "row",
    "group",
    "n",
    "estimate",
    "ci95_low",
    "ci95_high",
    "suppressed",
)


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def report_csv_write(report: OutcomeReport, out: Writable) -> None:
    """The report as CSV rows: one per measure row and group. A suppressed
    cell (fewer than 5 people) has empty figures and ``suppressed`` = yes."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for measure in report.measures:
        for row in measure.rows:
            for (group, _label), cell in zip(GROUPS, row.cells, strict=True):
                writer.writerow(
                    [
                        measure.key,
                        row.label,
                        group,
                        "" if cell.n is None else cell.n,
                        _number(cell.estimate),
                        _number(cell.low),
                        _number(cell.high),
                        "yes" if cell.suppressed else "no",
                    ]
                )


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"
