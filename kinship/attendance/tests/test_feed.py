"""The private webcal feed of a member's schedule."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar, Event

from kinship.attendance.models import ScheduleFeed
from kinship.attendance.services import rsvp_set, schedule_feed_create
from kinship.core.timezones import zone
from kinship.directory.tests.factories import GroupFactory, MeetingFactory
from kinship.members.models import Level
from kinship.members.tests.personas import Cast, membership_create, signed_in

from .conftest import NEXT_MONDAY

pytestmark = pytest.mark.django_db


NEW_YORK = zone("America/New_York")


def event_start(event: Event) -> dt.datetime:
    start = event.start
    assert isinstance(start, dt.datetime)
    return start


def feed_url(token: str) -> str:
    return f"/calendar/{token}.ics"


def test_creating_an_address_shows_it_once_and_stores_only_its_hash(
    cast: Cast,
) -> None:
    response = signed_in(cast.alex).post("/me/schedule/calendar/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    match = re.search(r"webcal://testserver/calendar/([\w-]+)\.ics", html)
    assert match is not None
    token = match.group(1)
    assert f"http://testserver/calendar/{token}.ics" in html
    feed = ScheduleFeed.objects.get(member=cast.alex)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in feed.token_hash
    # The schedule page then says an address exists, without showing it.
    schedule = signed_in(cast.alex).get("/me/schedule/").content.decode()
    assert token not in schedule
    assert "Stop this address working" in schedule


def test_the_feed_has_my_meetings_dst_correct_and_no_one_elses(cast: Cast) -> None:
    eves_group = GroupFactory.create(name="Eve's Circle")
    membership_create(cast.eve, eves_group, Level.PARTICIPANT)
    MeetingFactory.create(group=eves_group, name="Eve's Wednesday", weekday=3)
    token = schedule_feed_create(by=cast.alex)
    # Read in late October: the feed spans the change back to standard time.
    with time_machine.travel(dt.datetime(2026, 10, 20, 12, tzinfo=dt.UTC), tick=False):
        response = Client().get(feed_url(token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    calendar = Calendar.from_ical(response.content)
    events = calendar.events
    assert events
    assert {str(event["SUMMARY"]) for event in events} == {"Tuesday Evening"}
    assert b"Eve's" not in response.content
    assert b"alex@example.org" not in response.content
    starts = [event_start(event) for event in events]
    assert all(str(e["DTSTART"].params["TZID"]) == "America/New_York" for e in events)
    assert {start.time() for start in starts} == {dt.time(19, 0)}
    utc_hours = {start.astimezone(dt.UTC).hour for start in starts}
    assert utc_hours == {23, 0}  # 19:00 EDT, then 19:00 EST
    assert calendar.walk("VTIMEZONE")
    assert all(event.duration == dt.timedelta(hours=1) for event in events)


def test_the_feed_adds_meetings_i_said_going_to_and_drops_not_going(
    cast: Cast,
) -> None:
    other = MeetingFactory.create(name="Thursday Open Share", weekday=4)
    thursday = dt.datetime(2026, 7, 16, 23, 0, tzinfo=dt.UTC)
    rsvp_set(by=cast.alex, meeting=other, starts_at=thursday, answer="going")
    rsvp_set(
        by=cast.alex, meeting=cast.meeting, starts_at=NEXT_MONDAY, answer="not_going"
    )
    token = schedule_feed_create(by=cast.alex)
    calendar = Calendar.from_ical(Client().get(feed_url(token)).content)
    starts = {
        (str(event["SUMMARY"]), event_start(event).astimezone(NEW_YORK).date())
        for event in calendar.events
    }
    assert ("Thursday Open Share", dt.date(2026, 7, 16)) in starts
    assert ("Tuesday Evening", dt.date(2026, 7, 13)) not in starts
    assert ("Tuesday Evening", dt.date(2026, 7, 20)) in starts


def test_revoked_replaced_and_unknown_addresses_are_not_found(cast: Cast) -> None:
    client = signed_in(cast.alex)
    first = schedule_feed_create(by=cast.alex)
    second = schedule_feed_create(by=cast.alex)  # replacing stops the first
    assert Client().get(feed_url(first)).status_code == 404
    assert Client().get(feed_url(second)).status_code == 200
    assert client.post("/me/schedule/calendar/revoke/").status_code == 302
    assert Client().get(feed_url(second)).status_code == 404
    assert Client().get(feed_url("not-a-token")).status_code == 404


def test_eve_cannot_revoke_or_see_alexs_feed(cast: Cast) -> None:
    token = schedule_feed_create(by=cast.alex)
    eve = signed_in(cast.eve)
    assert eve.post("/me/schedule/calendar/revoke/").status_code == 302
    assert Client().get(feed_url(token)).status_code == 200
    assert "Stop this address working" not in eve.get("/me/schedule/").content.decode()


def test_visitors_cannot_create_an_address(cast: Cast) -> None:
    response = Client().post("/me/schedule/calendar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not ScheduleFeed.objects.exists()
