"""Occurrences: weekly and biweekly dates in the meeting's zone, across DST, with
exceptions; only real occurrences are stored."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from kinship.attendance.models import ExceptionKind, Occurrence
from kinship.attendance.occurrences import (
    PlannedOccurrence,
    is_regular_date,
    meeting_occurrences_between,
    start_parse,
    start_stamp,
)
from kinship.attendance.services import occurrence_materialize
from kinship.core.timezones import sunday_based_weekday, zone
from kinship.directory.calendars import meeting_first_start
from kinship.directory.models import MeetingStatus, Recurrence
from kinship.directory.tests.factories import MeetingFactory
from kinship.members.tests.personas import Cast

from .conftest import LAST_MONDAY, NEXT_MONDAY, NOW

ZONES = [
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Pacific/Auckland",
    "Asia/Kolkata",
    "UTC",
]


@dataclass
class Schedule:
    """A stand-in for ``Meeting`` with what occurrences read."""

    weekday: int | None
    start_time: dt.time | None
    end_time: dt.time | None = None
    timezone: str = "America/New_York"
    recurrence: str = Recurrence.WEEKLY
    status: str = MeetingStatus.ACTIVE
    created_at: dt.datetime = NOW
    pk: int = 1


@dataclass
class Change:
    local_date: dt.date
    kind: str
    moved_starts_at: dt.datetime | None = None
    note: str = field(default="")


def wall_time_kept_or_moved_by_gap(
    occurrence: PlannedOccurrence, meeting: Schedule
) -> bool:
    assert meeting.start_time is not None
    tz = zone(meeting.timezone)
    local = occurrence.starts_at.astimezone(tz)
    if local.time() == meeting.start_time:
        return True
    # Otherwise the wall time must not exist that day, and the start moved forward.
    wanted = dt.datetime.combine(occurrence.regular_date, meeting.start_time)
    exists = (
        wanted.replace(tzinfo=tz).astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None)
        == wanted
    )
    shift = local.replace(tzinfo=None) - wanted
    return not exists and dt.timedelta(0) < shift <= dt.timedelta(hours=2)


instants = st.datetimes(
    min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2035, 1, 1)
).map(lambda moment: moment.replace(tzinfo=dt.UTC))
wall_times = st.builds(
    dt.time, hour=st.integers(0, 23), minute=st.sampled_from([0, 15, 30, 45, 59])
)


@settings(max_examples=300, deadline=None)
@given(
    zone_name=st.sampled_from(ZONES),
    weekday=st.integers(0, 6),
    start_time=wall_times,
    start=instants,
    days=st.integers(1, 400),
)
def test_weekly_occurrences_keep_weekday_and_wall_time_across_dst(
    zone_name: str, weekday: int, start_time: dt.time, start: dt.datetime, days: int
) -> None:
    meeting = Schedule(weekday=weekday, start_time=start_time, timezone=zone_name)
    end = start + dt.timedelta(days=days)
    found = meeting_occurrences_between(meeting, start, end)
    tz = zone(zone_name)
    for occurrence in found:
        assert start <= occurrence.starts_at < end
        assert occurrence.ends_at > occurrence.starts_at
        assert sunday_based_weekday(occurrence.regular_date) == weekday
        assert occurrence.starts_at.astimezone(tz).date() == occurrence.regular_date
        assert wall_time_kept_or_moved_by_gap(occurrence, meeting)
    dates = [occurrence.regular_date for occurrence in found]
    # One a week: consecutive dates a week apart, none missing at either end.
    assert all(b - a == dt.timedelta(weeks=1) for a, b in itertools.pairwise(dates))
    first_local, last_local = start.astimezone(tz).date(), end.astimezone(tz).date()
    full_weeks = (last_local - first_local).days // 7 - 1
    assert len(found) >= max(full_weeks, 0)
    assert len(found) <= (last_local - first_local).days // 7 + 1


@settings(max_examples=150, deadline=None)
@given(
    zone_name=st.sampled_from(ZONES),
    weekday=st.integers(0, 6),
    start_time=wall_times,
    listed=instants,
    start=instants,
    days=st.integers(15, 200),
)
def test_biweekly_occurrences_keep_the_listing_weeks(
    zone_name: str,
    weekday: int,
    start_time: dt.time,
    listed: dt.datetime,
    start: dt.datetime,
    days: int,
) -> None:
    meeting = Schedule(
        weekday=weekday,
        start_time=start_time,
        timezone=zone_name,
        recurrence=Recurrence.BIWEEKLY,
        created_at=listed,
    )
    found = meeting_occurrences_between(meeting, start, start + dt.timedelta(days=days))
    anchor = meeting_first_start(meeting).date()  # type: ignore[arg-type]
    assert found
    for occurrence in found:
        assert (occurrence.regular_date - anchor).days % 14 == 0
        assert wall_time_kept_or_moved_by_gap(occurrence, meeting)
    dates = [occurrence.regular_date for occurrence in found]
    assert all(b - a == dt.timedelta(weeks=2) for a, b in itertools.pairwise(dates))


def test_evening_meeting_in_new_york_across_the_autumn_change() -> None:
    meeting = Schedule(weekday=1, start_time=dt.time(19), end_time=dt.time(20, 30))
    found = meeting_occurrences_between(
        meeting,
        dt.datetime(2026, 10, 20, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 6, tzinfo=dt.UTC),
    )
    utc = [occurrence.starts_at.astimezone(dt.UTC) for occurrence in found]
    # 26 October on daylight time, 2 November on standard time: 19:00 both.
    assert utc == [
        dt.datetime(2026, 10, 26, 23, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 3, 0, 0, tzinfo=dt.UTC),
    ]
    assert [o.ends_at - o.starts_at for o in found] == [dt.timedelta(minutes=90)] * 2


def test_a_start_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    # Sunday 14 March 2027, 02:30 does not exist in New York: it is 03:30 EDT.
    meeting = Schedule(weekday=0, start_time=dt.time(2, 30), end_time=dt.time(3, 0))
    (found,) = meeting_occurrences_between(
        meeting,
        dt.datetime(2027, 3, 13, tzinfo=dt.UTC),
        dt.datetime(2027, 3, 16, tzinfo=dt.UTC),
    )
    assert found.starts_at.astimezone(zone("America/New_York")).time() == dt.time(3, 30)
    assert found.ends_at > found.starts_at  # the end before the moved start is not kept


def test_lord_howe_half_hour_change() -> None:
    # Lord Howe Island goes from +10:30 to +11 on the first Sunday of October.
    meeting = Schedule(
        weekday=0, start_time=dt.time(2, 15), timezone="Australia/Lord_Howe"
    )
    (found,) = meeting_occurrences_between(
        meeting,
        dt.datetime(2026, 10, 3, tzinfo=dt.UTC),
        dt.datetime(2026, 10, 5, tzinfo=dt.UTC),
    )
    assert found.starts_at.astimezone(zone("Australia/Lord_Howe")).time() == dt.time(
        2, 45
    )


def test_biweekly_meetings_meet_on_the_weeks_of_the_calendar_feed() -> None:
    # Listed on Tuesday 7 July 2026; Mondays every other week from 13 July.
    meeting = Schedule(
        weekday=1, start_time=dt.time(19), recurrence=Recurrence.BIWEEKLY
    )
    found = meeting_occurrences_between(
        meeting, NOW - dt.timedelta(days=30), NOW + dt.timedelta(days=30)
    )
    assert [o.regular_date for o in found] == [
        dt.date(2026, 6, 15),
        dt.date(2026, 6, 29),
        dt.date(2026, 7, 13),
        dt.date(2026, 7, 27),
    ]
    assert is_regular_date(meeting, dt.date(2026, 7, 13))
    assert not is_regular_date(meeting, dt.date(2026, 7, 20))


@pytest.mark.parametrize(
    "meeting",
    [
        Schedule(weekday=1, start_time=dt.time(19), recurrence=Recurrence.MONTHLY),
        Schedule(weekday=None, start_time=None),
        Schedule(
            weekday=1, start_time=dt.time(19), status=MeetingStatus.TEMPORARILY_CLOSED
        ),
    ],
    ids=["monthly", "by-appointment", "temporarily-closed"],
)
def test_meetings_without_computable_occurrences(meeting: Schedule) -> None:
    assert meeting_occurrences_between(meeting, NOW, NOW + dt.timedelta(days=90)) == []


def test_exceptions_cancel_move_and_mark_online_only() -> None:
    meeting = Schedule(weekday=1, start_time=dt.time(19), end_time=dt.time(20))
    moved_to = dt.datetime(2026, 7, 22, 18, 0, tzinfo=zone("America/New_York"))
    changes = [
        Change(dt.date(2026, 7, 13), ExceptionKind.CANCELLED),
        Change(dt.date(2026, 7, 20), ExceptionKind.MOVED, moved_to, "Hall booked"),
        Change(dt.date(2026, 7, 27), ExceptionKind.ONLINE_ONLY),
    ]
    found = meeting_occurrences_between(
        meeting, NOW, NOW + dt.timedelta(days=28), changes
    )
    assert [(o.starts_at, o.moved, o.online_only) for o in found] == [
        (moved_to, True, False),
        (dt.datetime(2026, 7, 27, 23, 0, tzinfo=dt.UTC), False, True),
        (dt.datetime(2026, 8, 3, 23, 0, tzinfo=dt.UTC), False, False),
    ]
    assert found[0].ends_at - found[0].starts_at == dt.timedelta(hours=1)
    assert found[0].note == "Hall booked"


def test_an_occurrence_moved_from_a_far_week_into_the_range_is_found() -> None:
    meeting = Schedule(weekday=1, start_time=dt.time(19))
    moved_to = dt.datetime(2026, 7, 9, 19, 0, tzinfo=zone("America/New_York"))
    changes = [Change(dt.date(2026, 9, 7), ExceptionKind.MOVED, moved_to)]
    found = meeting_occurrences_between(
        meeting, NOW, NOW + dt.timedelta(days=3), changes
    )
    assert [o.starts_at for o in found] == [moved_to]


def test_start_stamps_round_trip_and_garbage_is_none() -> None:
    assert start_parse(start_stamp(NEXT_MONDAY)) == NEXT_MONDAY
    assert start_parse("2026-07-13T19:00:00-04:00") == NEXT_MONDAY
    assert start_parse("2026-07-13T19:00:00") is None  # no offset: ambiguous
    assert start_parse("not a date") is None
    assert start_parse("") is None


@pytest.mark.django_db
def test_materialize_stores_a_real_occurrence_once(cast: Cast) -> None:
    first = occurrence_materialize(meeting=cast.meeting, starts_at=NEXT_MONDAY)
    again = occurrence_materialize(meeting=cast.meeting, starts_at=NEXT_MONDAY)
    assert first.pk == again.pk
    assert first.local_date == dt.date(2026, 7, 13)
    assert first.ends_at - first.starts_at == dt.timedelta(hours=1)
    # Past occurrences are real too (attendance is recorded after the fact).
    assert occurrence_materialize(meeting=cast.meeting, starts_at=LAST_MONDAY).pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "starts_at",
    [
        NEXT_MONDAY + dt.timedelta(minutes=1),
        NEXT_MONDAY + dt.timedelta(days=1),
        NEXT_MONDAY.replace(hour=22),
    ],
)
def test_materialize_refuses_a_start_that_is_not_an_occurrence(
    cast: Cast, starts_at: dt.datetime
) -> None:
    with pytest.raises(ValidationError, match="does not meet at that time"):
        occurrence_materialize(meeting=cast.meeting, starts_at=starts_at)
    assert not Occurrence.objects.exists()


@pytest.mark.django_db
def test_materialize_refuses_any_start_of_a_monthly_meeting(cast: Cast) -> None:
    monthly = MeetingFactory.create(recurrence=Recurrence.MONTHLY)
    with pytest.raises(ValidationError):
        occurrence_materialize(meeting=monthly, starts_at=NEXT_MONDAY)
