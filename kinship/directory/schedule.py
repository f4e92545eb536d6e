"""When a weekly meeting happens next, as seen in its own zone and the viewer's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from django.utils import dateformat
from django.utils.translation import gettext, pgettext

from kinship.core import when
from kinship.core.timezones import local_datetime, weekly_occurrence_start, zone

from .models import DEFAULT_MEETING_LENGTH

STARTING_SOON = dt.timedelta(hours=1)


class WeeklyMeeting(Protocol):
    """What a schedule needs of a meeting: a ``Meeting`` or a result's summary."""

    @property
    def weekday(self) -> int | None: ...

    @property
    def start_time(self) -> dt.time | None: ...

    @property
    def end_time(self) -> dt.time | None: ...

    @property
    def timezone(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Occurrence:
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True, slots=True)
class MeetingWhen:
    """The current or next occurrence of a meeting with its display labels."""

    occurrence: Occurrence
    in_progress: bool
    starting_soon: bool
    local_label: str
    viewer_label: str | None
    viewer_start: dt.datetime
    # "Tonight 7:00 PM", "Tomorrow 7:00 AM", "Sat, Dec 12, 7:00 PM": the start in
    # the viewer's zone, said relative to the viewer's today.
    viewer_day_label: str = ""


def occurrence_starting(meeting: WeeklyMeeting, start: dt.datetime) -> Occurrence:
    assert meeting.start_time is not None
    tz = start.tzinfo
    assert isinstance(tz, ZoneInfo)
    if meeting.end_time is None:
        end = (start.astimezone(dt.UTC) + DEFAULT_MEETING_LENGTH).astimezone(tz)
    else:
        # As ``Meeting.crosses_midnight``: an end at or before the start is next day.
        crosses_midnight = meeting.end_time <= meeting.start_time
        end_day = start.date() + dt.timedelta(days=1 if crosses_midnight else 0)
        end = local_datetime(end_day, meeting.end_time, tz)
    return Occurrence(start=start, end=end)


def current_or_next_occurrence(
    meeting: WeeklyMeeting, now: dt.datetime
) -> Occurrence | None:
    """The occurrence in progress at ``now``, else the next one; None by appointment.

    A meeting lasts at most a day, so only a start from yesterday (local) onwards can
    still be in progress.
    """
    if meeting.weekday is None or meeting.start_time is None:
        return None
    tz = zone(meeting.timezone)
    local_today = now.astimezone(tz).date()
    start = weekly_occurrence_start(
        meeting.weekday, meeting.start_time, tz, local_today - dt.timedelta(days=1)
    )
    occurrence = occurrence_starting(meeting, start)
    if occurrence.end <= now:
        # Once a week: after the one from yesterday or today, the next is a week on.
        start = weekly_occurrence_start(
            meeting.weekday,
            meeting.start_time,
            tz,
            start.date() + dt.timedelta(days=1),
        )
        occurrence = occurrence_starting(meeting, start)
    return occurrence


def when_label(moment: dt.datetime) -> str:
    """``Monday 7:00 PM EDT`` in the active language (a weekly meeting's time)."""
    return dateformat.format(moment, pgettext("date format", "l g:i A T"))


# From this hour, a start later today is "tonight".
EVENING_FROM = dt.time(17)


def day_label(moment: dt.datetime, *, now: dt.datetime) -> str:
    """A start as people say it, in ``moment``'s zone: "Tonight 7:00 PM",
    "Today 10:00 AM", "Tomorrow 7:00 PM", else "Sat, Dec 12, 7:00 PM" (the
    shared labels of ``kinship.core.when``).
    """
    tz = moment.tzinfo
    assert tz is not None
    days = (moment.date() - now.astimezone(tz).date()).days
    time = when.time_label(moment, tz=tz)
    if days == 0:
        if moment.timetz().replace(tzinfo=None) >= EVENING_FROM:
            return gettext("Tonight %(time)s") % {"time": time}
        return gettext("Today %(time)s") % {"time": time}
    if days == 1:
        return gettext("Tomorrow %(time)s") % {"time": time}
    return when.datetime_label(moment, tz=tz, now=now)


def meeting_when(
    meeting: WeeklyMeeting, *, now: dt.datetime, viewer_tz: ZoneInfo
) -> MeetingWhen | None:
    occurrence = current_or_next_occurrence(meeting, now)
    if occurrence is None:
        return None
    local_label = when_label(occurrence.start)
    viewer_start = occurrence.start.astimezone(viewer_tz)
    viewer_label = when_label(viewer_start)
    return MeetingWhen(
        occurrence=occurrence,
        in_progress=occurrence.start <= now < occurrence.end,
        starting_soon=dt.timedelta(0) < occurrence.start - now <= STARTING_SOON,
        local_label=local_label,
        viewer_label=None if viewer_label == local_label else viewer_label,
        viewer_start=viewer_start,
        viewer_day_label=day_label(viewer_start, now=now),
    )
