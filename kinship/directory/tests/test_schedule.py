"""Next occurrences, badges and time zones, including daylight-saving changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from kinship.core.timezones import sunday_based_weekday
from kinship.directory.models import Meeting
from kinship.directory.schedule import current_or_next_occurrence, meeting_when

NEW_YORK = ZoneInfo("America/New_York")
ZONES = [
    "America/New_York",
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Sydney",
    "Asia/Kolkata",
    "America/Phoenix",
]


def meeting(
    weekday: int | None,
    start: dt.time | None,
    end: dt.time | None,
    tz: str = "America/New_York",
) -> Meeting:
    return Meeting(
        weekday=weekday,
        start_time=start,
        end_time=end,
        timezone=tz,
        attendance_mode="online",
    )


def test_seven_pm_new_york_is_23_utc_in_july_and_00_utc_in_january() -> None:
    m = meeting(3, dt.time(19), dt.time(20))
    july = current_or_next_occurrence(m, dt.datetime(2026, 7, 1, 0, 0, tzinfo=dt.UTC))
    january = current_or_next_occurrence(
        m, dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC)
    )
    assert july is not None
    assert january is not None
    assert july.start.astimezone(dt.UTC).time() == dt.time(23)
    assert january.start.astimezone(dt.UTC).time() == dt.time(0)


def test_wall_time_is_kept_across_the_spring_change() -> None:
    # Sunday 8 March 2026, 02:00 -> 03:00 in New York: a 09:00 meeting stays 09:00.
    m = meeting(0, dt.time(9), dt.time(10))
    before = dt.datetime(2026, 3, 7, 12, tzinfo=dt.UTC)
    occurrence = current_or_next_occurrence(m, before)
    assert occurrence is not None
    assert occurrence.start.astimezone(NEW_YORK).time() == dt.time(9)
    assert occurrence.start.astimezone(dt.UTC) == dt.datetime(
        2026, 3, 8, 13, tzinfo=dt.UTC
    )


def test_meeting_in_the_skipped_hour_moves_forward() -> None:
    m = meeting(0, dt.time(2, 30), dt.time(3, 30))
    occurrence = current_or_next_occurrence(
        m, dt.datetime(2026, 3, 7, 12, tzinfo=dt.UTC)
    )
    assert occurrence is not None
    assert occurrence.start.astimezone(NEW_YORK).time() == dt.time(3, 30)


def test_by_appointment_has_no_occurrence() -> None:
    m = meeting(None, None, None)
    assert current_or_next_occurrence(m, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)) is None
    assert (
        meeting_when(m, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), viewer_tz=NEW_YORK)
        is None
    )


def test_starting_soon_is_within_an_hour() -> None:
    m = meeting(2, dt.time(19), dt.time(20))
    tuesday = dt.datetime(2026, 7, 7, tzinfo=NEW_YORK)
    at = lambda h, mi=0: tuesday.replace(hour=h, minute=mi)  # noqa: E731
    assert meeting_when(m, now=at(18, 0), viewer_tz=NEW_YORK).starting_soon  # type: ignore[union-attr]
    assert not meeting_when(m, now=at(17, 59), viewer_tz=NEW_YORK).starting_soon  # type: ignore[union-attr]
    in_progress = meeting_when(m, now=at(19, 59), viewer_tz=NEW_YORK)
    assert in_progress is not None
    assert in_progress.in_progress
    ended = meeting_when(m, now=at(20, 0), viewer_tz=NEW_YORK)
    assert ended is not None
    assert not ended.in_progress
    assert ended.occurrence.start.date() == dt.date(2026, 7, 14)


def test_saturday_night_meeting_running_into_sunday() -> None:
    m = meeting(6, dt.time(23, 30), dt.time(1, 0))
    sunday_early = dt.datetime(2026, 7, 12, 0, 45, tzinfo=NEW_YORK)
    when = meeting_when(m, now=sunday_early, viewer_tz=NEW_YORK)
    assert when is not None
    assert when.in_progress
    assert when.occurrence.start == dt.datetime(2026, 7, 11, 23, 30, tzinfo=NEW_YORK)
    assert when.occurrence.end == dt.datetime(2026, 7, 12, 1, 0, tzinfo=NEW_YORK)


@given(
    weekday=st.integers(0, 6),
    start=st.times(),
    length_minutes=st.integers(1, 23 * 60),
    tz=st.sampled_from(ZONES),
    now=st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2099, 12, 31),
        timezones=st.just(dt.UTC),
    ),
)
def test_occurrence_properties(
    weekday: int, start: dt.time, length_minutes: int, tz: str, now: dt.datetime
) -> None:
    start = start.replace(microsecond=0, second=0)
    end = (
        dt.datetime.combine(dt.date(2000, 1, 1), start)
        + dt.timedelta(minutes=length_minutes)
    ).time()
    m = meeting(weekday, start, end, tz)
    occurrence = current_or_next_occurrence(m, now)
    assert occurrence is not None
    local_start = occurrence.start.astimezone(ZoneInfo(tz))
    # On the meeting's weekday, in its own zone, ending after now, within a week.
    assert sunday_based_weekday(local_start.date()) == weekday
    assert occurrence.end > now
    assert occurrence.start - now <= dt.timedelta(days=7, hours=1)
    assert occurrence.end > occurrence.start
    # The wall-clock start is kept unless a DST gap skipped it (then moved forward).
    gap_moved = local_start.time() != start
    if gap_moved:
        assert local_start.time() > start
        assert (
            dt.datetime.combine(dt.date(2000, 1, 1), local_start.time())
            - dt.datetime.combine(dt.date(2000, 1, 1), start)
        ) <= dt.timedelta(hours=1)


@given(
    weekday=st.integers(0, 6),
    start=st.times(),
    end=st.none() | st.times(),
    tz=st.sampled_from(ZONES),
    now=st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2099, 12, 31),
        timezones=st.just(dt.UTC),
    ),
)
def test_occurrence_length_follows_the_models_rules(
    weekday: int, start: dt.time, end: dt.time | None, tz: str, now: dt.datetime
) -> None:
    """Reading only day, times and zone, it ends where the model's rules say."""
    start = start.replace(second=0, microsecond=0)
    end = end.replace(second=0, microsecond=0) if end else None
    m = meeting(weekday, start, end, tz)
    occurrence = current_or_next_occurrence(m, now)
    assert occurrence is not None
    if end is None:
        assert occurrence.end - occurrence.start == m.duration
    else:
        local_start = occurrence.start.astimezone(ZoneInfo(tz))
        local_end = occurrence.end.astimezone(ZoneInfo(tz))
        days = (local_end.date() - local_start.date()).days
        assert days == (1 if m.crosses_midnight else 0)


def test_a_skipped_wall_time_with_fold_moves_forward_too() -> None:
    # 02:00 does not exist in New York on 2007-03-11; with fold=1 zoneinfo would
    # resolve it an hour backward (01:00 EST). A meeting moves forward, to 03:00.
    m = meeting(0, dt.time(2, 0, fold=1), dt.time(3, 0), "America/New_York")
    now = dt.datetime(2007, 3, 10, 12, 0, tzinfo=dt.UTC)
    occurrence = current_or_next_occurrence(m, now)
    assert occurrence is not None
    assert occurrence.start.astimezone(NEW_YORK) == dt.datetime(
        2007, 3, 11, 3, 0, tzinfo=NEW_YORK
    )
