"""The finder: every filter, ordering, distance, both-zone times and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kinship.core.geo import (
    Point,
    distance_miles,
)
from kinship.directory.forms import FinderQuery
from kinship.directory.models import (
    AttendanceMode,
    Focus,
    MeetingStatus,
    Visibility,
)
from kinship.directory.selectors import meetings_find

from .factories import (
    GroupFactory,
    LanguageFactory,
    LocationFactory,
    MeetingFactory,
    MeetingTypeFactory,
    ProgramFactory,
    online_meeting,
)
from .finding import CENTER_CITY, find, place, slugs

pytestmark = pytest.mark.django_db


def test_near_sorts_by_distance_within_radius_and_adds_online(
    frozen_now: dt.datetime,
) -> None:
    MeetingFactory(slug="far", location=place(30))
    MeetingFactory(slug="five", location=place(5))
    MeetingFactory(slug="one", location=place(1))
    MeetingFactory(
        slug="hybrid-three",
        location=place(3),
        attendance_mode=AttendanceMode.HYBRID,
        conference_url="https://zoom.us/j/1",
    )
    online_meeting(slug="online")

    page = find(frozen_now, near="19103", radius=25)

    assert slugs(page) == ["one", "hybrid-three", "five", "online"]
    assert page.count == 4
    distances = [r.distance_miles for r in page.results]
    assert distances[:3] == pytest.approx([1, 3, 5], abs=0.01)
    assert distances[3] is None


def test_default_radius_is_ten_miles(frozen_now: dt.datetime) -> None:
    MeetingFactory(slug="nine", location=place(9.9))
    MeetingFactory(slug="eleven", location=place(10.1))
    assert slugs(find(frozen_now, near="19103")) == ["nine"]


def test_near_accepts_latitude_longitude(frozen_now: dt.datetime) -> None:
    MeetingFactory(slug="here", location=place(0.5))
    MeetingFactory(slug="there", location=place(50))
    assert CENTER_CITY is not None
    near = f"{CENTER_CITY.point.latitude},{CENTER_CITY.point.longitude}"
    page = find(frozen_now, near=near, radius=2)
    assert slugs(page) == ["here"]
    assert page.results[0].distance_miles == pytest.approx(0.5, abs=0.01)


def test_mode_filters(frozen_now: dt.datetime) -> None:
    MeetingFactory(slug="in-person", location=place(1))
    MeetingFactory(
        slug="hybrid",
        location=place(2),
        attendance_mode=AttendanceMode.HYBRID,
        conference_url="https://zoom.us/j/2",
    )
    online_meeting(slug="online")

    assert slugs(find(frozen_now, near="19103", mode="in_person")) == ["in-person"]
    assert slugs(find(frozen_now, near="19103", mode="online")) == ["online"]
    assert slugs(find(frozen_now, near="19103", mode="hybrid")) == ["hybrid"]
    assert set(slugs(find(frozen_now, mode="online"))) == {"online"}


def test_hybrid_without_coordinates_is_joinable_from_anywhere(
    frozen_now: dt.datetime,
) -> None:
    MeetingFactory(
        slug="hybrid-nowhere",
        location=LocationFactory(latitude=None, longitude=None),
        attendance_mode=AttendanceMode.HYBRID,
        conference_url="https://zoom.us/j/3",
    )
    MeetingFactory(
        slug="in-person-nowhere",
        location=LocationFactory(latitude=None, longitude=None),
    )
    assert slugs(find(frozen_now, near="19103")) == ["hybrid-nowhere"]


def test_day_filter_and_today_in_viewer_zone(frozen_now: dt.datetime) -> None:
    MeetingFactory(slug="monday", weekday=1)
    MeetingFactory(slug="tuesday", weekday=2)
    assert slugs(find(frozen_now, day=1)) == ["monday"]
    # 16:00 UTC on Tuesday: still Tuesday in New York, already Wednesday in Tokyo.
    assert slugs(find(frozen_now, day="today", tz="America/New_York")) == ["tuesday"]
    assert slugs(find(frozen_now, day="today", tz="Asia/Tokyo")) == []


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ("morning", {"t0400", "t1159"}),
        ("afternoon", {"t1200", "t1659"}),
        ("evening", {"t1700", "t2059"}),
        ("night", {"t2100", "t2359", "t0000", "t0359"}),
    ],
)
def test_time_of_day_windows_by_local_time(
    frozen_now: dt.datetime, window: str, expected: set[str]
) -> None:
    for hhmm in [
        "0000",
        "0359",
        "0400",
        "1159",
        "1200",
        "1659",
        "1700",
        "2059",
        "2100",
        "2359",
    ]:
        MeetingFactory(
            slug=f"t{hhmm}",
            start_time=dt.time(int(hhmm[:2]), int(hhmm[2:])),
            end_time=None,
            timezone="America/Los_Angeles",
        )
    assert set(slugs(find(frozen_now, time=window))) == expected


def test_program_focus_type_and_language(frozen_now: dt.datetime) -> None:
    aa = ProgramFactory(code="aa", name="Alcoholics Anonymous")
    alanon = ProgramFactory(code="al-anon", name="Al-Anon", focus=Focus.FAMILY)
    dra = ProgramFactory(code="dra", name="Dual Recovery", focus=Focus.BOTH)
    nami = ProgramFactory(
        code="nami", name="Peer connection", focus=Focus.MENTAL_HEALTH
    )
    aa_poa = MeetingTypeFactory(program=aa, code="POA", label="Proof of Attendance")
    alanon_poa = MeetingTypeFactory(
        program=alanon, code="POA", label="Parents of Alcoholics"
    )
    spanish = LanguageFactory(code="es", name="Spanish")
    MeetingFactory(slug="aa-poa", group=GroupFactory(program=aa), types=[aa_poa])
    MeetingFactory(
        slug="alanon-poa", group=GroupFactory(program=alanon), types=[alanon_poa]
    )
    MeetingFactory(slug="dual", group=GroupFactory(program=dra), languages=[spanish])
    MeetingFactory(slug="mental", group=GroupFactory(program=nami))

    assert slugs(find(frozen_now, program="al-anon")) == ["alanon-poa"]
    assert slugs(find(frozen_now, program="aa", type="POA")) == ["aa-poa"]
    assert slugs(find(frozen_now, program="al-anon", type="poa")) == ["alanon-poa"]
    assert set(slugs(find(frozen_now, type="POA"))) == {"aa-poa", "alanon-poa"}
    assert set(slugs(find(frozen_now, focus="addiction"))) == {"aa-poa", "dual"}
    assert set(slugs(find(frozen_now, focus="mental_health"))) == {"mental", "dual"}
    assert slugs(find(frozen_now, focus="both")) == ["dual"]
    assert slugs(find(frozen_now, focus="family")) == ["alanon-poa"]
    assert slugs(find(frozen_now, language="es")) == ["dual"]


def test_text_search_in_meeting_group_and_location_names(
    frozen_now: dt.datetime,
) -> None:
    MeetingFactory(slug="by-meeting", name="Sunrise Serenity")
    MeetingFactory(slug="by-group", group=GroupFactory(name="Sunrise Group"))
    MeetingFactory(slug="by-place", location=LocationFactory(name="Sunrise Church"))
    MeetingFactory(slug="other", name="Evening Reflections")
    assert set(slugs(find(frozen_now, q="sunrise"))) == {
        "by-meeting",
        "by-group",
        "by-place",
    }


def test_only_listed_active_meetings_are_found(frozen_now: dt.datetime) -> None:
    MeetingFactory(slug="listed")
    MeetingFactory(slug="unlisted", group=GroupFactory(visibility=Visibility.UNLISTED))
    MeetingFactory(slug="private", group=GroupFactory(visibility=Visibility.PRIVATE))
    MeetingFactory(slug="inactive-group", group=GroupFactory(status="inactive"))
    MeetingFactory(slug="closed", status=MeetingStatus.TEMPORARILY_CLOSED)
    assert slugs(find(frozen_now)) == ["listed"]
    assert slugs(find(frozen_now, near="19103")) == ["listed"]


def test_without_place_results_are_in_weekly_order(frozen_now: dt.datetime) -> None:
    MeetingFactory(slug="sat", weekday=6, start_time=dt.time(9))
    MeetingFactory(slug="sun-late", weekday=0, start_time=dt.time(20))
    MeetingFactory(slug="sun-early", weekday=0, start_time=dt.time(7))
    MeetingFactory(slug="appointment", weekday=None, start_time=None, end_time=None)
    assert slugs(find(frozen_now)) == ["sun-early", "sun-late", "sat", "appointment"]


def test_pagination_runs_from_located_into_online(frozen_now: dt.datetime) -> None:
    for n in range(25):
        MeetingFactory(slug=f"near-{n:02}", location=place(0.1 * (n + 1)))
    for n in range(10):
        online_meeting(slug=f"online-{n:02}", start_time=dt.time(8, n))
    first = find(frozen_now, near="19103", page=1)
    second = find(frozen_now, near="19103", page=2)
    assert first.count == second.count == 35
    assert first.pages == 2
    assert slugs(first) == [f"near-{n:02}" for n in range(20)]
    assert slugs(second) == [f"near-{n:02}" for n in range(20, 25)] + [
        f"online-{n:02}" for n in range(10)
    ]
    # Past the last page: the last page, saying which was asked for (issue 19).
    past = find(frozen_now, near="19103", page=3)
    assert (past.page, past.requested_page) == (2, 3)
    assert slugs(past) == slugs(second)


def test_distances_match_great_circle(frozen_now: dt.datetime) -> None:
    location = place(7.3)
    MeetingFactory(slug="m", location=location)
    assert CENTER_CITY is not None
    expected = distance_miles(
        CENTER_CITY.point, Point(location.latitude, location.longitude)
    )
    result = find(frozen_now, near="19103").results[0]
    assert result.distance_miles == pytest.approx(expected)


def test_both_zone_times_and_badges(frozen_now: dt.datetime) -> None:
    # Now is Tuesday 12:00 in New York = 09:00 in Los Angeles.
    MeetingFactory(
        slug="la-morning",
        weekday=2,
        start_time=dt.time(9, 30),
        end_time=dt.time(10, 30),
        timezone="America/Los_Angeles",
    )
    MeetingFactory(
        slug="ny-noon",
        weekday=2,
        start_time=dt.time(11, 30),
        end_time=dt.time(12, 30),
    )
    page = find(frozen_now, tz="America/New_York")
    by_slug = {r.meeting.slug: r.when for r in page.results}
    la, ny = by_slug["la-morning"], by_slug["ny-noon"]
    assert la is not None
    assert ny is not None
    assert la.local_label == "Tuesday 9:30 AM PDT"
    assert la.viewer_label == "Tuesday 12:30 PM EDT"
    assert la.starting_soon
    assert not la.in_progress
    assert ny.local_label == "Tuesday 11:30 AM EDT"
    assert ny.viewer_label is None  # same zone: shown once
    assert ny.in_progress
    assert not ny.starting_soon


def test_meeting_crossing_midnight_is_in_progress_after_midnight() -> None:
    import time_machine

    MeetingFactory(
        slug="late",
        weekday=2,  # Tuesday 23:00 to Wednesday 00:30
        start_time=dt.time(23, 0),
        end_time=dt.time(0, 30),
    )
    # Wednesday 00:15 in New York.
    after_midnight = dt.datetime(2026, 7, 8, 4, 15, tzinfo=dt.UTC)
    with time_machine.travel(after_midnight, tick=False):
        when = find(after_midnight, tz="America/New_York").results[0].when
    assert when is not None
    assert when.in_progress
    assert when.local_label == "Tuesday 11:00 PM EDT"
    assert when.occurrence.end == dt.datetime(2026, 7, 8, 4, 30, tzinfo=dt.UTC)


# --- the page ---------------------------------------------------------------


def test_finder_page_shows_distance_and_both_times(
    client: Client, frozen_now: dt.datetime
) -> None:
    MeetingFactory(
        name="Lunchtime Hope",
        location=place(2),
        weekday=2,
        start_time=dt.time(19),
        timezone="America/New_York",
    )
    response = client.get("/meetings/", {"near": "19103", "tz": "Europe/London"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lunchtime Hope" in body
    assert "2 mi" in body
    # The viewer's time first, said relative to their today (issue 19; it read
    # "Wednesday 12:00 AM BST your time"), then the meeting's own.
    assert "<strong>Tomorrow 12:00 AM</strong></time> your time" in body
    assert "(Tuesday 7:00 PM EDT at the meeting)" in body


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"near": "00000"}, "near", "That ZIP code was not found."),
        (
            {"near": "1,2,3"},
            "near",
            "Enter a US ZIP code or a latitude,longitude pair.",
        ),
        (
            {"near": "somewhere"},
            "near",
            "We could not find a US city called somewhere.",
        ),
        ({"near": "91,0"}, "near", "Latitude must be -90 to 90"),
        ({"radius": "101"}, "radius", "less than or equal to 100"),
        ({"radius": "-3"}, "radius", "greater than or equal to 0.1"),
        ({"day": "7"}, "day", "Select a valid choice"),
        ({"time": "noon"}, "time", "Select a valid choice"),
        ({"mode": "carrier-pigeon"}, "mode", "Select a valid choice"),
        ({"program": "nope"}, "program", "Select a valid choice"),
        (
            {"program": "aa", "type": "ZZZ"},
            "type",
            "ZZZ is not a meeting type of this program.",
        ),
        ({"tz": "Mars/Olympus"}, "tz", "Unknown time zone"),
        ({"page": "0"}, "page", "greater than or equal to 1"),
    ],
)
def test_bad_filters_show_a_message_next_to_the_field(
    client: Client, params: dict[str, str], field: str, message: str
) -> None:
    ProgramFactory(code="aa", name="Alcoholics Anonymous")
    response = client.get("/meetings/", params)
    assert response.status_code == 200
    body = response.content.decode()
    if field in ("tz", "page"):  # not form inputs: named in the error summary
        summary = body[body.index('class="notice notice-error"') :]
        assert message in summary[: summary.index("</div>")]
    else:
        error_start = body.index(f'id="{field}-error"')
        assert message in body[error_start : error_start + 300]
        assert 'aria-invalid="true"' in body


def test_htmx_request_gets_only_the_results_fragment(
    client: Client, frozen_now: dt.datetime
) -> None:
    MeetingFactory(name="Fragment Meeting")
    response = client.get("/meetings/", {"day": "1"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Fragment Meeting" in body
    assert "<html" not in body
    assert 'hx-swap-oob="true"' in body


def test_finder_page_query_count_does_not_grow_with_results(
    client: Client, frozen_now: dt.datetime
) -> None:
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/meetings/", {"near": "19103"}).status_code == 200
        return len(ctx.captured_queries)

    MeetingFactory(location=place(1))
    online_meeting()
    few = queries_for_page()
    for n in range(15):
        MeetingFactory(location=place(1 + n / 10))
        online_meeting()
    assert queries_for_page() == few
    assert few <= 10


def test_broad_searches_are_counted_up_to_the_cap(
    client: Client, frozen_now: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kinship.directory.selectors.COUNT_CAP", 5)
    for n in range(25):
        online_meeting(slug=f"online-{n:02}", start_time=dt.time(9, n))
    MeetingFactory(slug="near", location=place(1))
    assert CENTER_CITY is not None
    near = CENTER_CITY.point

    capped = meetings_find(FinderQuery(near=near), now=frozen_now, page_size=2)
    assert capped.count == 6  # the nearby one and the first five online ones
    assert not capped.count_is_exact
    assert capped.has_next
    narrow = find(frozen_now, mode="in_person")
    assert (narrow.count, narrow.count_is_exact) == (1, True)

    # A page past the cap reads as far as it needs.
    deep = meetings_find(FinderQuery(near=near, page=4), now=frozen_now, page_size=4)
    slugs_on_page = [r.meeting.slug for r in deep.results]
    assert slugs_on_page == [f"online-{n:02}" for n in range(11, 15)]
    assert deep.count == 16
    assert not deep.count_is_exact
    last = meetings_find(FinderQuery(near=near, page=7), now=frozen_now, page_size=4)
    assert [r.meeting.slug for r in last.results] == ["online-23", "online-24"]
    assert (last.count, last.count_is_exact, last.has_next) == (26, True, False)

    body = client.get("/meetings/", {"near": "19103"}).content.decode()
    assert "More than 20 meetings found" in body
    api = client.get("/api/v1/meetings", {"near": "19103"}).json()
    assert (api["count"], api["count_is_exact"]) == (20, False)
