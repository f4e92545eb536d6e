"""The Meeting Guide export: schema-valid, public only, and it reads back the same."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kinship.directory.models import (
    Feed,
    Group,
    Location,
    Meeting,
    Program,
    Recurrence,
    Visibility,
)
from kinship.directory.tests.factories import GroupFactory, MeetingFactory
from kinship.directory.vocabularies import (
    MEETING_GUIDE_LANGUAGE_TYPES,
    PROGRAMS_BY_CODE,
)
from kinship.feeds.reading import EMAIL

from .conftest import FEEDS_DIR, record, run_import

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "docs" / "meeting-guide.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def export(*args: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command("export_feed", *args, stdout=out)
    parsed: list[dict[str, Any]] = json.loads(out.getvalue())
    return parsed


def assert_spec_clean(feed: list[dict[str, Any]], program: str) -> None:
    errors = sorted(VALIDATOR.iter_errors(feed), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    slugs = [item["slug"] for item in feed]
    assert len(slugs) == len(set(slugs))
    approved = {t.code for t in PROGRAMS_BY_CODE[program].types}
    approved |= set(MEETING_GUIDE_LANGUAGE_TYPES)
    assert {code for item in feed for code in item["types"]} <= approved
    for item in feed:
        for key, value in item.items():
            assert not (isinstance(value, str) and EMAIL.search(value)), (key, value)


def meeting_fields(meeting: Meeting) -> dict[str, Any]:
    """Everything a meeting holds that the format can carry.

    Left out: ids, uuid, timestamps and source provenance (new in a new
    database), and unknown type codes, which are never republished.
    """
    place = meeting.location
    return {
        "name": meeting.name,
        "weekday": meeting.weekday,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "timezone": meeting.timezone,
        "recurrence": meeting.recurrence,
        "attendance_mode": meeting.attendance_mode,
        "status": meeting.status,
        "conference_url": meeting.conference_url,
        "conference_url_notes": meeting.conference_url_notes,
        "conference_phone": meeting.conference_phone,
        "conference_phone_notes": meeting.conference_phone_notes,
        "notes": meeting.notes,
        "types": sorted(t.code for t in meeting.types.all()),
        "languages": sorted(language.code for language in meeting.languages.all()),
        "group": (
            meeting.group.name,
            meeting.group.description,
            meeting.group.program.code,
            meeting.group.status,
            meeting.group.visibility,
        ),
        "location": None
        if place is None
        else (
            place.name,
            place.formatted_address,
            place.street,
            place.city,
            place.region,
            place.postal_code,
            place.country,
            place.latitude,
            place.longitude,
            place.approximate,
            place.timezone,
            place.notes,
        ),
    }


def directory_state() -> dict[str, dict[str, Any]]:
    meetings = Meeting.objects.select_related(
        "group__program", "location"
    ).prefetch_related("types", "languages")
    return {m.slug: meeting_fields(m) for m in meetings}


def empty_the_directory() -> None:
    Meeting.objects.all().delete()
    Group.objects.all().delete()
    Location.objects.all().delete()
    Feed.objects.all().delete()


def export_then_import_into_empty(program: Program) -> dict[str, dict[str, Any]]:
    exported = export()
    assert_spec_clean(exported, program.code)
    empty_the_directory()
    feed = Feed.objects.create(name="re-import", program=program)
    outcome = run_import(feed, exported)
    assert outcome.rejected == 0, outcome.rejections[:3]
    return directory_state()


@pytest.mark.parametrize(
    ("name", "program"),
    [
        ("aa-sepia.json", "aa"),
        ("aa-orange-county.json", "aa"),
        ("al-anon.json", "al-anon"),
    ],
)
def test_real_feed_exports_spec_clean_and_reads_back_field_for_field(
    feeds_dir: Path, programs: dict[str, Program], name: str, program: str
) -> None:
    feed = Feed.objects.create(name=name, program=programs[program])
    run_import(feed, json.loads((feeds_dir / name).read_text("utf-8")))
    before = directory_state()

    after = export_then_import_into_empty(programs[program])

    assert len(after) == len(before)
    different = [slug for slug in before if before[slug] != after.get(slug)]
    assert different == []


text = st.text(
    alphabet=st.sampled_from("abcXYZ 019&;<>#'\"@.-/\n\t\u00e9\u00a0"), max_size=40
)
codes = st.sampled_from(
    ["O", "C", "D", "B", "TC", "ONL", "S", "EN", "POL", "W", "ASBI", "zz", "x"]
)
places = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "location": text,
            "formatted_address": st.sampled_from(
                [
                    "1625 Locust St, Philadelphia, PA 19103, USA",
                    "Philadelphia, PA, USA",
                    "12 Rue X, Montreal, QC H2X 1Y4, Canada",
                    "Main St, Springfield",
                ]
            ),
            "approximate": st.sampled_from(["yes", "no", "", None]),
            "latitude": st.one_of(st.none(), st.floats(-89, 89).map(str)),
            "longitude": st.one_of(st.none(), st.floats(-179, 179)),
            "location_notes": text,
        }
    ),
)
records = st.lists(
    st.fixed_dictionaries(
        {
            "name": text.filter(lambda value: value.strip()),
            "slug": st.text(
                alphabet=st.sampled_from("abc-_19%"), min_size=1, max_size=12
            ),
            "day": st.one_of(
                st.none(),
                st.integers(0, 6),
                st.sampled_from(["Monday", "3", [1, 4]]),
            ),
            "time": st.sampled_from(["07:00", "19:30:00", "7:15 PM", "12:00 AM"]),
            "end_time": st.sampled_from([None, "", "08:00", "6:00 am", "23:59"]),
            "timezone": st.sampled_from(
                ["America/New_York", "America/Chicago", "Europe/Dublin"]
            ),
            "types": st.one_of(st.lists(codes, max_size=5), codes),
            "notes": text,
            "conference_url": st.sampled_from(
                ["", "https://zoom.us/j/1234567890", "https://example.org/room"]
            ),
            "conference_url_notes": text,
            "conference_phone": st.sampled_from(["", "+1 646 876 9923", "+11"]),
            "group": st.one_of(st.none(), st.sampled_from(["Downtown", "Hope"])),
            "group_notes": text,
            "place": places,
        }
    ),
    min_size=1,
    max_size=6,
)


def as_feed(generated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    feed = []
    for item in generated:
        place = item.pop("place") or {}
        feed.append({**item, **place})
    return feed


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(generated=records)
def test_export_then_import_reproduces_every_meeting_field(
    programs: dict[str, Program], generated: list[dict[str, Any]]
) -> None:
    empty_the_directory()
    feed = Feed.objects.create(name="generated", program=programs["aa"])
    run_import(feed, as_feed(generated))
    before = directory_state()
    assume(before)  # all records rejected: nothing to carry across

    after = export_then_import_into_empty(programs["aa"])

    assert after == before


def test_meetings_json_lists_public_weekly_meetings_only(
    aa_feed: Feed, client: Client, django_assert_max_num_queries: Any
) -> None:
    run_import(aa_feed, [record(slug="open"), record(slug="by-appointment", day="")])
    hidden = GroupFactory(visibility=Visibility.UNLISTED)
    MeetingFactory(group=hidden, slug="unlisted-meeting")
    MeetingFactory(slug="monthly-meeting", recurrence=Recurrence.MONTHLY)

    with django_assert_max_num_queries(6):
        response = client.get("/meetings.json")
        body = response.getvalue()

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    feed = json.loads(body)
    assert sorted(item["slug"] for item in feed) == ["by-appointment", "open"]
    assert_spec_clean(feed, "aa")
    [open_meeting] = [item for item in feed if item["slug"] == "open"]
    assert open_meeting["url"] == "http://testserver/meetings/open/"
    assert (open_meeting["day"], open_meeting["time"]) == (2, "19:00")
    assert open_meeting["latitude"] == 39.9487
    [appointment] = [item for item in feed if item["slug"] == "by-appointment"]
    assert "day" not in appointment
    assert "time" not in appointment


def test_meetings_json_by_program(aa_feed: Feed, client: Client) -> None:
    run_import(aa_feed, [record()])
    aa = client.get("/meetings.json?program=aa").getvalue()
    assert [item["slug"] for item in json.loads(aa)] == ["tuesday-night-group"]
    assert json.loads(client.get("/meetings.json?program=al-anon").getvalue()) == []
    assert client.get("/meetings.json?program=nope").status_code == 404
    assert client.post("/meetings.json").status_code == 405


def test_export_removes_email_addresses_entered_by_hand(aa_feed: Feed) -> None:
    run_import(aa_feed, [record()])
    Meeting.objects.update(notes="Ask sam.jones@example.org for the key")
    [item] = export()
    assert item["notes"] == "Ask (email address removed) for the key"


def test_export_feed_writes_a_file(aa_feed: Feed, tmp_path: Path) -> None:
    run_import(aa_feed, [record()])
    path = tmp_path / "out.json"
    call_command("export_feed", "--program", "aa", "-o", str(path))
    [item] = json.loads(path.read_text("utf-8"))
    assert item["slug"] == "tuesday-night-group"
    assert item["timezone"] == "America/New_York"


def test_schema_refuses_what_real_feeds_get_wrong() -> None:
    clean: dict[str, Any] = {
        "name": "A",
        "slug": "a",
        "timezone": "UTC",
        "types": ["O"],
    }
    clean |= {"day": 1, "time": "19:00", "formatted_address": "x"}
    assert VALIDATOR.is_valid([clean])
    for wrong in (
        {"day": "1"},
        {"time": "7:00 PM"},
        {"latitude": "39.9", "longitude": -75.0},
        {"notes": ""},
        {"notes": "mail me: a@b.org"},
        {"timezone": None},
    ):
        assert not VALIDATOR.is_valid([clean | wrong]), wrong


def test_real_feeds_themselves_are_not_spec_clean() -> None:
    path = FEEDS_DIR / "aa-sepia.json"
    if not path.is_file():
        pytest.skip("real feeds not present")
    assert not VALIDATOR.is_valid(json.loads(path.read_text("utf-8")))
