"""Each quirk of real feeds, read on its own (issue: tolerant reading, types)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kinship.directory.vocabularies import (
    MEETING_GUIDE_LANGUAGE_TYPES,
    PROGRAMS_BY_CODE,
)
from kinship.feeds.reading import (
    MeetingRecord,
    ReadResult,
    Vocabulary,
    feed_read,
)

from .conftest import record


def vocabulary(program: str = "aa") -> Vocabulary:
    codes = frozenset(t.code for t in PROGRAMS_BY_CODE[program].types)
    return Vocabulary(type_codes=codes, language_types=MEETING_GUIDE_LANGUAGE_TYPES)


def read(*records: dict[str, Any], program: str = "aa", **options: Any) -> ReadResult:
    return feed_read(list(records), vocabulary(program), **options)


def one(**fields: Any) -> MeetingRecord:
    result = read(record(**fields))
    assert result.rejections == [], result.rejections
    assert len(result.meetings) == 1
    return result.meetings[0]


def reasons(result: ReadResult) -> list[str]:
    return [problem.reason for problem in result.warnings]


@pytest.mark.parametrize(
    ("day", "weekday"),
    [(3, 3), ("3", 3), ("Wednesday", 3), ("wed", 3), ("SUNDAY", 0), (0, 0)],
)
def test_day_as_integer_numeric_string_or_name(day: object, weekday: int) -> None:
    assert one(day=day).weekday == weekday


def test_day_array_gives_one_meeting_per_day_slugged_like_tsml() -> None:
    result = read(record(day=[1, "3", "Friday"], slug="noon"))
    assert [(m.weekday, m.source_slug) for m in result.meetings] == [
        (1, "noon-1"),
        (3, "noon-3"),
        (5, "noon-5"),
    ]


@pytest.mark.parametrize("day", [7, -1, "8", "someday", True, 2.5])
def test_unreadable_day_rejects_the_record_with_the_field(day: object) -> None:
    result = read(record(day=day, slug="bad-day"))
    assert result.meetings == []
    [problem] = result.rejections
    assert (problem.index, problem.slug, problem.field) == (0, "bad-day", "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19:30", dt.time(19, 30)),
        ("07:05", dt.time(7, 5)),
        ("7:05", dt.time(7, 5)),
        ("19:30:00", dt.time(19, 30)),
        ("7:30 PM", dt.time(19, 30)),
        ("7:30pm", dt.time(19, 30)),
        ("12:00 AM", dt.time(0, 0)),
        ("12:15 pm", dt.time(12, 15)),
        ("6 a.m.", dt.time(6, 0)),
        ("noon", dt.time(12, 0)),
    ],
)
def test_time_as_24_hour_with_seconds_or_12_hour(text: str, expected: dt.time) -> None:
    assert one(time=text, end_time=None).start_time == expected


@pytest.mark.parametrize("text", ["25:00", "7:75", "13:00 PM", "seven", "19h30"])
def test_unreadable_start_time_rejects(text: str) -> None:
    [problem] = read(record(time=text)).rejections
    assert problem.field == "time"
    assert text in problem.reason


def test_unreadable_end_time_is_dropped_with_a_warning() -> None:
    result = read(record(end_time="later"))
    assert result.meetings[0].end_time is None
    assert any("end_time" in reason for reason in reasons(result))


def test_end_time_at_or_before_start_is_kept_as_midnight_crossing() -> None:
    meeting = one(time="23:30", end_time="00:30")
    assert (meeting.start_time, meeting.end_time) == (dt.time(23, 30), dt.time(0, 30))


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(39.9487, -75.1686), ("39.9487", "-75.1686"), (" 39.9487 ", "-75.1686")],
)
def test_coordinates_as_numbers_or_strings(latitude: object, longitude: object) -> None:
    place = one(latitude=latitude, longitude=longitude).location
    assert place is not None
    assert (place.latitude, place.longitude) == (39.9487, -75.1686)


def test_bad_coordinates_are_dropped_with_warnings() -> None:
    result = read(
        record(slug="a", latitude="north", longitude="-75"),
        record(slug="b", latitude=95, longitude=10),
        record(slug="c", latitude=0, longitude=0),
    )
    places = [m.location for m in result.meetings]
    assert all(p is not None and p.latitude is None for p in places)
    assert {(w.index, w.field) for w in result.warnings} == {
        (0, "latitude"),
        (1, "latitude"),
        (2, "latitude"),
    }


def test_empty_strings_count_as_absent() -> None:
    meeting = one(
        end_time="",
        conference_url="",
        conference_phone="",
        notes="",
        types="",
        group="",
        updated="",
    )
    assert meeting.end_time is None
    assert meeting.conference_url == meeting.conference_phone == ""
    assert meeting.type_codes == ()
    assert meeting.attendance_mode == "in_person"
    assert meeting.group_name == ""
    assert meeting.updated is None


def test_html_tags_and_entities_in_text_are_read_as_plain_text() -> None:
    result = read(
        record(
            name="Step &amp; Tradition",
            notes="<p>Use the <b>side</b> door.<br>Park at the back &#8211; free</p>",
            location="Church of St. John &amp; St. Paul",
        )
    )
    meeting = result.meetings[0]
    assert meeting.name == "Step & Tradition"
    assert meeting.notes == "Use the side door.\nPark at the back \u2013 free"
    assert meeting.location is not None
    assert meeting.location.name == "Church of St. John & St. Paul"
    assert "HTML tags in text: removed" in reasons(result)


@pytest.mark.parametrize("types", [["O", "D"], "O,D", "O, D", "O D", ["o", "d"]])
def test_types_as_array_or_string(types: object) -> None:
    assert one(types=types).type_codes == ("D", "O")


def test_integer_slug_is_read_as_text() -> None:
    assert one(slug=4711).source_slug == "4711"


@pytest.mark.parametrize(
    "updated",
    [
        "2023-08-29 15:56:59",
        "2023-08-29T15:56:59Z",
        "2023-08-29T11:56:59-04:00",
        "08/29/2023 15:56:59",
        1693324619,
        "1693324619",
    ],
)
def test_updated_in_several_formats(updated: object) -> None:
    assert one(updated=updated).updated == dt.datetime(
        2023, 8, 29, 15, 56, 59, tzinfo=dt.UTC
    )


def test_unreadable_updated_is_a_warning_not_a_rejection() -> None:
    result = read(record(updated="last Tuesday"))
    assert result.meetings[0].updated is None
    assert any("updated" in reason for reason in reasons(result))


def test_conference_link_found_only_in_notes_is_used() -> None:
    result = read(
        record(
            notes="Join us on Zoom: https://us02web.zoom.us/j/8765432109?pwd=abc. "
            "Passcode 1234",
            approximate="yes",
        )
    )
    meeting = result.meetings[0]
    assert meeting.conference_url == "https://us02web.zoom.us/j/8765432109?pwd=abc"
    assert meeting.attendance_mode == "online"
    assert "conference link found only in the notes: used" in reasons(result)


def test_link_in_notes_to_an_unknown_host_is_not_taken_as_a_conference() -> None:
    meeting = one(notes="Literature at https://example.org/books")
    assert meeting.conference_url == ""
    assert meeting.attendance_mode == "in_person"


def test_meeting_with_no_day_is_by_appointment() -> None:
    meeting = one(day=None, time=None, end_time=None)
    assert (meeting.weekday, meeting.start_time, meeting.end_time) == (None, None, None)


def test_day_without_time_is_by_appointment_with_a_warning() -> None:
    result = read(record(time=""))
    assert result.meetings[0].weekday is None
    assert "a day without a time: read as by appointment" in reasons(result)


def test_al_anon_reads_poa_and_y_in_its_own_namespace() -> None:
    al_anon = read(record(types=["POA", "Y"]), program="al-anon").meetings[0]
    aa = read(record(types=["POA", "Y"]), program="aa").meetings[0]
    assert al_anon.type_codes == aa.type_codes == ("POA", "Y")
    labels = {
        program: {t.code: t.label for t in PROGRAMS_BY_CODE[program].types}
        for program in ("aa", "al-anon")
    }
    assert labels["al-anon"]["POA"] == "Parents of Alcoholics"
    assert labels["al-anon"]["Y"] == "Alateen"
    assert labels["aa"]["POA"] == "Proof of Attendance"
    assert labels["aa"]["Y"] == "Young People"


def test_unknown_codes_are_kept_and_reported_never_lost() -> None:
    result = read(record(types=["O", "ASBI", "XYZ"]))
    meeting = result.meetings[0]
    assert meeting.type_codes == ("O",)
    assert meeting.unknown_type_codes == ("ASBI", "XYZ")
    assert "unknown type code 'ASBI': kept, not shown as a type" in reasons(result)


def test_al_anon_codes_unknown_to_aa_are_kept_as_unknown_there() -> None:
    meeting = read(record(types=["AC", "LGBTQIA"]), program="aa").meetings[0]
    assert meeting.unknown_type_codes == ("AC", "LGBTQIA")
    assert read(record(types=["AC"]), program="al-anon").meetings[0].type_codes == (
        "AC",
    )


def test_language_codes_become_languages() -> None:
    meeting = one(types=["O", "S", "EN", "POL"])
    assert meeting.language_codes == ("en", "es", "pl")


@pytest.mark.parametrize(
    ("fields", "mode", "active"),
    [
        ({}, "in_person", True),
        ({"conference_url": "https://zoom.us/j/123"}, "hybrid", True),
        ({"conference_phone": "+1 646 876 9923"}, "hybrid", True),
        ({"conference_url": "https://zoom.us/j/1", "types": ["TC"]}, "online", True),
        (
            {"conference_url": "https://zoom.us/j/1", "approximate": "yes"},
            "online",
            True,
        ),
        ({"approximate": "yes"}, "in_person", False),
        ({"types": ["TC"]}, "in_person", False),
        # TSML UI ignores links to hosts it does not know and too-short phones.
        ({"conference_url": "https://example.org/room"}, "in_person", True),
        ({"conference_phone": "+11", "types": ["TC"]}, "in_person", False),
        # Without "approximate", fewer than four address parts means approximate.
        (
            {"formatted_address": "Philadelphia, PA, USA", "conference_phone": ""},
            "in_person",
            False,
        ),
        (
            {"approximate": "no", "formatted_address": "Philadelphia, PA"},
            "in_person",
            True,
        ),
        (
            {"approximate": True, "conference_url": "https://meet.google.com/x"},
            "online",
            True,
        ),
    ],
)
def test_attendance_mode_is_derived_as_tsml_does(
    fields: dict[str, Any], mode: str, active: bool
) -> None:
    meeting = one(**fields)
    assert (meeting.attendance_mode, meeting.active) == (mode, active)


def test_online_meeting_without_address_is_kept() -> None:
    meeting = one(
        formatted_address=None,
        location=None,
        latitude=None,
        longitude=None,
        conference_url="https://zoom.us/j/1",
    )
    assert (meeting.location, meeting.attendance_mode) == (None, "online")


def test_record_with_nowhere_to_attend_is_rejected() -> None:
    result = read(record(formatted_address=None, latitude=None, longitude=None))
    [problem] = result.rejections
    assert problem.field == "formatted_address"
    assert "nowhere to attend" in problem.reason


def test_address_parts_are_read_from_the_formatted_address() -> None:
    place = one().location
    assert place is not None
    assert (
        place.street,
        place.city,
        place.region,
        place.postal_code,
        place.country,
    ) == (
        "1625 Locust St",
        "Philadelphia",
        "PA",
        "19103",
        "US",
    )


def test_timezone_from_the_record_first_then_the_run_option() -> None:
    assert one(timezone="America/Chicago").timezone == "America/Chicago"
    result = read(record(timezone=None), default_timezone="America/Denver")
    assert result.meetings[0].timezone == "America/Denver"


def test_timezone_inferred_from_coordinates_then_us_zip() -> None:
    by_point = read(record(timezone=None, latitude=33.685, longitude=-117.872))
    assert by_point.meetings[0].timezone == "America/Los_Angeles"
    by_zip = read(
        record(
            timezone=None,
            latitude=None,
            longitude=None,
            formatted_address="100 Main St, Denver, CO 80202, USA",
        )
    )
    assert by_zip.meetings[0].timezone == "America/Denver"


def test_meeting_whose_zone_cannot_be_known_is_rejected_with_that_reason() -> None:
    result = read(
        record(
            timezone="Mars/Olympus",
            latitude=None,
            longitude=None,
            formatted_address="Somewhere without a zip, Nowhere, Land",
        )
    )
    [problem] = result.rejections
    assert problem.field == "timezone"
    assert problem.reason.startswith("time zone unknown")
    assert "timezone 'Mars/Olympus' is not an IANA time zone: ignored" in reasons(
        result
    )


def test_duplicate_slugs_keep_the_first_and_reject_the_rest() -> None:
    result = read(record(name="First"), record(name="Second"))
    assert [m.name for m in result.meetings] == ["First"]
    [problem] = result.rejections
    assert (problem.index, problem.field) == (1, "slug")


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ("not an object", ""),
        ({"name": "No slug", "day": 1, "time": "10:00"}, "slug"),
        ({"slug": "no-name", "day": 1, "time": "10:00"}, "name"),
    ],
)
def test_unusable_records_are_rejected_and_the_rest_read(
    raw: object, field: str
) -> None:
    result = feed_read([raw, record()], vocabulary())
    assert len(result.meetings) == 1
    [problem] = result.rejections
    assert (problem.index, problem.field) == (0, field)


def test_email_addresses_in_text_are_removed() -> None:
    result = read(record(notes="For the Zoom link email jo.smith@example.com today"))
    assert result.meetings[0].notes == (
        "For the Zoom link email (email address removed) today"
    )
    assert "email address in text: removed (personal data)" in reasons(result)


def test_long_names_are_shortened_with_a_warning() -> None:
    result = read(record(name="N" * 250))
    assert len(result.meetings[0].name) == 200
    assert "name shortened to 200 characters" in reasons(result)
