"""What a result shows of a meeting, read as plain values.

The finder's cards and the API's meeting records are built from these summaries
rather than from model instances: on a page of 20 results, building the ~100
meeting, group, program, place, type and language objects cost more than the SQL.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django_stubs_ext import StrOrPromise

from .models import AttendanceMode, Meeting
from .names import program_name


@dataclass(frozen=True, slots=True)
class ProgramSummary:
    code: str
    name: str  # as stored: the API gives it
    focus: str

    @property
    def display_name(self) -> StrOrPromise:
        return program_name(self.code, self.name)


@dataclass(frozen=True, slots=True)
class GroupSummary:
    slug: str
    name: str
    url: str
    focus: str
    program: ProgramSummary


@dataclass(frozen=True, slots=True)
class PlaceSummary:
    name: str
    formatted_address: str
    city: str
    region: str
    postal_code: str
    country: str
    latitude: float | None
    longitude: float | None
    approximate: bool
    accessibility: tuple[str, ...]
    notes: str


@dataclass(frozen=True, slots=True)
class TypeSummary:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """What a result shows of a meeting (the finder's cards and the API's records).

    Plain values rather than model instances: building a page's ~100 meeting,
    group, program, place, type and language objects cost more than its SQL.
    ``types`` are in label order, ``languages`` are codes in language-name order.
    """

    id: int
    uuid: uuid.UUID
    slug: str
    url: str
    name: str
    group: GroupSummary
    weekday: int | None
    start_time: dt.time | None
    end_time: dt.time | None
    timezone: str
    attendance_mode: str
    location: PlaceSummary | None
    conference_url: str
    conference_url_notes: str
    conference_phone: str
    conference_phone_notes: str
    types: tuple[TypeSummary, ...]
    languages: tuple[str, ...]
    notes: str
    status: str
    updated_at: dt.datetime

    @property
    def attendance_mode_label(self) -> StrOrPromise:
        return AttendanceMode(self.attendance_mode).label


# The columns of one summary row, in the order ``_summary_from_row`` unpacks them.
_SUMMARY_COLUMNS = (
    "id",
    "uuid",
    "slug",
    "name",
    "weekday",
    "start_time",
    "end_time",
    "timezone",
    "attendance_mode",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "notes",
    "status",
    "updated_at",
    "group__slug",
    "group__name",
    "group__focus",
    "group__program__code",
    "group__program__name",
    "group__program__focus",
    "location_id",
    "location__name",
    "location__formatted_address",
    "location__city",
    "location__region",
    "location__postal_code",
    "location__country",
    "location__latitude",
    "location__longitude",
    "location__approximate",
    "location__accessibility",
    "location__notes",
)


# Resolving the 34 columns through three joins took about as long as running the
# query, so it is built once; callers only ever filter (copy) it, never evaluate it.
@functools.cache
def _summary_rows() -> QuerySet[Meeting, tuple[Any, ...]]:
    return Meeting.objects.order_by().values_list(*_SUMMARY_COLUMNS)


# What ``reverse`` accepts for a ``<slug:...>`` URL and returns unquoted.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _slug_url(viewname: str) -> Callable[[str], str]:
    """``reverse(viewname, args=[slug])``, reversed once per call instead of per slug.

    At ~30 us a reverse, the meeting and group links of a page cost over a
    millisecond. Made on each call: the script prefix is set per request.
    """
    placeholder = "slug-placeholder"
    prefix, suffix = reverse(viewname, args=[placeholder]).split(placeholder)

    def url(slug: str) -> str:
        if _PLAIN_SLUG.fullmatch(slug):
            return f"{prefix}{slug}{suffix}"
        return reverse(viewname, args=[slug])

    return url


def meeting_summaries(ids: list[int]) -> dict[int, MeetingSummary]:
    """Summaries of the given meetings by id, in three queries and no model objects.

    Used for finder results, whose ids come from listings (so the meetings are
    listed); it checks no visibility itself.
    """
    types: dict[int, list[TypeSummary]] = {}
    for meeting_id, code, label in (
        Meeting.types.through.objects.filter(meeting_id__in=ids)
        .order_by("meetingtype__label")
        .values_list("meeting_id", "meetingtype__code", "meetingtype__label")
    ):
        types.setdefault(meeting_id, []).append(TypeSummary(code=code, label=label))
    languages: dict[int, list[str]] = {}
    for meeting_id, code in (
        Meeting.languages.through.objects.filter(meeting_id__in=ids)
        .order_by("language__name")
        .values_list("meeting_id", "language__code")
    ):
        languages.setdefault(meeting_id, []).append(code)
    rows = _summary_rows().filter(pk__in=ids)
    meeting_url = _slug_url("directory:meeting-detail")
    group_url = _slug_url("directory:group-detail")
    summaries = {}
    for row in rows:
        summary = _summary_from_row(
            row,
            types=tuple(types.get(row[0], ())),
            languages=tuple(languages.get(row[0], ())),
            meeting_url=meeting_url,
            group_url=group_url,
        )
        summaries[summary.id] = summary
    return summaries


def _summary_from_row(
    row: tuple[Any, ...],
    *,
    types: tuple[TypeSummary, ...],
    languages: tuple[str, ...],
    meeting_url: Callable[[str], str],
    group_url: Callable[[str], str],
) -> MeetingSummary:
    (
        meeting_id,
        meeting_uuid,
        slug,
        name,
        weekday,
        start_time,
        end_time,
        timezone,
        attendance_mode,
        conference_url,
        conference_url_notes,
        conference_phone,
        conference_phone_notes,
        notes,
        status,
        updated_at,
        group_slug,
        group_name,
        group_focus,
        program_code,
        program_name,
        program_focus,
        location_id,
        *place,
    ) = row
    return MeetingSummary(
        id=meeting_id,
        uuid=meeting_uuid,
        slug=slug,
        url=meeting_url(slug),
        name=name,
        group=GroupSummary(
            slug=group_slug,
            name=group_name,
            url=group_url(group_slug),
            focus=group_focus,
            program=ProgramSummary(
                code=program_code, name=program_name, focus=program_focus
            ),
        ),
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        timezone=timezone,
        attendance_mode=attendance_mode,
        location=None if location_id is None else _place(*place),
        conference_url=conference_url,
        conference_url_notes=conference_url_notes,
        conference_phone=conference_phone,
        conference_phone_notes=conference_phone_notes,
        types=types,
        languages=languages,
        notes=notes,
        status=status,
        updated_at=updated_at,
    )


def _place(
    name: str,
    formatted_address: str,
    city: str,
    region: str,
    postal_code: str,
    country: str,
    latitude: float | None,
    longitude: float | None,
    approximate: bool,
    accessibility: list[str] | None,
    notes: str,
) -> PlaceSummary:
    return PlaceSummary(
        name=name,
        formatted_address=formatted_address,
        city=city,
        region=region,
        postal_code=postal_code,
        country=country,
        latitude=latitude,
        longitude=longitude,
        approximate=approximate,
        accessibility=tuple(accessibility or ()),
        notes=notes,
    )


def meeting_summary(meeting: Meeting) -> MeetingSummary:
    """The summary of a meeting read through ``meeting_display_queryset``."""
    group = meeting.group
    program = group.program
    location = meeting.location
    return MeetingSummary(
        id=meeting.pk,
        uuid=meeting.uuid,
        slug=meeting.slug,
        url=meeting.get_absolute_url(),
        name=meeting.name,
        group=GroupSummary(
            slug=group.slug,
            name=group.name,
            url=group.get_absolute_url(),
            focus=group.focus,
            program=ProgramSummary(
                code=program.code, name=program.name, focus=program.focus
            ),
        ),
        weekday=meeting.weekday,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        timezone=meeting.timezone,
        attendance_mode=meeting.attendance_mode,
        location=None
        if location is None
        else _place(
            location.name,
            location.formatted_address,
            location.city,
            location.region,
            location.postal_code,
            location.country,
            location.latitude,
            location.longitude,
            location.approximate,
            location.accessibility,
            location.notes,
        ),
        conference_url=meeting.conference_url,
        conference_url_notes=meeting.conference_url_notes,
        conference_phone=meeting.conference_phone,
        conference_phone_notes=meeting.conference_phone_notes,
        types=tuple(
            TypeSummary(code=kind.code, label=kind.label)
            for kind in meeting.types.all()
        ),
        languages=tuple(language.code for language in meeting.languages.all()),
        notes=meeting.notes,
        status=meeting.status,
        updated_at=meeting.updated_at,
    )
