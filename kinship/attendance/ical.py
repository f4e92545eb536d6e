"""A member's schedule as an iCalendar feed (their private webcal address).

Each occurrence is its own VEVENT dated in the meeting's IANA zone (TZID, with a
VTIMEZONE per zone), so cancelled, moved and online-only weeks and one-off RSVPs
come out as they are. The event texts reuse the directory's calendar helpers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from kinship.directory.calendars import (
    PRODID,
    UID_SUFFIX,
    AbsoluteUrl,
    meeting_description,
    meeting_place,
    meeting_revised_at,
)

from .models import RsvpAnswer
from .selectors import ScheduleItem

# What the feed covers around the day it is read.
FEED_PAST = dt.timedelta(days=14)
FEED_AHEAD = dt.timedelta(days=90)


def schedule_event(item: ScheduleItem, *, absolute_url: AbsoluteUrl) -> Event:
    meeting, occurrence = item.meeting, item.occurrence
    page_url = absolute_url(meeting.get_absolute_url())
    description = meeting_description(meeting, page_url=page_url)
    if occurrence.moved:
        description = _("Moved this week.") + "\n\n" + description
    if occurrence.online_only:
        description = _("Online only this week.") + "\n\n" + description
    if occurrence.note:
        description = occurrence.note + "\n\n" + description
    revised_at = meeting_revised_at(meeting)
    place = "" if occurrence.online_only else meeting_place(meeting)
    event = Event.new(
        uid=f"{meeting.uuid}-{occurrence.stamp}{UID_SUFFIX}",
        stamp=revised_at,
        last_modified=revised_at,
        start=occurrence.local_start,
        summary=meeting.name,
        location=place or None,
        url=page_url,
        description=description,
    )
    # A length rather than a local end: an end in a fall-back hour is ambiguous.
    event.add("DURATION", occurrence.ends_at - occurrence.starts_at)
    return event


def schedule_calendar(
    items: Iterable[ScheduleItem], *, absolute_url: AbsoluteUrl, now: dt.datetime
) -> Calendar:
    """The calendar of a schedule, without the occurrences answered "not going"."""
    calendar = Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    calendar.calendar_name = _("My meetings (Kinship)")
    kept = [item for item in items if item.answer != RsvpAnswer.NOT_GOING]
    for item in kept:
        calendar.add_component(schedule_event(item, absolute_url=absolute_url))
    if kept:
        calendar.add_missing_timezones(
            first_date=min(item.occurrence.local_date for item in kept),
            last_date=(now + FEED_AHEAD + dt.timedelta(days=7)).date(),
        )
    return calendar
