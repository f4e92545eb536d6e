"""Build the outcome report's roll-ups (``OutcomeDay``, ``OutcomeMonth``).

A day's rows come from the consents active that day and, for the categories
each covered, the member's attendance, check-ins, visible clock resets and
BARC-10 totals. Days are UTC calendar days; a consent counts on a day when it
was granted that day or before and was neither revoked nor expired by that
day (so revoking or expiring stops counting from that very day).

Everything is read with a few bulk queries per chunk of members, never a
query per patient or per day. Building a day again replaces its rows; each
month touched is added up again from its days. Run daily for yesterday by the
``care_rollups`` management command (cron), or through the
``care_rollups_build_task`` task; ``--since`` backfills.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django_tasks import task

from kinship.attendance.models import Attendance
from kinship.recovery.models import CheckIn, ClockReset

from .models import (
    RETENTION_DAYS,
    Assessment,
    Consent,
    ConsentCategory,
    OutcomeDay,
    OutcomeMonth,
    barc10_key,
)

# Members per bulk query (well under every engine's limit on parameters).
MEMBER_CHUNK = 500
BATCH_SIZE = 2000
# Retention looks at the 30 days up to each mark.
RETENTION_WINDOW_DAYS = 30
ONE_DAY = dt.timedelta(days=1)

Pair = tuple[int, int]  # (organisation id, member id)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _utc_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(dt.UTC).date()


def _days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        yield day
        day += ONE_DAY


def _chunks(values: list[int], size: int = MEMBER_CHUNK) -> Iterator[list[int]]:
    for index in range(0, len(values), size):
        yield values[index : index + size]


@dataclass(slots=True)
class _MemberData:
    """The members' own data between two days, keyed by (member id, day)."""

    meetings: dict[tuple[int, dt.date], int]
    used: dict[tuple[int, dt.date], str]
    resets: dict[tuple[int, dt.date], int]
    barc10: dict[tuple[int, dt.date], int]


def consent_coverage(
    start: dt.date, end: dt.date
) -> dict[Pair, dict[dt.date, frozenset[str]]]:
    """For each (organisation, member), the categories covered on each day from
    ``start`` to ``end`` (days with no active consent are absent)."""
    rows = (
        Consent.objects.filter(
            granted_at__lt=_midnight(end + ONE_DAY), expires_at__gt=_midnight(start)
        )
        .exclude(revoked_at__lt=_midnight(start))
        .values_list(
            "organisation_id",
            "member_id",
            "categories",
            "granted_at",
            "expires_at",
            "revoked_at",
        )
    )
    coverage: dict[Pair, dict[dt.date, set[str]]] = defaultdict(dict)
    for organisation_id, member_id, categories, granted, expires, revoked in rows:
        stop = min(expires, revoked) if revoked is not None else expires
        first = max(_utc_day(granted), start)
        last = min(_utc_day(stop) - ONE_DAY, end)
        days = coverage[(organisation_id, member_id)]
        for day in _days(first, last):
            days.setdefault(day, set()).update(categories)
    return {
        pair: {day: frozenset(found) for day, found in days.items()}
        for pair, days in coverage.items()
    }


def first_consent_days(pairs: Iterable[Pair]) -> dict[Pair, dt.date]:
    """The day of each pair's first consent ever (not only the active one)."""
    wanted = set(pairs)
    members = sorted({member for _, member in wanted})
    firsts: dict[Pair, dt.date] = {}
    for chunk in _chunks(members):
        rows = Consent.objects.filter(member_id__in=chunk).values_list(
            "organisation_id", "member_id", "granted_at"
        )
        for organisation_id, member_id, granted in rows:
            pair = (organisation_id, member_id)
            if pair in wanted:
                day = _utc_day(granted)
                firsts[pair] = min(firsts.get(pair, day), day)
    return firsts


def member_data(members: list[int], start: dt.date, end: dt.date) -> _MemberData:
    """The members' meetings attended, check-in answers, visible clock resets and
    BARC-10 totals (the day's latest) per day, in bulk queries."""
    data = _MemberData({}, {}, {}, {})
    after, before = _midnight(start), _midnight(end + ONE_DAY)
    for chunk in _chunks(members):
        attended = (
            Attendance.objects.filter(
                member_id__in=chunk,
                occurrence__local_date__gte=start,
                occurrence__local_date__lte=end,
            )
            .values_list("member_id", "occurrence__local_date")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for member_id, day, count in attended:
            data.meetings[(member_id, day)] = count
        checkins = CheckIn.objects.filter(
            member_id__in=chunk, local_date__gte=start, local_date__lte=end
        ).values_list("member_id", "local_date", "used_today")
        for member_id, day, used in checkins:
            data.used[(member_id, day)] = used
        resets = ClockReset.objects.filter(
            member_id__in=chunk,
            clock__hidden=False,
            reset_at__gte=after,
            reset_at__lt=before,
        ).values_list("member_id", "reset_at")
        for member_id, moment in resets:
            key = (member_id, _utc_day(moment))
            data.resets[key] = data.resets.get(key, 0) + 1
        barc10 = (
            Assessment.objects.filter(
                member_id__in=chunk,
                instrument="barc10",
                taken_at__gte=after,
                taken_at__lt=before,
            )
            .order_by("taken_at", "pk")
            .values_list("member_id", "taken_at", "total")
        )
        for member_id, moment, total in barc10:
            data.barc10[(member_id, _utc_day(moment))] = total  # the latest wins
    return data


def _retained(
    member_id: int,
    day: dt.date,
    covered: dict[dt.date, frozenset[str]],
    data: _MemberData,
) -> bool:
    """A meeting attended (with attendance covered) in the 30 days up to ``day``."""
    for offset in range(RETENTION_WINDOW_DAYS):
        earlier = day - dt.timedelta(days=offset)
        if ConsentCategory.ATTENDANCE in covered.get(earlier, ()) and data.meetings.get(
            (member_id, earlier), 0
        ):
            return True
    return False


def outcome_days_for(start: dt.date, end: dt.date) -> list[OutcomeDay]:
    """The ``OutcomeDay`` rows of the days from ``start`` to ``end`` (unsaved)."""
    lookback = start - dt.timedelta(days=RETENTION_WINDOW_DAYS - 1)
    coverage = consent_coverage(lookback, end)
    members = sorted({member for _, member in coverage})
    data = member_data(members, lookback, end)
    firsts = first_consent_days(coverage)
    rows = []
    for (organisation_id, member_id), covered in coverage.items():
        first = firsts[(organisation_id, member_id)]
        for day in _days(start, end):
            categories = covered.get(day)
            if categories is None:
                continue
            key = (member_id, day)
            since_first = (day - first).days
            attendance = ConsentCategory.ATTENDANCE in categories
            mark = since_first if since_first in RETENTION_DAYS and attendance else None
            rows.append(
                OutcomeDay(
                    organisation_id=organisation_id,
                    member_id=member_id,
                    day=day,
                    since_first=since_first,
                    meetings=data.meetings.get(key, 0) if attendance else None,
                    used=data.used.get(key, "")
                    if ConsentCategory.CHECKINS in categories
                    else None,
                    resets=data.resets.get(key, 0)
                    if ConsentCategory.MILESTONES in categories
                    else None,
                    barc10=data.barc10.get(key)
                    if ConsentCategory.ASSESSMENTS in categories
                    else None,
                    retention_mark=mark,
                    retained=None
                    if mark is None
                    else _retained(member_id, day, covered, data),
                )
            )
    return rows


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(month: dt.date) -> dt.date:
    following = (month + dt.timedelta(days=32)).replace(day=1)
    return following - ONE_DAY


def outcome_months_for(first_month: dt.date, last_month: dt.date) -> list[OutcomeMonth]:
    """The ``OutcomeMonth`` rows of whole months, added up from ``OutcomeDay``."""
    days = OutcomeDay.objects.filter(
        day__gte=first_month, day__lte=_month_end(last_month)
    )
    marks = {
        f"{name}{mark}": Count("pk", filter=Q(retention_mark=mark, **extra))
        for mark in RETENTION_DAYS
        for name, extra in (("reached", {}), ("retained", {"retained": True}))
    }
    sums = (
        days.annotate(month=TruncMonth("day"))
        .values("organisation_id", "member_id", "month")
        .annotate(
            total_days=Count("pk"),
            attendance_days=Count("meetings"),
            meeting_sum=Sum("meetings"),
            checkin_covered_days=Count("used"),
            checkin_days=Count("pk", filter=Q(used__in=["no", "yes", "unsaid"])),
            no_use_days=Count("pk", filter=Q(used="no")),
            milestone_days=Count("resets"),
            reset_sum=Sum("resets"),
            barc10_count=Count("barc10"),
            **marks,
        )
        .order_by()
    )
    barc10: dict[tuple[int, int, dt.date], list[tuple[dt.date, int]]] = defaultdict(
        list
    )
    for organisation_id, member_id, day, total in (
        days.filter(barc10__isnull=False)
        .order_by("day")
        .values_list("organisation_id", "member_id", "day", "barc10")
    ):
        if total is not None:  # always, by the filter
            barc10[(organisation_id, member_id, _month_start(day))].append((day, total))
    months = []
    for row in sums:
        month = row["month"]
        if isinstance(month, dt.datetime):  # some engines truncate to a datetime
            month = month.date()
        taken = barc10.get((row["organisation_id"], row["member_id"], month), [])
        months.append(
            OutcomeMonth(
                organisation_id=row["organisation_id"],
                member_id=row["member_id"],
                month=month,
                days=row["total_days"],
                attendance_days=row["attendance_days"],
                meetings=row["meeting_sum"] or 0,
                checkin_covered_days=row["checkin_covered_days"],
                checkin_days=row["checkin_days"],
                no_use_days=row["no_use_days"],
                milestone_days=row["milestone_days"],
                resets=row["reset_sum"] or 0,
                barc10_count=row["barc10_count"],
                barc10_first=taken[0][1] if taken else None,
                barc10_last=taken[-1][1] if taken else None,
                barc10_first_key=barc10_key(*taken[0]) if taken else None,
                barc10_last_key=barc10_key(*taken[-1]) if taken else None,
                **{name: bool(row[name]) for name in marks},
            )
        )
    return months


@transaction.atomic
def rollups_build_range(start: dt.date, end: dt.date) -> int:
    """Build (or build again) the roll-ups of every day from ``start`` to
    ``end``, and of the months they fall in; returns the day rows written.

    Idempotent: a day's earlier rows are replaced. Builds month by month so
    that a long backfill holds one month of rows in memory at a time."""
    if end < start:
        raise ValueError("end is before start")
    written = 0
    month = _month_start(start)
    while month <= end:
        first, last = max(start, month), min(end, _month_end(month))
        rows = outcome_days_for(first, last)
        OutcomeDay.objects.filter(day__gte=first, day__lte=last).delete()
        OutcomeDay.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        OutcomeMonth.objects.filter(month=month).delete()
        OutcomeMonth.objects.bulk_create(
            outcome_months_for(month, month), batch_size=BATCH_SIZE
        )
        written += len(rows)
        month = _month_end(month) + ONE_DAY
    return written


def rollups_build(day: dt.date) -> int:
    """Build (or build again) the roll-ups of one day; returns the rows written."""
    return rollups_build_range(day, day)


@task()
def care_rollups_build_task(*, start: str, end: str) -> int:
    """The roll-ups of the days from ``start`` to ``end`` (ISO dates), as a
    background task."""
    return rollups_build_range(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
