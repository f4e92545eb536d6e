"""Finder results are read as plain values: they must show what the models hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import get_script_prefix, reverse, set_script_prefix

from kinship.directory.forms import FinderForm
from kinship.directory.models import (
    AttendanceMode,
    Focus,
    Meeting,
    Visibility,
)
from kinship.directory.selectors import access_public_meeting, meetings_find
from kinship.directory.summaries import meeting_summaries, meeting_summary

from .factories import (
    GroupFactory,
    LanguageFactory,
    LocationFactory,
    MeetingFactory,
    MeetingTypeFactory,
    ProgramFactory,
    online_meeting,
)

pytestmark = pytest.mark.django_db


def hybrid_meeting() -> Meeting:
    """A meeting whose types and languages sort differently by code and by label."""
    program = ProgramFactory(code="na", name="Narcotics Anonymous", focus=Focus.BOTH)
    types = [
        MeetingTypeFactory(program=program, code="A", label="Wheelchair access"),
        MeetingTypeFactory(program=program, code="W", label="Beginners"),
        MeetingTypeFactory(program=program, code="M", label="Open"),
    ]
    languages = [
        LanguageFactory(code="es", name="Spanish"),
        LanguageFactory(code="en", name="English"),
        LanguageFactory(code="fr", name="French"),
    ]
    return MeetingFactory.create(
        slug="hope-hybrid",
        name="Hope at Noon",
        group=GroupFactory(
            slug="hope-group", name="Hope Group", program=program, focus=Focus.BOTH
        ),
        attendance_mode=AttendanceMode.HYBRID,
        location=LocationFactory(
            name="St. Mark's Hall",
            city="Philadelphia",
            region="PA",
            accessibility=["step_free", "hearing_loop"],
            notes="Side door",
        ),
        conference_url="https://zoom.us/j/42",
        conference_url_notes="Password: hope",
        conference_phone="+1 555 0100",
        conference_phone_notes="Press 1",
        notes="Bring a friend",
        types=types,
        languages=languages,
    )


def first_result_of(now: dt.datetime, **params: str) -> Any:
    form = FinderForm(params)
    assert form.is_valid(), form.errors
    page = meetings_find(form.finder_query(now=now), now=now)
    return page.results[0]


def test_result_shows_types_by_label_languages_place_group_and_program(
    frozen_now: dt.datetime,
) -> None:
    hybrid_meeting()

    meeting = first_result_of(frozen_now, near="19103").meeting

    assert [(t.code, t.label) for t in meeting.types] == [
        ("W", "Beginners"),
        ("M", "Open"),
        ("A", "Wheelchair access"),
    ]
    assert meeting.languages == ("en", "fr", "es")  # English, French, Spanish
    assert meeting.url == "/meetings/hope-hybrid/"
    assert str(meeting.attendance_mode_label) == "Hybrid"
    assert (meeting.group.name, meeting.group.url) == (
        "Hope Group",
        "/groups/hope-group/",
    )
    assert meeting.group.program.name == "Narcotics Anonymous"
    assert meeting.location is not None
    assert (meeting.location.name, meeting.location.city, meeting.location.region) == (
        "St. Mark's Hall",
        "Philadelphia",
        "PA",
    )
    assert meeting.location.accessibility == ("step_free", "hearing_loop")


def test_result_equals_the_summary_of_the_model_instance(
    frozen_now: dt.datetime,
) -> None:
    hybrid_meeting()
    online_meeting(slug="no-place", name="Evening Online")

    for slug, name in (("hope-hybrid", "Hope at Noon"), ("no-place", "Evening Online")):
        found = first_result_of(frozen_now, q=name).meeting
        assert found == meeting_summary(access_public_meeting(slug))


def model_record(meeting: Meeting) -> dict[str, Any]:
    """A meeting's API fields read straight from the models, as before summaries."""
    location = meeting.location
    assert location is not None
    group = meeting.group
    return {
        "slug": meeting.slug,
        "uuid": str(meeting.uuid),
        "url": meeting.get_absolute_url(),
        "name": meeting.name,
        "group": {"slug": group.slug, "name": group.name, "url": "/groups/hope-group/"},
        "program": {
            "code": group.program.code,
            "name": group.program.name,
            "focus": group.program.focus,
        },
        "focus": group.focus,
        "weekday": meeting.weekday,
        "timezone": meeting.timezone,
        "attendance_mode": meeting.attendance_mode,
        "location": {
            "name": location.name,
            "formatted_address": location.formatted_address,
            "city": location.city,
            "region": location.region,
            "postal_code": location.postal_code,
            "country": location.country,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "approximate": location.approximate,
            "accessibility": list(location.accessibility),
            "notes": location.notes,
        },
        "conference_url": meeting.conference_url,
        "conference_url_notes": meeting.conference_url_notes,
        "conference_phone": meeting.conference_phone,
        "conference_phone_notes": meeting.conference_phone_notes,
        "types": [
            {"code": t.code, "label": t.label} for t in meeting.types.order_by("label")
        ],
        "languages": [lang.code for lang in meeting.languages.order_by("name")],
        "notes": meeting.notes,
        "status": meeting.status,
    }


def test_api_result_carries_the_models_fields(
    client: Client, frozen_now: dt.datetime
) -> None:
    meeting = hybrid_meeting()
    meeting.refresh_from_db()

    found = client.get("/api/v1/meetings", {"near": "19103"}).json()["results"][0]
    record = client.get("/api/v1/meetings/hope-hybrid").json()

    assert {key: found[key] for key in model_record(meeting)} == model_record(meeting)
    assert found["start_time"] == "19:00"
    assert found["end_time"] == "20:00"
    assert dt.datetime.fromisoformat(found["updated_at"]) == meeting.updated_at
    assert found["distance_miles"] is not None
    # The finder (plain values) and the meeting record (model) agree field for field.
    assert found | {"distance_miles": None} == record


def test_finder_card_shows_the_same_fields(
    client: Client, frozen_now: dt.datetime
) -> None:
    hybrid_meeting()

    body = client.get("/meetings/", {"near": "19103"}).content.decode()

    assert '<a href="/meetings/hope-hybrid/">Hope at Noon</a>' in body
    assert '<span class="badge badge-hybrid">Hybrid</span>' in body
    assert "Hope Group · Narcotics Anonymous" in body
    assert "St. Mark&#x27;s Hall, Philadelphia, PA" in body
    # Names only: issue 19 dropped the codes from the cards (title="W" before).
    assert (
        '<span class="type">Beginners</span>, '
        '<span class="type">Open</span>, '
        '<span class="type">Wheelchair access</span>'
    ) in body


def test_eve_finds_no_summary_of_a_private_groups_meeting(
    client: Client, frozen_now: dt.datetime
) -> None:
    secret = GroupFactory(name="Inner Circle", visibility=Visibility.PRIVATE)
    MeetingFactory(name="Inner Circle Monday", group=secret)

    data = client.get("/api/v1/meetings", {"q": "inner"}).json()
    body = client.get("/meetings/", {"q": "inner"}).content.decode()

    assert data["results"] == []
    assert "Inner Circle" not in body


def test_links_are_what_reverse_gives_under_a_script_prefix() -> None:
    meeting = MeetingFactory.create(slug="Early_Birds-7", group__slug="early-birds")
    prefix = get_script_prefix()
    set_script_prefix("/kinship/")
    try:
        summary = meeting_summaries([meeting.pk])[meeting.pk]
        assert summary.url == "/kinship/meetings/Early_Birds-7/"
        assert summary.url == reverse("directory:meeting-detail", args=[meeting.slug])
        assert summary.group.url == "/kinship/groups/early-birds/"
    finally:
        set_script_prefix(prefix)
