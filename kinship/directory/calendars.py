"""iCalendar (RFC 5545) files of public meetings and groups.

Each meeting with a regular time becomes one recurring VEVENT written in the
meeting's own IANA zone, with a VTIMEZONE describing that zone, so calendar apps
keep the local wall-clock time across daylight-saving changes. The ``icalendar``
library does the RFC work (escaping, folding, VTIMEZONE rules).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from kinship.core.timezones import weekly_occurrence_day, zone

from .models import AttendanceMode, Group, Meeting, MeetingStatus, Recurrence

PRODID = "-//Kinship//Meetings//EN"
UID_SUFFIX = "@kinship"

# RRULE parts by recurrence. Monthly meetings are missing on purpose: the directory
# does not record which week of the month they meet, and guessing it from the date
# a meeting was listed would send people to a meeting that is not happening.
RECURRENCE_RULES: dict[str, dict[str, str | int]] = {
    Recurrence.WEEKLY: {"FREQ": "WEEKLY"},
    Recurrence.BIWEEKLY: {"FREQ": "WEEKLY", "INTERVAL": 2},
}

# VTIMEZONE transitions are written out this many years past today; later than that
# a client without its own zone data would keep the last offset it was given.
TIMEZONE_YEARS_AHEAD = 15

# Turns a site path into an absolute URL, e.g. ``request.build_absolute_uri``.
AbsoluteUrl = Callable[[str], str]


def meeting_in_calendar(meeting: Meeting) -> bool:
    """Whether a meeting goes into calendars: an active one with a regular time.

    Meetings by appointment have no time to give, temporarily closed ones are not
    happening, and monthly ones lack the week of the month (see RECURRENCE_RULES).
    """
    return (
        meeting.weekday is not None
        and meeting.start_time is not None
        and meeting.status == MeetingStatus.ACTIVE
        and meeting.recurrence in RECURRENCE_RULES
    )


def meeting_first_start(meeting: Meeting) -> dt.datetime:
    """The first start on or after the day the meeting was listed, in its zone.

    Anchored to the listing date rather than to today, so every download gives the
    same file and an every-other-week meeting keeps the same weeks. The wall-clock
    time is kept even inside a spring-forward gap: RFC 5545 says how clients read
    such a time, and moving DTSTART would move every later week too.
    """
    assert meeting.weekday is not None
    assert meeting.start_time is not None
    tz = zone(meeting.timezone)
    listed = meeting.created_at.astimezone(tz).date()
    day = weekly_occurrence_day(meeting.weekday, listed)
    return dt.datetime.combine(day, meeting.start_time, tzinfo=tz)


def meeting_revised_at(meeting: Meeting) -> dt.datetime:
    """When anything a meeting's event shows was last changed (its DTSTAMP)."""
    times = [meeting.updated_at, meeting.group.updated_at]
    if meeting.location is not None:
        times.append(meeting.location.updated_at)
    return max(times).astimezone(dt.UTC)


def meeting_place(meeting: Meeting) -> str:
    """The place name and address of a meeting held somewhere, else empty."""
    location = meeting.location
    if location is None or meeting.attendance_mode == AttendanceMode.ONLINE:
        return ""
    address = location.formatted_address or " ".join(
        part
        for part in (
            location.street,
            location.city,
            location.region,
            location.postal_code,
        )
        if part
    )
    return ", ".join(part for part in (location.name, address) if part)


def meeting_description(meeting: Meeting, *, page_url: str) -> str:
    """The event's text: the group, how to join, the notes and the meeting page."""
    group = meeting.group
    paragraphs = [
        _("Group: %(group)s (%(program)s)")
        % {"group": group.name, "program": group.program.display_name}
    ]
    if meeting.conference_url:
        joining = _("Join online: %(url)s") % {"url": meeting.conference_url}
        paragraphs.append(f"{joining}\n{meeting.conference_url_notes}")
    if meeting.conference_phone:
        calling = _("By phone: %(phone)s") % {"phone": meeting.conference_phone}
        paragraphs.append(f"{calling}\n{meeting.conference_phone_notes}")
    paragraphs.append(meeting.notes)
    paragraphs.append(_("More about this meeting: %(url)s") % {"url": page_url})
    return "\n\n".join(text.strip() for text in paragraphs if text.strip())


def meeting_event(meeting: Meeting, *, absolute_url: AbsoluteUrl) -> Event:
    """The recurring VEVENT of a meeting that ``meeting_in_calendar`` accepts."""
    start = meeting_first_start(meeting)
    page_url = absolute_url(meeting.get_absolute_url())
    revised_at = meeting_revised_at(meeting)
    event = Event.new(
        uid=f"{meeting.uuid}{UID_SUFFIX}",
        stamp=revised_at,
        last_modified=revised_at,
        start=start,
        # Wall-clock arithmetic in the meeting's zone: 23:00 + 1:30 ends at 00:30
        # local time on the next day, whatever the clocks did in between.
        end=start + meeting.duration,
        summary=meeting.name,
        location=meeting_place(meeting) or None,
        url=page_url,
        description=meeting_description(meeting, page_url=page_url),
    )
    event.add("RRULE", RECURRENCE_RULES[meeting.recurrence])
    return event


def meetings_calendar(
    name: str,
    meetings: Iterable[Meeting],
    *,
    absolute_url: AbsoluteUrl,
    now: dt.datetime,
) -> Calendar:
    """A calendar named ``name`` with the events of the meetings that have a time.

    One VTIMEZONE is added for each zone the events use, from the earliest start.
    """
    calendar = Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    calendar.calendar_name = name
    scheduled = [meeting for meeting in meetings if meeting_in_calendar(meeting)]
    for meeting in scheduled:
        calendar.add_component(meeting_event(meeting, absolute_url=absolute_url))
    if scheduled:
        first_day = min(meeting_first_start(meeting).date() for meeting in scheduled)
        calendar.add_missing_timezones(
            first_date=first_day,
            last_date=dt.date(now.year + TIMEZONE_YEARS_AHEAD, 1, 1),
        )
    return calendar


def meeting_calendar(
    meeting: Meeting, *, absolute_url: AbsoluteUrl, now: dt.datetime
) -> Calendar:
    """The calendar of one meeting: its event, or none when it has no regular time."""
    return meetings_calendar(
        meeting.name, [meeting], absolute_url=absolute_url, now=now
    )


def group_calendar(
    group: Group,
    meetings: Iterable[Meeting],
    *,
    absolute_url: AbsoluteUrl,
    now: dt.datetime,
) -> Calendar:
    """The calendar of a group: one event per meeting with a regular time."""
    return meetings_calendar(group.name, meetings, absolute_url=absolute_url, now=now)
