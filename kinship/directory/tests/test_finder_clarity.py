"""Finder clarity (issue 19): readable types, honest sentences, today, upcoming
order, city and position search, page clamping, directions, links to /match/."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kinship.directory.directions import directions_links
from kinship.directory.models import AttendanceMode, Visibility
from kinship.directory.places import city_lookup
from kinship.directory.schedule import day_label
from kinship.directory.type_choices import type_name
from kinship.members.models import Member
from kinship.members.tests.personas import signed_in

from .factories import (
    GroupFactory,
    LocationFactory,
    MeetingFactory,
    MeetingTypeFactory,
    ProgramFactory,
    online_meeting,
)
from .finding import CENTER_CITY, find, form_for, place, slugs

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def errors_of(**params: Any) -> dict[str, list[str]]:
    form = form_for(**params)
    assert not form.is_valid()
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def result_count(body: str) -> str:
    match = re.search(r'<p class="result-count">(.*?)</p>', body, re.S)
    assert match, "no result count sentence"
    return " ".join(match.group(1).split())


@pytest.fixture
def vocabularies() -> dict[str, Any]:
    """AA and Dual Recovery with a few of their real codes (MED differs)."""
    aa = ProgramFactory(code="aa", name="Alcoholics Anonymous")
    dra = ProgramFactory(code="dual-recovery", name="Dual Recovery Anonymous")
    return {
        "aa": aa,
        "dra": dra,
        "aa_w": MeetingTypeFactory(program=aa, code="W", label="Women"),
        "aa_c": MeetingTypeFactory(
            program=aa,
            code="C",
            label="Closed",
            description="Closed meetings are for A.A. members only.",
        ),
        "aa_o": MeetingTypeFactory(program=aa, code="O", label="Open"),
        "aa_med": MeetingTypeFactory(program=aa, code="MED", label="Meditation"),
        "aa_b": MeetingTypeFactory(program=aa, code="B", label="Big Book"),
        "dra_w": MeetingTypeFactory(program=dra, code="W", label="Women"),
        "dra_med": MeetingTypeFactory(
            program=dra, code="MED", label="Medication-Friendly"
        ),
        "dra_vet": MeetingTypeFactory(program=dra, code="VET", label="Veterans"),
    }


def aa_meeting(slug: str, *types: Any, **kwargs: Any) -> Any:
    program = types[0].program if types else ProgramFactory(code="aa")
    return MeetingFactory(
        slug=slug, group=GroupFactory(program=program), types=list(types), **kwargs
    )


# --- types and audiences ----------------------------------------------------


def test_readable_type_choices_map_to_each_programs_codes(
    frozen_now: dt.datetime, vocabularies: dict[str, Any]
) -> None:
    v = vocabularies
    aa_meeting("aa-women", v["aa_w"])
    aa_meeting("dra-women", v["dra_w"])
    aa_meeting("aa-meditation", v["aa_med"])
    aa_meeting("dra-medication", v["dra_med"])
    aa_meeting("aa-closed", v["aa_c"])
    aa_meeting("aa-big-book", v["aa_b"])

    # "women" was refused before; now it means each program's own Women code.
    assert set(slugs(find(frozen_now, type="women"))) == {"aa-women", "dra-women"}
    assert set(slugs(find(frozen_now, audience="women"))) == {
        "aa-women",
        "dra-women",
    }
    assert slugs(find(frozen_now, audience="women", program="dual-recovery")) == [
        "dra-women"
    ]
    # MED is meditation in AA only: Dual Recovery's MED is medication-friendly.
    assert slugs(find(frozen_now, type="meditation")) == ["aa-meditation"]
    assert slugs(find(frozen_now, type="closed")) == ["aa-closed"]
    # A program's own type by its name.
    assert slugs(find(frozen_now, program="aa", type="big-book")) == ["aa-big-book"]
    # Old links and API clients send codes: they still work, case ignored.
    assert set(slugs(find(frozen_now, type="W"))) == {"aa-women", "dra-women"}
    assert slugs(find(frozen_now, program="aa", type="med")) == ["aa-meditation"]
    assert slugs(find(frozen_now, program="dual-recovery", type="MED")) == [
        "dra-medication"
    ]


def test_type_and_audience_together_need_both(
    frozen_now: dt.datetime, vocabularies: dict[str, Any]
) -> None:
    v = vocabularies
    aa_meeting("women-closed", v["aa_w"], v["aa_c"])
    aa_meeting("women-open", v["aa_w"], v["aa_o"])
    aa_meeting("closed", v["aa_c"])
    assert slugs(find(frozen_now, type="closed", audience="women")) == ["women-closed"]


def test_unknown_types_and_audiences_are_refused_by_name(
    vocabularies: dict[str, Any],
) -> None:
    assert errors_of(type="ZZZ") == {"type": ["ZZZ is not a known meeting type."]}
    assert errors_of(program="aa", type="ZZZ")["type"] == [
        "ZZZ is not a meeting type of this program."
    ]
    # Meditation is not a type of Dual Recovery (its MED means something else).
    assert "type" in errors_of(program="dual-recovery", type="meditation")
    assert errors_of(program="aa", audience="veterans")["audience"] == [
        "This program lists no meetings for Veterans."
    ]
    assert "audience" in errors_of(audience="martians")


def test_type_choices_are_the_programs_own_and_readable(
    vocabularies: dict[str, Any],
) -> None:
    anywhere = dict(form_for().type_options)
    assert anywhere["open"] == "Open (anyone may attend)"
    assert anywhere["closed"] == "Closed (members only)"
    assert "big-book" not in anywhere  # a program's own type: with its program
    aa = dict(form_for(program="aa").type_options)
    assert aa["big-book"] == "Big Book"
    assert "medication-friendly" not in aa
    dra = dict(form_for(program="dual-recovery").type_options)
    assert dra["medication-friendly"] == "Medication-Friendly"
    assert "meditation" not in dra
    audiences = dict(form_for(program="dual-recovery").audience_options)
    assert set(audiences) == {"", "women", "veterans"}
    # An old link with a code shows what it means, selected.
    assert dict(form_for(type="B").type_options)["B"] == "Big Book"


def test_results_name_types_and_explain_open_and_closed(
    client: Client, frozen_now: dt.datetime, vocabularies: dict[str, Any]
) -> None:
    aa_meeting("closed-women", vocabularies["aa_c"], vocabularies["aa_w"])
    body = client.get("/meetings/").content.decode()
    types = re.search(r'<p class="types">(.*?)</p>', body, re.S)
    assert types
    assert re.sub(r"<[^>]+>", "", types.group(1)) == "Closed (members only), Women"
    assert 'title="C"' not in body
    assert "Closed meetings are for people who want help" in body
    # The filter explains it in one line too.
    assert "Open meetings welcome anyone." in body


def test_readable_type_name_never_a_code() -> None:
    assert type_name("C", "Closed") == "Closed (members only)"
    assert type_name("O", "Open") == "Open (anyone may attend)"
    assert type_name("C", "Families and Friends Only") == "Families and Friends Only"
    assert type_name("MED", "") == "Med"


def test_meeting_page_names_types_with_their_explanation(
    client: Client, frozen_now: dt.datetime, vocabularies: dict[str, Any]
) -> None:
    aa_meeting("closed-one", vocabularies["aa_c"])
    body = client.get("/meetings/closed-one/").content.decode()
    assert "<li>Closed (members only)" in body
    assert "Closed meetings are for A.A. members only." in body
    assert ">C<" not in body


def test_changing_program_replaces_the_type_choices_in_place(
    client: Client, frozen_now: dt.datetime, vocabularies: dict[str, Any]
) -> None:
    headers = {"HX-Request": "true", "HX-Current-URL": "http://testserver/meetings/"}
    changed = client.get("/meetings/", {"program": "aa"}, headers=headers)
    body = changed.content.decode()
    assert '<div class="field" id="type-field" hx-swap-oob="true">' in body
    assert "Big Book" in body
    same = client.get(
        "/meetings/",
        {"program": "aa", "day": "1"},
        headers={**headers, "HX-Current-URL": "http://testserver/meetings/?program=aa"},
    )
    assert 'id="type-field" hx-swap-oob' not in same.content.decode()


# --- count sentences --------------------------------------------------------


@pytest.fixture
def near_and_online(frozen_now: dt.datetime) -> None:
    MeetingFactory(slug="in-person", location=place(1))
    MeetingFactory(
        slug="hybrid",
        location=place(2),
        attendance_mode=AttendanceMode.HYBRID,
        conference_url="https://zoom.us/j/2",
    )
    online_meeting(slug="online-1")
    online_meeting(slug="online-2")


@pytest.mark.parametrize(
    ("params", "sentence"),
    [
        (
            {"near": "19103"},
            "4 meetings found: 2 within 10 miles of 19103 (Philadelphia, PA) and 2 "
            "you can join online.",
        ),
        (
            {"near": "19103", "mode": "in_person"},
            "1 in-person meeting within 10 miles of 19103 (Philadelphia, PA).",
        ),
        (
            {"near": "19103", "mode": "online"},
            "2 online meetings found. Distance does not apply: they are joined online.",
        ),
        (
            {"near": "19103", "mode": "hybrid"},
            "1 hybrid meeting within 10 miles of 19103 (Philadelphia, PA).",
        ),
        ({"mode": "online"}, "2 online meetings found."),
        ({}, "4 meetings found."),
        (
            {"near": "90210"},
            "2 meetings found: none within 10 miles of 90210 (Beverly Hills, CA), "
            "all joined online.",
        ),
    ],
)
def test_count_sentence_says_what_the_filters_asked(
    client: Client,
    near_and_online: None,
    params: dict[str, str],
    sentence: str,
) -> None:
    body = client.get("/meetings/", params).content.decode()
    assert result_count(body) == sentence
    if params.get("mode") == "in_person":
        assert "online" not in result_count(body)


def test_a_page_past_the_last_shows_the_last_page(
    client: Client, frozen_now: dt.datetime
) -> None:
    for n in range(25):
        MeetingFactory(slug=f"m-{n:02}", start_time=dt.time(8, n))
    body = client.get("/meetings/", {"page": "999"}).content.decode()
    assert "Page 999 of" not in body
    assert "There is no page 999: this is the last page, 2." in body
    assert "Page 2 of 2" in body
    assert "m-24" in body
    assert "m-00" not in body
    api = client.get("/api/v1/meetings", {"page": "999"}).json()
    assert (api["page"], api["pages"]) == (2, 2)
    assert len(api["results"]) == 5


# --- today, weekdays, times -------------------------------------------------


def test_today_drops_meetings_that_have_ended(frozen_now: dt.datetime) -> None:
    # Now: Tuesday 12:00 in New York.
    MeetingFactory(slug="ended", weekday=2, start_time=dt.time(9), end_time=dt.time(10))
    MeetingFactory(
        slug="ended-no-end", weekday=2, start_time=dt.time(10), end_time=None
    )
    MeetingFactory(
        slug="running", weekday=2, start_time=dt.time(11, 30), end_time=dt.time(12, 30)
    )
    MeetingFactory(
        slug="tonight", weekday=2, start_time=dt.time(19), end_time=dt.time(20)
    )
    MeetingFactory(
        slug="past-midnight", weekday=2, start_time=dt.time(23), end_time=dt.time(1)
    )
    # 09:00 in Los Angeles is 12:00 in New York: it is on now.
    MeetingFactory(
        slug="la-morning",
        weekday=2,
        start_time=dt.time(9),
        end_time=dt.time(10),
        timezone="America/Los_Angeles",
    )
    today = find(frozen_now, day="today", tz="America/New_York")
    assert slugs(today) == ["la-morning", "running", "tonight", "past-midnight"]
    # Choosing the weekday itself lists the whole day (next week's for the ended).
    assert len(slugs(find(frozen_now, day="2"))) == 6


def test_today_in_a_zone_already_on_the_next_day(frozen_now: dt.datetime) -> None:
    # 16:00 UTC Tuesday is 01:00 Wednesday in Tokyo: Tokyo's Tuesday is over,
    # apart from a meeting running past midnight.
    for slug, end in (("over", dt.time(20)), ("still-on", dt.time(2))):
        MeetingFactory(
            slug=slug,
            weekday=2,
            start_time=dt.time(19),
            end_time=end,
            timezone="Asia/Tokyo",
        )
    assert slugs(find(frozen_now, day="today", tz="America/New_York")) == ["still-on"]


def test_day_labels_are_relative_to_the_viewers_today() -> None:
    now = dt.datetime(2026, 12, 10, 12, tzinfo=NEW_YORK)  # Thursday noon
    assert (
        day_label(dt.datetime(2026, 12, 10, 19, tzinfo=NEW_YORK), now=now)
        == "Tonight 7:00 PM"
    )
    assert (
        day_label(dt.datetime(2026, 12, 10, 13, tzinfo=NEW_YORK), now=now)
        == "Today 1:00 PM"
    )
    assert (
        day_label(dt.datetime(2026, 12, 11, 19, tzinfo=NEW_YORK), now=now)
        == "Tomorrow 7:00 PM"
    )
    assert (
        day_label(dt.datetime(2026, 12, 12, 19, tzinfo=NEW_YORK), now=now)
        == "Sat, Dec 12, 7:00 PM"
    )
    # "Today" is the zone's own: at that instant it is already Friday in Tokyo.
    tokyo_evening = dt.datetime(2026, 12, 11, 19, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert day_label(tokyo_evening, now=now) == "Tonight 7:00 PM"
    assert day_label(tokyo_evening.astimezone(NEW_YORK), now=now) == (
        "Tomorrow 5:00 AM"
    )


def test_results_read_tonight_and_a_weekday_as_its_next_date(
    client: Client, frozen_now: dt.datetime
) -> None:
    MeetingFactory(name="Tuesday Night", weekday=2, start_time=dt.time(19))
    MeetingFactory(name="Thursday Night", weekday=4, start_time=dt.time(19))
    client.cookies["kinship_tz"] = "America/New_York"
    body = client.get("/meetings/").content.decode()
    assert "<strong>Tonight 7:00 PM</strong>" in body
    assert "<strong>Thu, Jul 9, 7:00 PM</strong>" in body
    thursday = client.get("/meetings/", {"day": "4"}).content.decode()
    assert "Thursday meetings: the next Thursday is Thu, Jul 9." in thursday
    assert "today" not in result_count(thursday).lower()
    tuesday = client.get("/meetings/", {"day": "2"}).content.decode()
    assert "the next Tuesday is today." in tuesday
    today = client.get("/meetings/", {"day": "today"}).content.decode()
    assert "Meetings still to come today." in today


def test_upcoming_order_is_next_start_first(frozen_now: dt.datetime) -> None:
    # Now: Tuesday 12:00 EDT (16:00 UTC), summer time.
    MeetingFactory(slug="ended-this-morning", weekday=2, start_time=dt.time(9))
    MeetingFactory(slug="began-20-min-ago", weekday=2, start_time=dt.time(11, 40))
    MeetingFactory(slug="at-one", weekday=2, start_time=dt.time(13))
    MeetingFactory(slug="wednesday", weekday=3, start_time=dt.time(8))
    MeetingFactory(slug="sunday", weekday=0, start_time=dt.time(8))
    # 11:00 in Los Angeles (PDT) is 14:00 in New York: after "at-one", although on
    # the standard-time offsets the index uses it would come first.
    MeetingFactory(
        slug="la-eleven",
        weekday=2,
        start_time=dt.time(11),
        timezone="America/Los_Angeles",
    )
    # Phoenix keeps standard time: 10:30 MST is 13:30 EDT.
    MeetingFactory(
        slug="phoenix",
        weekday=2,
        start_time=dt.time(10, 30),
        timezone="America/Phoenix",
    )
    MeetingFactory(slug="appointment", weekday=None, start_time=None, end_time=None)
    assert slugs(find(frozen_now, sort="upcoming")) == [
        "began-20-min-ago",
        "at-one",
        "phoenix",
        "la-eleven",
        "wednesday",
        "sunday",
        "ended-this-morning",
        "appointment",
    ]


def test_upcoming_near_a_place_mixes_nearby_and_online(
    frozen_now: dt.datetime,
) -> None:
    MeetingFactory(
        slug="near-late", location=place(1), weekday=2, start_time=dt.time(20)
    )
    MeetingFactory(
        slug="far-soon", location=place(50), weekday=2, start_time=dt.time(13)
    )
    MeetingFactory(
        slug="near-soon", location=place(3), weekday=2, start_time=dt.time(14)
    )
    online_meeting(slug="online-mid", weekday=2, start_time=dt.time(17))
    page = find(frozen_now, near="19103", sort="upcoming")
    assert slugs(page) == ["near-soon", "online-mid", "near-late"]
    assert [r.distance_miles is not None for r in page.results] == [True, False, True]
    assert page.located_count == 2
    nearest = find(frozen_now, near="19103", sort="nearest")
    assert slugs(nearest) == ["near-late", "near-soon", "online-mid"]
    # Without a place, "nearest" cannot be honoured.
    assert "sort" in errors_of(sort="nearest")


# --- places: cities and positions ---------------------------------------------


def test_search_by_city_name(frozen_now: dt.datetime) -> None:
    MeetingFactory(slug="center-city", location=place(2))
    MeetingFactory(
        slug="pittsburgh", location=LocationFactory(latitude=40.44, longitude=-80.0)
    )
    for text in (
        "Philadelphia, PA",
        "Philadelphia",
        "philadelphia pa",
        "Philadelphia, Pennsylvania",
    ):
        page = find(frozen_now, near=text)
        assert slugs(page) == ["center-city"], text
    form = form_for(near="Philadelphia")
    assert form.is_valid()
    assert form.finder_query(now=frozen_now).near_label == "Philadelphia, PA"


def test_unknown_and_ambiguous_cities_get_a_clear_message() -> None:
    (ambiguous,) = errors_of(near="Springfield")["near"]
    assert ambiguous.startswith("There is more than one Springfield. Add the state")
    assert "Springfield, IL" in ambiguous
    assert "Springfield, MA" in ambiguous
    (unknown,) = errors_of(near="Nowheresville")["near"]
    assert unknown.startswith("We could not find a US city called Nowheresville.")
    assert "near" in errors_of(near="Philadelphia, ZZ")
    assert city_lookup("Portland").city is None  # Oregon and Maine
    assert city_lookup("Portland, ME").city is not None
    assert city_lookup("St. Louis").city is not None  # "Saint Louis, MO"


def test_near_me_position_stands_for_near(frozen_now: dt.datetime) -> None:
    assert CENTER_CITY is not None
    MeetingFactory(slug="close", location=place(1))
    MeetingFactory(slug="far", location=place(40))
    point = CENTER_CITY.point
    page = find(frozen_now, lat=f"{point.latitude:.3f}", lng=f"{point.longitude:.3f}")
    assert slugs(page) == ["close"]
    form = form_for(lat="39.952", lng="-75.165")
    assert form.is_valid()
    assert form.finder_query(now=frozen_now).near_label == "your location"
    # A place typed in "near" wins over an old position.
    typed = form_for(lat="10", lng="10", near="19103")
    assert typed.is_valid()
    assert typed.finder_query(now=frozen_now).near_label.startswith("19103")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lat": "91", "lng": "0"}, "lat"),
        ({"lat": "0", "lng": "-181"}, "lng"),
        ({"lat": "39.9"}, "lng"),
        ({"lng": "-75.1"}, "lat"),
        ({"lat": "nan", "lng": "0"}, "lat"),
        ({"lat": "north", "lng": "0"}, "lat"),
    ],
)
def test_bad_positions_are_refused(params: dict[str, str], field: str) -> None:
    assert field in errors_of(**params)


def test_position_is_not_kept_anywhere(
    client: Client, frozen_now: dt.datetime, caplog: pytest.LogCaptureFixture
) -> None:
    from kinship.matching.models import NeedCount

    with caplog.at_level("DEBUG"):
        response = client.get("/meetings/", {"lat": "39.123", "lng": "-75.456"})
    assert response.status_code == 200
    assert "39.123" not in caplog.text
    assert NeedCount.objects.count() == 0


# --- directions, links, layout -------------------------------------------------


def test_directions_offer_apple_google_and_the_phones_maps_app() -> None:
    links = directions_links(latitude=41.88, longitude=-87.63, name="Lakeside Church")
    urls = {str(link.label): link.url for link in links}
    assert urls["Apple Maps"] == (
        "https://maps.apple.com/?daddr=41.880000%2C-87.630000&q=Lakeside+Church"
    )
    assert urls["Google Maps"] == (
        "https://www.google.com/maps/dir/?api=1&destination=41.880000%2C-87.630000"
    )
    assert urls["Maps app on this phone"] == (
        "geo:41.880000,-87.630000?q=41.880000,-87.630000(Lakeside%20Church)"
    )
    by_address = directions_links(
        latitude=None, longitude=None, address="1 Main St, Springfield, IL"
    )
    assert [link.url for link in by_address][1] == (
        "https://www.google.com/maps/dir/?api=1&destination=1+Main+St%2C+Springfield%2C+IL"
    )
    assert directions_links(latitude=None, longitude=None, address=" ") == []


def test_meeting_page_links_to_maps_apps(
    client: Client, frozen_now: dt.datetime
) -> None:
    MeetingFactory(
        slug="lakeside",
        location=LocationFactory(name="Lakeside", latitude=41.88, longitude=-87.63),
    )
    body = client.get("/meetings/lakeside/").content.decode()
    assert (
        'href="https://maps.apple.com/?daddr=41.880000%2C-87.630000&amp;q=Lakeside"'
        in body
    )
    assert (
        "https://www.google.com/maps/dir/?api=1&amp;destination=41.880000%2C-87.630000"
        in body
    )
    assert 'href="geo:41.880000,-87.630000?q=' in body
    assert 'referrerpolicy="no-referrer"' in body


def test_home_has_one_find_a_meeting_button_and_links_find_my_group(
    client: Client,
) -> None:
    body = client.get("/").content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    assert main.count("Find a meeting") == 1
    assert 'href="/match/"' in main
    assert "ZIP code or city" in main


def test_finder_links_find_my_group_and_folds_filters(
    client: Client, frozen_now: dt.datetime
) -> None:
    MeetingFactory(name="Early Birds")
    body = client.get("/meetings/", {"mode": "in_person", "day": "1"}).content.decode()
    assert 'href="/match/"' in body
    # The results follow a folded "Filters" disclosure, which counts what is set.
    details = body.index('<details class="finder-filters" id="finder-filters">')
    assert details < body.index('id="results"') < body.index("Early Birds")
    assert "(2 set)" in body
    assert '<script src="/static/js/finder.js" defer></script>' in body
    # With an error to fix, the filters are unfolded.
    bad = client.get("/meetings/", {"near": "Springfield"}).content.decode()
    assert '<details class="finder-filters" id="finder-filters" open>' in bad


def test_meeting_and_group_pages_wrap_long_values(
    client: Client, frozen_now: dt.datetime
) -> None:
    group = GroupFactory(slug="long-one")
    MeetingFactory(
        slug="long-zone",
        group=group,
        timezone="America/Argentina/ComodRivadavia",
        attendance_mode=AttendanceMode.HYBRID,
        conference_url="https://example.org/" + "a" * 120,
    )
    body = client.get("/meetings/long-zone/").content.decode()
    assert '<dd class="zone-name">America/Argentina/ComodRivadavia</dd>' in body
    assert '<p class="small long-link">' in body
    assert client.get("/groups/long-one/").status_code == 200


# --- private groups and query counts -----------------------------------------


def test_eve_never_finds_a_private_groups_meeting_by_type(
    eve: Member, frozen_now: dt.datetime, vocabularies: dict[str, Any]
) -> None:
    private = GroupFactory(
        program=vocabularies["aa"], visibility=Visibility.PRIVATE, name="Inner Circle"
    )
    MeetingFactory(group=private, slug="inner", types=[vocabularies["aa_w"]])
    client = signed_in(eve)
    for params in ({"type": "women"}, {"audience": "women"}, {"sort": "upcoming"}):
        body = client.get("/meetings/", params).content.decode()
        assert "Inner Circle" not in body
    api = client.get("/api/v1/meetings", {"audience": "women"}).json()
    assert api["count"] == 0


def test_query_count_does_not_grow_with_results_for_new_filters(
    client: Client, frozen_now: dt.datetime, vocabularies: dict[str, Any]
) -> None:
    params = {
        "near": "Philadelphia, PA",
        "sort": "upcoming",
        "audience": "women",
        "day": "today",
    }

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/meetings/", params).status_code == 200
        return len(ctx.captured_queries)

    aa_meeting("first", vocabularies["aa_w"], location=place(1), weekday=2)
    few = queries()
    for n in range(10):
        aa_meeting(f"more-{n}", vocabularies["aa_w"], location=place(1), weekday=2)
        online_meeting(types=[vocabularies["aa_w"]], weekday=2)
    assert queries() == few
    assert few <= 10


def test_api_takes_the_readable_filters(
    client: Client, frozen_now: dt.datetime, vocabularies: dict[str, Any]
) -> None:
    aa_meeting("women", vocabularies["aa_w"], location=place(1))
    aa_meeting("other", location=place(1))
    api = client.get("/api/v1/meetings", {"near": "Philadelphia", "type": "women"})
    assert [m["slug"] for m in api.json()["results"]] == ["women"]
    by_position = client.get(
        "/api/v1/meetings", {"lat": "39.95", "lng": "-75.17", "sort": "upcoming"}
    )
    assert by_position.status_code == 200
    assert {m["slug"] for m in by_position.json()["results"]} == {"women", "other"}
    refused = client.get("/api/v1/meetings", {"near": "Springfield"})
    assert refused.status_code == 422
    assert "more than one Springfield" in str(refused.json())


def test_ended_meetings_are_dropped_as_time_passes(client: Client) -> None:
    MeetingFactory(
        name="Noon Meeting", weekday=2, start_time=dt.time(12), end_time=dt.time(13)
    )
    client.cookies["kinship_tz"] = "America/New_York"
    before = dt.datetime(2026, 7, 7, 16, 30, tzinfo=dt.UTC)  # 12:30, in progress
    after = dt.datetime(2026, 7, 7, 17, 30, tzinfo=dt.UTC)  # 13:30, over
    with time_machine.travel(before, tick=False):
        assert (
            "Noon Meeting"
            in client.get("/meetings/", {"day": "today"}).content.decode()
        )
    with time_machine.travel(after, tick=False):
        body = client.get("/meetings/", {"day": "today"}).content.decode()
    assert "Noon Meeting" not in body
    assert "Today's meetings may be over" in body
