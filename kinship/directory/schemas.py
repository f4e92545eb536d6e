"""Input and output schemas of the directory API."""

from __future__ import annotations

import datetime as dt
import uuid

from ninja import Field, Schema


class FinderQueryIn(Schema):
    """Finder filters; all optional and validated like the finder page's."""

    q: str | None = None
    near: str | None = Field(
        None, description="A US ZIP code, a US city (Philadelphia, PA) or lat,lng."
    )
    lat: str | None = Field(None, description="With lng: a position instead of near.")
    lng: str | None = None
    radius: str | None = None
    day: str | None = None
    time: str | None = None
    mode: str | None = None
    program: str | None = None
    focus: str | None = None
    type: str | None = Field(
        None,
        description="A readable choice (open, closed, women...), a type's name "
        "(big-book) or a code of the program's vocabulary (B).",
    )
    audience: str | None = Field(
        None, description="Who meetings are for: women, men, lgbtq, young_people..."
    )
    language: str | None = None
    sort: str | None = Field(
        None, description="upcoming (next start first), nearest or week."
    )
    page: str | None = None
    tz: str | None = None


class ProgramOut(Schema):
    code: str
    name: str
    focus: str


class GroupRefOut(Schema):
    slug: str
    name: str
    url: str


class MeetingTypeOut(Schema):
    code: str
    label: str


class LocationOut(Schema):
    name: str
    formatted_address: str
    city: str
    region: str
    postal_code: str
    country: str
    latitude: float | None
    longitude: float | None
    approximate: bool
    accessibility: list[str]
    notes: str


class MeetingOut(Schema):
    slug: str
    uuid: uuid.UUID
    url: str
    name: str
    group: GroupRefOut
    program: ProgramOut
    focus: str
    weekday: int | None
    start_time: str | None
    end_time: str | None
    timezone: str
    attendance_mode: str
    location: LocationOut | None
    conference_url: str
    conference_url_notes: str
    conference_phone: str
    conference_phone_notes: str
    types: list[MeetingTypeOut]
    languages: list[str]
    notes: str
    status: str
    updated_at: dt.datetime
    next_start: dt.datetime | None
    next_start_viewer: dt.datetime | None
    in_progress: bool
    starting_soon: bool
    distance_miles: float | None


class MeetingPageOut(Schema):
    count: int = Field(
        description="Matches; a lower bound when count_is_exact is false "
        "(broad searches are counted up to 1,000 per segment)."
    )
    count_is_exact: bool
    page: int
    pages: int
    page_size: int
    results: list[MeetingOut]


class ResourceLinkOut(Schema):
    title: str
    url: str


class GroupOut(Schema):
    slug: str
    url: str
    name: str
    program: ProgramOut
    focus: str
    description: str
    guidelines: str
    confidentiality_statement: str
    inclusivity_statement: str
    audience: list[str]
    languages: list[str]
    status: str
    resource_links: list[ResourceLinkOut]
    verified_at: dt.datetime | None
    meetings: list[MeetingOut]
