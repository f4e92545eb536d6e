"""What a clinician may see of their organisation's consenting patients, and
the access log row every such read writes.

Every function here starts from the clinician's staff row and reads only
members with an active consent to that organisation (not revoked, not
expired, checked on each call: revocation holds from the next request), and
only the categories that consent covers: the data of other categories is
never read, so it cannot reach a page. Each call that returns a member's
data writes one ``AccessLog`` row per member it returns (naming the
categories), in the same transaction. Administrators (no clinical role) and
anyone else get 404.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Avg, CharField, Count, Max, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from kinship.attendance.models import Attendance
from kinship.core.timezones import zone
from kinship.members.models import Member
from kinship.recovery.clock_math import milestone_label, streak_days
from kinship.recovery.models import ClockReset, Milestone, SobrietyClock
from kinship.recovery.models.checkins import CheckIn, UsedToday
from kinship.recovery.models.support import WarningRule, WarningSignal

from .instruments import INSTRUMENTS, instrument_version
from .models import (
    AccessLog,
    AccessView,
    Assessment,
    Consent,
    ConsentCategory,
    OrganisationStaff,
    Referral,
    StaffRole,
)

# The span of the dashboard's engagement figures and the patient's trends.
TREND_DAYS = 90
RECENT_DAYS = 28
WARNING_DAYS = 30

ATTENDANCE = ConsentCategory.ATTENDANCE.value
CHECKINS = ConsentCategory.CHECKINS.value
MILESTONES = ConsentCategory.MILESTONES.value
ASSESSMENTS = ConsentCategory.ASSESSMENTS.value
WARNINGS = ConsentCategory.WARNINGS.value


@dataclass
class Patient:
    """A consenting patient as a clinician sees them: display name, the
    clinic's own reference, the consent and what it covers, and the data of
    each covered category (keys of ``data`` are only those categories)."""

    member: Member
    consent: Consent
    reference: str
    data: dict[str, Any] = field(default_factory=dict)


def _clinician(staff: OrganisationStaff) -> None:
    if staff.role != StaffRole.CLINICIAN or not staff.active:
        raise Http404("No such page")


def _references(staff: OrganisationStaff, member_ids: Iterable[int]) -> dict[int, str]:
    """The clinic's own label for each patient, from their newest referral."""
    found: dict[int, str] = {}
    rows = (
        Referral.objects.filter(
            organisation_id=staff.organisation_id, accepted_by_id__in=list(member_ids)
        )
        .order_by("accepted_at", "pk")
        .values_list("accepted_by_id", "patient_reference")
    )
    for member_id, reference in rows:
        found[member_id] = reference
    return found


def _patients(
    staff: OrganisationStaff, now: dt.datetime, member_id: int | None = None
) -> list[Patient]:
    consents = (
        Consent.objects.live(now)
        .filter(organisation_id=staff.organisation_id)
        .select_related("member")
    )
    if member_id is not None:
        consents = consents.filter(member_id=member_id)
    found = list(consents.order_by("member__display_name", "member_id"))
    references = _references(staff, (consent.member_id for consent in found))
    return [
        Patient(
            member=consent.member,
            consent=consent,
            reference=references.get(consent.member_id, ""),
        )
        for consent in found
    ]


def _log(staff: OrganisationStaff, patients: Sequence[Patient], view: str) -> None:
    """One access log row per patient whose data is returned, naming the
    categories returned."""
    name = staff.member.display_name
    now = timezone.now()
    AccessLog.objects.bulk_create(
        [
            AccessLog(
                member_id=patient.member.pk,
                organisation_id=staff.organisation_id,
                actor=staff,
                actor_name=name,
                categories=list(patient.data),
                consent=patient.consent,
                view=view,
                at=now,
            )
            for patient in patients
            if patient.data
        ]
    )


def _covering(patients: Sequence[Patient], category: str) -> dict[int, Patient]:
    return {
        patient.member.pk: patient
        for patient in patients
        if patient.consent.covers(category)
    }


# -- The figures of each category -----------------------------------------------


def _attendance(patients: dict[int, Patient], now: dt.datetime, weeks: bool) -> None:
    since = now - dt.timedelta(days=TREND_DAYS)
    recent = now - dt.timedelta(days=RECENT_DAYS)
    attended = Attendance.objects.filter(
        member_id__in=list(patients),
        occurrence__starts_at__gte=since,
        occurrence__starts_at__lte=now,
    )
    summaries = {
        row["member_id"]: row
        for row in attended.values("member_id")
        .annotate(
            total=Count("pk"),
            recent=Count("pk", filter=Q(occurrence__starts_at__gte=recent)),
            last=Max("occurrence__starts_at"),
        )
        .order_by()
    }
    for member_id, patient in patients.items():
        row = summaries.get(member_id, {})
        figures: dict[str, Any] = {
            "per_week": round(row.get("recent", 0) / (RECENT_DAYS / 7), 1),
            "last": row.get("last"),
            "total": row.get("total", 0),
        }
        if weeks:
            moments = attended.filter(member_id=member_id).values_list(
                "occurrence__starts_at", flat=True
            )
            figures["weeks"] = _weekly(list(moments), now)
        patient.data[ATTENDANCE] = figures


def _weekly(moments: list[dt.datetime], now: dt.datetime) -> list[dict[str, Any]]:
    """Meetings attended in each of the last 13 weeks, oldest first."""
    count = TREND_DAYS // 7 + 1
    weeks = []
    for back in range(count - 1, -1, -1):
        end = now - dt.timedelta(days=7 * back)
        start = end - dt.timedelta(days=7)
        weeks.append(
            {
                "week_ending": end.date(),
                "meetings": sum(1 for moment in moments if start < moment <= end),
            }
        )
    return weeks


def _checkin_points(member_id: int, since: dt.date) -> list[dict[str, Any]]:
    """One patient's daily mood, craving, stress and use answer, oldest first."""
    rows = (
        CheckIn.objects.filter(member_id=member_id, local_date__gte=since)
        .order_by("local_date")
        .values_list("local_date", "mood", "craving", "stress", "used_today")
    )
    return [
        {
            "day": day,
            "mood": mood,
            "craving": craving,
            "stress": stress,
            "used": UsedToday(used).label,
        }
        for day, mood, craving, stress, used in rows
    ]


def _streaks(member_ids: list[int], today: dt.date, since: dt.date) -> dict[int, int]:
    """Consecutive days checked in up to today or yesterday, counted within
    the window from ``since``: the days come back as ISO text (no date
    conversion per row) and are matched against the expected days."""
    expected = {
        (today - dt.timedelta(days=back)).isoformat(): back
        for back in range((today - since).days + 1)
    }
    rows = (
        CheckIn.objects.filter(member_id__in=member_ids, local_date__gte=since)
        .annotate(day=Cast("local_date", CharField()))
        .order_by("member_id", "-local_date")
        .values_list("member_id", "day")
    )
    days_of: dict[int, list[str]] = defaultdict(list)
    for member_id, day in rows:
        days_of[member_id].append(day)
    streaks: dict[int, int] = {}
    for member_id, days in days_of.items():
        first = expected.get(days[0], -1)
        streak = 0
        if first in (0, 1):
            for offset, day in enumerate(days):
                if expected.get(day) != first + offset:
                    break
                streak += 1
        streaks[member_id] = streak
    return streaks


def _checkins(patients: dict[int, Patient], now: dt.datetime, daily: bool) -> None:
    today = now.date()
    since = today - dt.timedelta(days=TREND_DAYS)
    week = Q(local_date__gt=today - dt.timedelta(days=7))
    summaries = {
        row["member_id"]: row
        for row in CheckIn.objects.filter(
            member_id__in=list(patients), local_date__gte=since
        )
        .values("member_id")
        .annotate(
            days=Count("pk"),
            last=Max("local_date"),
            mood_7=Avg("mood", filter=week),
            craving_7=Avg("craving", filter=week),
            stress_7=Avg("stress", filter=week),
            days_without_use=Count("pk", filter=Q(used_today=UsedToday.NO)),
            days_answered=Count("pk", filter=~Q(used_today=UsedToday.UNSAID)),
        )
        .order_by()
    }
    current = [
        member_id
        for member_id, row in summaries.items()
        if row["last"] >= today - dt.timedelta(days=1)
    ]
    streaks = _streaks(current, today, since) if current else {}
    window = (today - since).days + 1
    for member_id, patient in patients.items():
        row = summaries.get(member_id, {})
        streak = streaks.get(member_id, 0)
        figures: dict[str, Any] = {
            "streak": streak,
            # The streak reached the start of the window: it may be longer.
            "streak_more": streak >= window - 1,
            "days": row.get("days", 0),
            "last": row.get("last"),
            "mood_7": _round(row.get("mood_7")),
            "craving_7": _round(row.get("craving_7")),
            "stress_7": _round(row.get("stress_7")),
            "days_without_use": row.get("days_without_use", 0),
            "days_answered": row.get("days_answered", 0),
        }
        if daily:
            figures["points"] = _checkin_points(member_id, since)
            # The days of the patient's trend charts (patient_charts).
            figures["first_day"], figures["last_day"] = since, today
        patient.data[CHECKINS] = figures


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _milestones(patients: dict[int, Patient], now: dt.datetime, detail: bool) -> None:
    """Visible clocks only: a hidden clock is never shown to anyone."""
    ids = list(patients)
    clocks: dict[int, list[SobrietyClock]] = defaultdict(list)
    for clock in SobrietyClock.objects.filter(member_id__in=ids, hidden=False):
        clocks[clock.member_id].append(clock)
    since = now - dt.timedelta(days=TREND_DAYS)
    resets: dict[int, list[ClockReset]] = defaultdict(list)
    for reset in ClockReset.objects.filter(
        member_id__in=ids, clock__hidden=False, reset_at__gte=since
    ).order_by("reset_at"):
        resets[reset.member_id].append(reset)
    reached: dict[int, list[Milestone]] = defaultdict(list)
    if detail:
        for milestone in Milestone.objects.filter(
            member_id__in=ids, clock__hidden=False, reached_at__gte=since
        ).order_by("reached_at"):
            reached[milestone.member_id].append(milestone)
    for member_id, patient in patients.items():
        tz = zone(patient.member.timezone)
        rows: list[dict[str, Any]] = sorted(
            (
                {
                    "label": clock.label,
                    "days": streak_days(clock.started_at, now, tz),
                    "since": clock.started_at,
                }
                for clock in clocks[member_id]
            ),
            key=lambda row: -row["days"],
        )
        figures: dict[str, Any] = {
            "clock_days": rows[0]["days"] if rows else None,
            "resets": len(resets[member_id]),
        }
        if detail:
            figures["clocks"] = rows
            figures["reset_rows"] = [
                {"at": reset.reset_at, "days": reset.days}
                for reset in resets[member_id]
            ]
            figures["reached"] = [
                {"label": milestone_label(item.key), "at": item.reached_at}
                for item in reached[member_id]
            ]
        patient.data[MILESTONES] = figures


@dataclass(frozen=True)
class Score:
    """An assessment's result as the dashboard shows it (no answers)."""

    instrument: str
    total: int
    taken_at: dt.datetime
    safety: bool

    @property
    def short_name(self) -> str:
        return INSTRUMENTS[self.instrument].short_name


def _assessments(patients: dict[int, Patient], now: dt.datetime, detail: bool) -> None:
    found = Assessment.objects.filter(member_id__in=list(patients)).order_by(
        "member_id", "-taken_at", "-pk"
    )
    rows: dict[int, list[Any]] = defaultdict(list)
    if detail:
        for assessment in found:
            rows[assessment.member_id].append(assessment)
    else:
        fields = ("member_id", "instrument", "total", "taken_at", "safety")
        for member_id, *values in found.values_list(*fields):
            rows[member_id].append(Score(*values))
    since = now - dt.timedelta(days=TREND_DAYS)
    for member_id, patient in patients.items():
        taken = rows[member_id]
        latest: dict[str, Any] = {}
        for assessment in taken:
            latest.setdefault(assessment.instrument, assessment)
        figures: dict[str, Any] = {
            "latest": [latest[key] for key in INSTRUMENTS if key in latest],
            "safety": [
                assessment
                for assessment in taken
                if assessment.safety and assessment.taken_at >= since
            ],
        }
        if detail:
            # Each instrument in the clinician's language where it has a
            # version in it; each row says which version the patient answered.
            figures["history"] = [
                {
                    "instrument": instrument_version(key),
                    "rows": [row for row in taken if row.instrument == key],
                }
                for key in INSTRUMENTS
            ]
        patient.data[ASSESSMENTS] = figures


def _warnings(patients: dict[int, Patient], now: dt.datetime, detail: bool) -> None:
    days = TREND_DAYS if detail else WARNING_DAYS
    since = now.date() - dt.timedelta(days=days)
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for member_id, rule, computed_on in (
        WarningSignal.objects.filter(
            member_id__in=list(patients), computed_on__gte=since
        )
        .order_by("-computed_on", "-pk")
        .values_list("member_id", "rule", "computed_on")
    ):
        rows[member_id].append({"rule": WarningRule(rule).label, "on": computed_on})
    for member_id, patient in patients.items():
        patient.data[WARNINGS] = {"signs": rows[member_id], "days": days}


READERS = {
    ATTENDANCE: _attendance,
    CHECKINS: _checkins,
    MILESTONES: _milestones,
    ASSESSMENTS: _assessments,
    WARNINGS: _warnings,
}


def _read(patients: list[Patient], now: dt.datetime, *, detail: bool) -> None:
    for category, reader in READERS.items():
        covered = _covering(patients, category)
        if covered:
            reader(covered, now, detail)


# -- What the pages call --------------------------------------------------------


@transaction.atomic
def disclose_dashboard(staff: OrganisationStaff) -> list[Patient]:
    """The clinician's view of every consenting patient of their organisation:
    engagement figures of each consented category; one access log row per
    patient."""
    _clinician(staff)
    now = timezone.now()
    patients = _patients(staff, now)
    _read(patients, now, detail=False)
    _log(staff, patients, AccessView.DASHBOARD)
    return patients


def access_patient(staff: OrganisationStaff, member_id: int) -> Patient:
    """A patient of the clinician's organisation with an active consent,
    without their data; anyone else (no consent, expired, revoked, another
    organisation's patient) is a 404. Reads nothing, logs nothing."""
    _clinician(staff)
    found = _patients(staff, timezone.now(), member_id=member_id)
    if not found:
        raise Http404("No such patient")
    return found[0]


@transaction.atomic
def disclose_patient(staff: OrganisationStaff, member_id: int) -> Patient:
    """One consenting patient's trends over ``TREND_DAYS`` days in each
    consented category (404 as ``access_patient``); one access log row."""
    patient = access_patient(staff, member_id)
    _read([patient], timezone.now(), detail=True)
    _log(staff, [patient], AccessView.PATIENT_PAGE)
    return patient


@transaction.atomic
def disclose_assessments(staff: OrganisationStaff, member_id: int) -> Patient:
    """A consenting patient whose consent covers assessments, for the FHIR
    export (404 otherwise); one access log row."""
    patient = access_patient(staff, member_id)
    if not patient.consent.covers(ASSESSMENTS):
        raise Http404("No such patient")
    patient.data[ASSESSMENTS] = {}
    _log(staff, [patient], AccessView.FHIR_EXPORT)
    return patient
