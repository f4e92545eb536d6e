"""Dated occurrences of meetings, computed in each meeting's own IANA zone.

Weekly meetings happen on their weekday at their wall-clock time, whatever the
clocks did (a start inside a spring-forward gap moves forward by the gap, as
``kinship.core.timezones.local_datetime`` does). Every-other-week meetings keep the
weeks of ``kinship.directory.calendars.meeting_first_start``: the first meeting day on
or after the day the meeting was listed, and every second week from it, both ways.

Monthly meetings and meetings by appointment have no computable occurrences: the
directory does not record which week of the month a monthly meeting meets, and a
meeting by appointment has no time. Temporarily closed meetings have none either.

The functions here are pure; ``kinship.attendance.services.occurrence_materialize``
stores an occurrence once someone RSVPs or attends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Protocol
from zoneinfo import ZoneInfo

from kinship.core.timezones import local_datetime, weekly_occurrence_day, zone
from kinship.directory.models import (
    DEFAULT_MEETING_LENGTH,
    MeetingStatus,
    Recurrence,
)

from .models import ExceptionKind

# A meeting lasts at most a day, so a range widened by this finds every occurrence
# that could overlap it whatever the zone's offset.
SEARCH_MARGIN = dt.timedelta(days=2)
# Compact UTC stamp of a start, used in URLs and forms.
START_FORMAT = "%Y%m%dT%H%M%SZ"


class ScheduledMeeting(Protocol):
    """What occurrences need of a meeting (a ``Meeting``)."""

    @property
    def pk(self) -> int: ...

    @property
    def weekday(self) -> int | None: ...

    @property
    def start_time(self) -> dt.time | None: ...

    @property
    def end_time(self) -> dt.time | None: ...

    @property
    def timezone(self) -> str: ...

    @property
    def recurrence(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def created_at(self) -> dt.datetime: ...


class DatedChange(Protocol):
    """What occurrences need of a ``MeetingException``."""

    @property
    def local_date(self) -> dt.date: ...

    @property
    def kind(self) -> str: ...

    @property
    def moved_starts_at(self) -> dt.datetime | None: ...

    @property
    def note(self) -> str: ...


@dataclass(frozen=True, slots=True)
class PlannedOccurrence:
    """One occurrence of a meeting; ``regular_date`` is its usual local date.

    ``starts_at`` and ``ends_at`` are in UTC: aware datetimes that share a zone
    compare by wall time, which is wrong around a fall-back change.
    """

    meeting_id: int
    timezone: str
    regular_date: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    moved: bool = False
    online_only: bool = False
    note: str = ""

    @property
    def local_start(self) -> dt.datetime:
        return self.starts_at.astimezone(zone(self.timezone))

    @property
    def local_end(self) -> dt.datetime:
        return self.ends_at.astimezone(zone(self.timezone))

    @property
    def local_date(self) -> dt.date:
        return self.local_start.date()

    @property
    def stamp(self) -> str:
        return start_stamp(self.starts_at)


def start_stamp(moment: dt.datetime) -> str:
    """``20260707T230000Z``: a start as it appears in URLs and forms."""
    return moment.astimezone(dt.UTC).strftime(START_FORMAT)


def start_parse(text: str) -> dt.datetime | None:
    """A start from a stamp or an ISO 8601 datetime with an offset; None if neither."""
    text = (text or "").strip()
    try:
        moment = dt.datetime.strptime(text, START_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        return None
    return moment.astimezone(dt.UTC)


def has_occurrences(meeting: ScheduledMeeting) -> bool:
    """Whether occurrences can be computed: active, weekly or biweekly, with a time."""
    return (
        meeting.weekday is not None
        and meeting.start_time is not None
        and meeting.status == MeetingStatus.ACTIVE
        and meeting.recurrence in (Recurrence.WEEKLY, Recurrence.BIWEEKLY)
    )


def biweekly_anchor(meeting: ScheduledMeeting) -> dt.date:
    """The first meeting day on or after the listing date (as the calendars anchor)."""
    assert meeting.weekday is not None
    listed = meeting.created_at.astimezone(zone(meeting.timezone)).date()
    return weekly_occurrence_day(meeting.weekday, listed)


def is_regular_date(meeting: ScheduledMeeting, day: dt.date) -> bool:
    """Whether the meeting regularly meets on a local date."""
    if not has_occurrences(meeting):
        return False
    assert meeting.weekday is not None
    if weekly_occurrence_day(meeting.weekday, day) != day:
        return False
    if meeting.recurrence == Recurrence.BIWEEKLY:
        return (day - biweekly_anchor(meeting)).days % 14 == 0
    return True


def regular_dates(
    meeting: ScheduledMeeting, first: dt.date, last: dt.date
) -> Iterator[dt.date]:
    """The local dates from ``first`` to ``last`` (inclusive) the meeting meets on."""
    if not has_occurrences(meeting):
        return
    assert meeting.weekday is not None
    day = weekly_occurrence_day(meeting.weekday, first)
    if meeting.recurrence == Recurrence.BIWEEKLY:
        offset = (day - biweekly_anchor(meeting)).days % 14
        day += dt.timedelta(days=(14 - offset) % 14)
    step = dt.timedelta(weeks=2 if meeting.recurrence == Recurrence.BIWEEKLY else 1)
    while day <= last:
        yield day
        day += step


def regular_occurrence(meeting: ScheduledMeeting, day: dt.date) -> PlannedOccurrence:
    """The occurrence on a regular date, as the meeting's wall-clock times say."""
    assert meeting.start_time is not None
    tz = zone(meeting.timezone)
    start = local_datetime(day, meeting.start_time, tz).astimezone(dt.UTC)
    return PlannedOccurrence(
        meeting_id=meeting.pk,
        timezone=meeting.timezone,
        regular_date=day,
        starts_at=start,
        ends_at=_end_of(meeting, day, start, tz),
    )


def _end_of(
    meeting: ScheduledMeeting, day: dt.date, start: dt.datetime, tz: ZoneInfo
) -> dt.datetime:
    if meeting.end_time is None or meeting.start_time is None:
        return start + DEFAULT_MEETING_LENGTH
    # An end at or before the start is on the next day (Meeting.crosses_midnight).
    crosses_midnight = meeting.end_time <= meeting.start_time
    end_day = day + dt.timedelta(days=1 if crosses_midnight else 0)
    end = local_datetime(end_day, meeting.end_time, tz).astimezone(dt.UTC)
    if end <= start:
        # A spring-forward gap moved the start past the end.
        end = start + DEFAULT_MEETING_LENGTH
    return end


def _changed(
    occurrence: PlannedOccurrence, change: DatedChange | None
) -> PlannedOccurrence | None:
    if change is None:
        return occurrence
    if change.kind == ExceptionKind.CANCELLED:
        return None
    if change.kind == ExceptionKind.MOVED and change.moved_starts_at is not None:
        start = change.moved_starts_at.astimezone(dt.UTC)
        return replace(
            occurrence,
            starts_at=start,
            ends_at=start + (occurrence.ends_at - occurrence.starts_at),
            moved=True,
            note=change.note,
        )
    if change.kind == ExceptionKind.ONLINE_ONLY:
        return replace(occurrence, online_only=True, note=change.note)
    return occurrence


def meeting_occurrences_between(
    meeting: ScheduledMeeting,
    start: dt.datetime,
    end: dt.datetime,
    changes: Iterable[DatedChange] = (),
) -> list[PlannedOccurrence]:
    """The occurrences starting at or after ``start`` and before ``end``, in order.

    ``changes`` are the meeting's exceptions (cancelled, moved, online only); give at
    least those dated within two days of the range and those moved into it.
    Monthly meetings, meetings by appointment and temporarily closed meetings
    have none.
    """
    if not has_occurrences(meeting) or end <= start:
        return []
    tz = zone(meeting.timezone)
    by_date = {change.local_date: change for change in changes}
    first = (start - SEARCH_MARGIN).astimezone(tz).date()
    last = (end + SEARCH_MARGIN).astimezone(tz).date()
    days = set(regular_dates(meeting, first, last))
    # A regular date far away can be moved into the range.
    days.update(
        day
        for day, change in by_date.items()
        if change.kind == ExceptionKind.MOVED and is_regular_date(meeting, day)
    )
    found = []
    for day in days:
        occurrence = _changed(regular_occurrence(meeting, day), by_date.get(day))
        if occurrence is not None and start <= occurrence.starts_at < end:
            found.append(occurrence)
    return sorted(found, key=lambda occurrence: occurrence.starts_at)


def meeting_occurrence_at(
    meeting: ScheduledMeeting,
    starts_at: dt.datetime,
    changes: Iterable[DatedChange] = (),
) -> PlannedOccurrence | None:
    """The occurrence starting exactly at ``starts_at``, if there is one."""
    found = meeting_occurrences_between(
        meeting, starts_at, starts_at + dt.timedelta(seconds=1), changes
    )
    return next((o for o in found if o.starts_at == starts_at), None)
