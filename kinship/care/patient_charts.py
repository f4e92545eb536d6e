"""The chart data of a patient's page: each chart's numbers as JSON for
``static/js/clinic-charts.js`` (attendance, assessments) and
``static/js/trend-charts.js`` (check-ins, as on the member's own page); the
page shows the same numbers in a table beside each chart. Only categories
present in the patient's data (those the consent covers) get a chart."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinship.recovery.trends import trend_json, trend_panels, trend_points

from .disclosure import ASSESSMENTS, ATTENDANCE, CHECKINS, TREND_DAYS, Patient


def _attendance_chart(data: dict[str, Any]) -> dict[str, Any]:
    weeks = data["weeks"]
    return {
        "type": "bar",
        "labels": [week["week_ending"].isoformat() for week in weeks],
        "datasets": [
            {"label": "Meetings attended", "data": [w["meetings"] for w in weeks]}
        ],
    }


def _checkin_trend(data: dict[str, Any]) -> dict[str, Any]:
    """The mood chart and the craving and stress chart, with 7-day averages
    over the days of the window (none from before it: only what the consent
    discloses), as on the member's own page."""
    points = data["points"]
    first = data["first_day"]
    # A patient ahead of UTC may have checked in on what is tomorrow here.
    last = max([data["last_day"], *(point["day"] for point in points)])
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    trend = trend_points(days, {point["day"]: point for point in points})
    return {
        "points": trend,
        "data": trend_json(trend),
        "panels": trend_panels(trend, days=TREND_DAYS, prefix="checkins"),
    }


def _assessment_charts(data: dict[str, Any]) -> list[dict[str, Any]]:
    charts = []
    for history in data["history"]:
        rows = list(reversed(history["rows"]))
        if len(rows) < 2:
            continue
        instrument = history["instrument"]
        charts.append(
            {
                "key": instrument.key,
                "type": "line",
                "labels": [row.taken_at.date().isoformat() for row in rows],
                "datasets": [
                    {
                        "label": f"{instrument.short_name} total",
                        "data": [row.total for row in rows],
                    }
                ],
            }
        )
    return charts


def patient_charts(patient: Patient) -> dict[str, Any]:
    """``{"attendance": chart, "checkins": trend, "assessments": [charts]}``
    for the covered categories only; a trend is its points (for the tables),
    its JSON and its two charts (``kinship.recovery.trends``)."""
    charts: dict[str, Any] = {}
    if ATTENDANCE in patient.data:
        charts[ATTENDANCE] = _attendance_chart(patient.data[ATTENDANCE])
    if CHECKINS in patient.data and patient.data[CHECKINS]["points"]:
        charts[CHECKINS] = _checkin_trend(patient.data[CHECKINS])
    if ASSESSMENTS in patient.data:
        charts[ASSESSMENTS] = _assessment_charts(patient.data[ASSESSMENTS])
    return charts
