"""The arithmetic of sobriety clocks, pure (no database): days, milestones, streaks.

All instants are aware datetimes; results are in UTC. Local dates and wall times
are those of the member's IANA zone.

Decisions (see also the tests in tests/test_clock_math.py):

- **Days** on a streak are the whole local *calendar* days between the start's
  local date and today's local date, the way people count a "sobriety date".
  The zone is the member's current one (``Member.timezone``) for every streak.
  A start at 23:30 is day 0 until local midnight, and day 1 thirty minutes later.
  A start in the future (never stored) counts as 0.
- **Milestones**: 24 hours, 30, 60 and 90 days, 6 and 9 months, 1 year, 18 months,
  then every year (2, 3, ... years). "24 hours" is 24 hours of elapsed time
  (across a change it reads an hour later or earlier on the wall clock).
  Every other milestone is calendar arithmetic in the member's zone: the same
  local wall time, N local days later (30 days after 01:30 before a daylight-saving
  change is 01:30 after it, 719 or 721 hours later), or N months later on the same
  day of the month. Each milestone is counted from the start, not from the one
  before it.
- **Short months**: a start on a day the target month lacks (the 31st, the 30th or
  29 February) falls back to the last day of that month: a 31 January start reaches
  6 months on 31 July and 9 months on 31 October, a 31 August start reaches
  6 months on 28 (or 29) February, a 29 February 2024 start reaches 1 year on
  28 February 2025 and 4 years on 29 February 2028.
- **Wall times that do not exist or repeat** on the milestone's day (a
  daylight-saving change that day) follow ``kinship.core.timezones.local_datetime``:
  a time skipped by a spring-forward gap moves forward by the gap (02:30 in a
  one-hour gap is 03:30); a repeated time takes its first occurrence (fold=0).
- **History**: a reset ends a streak, kept with the local days it lasted. The
  longest streak is the largest of those and of the current one; the total is
  their sum.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import ngettext

from kinship.core.timezones import local_datetime

# The milestones before the yearly ones, in order: (key, hours, days, months).
_FIRST: tuple[tuple[str, int, int, int], ...] = (
    ("24h", 24, 0, 0),
    ("30d", 0, 30, 0),
    ("60d", 0, 60, 0),
    ("90d", 0, 90, 0),
    ("6m", 0, 0, 6),
    ("9m", 0, 0, 9),
    ("1y", 0, 0, 12),
    ("18m", 0, 0, 18),
)
# Yearly milestones stop here (datetime's range ends in year 9999).
MAX_YEARS = 150
_KEY = re.compile(r"^(\d{1,3})([hdmy])$")


@dataclass(frozen=True)
class MilestoneSpec:
    """How far from a start one milestone lies (one of hours, days or months)."""

    key: str
    hours: int = 0
    days: int = 0
    months: int = 0

    @property
    def label(self) -> str:
        return milestone_label(self.key)


@dataclass(frozen=True)
class Reached:
    """A milestone of a streak and the instant (UTC) it is (or was) reached."""

    key: str
    at: dt.datetime

    @property
    def label(self) -> str:
        return milestone_label(self.key)


def milestone_specs() -> Iterator[MilestoneSpec]:
    """Every milestone, in order: 24 hours ... 18 months, then every year."""
    for key, hours, days, months in _FIRST:
        yield MilestoneSpec(key, hours=hours, days=days, months=months)
    for years in range(2, MAX_YEARS + 1):
        yield MilestoneSpec(f"{years}y", months=12 * years)


def milestone_spec(key: str) -> MilestoneSpec:
    """The milestone of a key (as stored in ``Milestone.key``); ValueError if none."""
    match = _KEY.match(key)
    if match is None:
        raise ValueError(f"not a milestone key: {key!r}")
    for spec in _FIRST:
        if spec[0] == key:
            return MilestoneSpec(spec[0], hours=spec[1], days=spec[2], months=spec[3])
    number, unit = int(match.group(1)), match.group(2)
    if unit == "y" and 2 <= number <= MAX_YEARS:
        return MilestoneSpec(key, months=12 * number)
    raise ValueError(f"not a milestone key: {key!r}")


def milestone_label(key: str) -> str:
    """The milestone in words: "24 hours", "30 days", "6 months", "2 years"."""
    spec = milestone_spec(key)
    if spec.hours:
        return ngettext("%(n)d hour", "%(n)d hours", spec.hours) % {"n": spec.hours}
    if spec.days:
        return ngettext("%(n)d day", "%(n)d days", spec.days) % {"n": spec.days}
    if spec.months % 12 == 0:
        years = spec.months // 12
        return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
    return ngettext("%(n)d month", "%(n)d months", spec.months) % {"n": spec.months}


def milestone_order(key: str) -> int:
    """A sort key: the milestone's rank (24 hours is 0)."""
    spec = milestone_spec(key)
    if spec.hours:
        return 0
    if spec.days:
        return spec.days // 30
    return 3 + spec.months


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later, or that month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def local_date(instant: dt.datetime, tz: ZoneInfo) -> dt.date:
    return instant.astimezone(tz).date()


def streak_days(start: dt.datetime, now: dt.datetime, tz: ZoneInfo) -> int:
    """Whole local days from the start's local date to now's local date (0 if the
    start is later)."""
    return max(0, (local_date(now, tz) - local_date(start, tz)).days)


def milestone_at(start: dt.datetime, spec: MilestoneSpec, tz: ZoneInfo) -> dt.datetime:
    """The instant (UTC) a streak that began at ``start`` reaches a milestone."""
    if spec.hours:
        # In UTC: aware arithmetic within one zone would add wall-clock hours.
        return start.astimezone(dt.UTC) + dt.timedelta(hours=spec.hours)
    local = start.astimezone(tz)
    if spec.days:
        day = local.date() + dt.timedelta(days=spec.days)
    else:
        day = add_months(local.date(), spec.months)
    wall = local.time().replace(tzinfo=None, fold=0)
    return local_datetime(day, wall, tz).astimezone(dt.UTC)


def milestones_reached(
    start: dt.datetime, now: dt.datetime, tz: ZoneInfo
) -> list[Reached]:
    """The milestones a streak that began at ``start`` has reached by ``now``."""
    reached = []
    for spec in milestone_specs():
        at = milestone_at(start, spec, tz)
        if at > now:
            break
        reached.append(Reached(spec.key, at))
    return reached


def next_milestone(
    start: dt.datetime, now: dt.datetime, tz: ZoneInfo
) -> Reached | None:
    """The next milestone of a streak after ``now`` (None past MAX_YEARS)."""
    for spec in milestone_specs():
        at = milestone_at(start, spec, tz)
        if at > now:
            return Reached(spec.key, at)
    return None


def longest_streak(past_days: Iterable[int], current_days: int) -> int:
    """The longest streak in days: of the ended ones and the current one."""
    return max([current_days, *past_days])


def total_days(past_days: Iterable[int], current_days: int) -> int:
    """All the days over the history: the ended streaks and the current one."""
    return current_days + sum(past_days)
