"""Directory JSON API: the finder's results and public meeting and group records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from kinship.core.schemas import ErrorOut, ValidationErrorOut
from kinship.core.timezones import zone
from kinship.tokens.errors import form_errors_out

from .forms import FinderForm
from .models import Group, Meeting
from .schedule import meeting_when
from .schemas import FinderQueryIn, GroupOut, MeetingOut, MeetingPageOut
from .selectors import (
    MeetingResult,
    access_public_group,
    access_public_meeting,
    group_meetings,
    meetings_find,
)
from .summaries import meeting_summary

router = Router(tags=["directory"])


def _time(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def meeting_out(result: MeetingResult) -> dict[str, Any]:
    meeting = result.meeting
    group = meeting.group
    location = meeting.location
    when = result.when
    return {
        "slug": meeting.slug,
        "uuid": meeting.uuid,
        "url": meeting.url,
        "name": meeting.name,
        "group": {"slug": group.slug, "name": group.name, "url": group.url},
        "program": {
            "code": group.program.code,
            "name": group.program.name,
            "focus": group.program.focus,
        },
        "focus": group.focus,
        "weekday": meeting.weekday,
        "start_time": _time(meeting.start_time),
        "end_time": _time(meeting.end_time),
        "timezone": meeting.timezone,
        "attendance_mode": meeting.attendance_mode,
        "location": None
        if location is None
        else {
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
        "types": [{"code": t.code, "label": t.label} for t in meeting.types],
        "languages": list(meeting.languages),
        "notes": meeting.notes,
        "status": meeting.status,
        "updated_at": meeting.updated_at,
        "next_start": when.occurrence.start if when else None,
        "next_start_viewer": when.viewer_start if when else None,
        "in_progress": bool(when and when.in_progress),
        "starting_soon": bool(when and when.starting_soon),
        "distance_miles": None
        if result.distance_miles is None
        else round(result.distance_miles, 2),
    }


def _result(meeting: Meeting, now: dt.datetime) -> MeetingResult:
    """A meeting outside a search: its times are given in its own zone."""
    when = meeting_when(meeting, now=now, viewer_tz=zone(meeting.timezone))
    return MeetingResult(
        meeting=meeting_summary(meeting), distance_miles=None, when=when
    )


@router.get(
    "/meetings",
    response={200: MeetingPageOut, 422: ValidationErrorOut},
    summary="Find meetings",
)
def meetings_list(
    request: HttpRequest, filters: Query[FinderQueryIn]
) -> Status[dict[str, Any]]:
    """The finder: the same filters, order and results as the /meetings/ page.

    With `near`, in-person and hybrid meetings within `radius` miles come first,
    nearest first, each with `distance_miles`; online meetings follow (they are not
    bound by distance) unless `mode` excludes them.
    """
    form = FinderForm({k: v for k, v in filters.dict().items() if v is not None})
    if not form.is_valid():
        return Status(422, form_errors_out(form, location="query"))
    now = timezone.now()
    page = meetings_find(form.finder_query(now=now), now=now)
    return Status(
        200,
        {
            "count": page.count,
            "count_is_exact": page.count_is_exact,
            "page": page.page,
            "pages": page.pages,
            "page_size": page.page_size,
            "results": [meeting_out(result) for result in page.results],
        },
    )


@router.get(
    "/meetings/{slug}", response={200: MeetingOut, 404: ErrorOut}, summary="One meeting"
)
def meeting_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """A meeting of a listed or unlisted group; 404 when unknown or private."""
    return meeting_out(_result(access_public_meeting(slug), timezone.now()))


@router.get(
    "/groups/{slug}", response={200: GroupOut, 404: ErrorOut}, summary="One group"
)
def group_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """A group with its statements and all its meetings; 404 when unknown or private."""
    group: Group = access_public_group(slug)
    now = timezone.now()
    return {
        "slug": group.slug,
        "url": group.get_absolute_url(),
        "name": group.name,
        "program": {
            "code": group.program.code,
            "name": group.program.name,
            "focus": group.program.focus,
        },
        "focus": group.focus,
        "description": group.description,
        "guidelines": group.guidelines,
        "confidentiality_statement": group.confidentiality_statement,
        "inclusivity_statement": group.inclusivity_statement,
        "audience": list(group.audience or []),
        "languages": [language.code for language in group.languages.all()],
        "status": group.status,
        "resource_links": list(group.resource_links or []),
        "verified_at": group.verified_at,
        "meetings": [meeting_out(_result(m, now)) for m in group_meetings(group)],
    }
