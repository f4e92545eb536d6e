"""The directory API: same filters and results as the finder page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from kinship.core.geo import MILES_PER_DEGREE_LATITUDE, geocode_zip
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

CENTER_CITY = geocode_zip("19103")
assert CENTER_CITY is not None


def north_of_center(miles: float) -> Any:
    assert CENTER_CITY is not None
    return LocationFactory(
        latitude=CENTER_CITY.point.latitude + miles / MILES_PER_DEGREE_LATITUDE,
        longitude=CENTER_CITY.point.longitude,
    )


def test_near_19103_within_25_miles_sorted_with_online(
    client: Client, frozen_now: dt.datetime
) -> None:
    MeetingFactory(slug="twenty", location=north_of_center(20))
    MeetingFactory(slug="two", location=north_of_center(2))
    MeetingFactory(slug="thirty", location=north_of_center(30))
    online_meeting(slug="online")

    response = client.get("/api/v1/meetings", {"near": "19103", "radius": "25"})

    assert response.status_code == 200
    data = response.json()
    assert [m["slug"] for m in data["results"]] == ["two", "twenty", "online"]
    assert data["count"] == 3
    in_person = data["results"][:2]
    assert [m["attendance_mode"] for m in in_person] == ["in_person", "in_person"]
    assert [m["distance_miles"] for m in in_person] == pytest.approx([2, 20], abs=0.01)
    assert data["results"][2]["attendance_mode"] == "online"
    assert data["results"][2]["distance_miles"] is None


def test_meeting_fields_and_times(client: Client, frozen_now: dt.datetime) -> None:
    aa = ProgramFactory(code="aa", name="Alcoholics Anonymous")
    big_book = MeetingTypeFactory(program=aa, code="B", label="Big Book")
    MeetingFactory(
        slug="friday-late",
        group=GroupFactory(program=aa, slug="night-owls", name="Night Owls"),
        weekday=5,
        start_time=dt.time(23, 30),
        end_time=dt.time(0, 30),
        types=[big_book],
    )
    data = client.get("/api/v1/meetings", {"tz": "Europe/Berlin"}).json()
    meeting = data["results"][0]
    assert meeting["start_time"] == "23:30"
    assert meeting["end_time"] == "00:30"
    assert meeting["timezone"] == "America/New_York"
    assert meeting["types"] == [{"code": "B", "label": "Big Book"}]
    assert meeting["group"] == {
        "slug": "night-owls",
        "name": "Night Owls",
        "url": "/groups/night-owls/",
    }
    # Friday 23:30 EDT is Saturday 05:30 in Berlin (CEST).
    assert meeting["next_start"] == "2026-07-10T23:30:00-04:00"
    assert meeting["next_start_viewer"] == "2026-07-11T05:30:00+02:00"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"near": "00000"}, "near"),
        ({"near": "1,2,3"}, "near"),
        ({"radius": "500"}, "radius"),
        ({"radius": "abc"}, "radius"),
        ({"day": "monday"}, "day"),
        ({"time": "lunch"}, "time"),
        ({"mode": "phone"}, "mode"),
        ({"program": "unknown"}, "program"),
        ({"focus": "sleep"}, "focus"),
        ({"type": "NOPE"}, "type"),
        ({"language": "xx"}, "language"),
        ({"page": "-1"}, "page"),
        ({"tz": "Nowhere/Else"}, "tz"),
    ],
)
def test_bad_input_is_422_with_the_field_named(
    client: Client, params: dict[str, str], field: str
) -> None:
    response = client.get("/api/v1/meetings", params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [item["loc"] for item in detail] == [["query", field]]
    assert detail[0]["msg"]


def test_meeting_and_group_detail(client: Client, frozen_now: dt.datetime) -> None:
    group = GroupFactory(slug="hope", guidelines="One person shares at a time.")
    MeetingFactory(slug="hope-tuesday", group=group, weekday=2)
    online_meeting(slug="hope-online", group=group, weekday=4)

    meeting = client.get("/api/v1/meetings/hope-tuesday").json()
    assert meeting["slug"] == "hope-tuesday"
    assert meeting["location"]["city"] == "Philadelphia"
    assert meeting["distance_miles"] is None

    data = client.get("/api/v1/groups/hope").json()
    assert data["guidelines"] == "One person shares at a time."
    assert [m["slug"] for m in data["meetings"]] == ["hope-tuesday", "hope-online"]
    assert data["meetings"][1]["attendance_mode"] == AttendanceMode.ONLINE


def test_eve_cannot_see_private_groups_or_their_meetings(client: Client) -> None:
    """A private group answers 404 as if it did not exist, and is never listed."""
    secret = GroupFactory(slug="closed-circle", visibility=Visibility.PRIVATE)
    MeetingFactory(slug="closed-circle-monday", group=secret)

    assert client.get("/api/v1/groups/closed-circle").status_code == 404
    assert client.get("/api/v1/meetings/closed-circle-monday").status_code == 404
    assert client.get("/api/v1/groups/no-such-group").status_code == 404
    assert client.get("/groups/closed-circle/").status_code == 404
    assert client.get("/meetings/closed-circle-monday/").status_code == 404
    assert client.get("/api/v1/meetings").json()["count"] == 0


def test_unlisted_group_is_reachable_by_link_only(client: Client) -> None:
    hidden = GroupFactory(slug="by-link", visibility=Visibility.UNLISTED)
    MeetingFactory(slug="by-link-monday", group=hidden)
    assert client.get("/api/v1/groups/by-link").status_code == 200
    assert client.get("/api/v1/meetings/by-link-monday").status_code == 200
    assert client.get("/api/v1/meetings").json()["count"] == 0


def test_openapi_documents_the_directory(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/meetings",
        "/api/v1/meetings/{slug}",
        "/api/v1/groups/{slug}",
    } <= set(schema["paths"])
    parameters = {
        p["name"] for p in schema["paths"]["/api/v1/meetings"]["get"]["parameters"]
    }
    assert parameters >= {
        "q",
        "near",
        "radius",
        "day",
        "time",
        "mode",
        "program",
        "focus",
        "type",
        "language",
        "page",
    }
    assert "422" in schema["paths"]["/api/v1/meetings"]["get"]["responses"]


def test_api_docs_load_nothing_from_other_sites(client: Client) -> None:
    """Privacy rule: no third-party requests, even for the interactive API docs."""
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    links = re.findall(r'(?:src|href)="([^"]+)"', response.content.decode())
    assert links
    assert all(link.startswith("/static/") for link in links)
