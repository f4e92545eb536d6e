"""iCalendar export of meetings and groups: parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar, Event

from kinship.directory.models import (
    AttendanceMode,
    MeetingStatus,
    Recurrence,
    Visibility,
)

from .factories import GroupFactory, LocationFactory, MeetingFactory, online_meeting

pytestmark = pytest.mark.django_db

NEW_YORK = "America/New_York"


def download(client: Client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def only_event(calendar: Calendar) -> Event:
    events = calendar.events
    assert len(events) == 1
    return events[0]


def starts_and_ends(event: Event) -> tuple[dt.datetime, dt.datetime]:
    start, end = event.start, event.end
    assert isinstance(start, dt.datetime)
    assert isinstance(end, dt.datetime)
    return start, end


def weekly_starts(event: Event, count: int) -> list[dt.datetime]:
    """The first ``count`` starts of a FREQ=WEEKLY event: same wall time each week."""
    (rule,) = event.rrules
    assert rule["FREQ"] == ["WEEKLY"]
    assert set(rule) <= {"FREQ", "INTERVAL"}
    step = dt.timedelta(weeks=rule.get("INTERVAL", [1])[0])
    first, _ = starts_and_ends(event)
    assert first.tzinfo is not None
    return [
        dt.datetime.combine(first.date() + k * step, first.time(), first.tzinfo)
        for k in range(count)
    ]


def in_utc(moment: dt.datetime) -> tuple[dt.date, dt.time]:
    utc = moment.astimezone(dt.UTC)
    return utc.date(), utc.time()


def test_evening_meeting_keeps_its_local_time_across_daylight_saving(
    client: Client, frozen_now: dt.datetime
) -> None:
    # Listed on Tuesday 7 July 2026; it meets on Mondays at 19:00 New York time.
    MeetingFactory.create(slug="monday-night", weekday=1, start_time=dt.time(19, 0))
    calendar = download(client, "/meetings/monday-night.ics")
    event = only_event(calendar)
    start, _ = starts_and_ends(event)
    assert start == dt.datetime(2026, 7, 13, 19, 0, tzinfo=start.tzinfo)
    assert str(event["DTSTART"].params["TZID"]) == NEW_YORK

    starts = weekly_starts(event, 30)
    july = next(s for s in starts if s.month == 7)
    january = next(s for s in starts if s.year == 2027 and s.month == 1)
    assert in_utc(july) == (dt.date(2026, 7, 13), dt.time(23, 0))
    assert january.date() == dt.date(2027, 1, 4)  # a Monday, on standard time
    assert in_utc(january) == (dt.date(2027, 1, 5), dt.time(0, 0))

    # A client without its own zone data reads the offsets from our VTIMEZONE.
    (vtimezone,) = calendar.timezones
    assert vtimezone.tz_name == NEW_YORK
    described = vtimezone.to_tz(lookup_tzid=False)
    assert in_utc(july.replace(tzinfo=described)) == in_utc(july)
    assert in_utc(january.replace(tzinfo=described)) == in_utc(january)


def test_meeting_event_carries_name_place_link_and_how_to_join(
    client: Client, frozen_now: dt.datetime
) -> None:
    meeting = MeetingFactory.create(
        slug="bridge-wednesday",
        name="Bridge Wednesday",
        group=GroupFactory.create(name="Bridge Group"),
        weekday=3,
        start_time=dt.time(18, 30),
        end_time=dt.time(20, 0),
        attendance_mode=AttendanceMode.HYBRID,
        location=LocationFactory.create(
            name="Lakeside Church", formatted_address="1 Lake St, Chicago, IL"
        ),
        conference_url="https://zoom.us/j/987654321",
        conference_phone="+1 312 555 0100",
        notes="Use the side door.",
    )
    calendar = download(client, "/meetings/bridge-wednesday.ics")
    assert calendar["PRODID"] == "-//Kinship//Meetings//EN"
    assert calendar["VERSION"] == "2.0"
    assert calendar["X-WR-CALNAME"] == "Bridge Wednesday"
    event = only_event(calendar)
    assert event["UID"] == f"{meeting.uuid}@kinship"
    assert event["SUMMARY"] == "Bridge Wednesday"
    assert event["LOCATION"] == "Lakeside Church, 1 Lake St, Chicago, IL"
    assert event["URL"] == "http://testserver/meetings/bridge-wednesday/"
    assert isinstance(event.stamp, dt.datetime)
    assert event.stamp.utcoffset() == dt.timedelta(0)
    start, end = starts_and_ends(event)
    assert end - start == dt.timedelta(hours=1, minutes=30)
    description = str(event["DESCRIPTION"])
    for text in (
        "Bridge Group",
        "https://zoom.us/j/987654321",
        "+1 312 555 0100",
        "Use the side door.",
        "http://testserver/meetings/bridge-wednesday/",
    ):
        assert text in description


def test_online_meeting_has_no_location(
    client: Client, frozen_now: dt.datetime
) -> None:
    online_meeting(slug="online-noon", start_time=dt.time(12, 0))
    event = only_event(download(client, "/meetings/online-noon.ics"))
    assert "LOCATION" not in event
    assert "https://zoom.us/j/123456789" in str(event["DESCRIPTION"])


def test_meeting_past_midnight_ends_on_the_next_day(
    client: Client, frozen_now: dt.datetime
) -> None:
    MeetingFactory.create(
        slug="late-night",
        weekday=5,
        start_time=dt.time(23, 0),
        end_time=dt.time(0, 30),
    )
    event = only_event(download(client, "/meetings/late-night.ics"))
    start, end = starts_and_ends(event)
    assert start.replace(tzinfo=None) == dt.datetime(2026, 7, 10, 23, 0)
    assert end.replace(tzinfo=None) == dt.datetime(2026, 7, 11, 0, 30)
    assert str(event["DTEND"].params["TZID"]) == NEW_YORK


def test_every_other_week_meeting_repeats_every_two_weeks_in_the_same_weeks(
    client: Client, frozen_now: dt.datetime
) -> None:
    MeetingFactory.create(slug="fortnightly", recurrence=Recurrence.BIWEEKLY)
    first = client.get("/meetings/fortnightly.ics").content
    (rule,) = only_event(Calendar.from_ical(first)).rrules
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["INTERVAL"] == [2]
    # Downloaded again a week later, the calendar still names the same weeks.
    with time_machine.travel(frozen_now + dt.timedelta(weeks=1), tick=False):
        assert client.get("/meetings/fortnightly.ics").content == first


def test_group_calendar_has_one_event_per_meeting_with_a_regular_time(
    client: Client, frozen_now: dt.datetime, django_assert_num_queries: Any
) -> None:
    group = GroupFactory.create(slug="harbor", name="Harbor Group")
    monday = MeetingFactory.create(group=group, name="Harbor Monday", weekday=1)
    thursday = online_meeting(
        group=group, name="Harbor Online", weekday=4, timezone="America/Chicago"
    )
    MeetingFactory.create(
        group=group, weekday=None, start_time=None, end_time=None, name="By appt"
    )
    MeetingFactory.create(group=group, status=MeetingStatus.TEMPORARILY_CLOSED)
    MeetingFactory.create(group=group, recurrence=Recurrence.MONTHLY)
    MeetingFactory.create(name="Another group's meeting")

    # The group with its languages, then its meetings with types and languages.
    with django_assert_num_queries(4):
        calendar = download(client, "/groups/harbor.ics")

    assert calendar["X-WR-CALNAME"] == "Harbor Group"
    assert {str(event["UID"]) for event in calendar.events} == {
        f"{monday.uuid}@kinship",
        f"{thursday.uuid}@kinship",
    }
    assert {tz.tz_name for tz in calendar.timezones} == {NEW_YORK, "America/Chicago"}
    assert calendar.get_missing_tzids() == set()


def test_group_calendar_query_count_does_not_grow_with_meetings(
    client: Client, frozen_now: dt.datetime, django_assert_num_queries: Any
) -> None:
    group = GroupFactory.create(slug="busy")
    for weekday in range(7):
        MeetingFactory.create(group=group, weekday=weekday)
    with django_assert_num_queries(4):
        calendar = download(client, "/groups/busy.ics")
    assert len(calendar.events) == 7


def test_meeting_without_a_regular_time_gives_an_empty_calendar(
    client: Client, frozen_now: dt.datetime
) -> None:
    MeetingFactory.create(slug="appt", weekday=None, start_time=None, end_time=None)
    MeetingFactory.create(slug="closed", status=MeetingStatus.TEMPORARILY_CLOSED)
    MeetingFactory.create(slug="monthly", recurrence=Recurrence.MONTHLY)
    for slug in ("appt", "closed", "monthly"):
        calendar = download(client, f"/meetings/{slug}.ics")
        assert calendar.events == []
        assert calendar["PRODID"] == "-//Kinship//Meetings//EN"


def test_calendar_is_an_ics_attachment(client: Client, frozen_now: dt.datetime) -> None:
    MeetingFactory.create(slug="noon", group=GroupFactory.create(slug="noon-group"))
    for url, filename in (
        ("/meetings/noon.ics", "noon.ics"),
        ("/groups/noon-group.ics", "noon-group.ics"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
        assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")


def test_eve_gets_404_for_private_and_unknown_calendars(client: Client) -> None:
    private = GroupFactory.create(
        slug="inner", name="Inner Circle", visibility=Visibility.PRIVATE
    )
    MeetingFactory.create(slug="inner-monday", name="Inner Monday", group=private)
    for url in (
        "/groups/inner.ics",
        "/meetings/inner-monday.ics",
        "/groups/missing.ics",
        "/meetings/missing.ics",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Inner" not in response.content
        assert b"VCALENDAR" not in response.content


def test_calendars_refuse_writes(client: Client) -> None:
    MeetingFactory.create(slug="noon", group=GroupFactory.create(slug="noon-group"))
    assert client.post("/meetings/noon.ics").status_code == 405
    assert client.post("/groups/noon-group.ics").status_code == 405


def test_pages_offer_add_to_calendar_for_meetings_with_a_regular_time(
    client: Client, frozen_now: dt.datetime
) -> None:
    group = GroupFactory.create(slug="harbor")
    MeetingFactory.create(slug="harbor-monday", group=group)
    meeting_page = client.get("/meetings/harbor-monday/").content.decode()
    group_page = client.get("/groups/harbor/").content.decode()
    assert (
        '<a href="/meetings/harbor-monday.ics" download type="text/calendar">'
        "Add to calendar</a>"
    ) in meeting_page
    assert (
        '<a href="/groups/harbor.ics" download type="text/calendar">Add to calendar</a>'
    ) in group_page


def test_pages_without_a_regular_meeting_offer_no_calendar(
    client: Client, frozen_now: dt.datetime
) -> None:
    group = GroupFactory.create(slug="by-appointment")
    MeetingFactory.create(
        slug="appt", group=group, weekday=None, start_time=None, end_time=None
    )
    for url in ("/meetings/appt/", "/groups/by-appointment/"):
        body = client.get(url).content.decode()
        assert ".ics" not in body
        assert "Add to calendar" not in body
