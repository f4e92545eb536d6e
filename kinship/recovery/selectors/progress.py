"""What the member's own progress page shows: today's check-in, series for charts,
the next meetings. Only the member's own data; one query per part."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinship.attendance.selectors import ScheduleItem, schedule_for
from kinship.members.models import Member

from ..models import CheckIn
from ..trends import AVERAGE_DAYS, TrendPoint, trend_points

# The chart ranges on the progress page, in days.
CHART_RANGES = (30, 90)
NEXT_MEETINGS_DAYS = 14
NEXT_MEETINGS_SHOWN = 3


@dataclass(frozen=True)
class DayPoint:
    """One day of a chart: None where the member did not check in."""

    day: dt.date
    mood: int | None
    craving: int | None
    stress: int | None


def checkin_series(member: Member, *, days: int, today: dt.date) -> list[DayPoint]:
    """Mood, craving and stress for each of the last ``days`` days up to today,
    oldest first, with gaps where there was no check-in."""
    first = today - dt.timedelta(days=days - 1)
    values = {
        row["local_date"]: row
        for row in CheckIn.objects.filter(
            member=member, local_date__gte=first, local_date__lte=today
        ).values("local_date", "mood", "craving", "stress")
    }
    points = []
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        row = values.get(day)
        points.append(
            DayPoint(
                day=day,
                mood=row["mood"] if row else None,
                craving=row["craving"] if row else None,
                stress=row["stress"] if row else None,
            )
        )
    return points


def checkin_trend(member: Member, *, days: int, today: dt.date) -> list[TrendPoint]:
    """The member's check-ins of the last ``days`` days up to today, oldest
    first, each day with its 7-day averages (see ``kinship.recovery.trends``).
    The six days before the first are read too, so that the first days'
    averages cover a whole week as the later ones do. One query."""
    series = checkin_series(member, days=days + AVERAGE_DAYS - 1, today=today)
    rows = {
        point.day: {
            "mood": point.mood,
            "craving": point.craving,
            "stress": point.stress,
        }
        for point in series
        if point.mood is not None
    }
    return trend_points([point.day for point in series], rows, shown=days)


def checkin_of_day(member: Member, day: dt.date) -> CheckIn | None:
    return CheckIn.objects.filter(member=member, local_date=day).first()


def next_meetings(member: Member, now: dt.datetime) -> list[ScheduleItem]:
    """The member's next few meetings (their groups' and those they RSVPed to)."""
    end = now + dt.timedelta(days=NEXT_MEETINGS_DAYS)
    return schedule_for(member, now, end)[:NEXT_MEETINGS_SHOWN]
