"""The chart data of a patient's page: each chart's numbers as JSON for
``static/js/clinic-charts.js``; the page shows the same numbers in a table
beside each chart. Only categories present in the patient's data (those the
consent covers) get a chart."""

from __future__ import annotations

from typing import Any

from .disclosure import ASSESSMENTS, ATTENDANCE, CHECKINS, Patient


def _attendance_chart(data: dict[str, Any]) -> dict[str, Any]:
    weeks = data["weeks"]
    return {
        "type": "bar",
        "labels": [week["week_ending"].isoformat() for week in weeks],
        "datasets": [
            {"label": "Meetings attended", "data": [w["meetings"] for w in weeks]}
        ],
    }


def _checkin_chart(data: dict[str, Any]) -> dict[str, Any]:
    points = data["points"]
    return {
        "type": "line",
        "labels": [point["day"].isoformat() for point in points],
        "datasets": [
            {"label": "Mood (1-5)", "data": [p["mood"] for p in points]},
            {"label": "Craving (0-10)", "data": [p["craving"] for p in points]},
            {"label": "Stress (0-10)", "data": [p["stress"] for p in points]},
        ],
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
    """``{"attendance": chart, "checkins": chart, "assessments": [charts]}``
    for the covered categories only."""
    charts: dict[str, Any] = {}
    if ATTENDANCE in patient.data:
        charts[ATTENDANCE] = _attendance_chart(patient.data[ATTENDANCE])
    if CHECKINS in patient.data and patient.data[CHECKINS]["points"]:
        charts[CHECKINS] = _checkin_chart(patient.data[CHECKINS])
    if ASSESSMENTS in patient.data:
        charts[ASSESSMENTS] = _assessment_charts(patient.data[ASSESSMENTS])
    return charts
