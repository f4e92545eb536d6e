"""Time-zone helpers. Meeting Guide weekdays: 0 = Sunday ... 6 = Saturday."""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo, available_timezones


@cache
def known_timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_timezone(name: str) -> bool:
    return name in known_timezones()


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def sunday_based_weekday(day: dt.date) -> int:
    """The Meeting Guide weekday (0 = Sunday) of a date."""
    return (day.weekday() + 1) % 7


def local_datetime(day: dt.date, time: dt.time, tz: ZoneInfo) -> dt.datetime:
    """An aware datetime for a wall-clock time on a date in a zone.

    A wall time that does not exist (skipped by a spring-forward change) is moved
    forward by the gap, the way calendars do; an ambiguous one takes its first
    occurrence (fold=0).
    """
    # A wall time read from a form or a feed may carry fold=1; the rule above
    # holds only for fold=0 (with fold=1 a skipped time would move backward).
    naive = dt.datetime.combine(day, time.replace(fold=0))
    aware = naive.replace(tzinfo=tz)
    round_trip = aware.astimezone(dt.UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive:
        # Non-existent wall time: zoneinfo resolves it with the offset before the
        # gap, which lands after the gap in UTC; that is the moved-forward instant.
        return round_trip
    return aware


def weekly_occurrence_day(weekday: int, on_or_after: dt.date) -> dt.date:
    """The first date falling on ``weekday`` (0 = Sunday) on or after a date."""
    offset = (weekday - sunday_based_weekday(on_or_after)) % 7
    return on_or_after + dt.timedelta(days=offset)


def weekly_occurrence_start(
    weekday: int, start: dt.time, tz: ZoneInfo, on_or_after: dt.date
) -> dt.datetime:
    """The first start on ``weekday`` at ``start`` local time, on or after a date."""
    return local_datetime(weekly_occurrence_day(weekday, on_or_after), start, tz)
