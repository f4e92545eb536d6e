"""Public pages: home, meeting, group, and the health check."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client

from kinship.directory.models import AttendanceMode, Visibility

from .factories import (
    GroupFactory,
    LocationFactory,
    MeetingFactory,
    MeetingTypeFactory,
    ProgramFactory,
    online_meeting,
)

pytestmark = pytest.mark.django_db


def test_home_offers_the_finder_and_crisis_resources(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="/meetings/"' in body
    assert "Find a meeting" in body
    for resource in (
        "tel:988",
        "sms:988",
        "tel:+18006624357",
        "1-800-662-4357",
        "741741",
        "tel:911",
    ):
        assert resource in body


def test_meeting_page_shows_schedule_in_both_zones_and_how_to_get_there(
    client: Client, frozen_now: dt.datetime
) -> None:
    aa = ProgramFactory(code="aa", name="Alcoholics Anonymous")
    open_type = MeetingTypeFactory(program=aa, code="O", label="Open")
    group = GroupFactory(program=aa, slug="bridge-group", name="Bridge Group")
    MeetingFactory(
        slug="bridge-wednesday",
        name="Bridge Wednesday",
        group=group,
        weekday=3,
        start_time=dt.time(19, 0),
        end_time=dt.time(20, 30),
        timezone="America/Chicago",
        attendance_mode=AttendanceMode.HYBRID,
        conference_url="https://zoom.us/j/987654321",
        conference_phone="+1 312 555 0100",
        location=LocationFactory(
            name="Lakeside Church",
            latitude=41.88,
            longitude=-87.63,
            timezone="America/Chicago",
        ),
        types=[open_type],
        notes="Use the side door.",
    )
    client.cookies["kinship_tz"] = "America/Los_Angeles"
    response = client.get("/meetings/bridge-wednesday/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wednesday 7:00 PM CDT" in body
    assert "Wednesday 5:00 PM PDT" in body
    assert "America/Chicago" in body
    assert "Lakeside Church" in body
    assert "openstreetmap.org/directions?to=41.880000%2C-87.630000" in body
    assert 'href="https://zoom.us/j/987654321"' in body
    assert "tel:+1 312 555 0100" in body
    # Types by name, never by code (issue 19 replaced "<abbr>O</abbr> Open").
    assert "<li>Open (anyone may attend)" in body
    assert "<abbr" not in body
    assert "Use the side door." in body
    assert 'href="/groups/bridge-group/"' in body


def test_meeting_page_marks_midnight_crossing(
    client: Client, frozen_now: dt.datetime
) -> None:
    MeetingFactory(
        slug="late-night", start_time=dt.time(23, 0), end_time=dt.time(0, 30)
    )
    body = client.get("/meetings/late-night/").content.decode()
    assert "11:00 PM \N{EN DASH} 12:30 AM (the next day)" in body


def test_group_page_shows_statements_and_all_meetings(
    client: Client, frozen_now: dt.datetime
) -> None:
    group = GroupFactory(
        slug="harbor",
        name="Harbor Group",
        guidelines="Phones on silent.",
        confidentiality_statement="What is said here stays here.",
        inclusivity_statement="All genders and faiths are welcome.",
        audience=["women", "newcomers"],
    )
    MeetingFactory(group=group, name="Harbor Monday", weekday=1)
    online_meeting(group=group, name="Harbor Online", weekday=4)
    response = client.get("/groups/harbor/")
    body = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Phones on silent.",
        "What is said here stays here.",
        "All genders and faiths are welcome.",
        "Women, Newcomers",
        "Harbor Monday",
        "Harbor Online",
    ):
        assert text in body


def test_eve_gets_404_for_private_and_unknown_pages(client: Client) -> None:
    private = GroupFactory(slug="inner", visibility=Visibility.PRIVATE)
    MeetingFactory(slug="inner-monday", group=private)
    for url in (
        "/groups/inner/",
        "/meetings/inner-monday/",
        "/groups/missing/",
        "/meetings/missing/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"inner-monday" not in response.content


def test_pages_refuse_writes(client: Client) -> None:
    assert client.post("/meetings/").status_code == 405
    assert client.post("/").status_code == 405


def test_healthz_reports_the_database(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_does_not_answer(client: Client) -> None:
    with mock.patch(
        "kinship.core.views.connection.cursor", side_effect=DatabaseError("down")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
