"""The rows of the clinicians' dashboard as HTML, built in Python.

The dashboard shows up to a few hundred patients; rendering each row's dozen
conditions and filters through the template language was a third of the
page's time (about 50 ms for 200 patients), so the rows are built here with
``format_html`` (every value escaped) and the template only places them.
A dash stands for a category the patient does not share.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinship.core.when import date_label, short_date_label

from .disclosure import ASSESSMENTS, ATTENDANCE, CHECKINS, MILESTONES, WARNINGS, Patient

DASH = "—"


def _day(value: dt.date | dt.datetime, tz: ZoneInfo) -> str:
    """``Dec 6``: a day in the clinician's zone."""
    return short_date_label(value, tz=tz)


def _attendance(data: dict[str, Any]) -> str:
    return str(data["per_week"])


def _checkins(data: dict[str, Any]) -> str:
    streak = data["streak"]
    text = ngettext("%(days)d day", "%(days)d days", streak) % {"days": streak}
    return text + (_(" or more") if data["streak_more"] else "")


def _milestones(data: dict[str, Any]) -> SafeString:
    days = data["clock_days"]
    resets = data["resets"]
    if not resets:
        return format_html("{}", DASH if days is None else days)
    note = ngettext("(%(n)d reset)", "(%(n)d resets)", resets) % {"n": resets}
    return format_html(
        '{} <span class="muted">{}</span>', DASH if days is None else days, note
    )


def _warnings(data: dict[str, Any], tz: ZoneInfo) -> str:
    signs = data["signs"]
    if not signs:
        return _("None")
    return ", ".join(f"{sign['rule']} ({_day(sign['on'], tz)})" for sign in signs)


def _assessments(data: dict[str, Any], tz: ZoneInfo) -> SafeString:
    scores = ", ".join(
        f"{score.short_name} {score.total} ({_day(score.taken_at, tz)})"
        for score in data["latest"]
    ) or _("None taken")
    if data["safety"]:
        return format_html(
            '<strong class="alert-text">{}</strong><br>{}',
            _("PHQ-9 item 9 above 0"),
            scores,
        )
    return format_html("{}", scores)


def _cells(patient: Patient, tz: ZoneInfo) -> list[Any]:
    data = patient.data
    return [
        _attendance(data[ATTENDANCE]) if ATTENDANCE in data else DASH,
        _checkins(data[CHECKINS]) if CHECKINS in data else DASH,
        _milestones(data[MILESTONES]) if MILESTONES in data else DASH,
        _warnings(data[WARNINGS], tz) if WARNINGS in data else DASH,
        _assessments(data[ASSESSMENTS], tz) if ASSESSMENTS in data else DASH,
        date_label(patient.consent.expires_at, tz=tz),
    ]


def dashboard_rows(patients: list[Patient], org_slug: str, tz: ZoneInfo) -> SafeString:
    """The ``<tr>`` of each patient: name (a link to their page) and the
    clinic's reference, then one cell per column of the dashboard."""
    rows = []
    for patient in patients:
        link = reverse(
            "care:clinic-patient",
            kwargs={"org_slug": org_slug, "member_id": patient.member.pk},
        )
        reference = (
            format_html(' <span class="muted">({})</span>', patient.reference)
            if patient.reference
            else ""
        )
        alert = ASSESSMENTS in patient.data and patient.data[ASSESSMENTS]["safety"]
        rows.append(
            format_html(
                '<tr{}><th scope="row"><a href="{}">{}</a>{}</th>{}</tr>',
                mark_safe(' class="row-alert"') if alert else "",
                link,
                patient.member.display_name,
                reference,
                format_html_join(
                    "", "<td>{}</td>", ((cell,) for cell in _cells(patient, tz))
                ),
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (each row built by format_html)
