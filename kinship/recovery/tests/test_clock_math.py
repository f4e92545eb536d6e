"""The arithmetic of sobriety clocks: properties (hypothesis) and worked examples.

Days are local calendar days; milestones keep the local wall time across
daylight-saving changes; short months fall back to their last day; resets keep
the history, the longest streak and the total.
"""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinship.core.timezones import local_datetime
from kinship.recovery import clock_math
from kinship.recovery.clock_math import (
    MilestoneSpec,
    add_months,
    longest_streak,
    milestone_at,
    milestone_label,
    milestone_spec,
    milestones_reached,
    next_milestone,
    streak_days,
    total_days,
)

UTC = dt.UTC
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")

# Zones with one-hour and half-hour changes, odd offsets, changes at midnight,
# both hemispheres, and none at all.
ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Europe/Berlin",
    "America/Sao_Paulo",
]
zones = st.sampled_from(ZONES).map(ZoneInfo)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
times = st.times().map(lambda t: t.replace(microsecond=0))
DAY_SPECS = [MilestoneSpec("30d", days=30), MilestoneSpec("60d", days=60)]
DAY_SPECS.append(MilestoneSpec("90d", days=90))
MONTH_SPECS = [
    milestone_spec(key) for key in ("6m", "9m", "1y", "18m", "2y", "5y", "10y")
]


def exists(day: dt.date, wall: dt.time, tz: ZoneInfo) -> bool:
    """Whether a wall time happens on that day in the zone (not skipped by a gap)."""
    naive = dt.datetime.combine(day, wall)
    back = naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)
    return back.replace(tzinfo=None) == naive


def local(day: dt.date, wall: dt.time, tz: ZoneInfo) -> dt.datetime:
    return local_datetime(day, wall, tz)


# -- days --------------------------------------------------------------------------


@given(
    zone=st.timezones(),
    start_day=dates,
    wall=times,
    later=st.integers(0, 20000),
    now_wall=times,
)
def test_back_dated_days_are_the_local_date_difference(
    zone: ZoneInfo, start_day: dt.date, wall: dt.time, later: int, now_wall: dt.time
) -> None:
    """For any start in the past, in any IANA zone, the days shown are the local
    dates' difference, whatever the times of day."""
    assume(exists(start_day, wall, zone))
    today = start_day + dt.timedelta(days=later)
    assume(exists(today, now_wall, zone))
    start = local(start_day, wall, zone)
    now = local(today, now_wall, zone)
    assume(now >= start)
    assert streak_days(start, now, zone) == later


@given(
    zone=zones, start=st.datetimes(timezones=st.just(UTC)), ahead=st.integers(1, 10**6)
)
def test_a_start_in_the_future_counts_no_days(
    zone: ZoneInfo, start: dt.datetime, ahead: int
) -> None:
    assume(start.year < 9000)
    assert streak_days(start + dt.timedelta(seconds=ahead), start, zone) == 0


def test_a_start_at_half_past_eleven_is_one_day_at_midnight() -> None:
    start = dt.datetime(2026, 5, 1, 23, 30, tzinfo=NEW_YORK)
    assert (
        streak_days(start, dt.datetime(2026, 5, 1, 23, 59, tzinfo=NEW_YORK), NEW_YORK)
        == 0
    )
    assert (
        streak_days(start, dt.datetime(2026, 5, 2, 0, 0, tzinfo=NEW_YORK), NEW_YORK)
        == 1
    )
    # The same instant seen from another zone is another local date.
    assert (
        streak_days(start, dt.datetime(2026, 5, 2, 0, 0, tzinfo=NEW_YORK), LONDON) == 0
    )


# -- milestones: days and months at the same local wall time ----------------------


@given(zone=zones, start_day=dates, wall=times, spec=st.sampled_from(DAY_SPECS))
def test_day_milestones_keep_the_local_wall_time(
    zone: ZoneInfo, start_day: dt.date, wall: dt.time, spec: MilestoneSpec
) -> None:
    """N days later at the same wall time, whatever changed in between; a wall time
    the clocks skip that day moves forward by the gap."""
    assume(exists(start_day, wall, zone))
    start = local(start_day, wall, zone)
    at = milestone_at(start, spec, zone)
    assert at.tzinfo is UTC
    target = start_day + dt.timedelta(days=spec.days)
    if exists(target, wall, zone):
        seen = at.astimezone(zone)
        assert (seen.date(), seen.time()) == (target, wall)
    else:
        assert at == local(target, wall, zone)
        assert at > dt.datetime.combine(target, wall, tzinfo=zone) - dt.timedelta(
            days=1
        )
        assert at.astimezone(zone).time() > wall


@given(zone=zones, start_day=dates, wall=times, spec=st.sampled_from(MONTH_SPECS))
def test_month_milestones_fall_on_the_same_day_or_the_months_last(
    zone: ZoneInfo, start_day: dt.date, wall: dt.time, spec: MilestoneSpec
) -> None:
    assume(exists(start_day, wall, zone))
    start = local(start_day, wall, zone)
    at = milestone_at(start, spec, zone)
    target = add_months(start_day, spec.months)
    months = start_day.year * 12 + start_day.month - 1 + spec.months
    assert target.year * 12 + target.month - 1 == months
    last = calendar.monthrange(target.year, target.month)[1]
    assert target.day == min(start_day.day, last)
    if exists(target, wall, zone):
        seen = at.astimezone(zone)
        assert (seen.date(), seen.time()) == (target, wall)
    else:
        assert at == local(target, wall, zone)


@given(
    zone=zones,
    start=st.datetimes(
        min_value=dt.datetime(1990, 1, 1),
        max_value=dt.datetime(2040, 1, 1),
        timezones=st.just(UTC),
    ),
    elapsed=st.integers(0, 40 * 366 * 24 * 3600),
)
def test_reached_and_next_milestones_split_the_sequence_at_now(
    zone: ZoneInfo, start: dt.datetime, elapsed: int
) -> None:
    now = start + dt.timedelta(seconds=elapsed)
    reached = milestones_reached(start, now, zone)
    upcoming = next_milestone(start, now, zone)
    instants = [r.at for r in reached]
    assert instants == sorted(instants)
    assert all(start < at <= now for at in instants)
    assert upcoming is not None
    assert upcoming.at > now
    keys = [spec.key for spec in clock_math.milestone_specs()]
    assert keys[: len(reached) + 1] == [r.key for r in reached] + [upcoming.key]


@given(
    zone=zones,
    start=st.datetimes(
        min_value=dt.datetime(1990, 1, 1),
        max_value=dt.datetime(2040, 1, 1),
        timezones=st.just(UTC),
    ),
)
def test_twenty_four_hours_is_elapsed_time(zone: ZoneInfo, start: dt.datetime) -> None:
    assert milestone_at(start, milestone_spec("24h"), zone) - start == dt.timedelta(
        hours=24
    )


# -- history: resets ---------------------------------------------------------------


@given(
    zone=zones,
    first=st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2030, 1, 1),
        timezones=st.just(UTC),
    ),
    gaps=st.lists(st.integers(0, 400 * 24 * 3600), max_size=12),
    after=st.integers(0, 400 * 24 * 3600),
)
def test_resets_keep_the_longest_streak_and_the_total(
    zone: ZoneInfo, first: dt.datetime, gaps: list[int], after: int
) -> None:
    """Streaks follow one another (a reset starts the next): the total is every local
    day since the first start, the longest is the largest streak, old or current."""
    start = first
    ended = []
    for gap in gaps:
        reset_at = start + dt.timedelta(seconds=gap)
        ended.append(streak_days(start, reset_at, zone))
        start = reset_at
    now = start + dt.timedelta(seconds=after)
    current = streak_days(start, now, zone)
    assert total_days(ended, current) == streak_days(first, now, zone)
    assert longest_streak(ended, current) == max([current, *ended])
    assert all(longest_streak(ended, current) >= days for days in ended)


# -- worked examples ---------------------------------------------------------------


def test_thirty_days_across_spring_forward_in_new_york() -> None:
    start = dt.datetime(2026, 3, 1, 1, 30, tzinfo=NEW_YORK)  # EST, -5
    at = milestone_at(start, milestone_spec("30d"), NEW_YORK)
    assert at == dt.datetime(2026, 3, 31, 5, 30, tzinfo=UTC)  # 01:30 EDT
    assert at.astimezone(NEW_YORK).hour == 1
    assert at - start == dt.timedelta(days=30, hours=-1)


def test_thirty_days_across_fall_back_in_london() -> None:
    start = dt.datetime(2026, 10, 1, 1, 30, tzinfo=LONDON)  # BST, +1
    at = milestone_at(start, milestone_spec("30d"), LONDON)
    assert at == dt.datetime(2026, 10, 31, 1, 30, tzinfo=UTC)  # 01:30 GMT
    assert at - start == dt.timedelta(days=30, hours=1)


def test_thirty_days_across_lord_howes_half_hour_change() -> None:
    start = dt.datetime(2026, 9, 10, 2, 15, tzinfo=LORD_HOWE)  # +10:30
    at = milestone_at(start, milestone_spec("30d"), LORD_HOWE)
    seen = at.astimezone(LORD_HOWE)
    assert (seen.date(), seen.time()) == (dt.date(2026, 10, 10), dt.time(2, 15))
    assert seen.utcoffset() == dt.timedelta(hours=11)
    assert at - start == dt.timedelta(days=30, minutes=-30)


def test_a_skipped_wall_time_moves_forward_by_the_gap() -> None:
    # 4 October 2026 on Lord Howe Island skips 02:00-02:30.
    start = dt.datetime(2026, 9, 4, 2, 15, tzinfo=LORD_HOWE)
    seen = milestone_at(start, milestone_spec("30d"), LORD_HOWE).astimezone(LORD_HOWE)
    assert (seen.date(), seen.time()) == (dt.date(2026, 10, 4), dt.time(2, 45))
    # 8 March 2026 in New York skips 02:00-03:00.
    start = dt.datetime(2026, 2, 6, 2, 30, tzinfo=NEW_YORK)
    seen = milestone_at(start, milestone_spec("30d"), NEW_YORK).astimezone(NEW_YORK)
    assert (seen.date(), seen.time()) == (dt.date(2026, 3, 8), dt.time(3, 30))


def test_a_repeated_wall_time_takes_its_first_occurrence() -> None:
    # 1 November 2026 in New York repeats 01:00-02:00.
    start = dt.datetime(2026, 10, 2, 1, 30, tzinfo=NEW_YORK)
    at = milestone_at(start, milestone_spec("30d"), NEW_YORK)
    assert at == dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT


def test_twenty_four_hours_across_spring_forward() -> None:
    start = dt.datetime(2026, 3, 7, 12, 0, tzinfo=NEW_YORK)
    seen = milestone_at(start, milestone_spec("24h"), NEW_YORK).astimezone(NEW_YORK)
    assert seen.replace(tzinfo=None) == dt.datetime(2026, 3, 8, 13, 0)


def test_a_29_february_start_reaches_one_year_on_28_february() -> None:
    start = dt.datetime(2024, 2, 29, 10, 0, tzinfo=LONDON)
    one_year = milestone_at(start, milestone_spec("1y"), LONDON).astimezone(LONDON)
    assert one_year.replace(tzinfo=None) == dt.datetime(2025, 2, 28, 10, 0)
    four = milestone_at(start, milestone_spec("4y"), LONDON).astimezone(LONDON)
    assert four.replace(tzinfo=None) == dt.datetime(2028, 2, 29, 10, 0)
    six = milestone_at(start, milestone_spec("6m"), LONDON).astimezone(LONDON)
    assert six.replace(tzinfo=None) == dt.datetime(2024, 8, 29, 10, 0)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 6, dt.date(2026, 7, 31)),
        (dt.date(2026, 1, 31), 9, dt.date(2026, 10, 31)),
        (dt.date(2025, 8, 31), 6, dt.date(2026, 2, 28)),
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
        (dt.date(2026, 5, 31), 18, dt.date(2027, 11, 30)),
        (dt.date(2026, 12, 15), 12, dt.date(2027, 12, 15)),
    ],
)
def test_short_months_fall_back_to_their_last_day(
    start: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(start, months) == expected


def test_the_milestones_in_order_and_in_words() -> None:
    keys = [
        spec.key
        for spec, _ in zip(clock_math.milestone_specs(), range(11), strict=False)
    ]
    assert keys == [
        "24h",
        "30d",
        "60d",
        "90d",
        "6m",
        "9m",
        "1y",
        "18m",
        "2y",
        "3y",
        "4y",
    ]
    assert [milestone_label(k) for k in ("24h", "30d", "6m", "1y", "18m", "2y")] == [
        "24 hours",
        "30 days",
        "6 months",
        "1 year",
        "18 months",
        "2 years",
    ]
    orders = [clock_math.milestone_order(k) for k in keys]
    assert orders == sorted(orders)
    with pytest.raises(ValueError, match="not a milestone"):
        milestone_spec("7d")


def test_next_milestone_of_a_new_clock_is_24_hours() -> None:
    start = dt.datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    upcoming = next_milestone(start, start + dt.timedelta(hours=3), ZoneInfo("UTC"))
    assert upcoming is not None
    assert (upcoming.key, upcoming.at) == ("24h", start + dt.timedelta(hours=24))
    assert (
        milestones_reached(start, start + dt.timedelta(hours=24), ZoneInfo("UTC"))[
            0
        ].key
        == "24h"
    )
