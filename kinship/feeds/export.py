"""Writing the directory as a spec-clean Meeting Guide feed.

Integer ``day``, 24-hour times, numeric coordinates, ``timezone`` on every meeting,
only the program's approved type codes (unknown codes a feed once sent are not
republished), stable unique slugs, conference fields, and no personal data (email
addresses in free text are removed). Empty values are left out rather than sent
as empty strings. Reading this output back with ``kinship.feeds.reading`` gives
the same meetings: the attendance mode is encoded the way readers derive it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from kinship.directory.models import (
    AttendanceMode,
    GroupStatus,
    Meeting,
    MeetingStatus,
    MeetingType,
    Recurrence,
    Visibility,
)
from kinship.directory.vocabularies import MEETING_GUIDE_LANGUAGE_TYPES

from .reading import EMAIL, EMAIL_REDACTION, ENTITY, HAS_TAG

CODE_OF_LANGUAGE = {ours: code for code, ours in MEETING_GUIDE_LANGUAGE_TYPES.items()}
EXPORT_CHUNK = 2000


def meetings_for_export(program_code: str | None = None) -> QuerySet[Meeting]:
    """Weekly (or by appointment) meetings of active, listed groups, in slug order.

    The format has no every-other-week or monthly meetings, so those stay out.
    """
    meetings = (
        Meeting.objects.filter(
            group__status=GroupStatus.ACTIVE,
            group__visibility=Visibility.LISTED,
            recurrence=Recurrence.WEEKLY,
        )
        .select_related("group__program", "location")
        .prefetch_related(
            Prefetch("types", queryset=MeetingType.objects.only("id", "code")),
            "languages",
        )
        .order_by("slug")
    )
    if program_code:
        meetings = meetings.filter(group__program__code=program_code)
    return meetings


def meeting_guide_record(meeting: Meeting, *, base_url: str = "") -> dict[str, Any]:
    """One meeting as a Meeting Guide record."""
    codes = {t.code for t in meeting.types.all()}
    closed = "TC" in codes or "TC" in (meeting.unknown_type_codes or [])
    place = meeting.location
    if (
        meeting.status == MeetingStatus.TEMPORARILY_CLOSED
        and not closed
        and place is not None
        and not place.approximate
    ):
        codes.add("TC")  # how the format says "no one meets at this address now"
        closed = True
    codes.update(
        CODE_OF_LANGUAGE[language.code]
        for language in meeting.languages.all()
        if language.code in CODE_OF_LANGUAGE
    )
    record: dict[str, Any] = {}
    _put_text(record, "name", meeting.name)
    record["slug"] = meeting.slug
    if meeting.weekday is not None and meeting.start_time is not None:
        record["day"] = meeting.weekday
        record["time"] = meeting.start_time.strftime("%H:%M")
        if meeting.end_time is not None:
            record["end_time"] = meeting.end_time.strftime("%H:%M")
    record["timezone"] = meeting.timezone
    record["types"] = sorted(codes)
    _put_text(record, "notes", meeting.notes)
    if meeting.conference_url:
        record["conference_url"] = meeting.conference_url
        _put_text(record, "conference_url_notes", meeting.conference_url_notes)
    if meeting.conference_phone:
        record["conference_phone"] = meeting.conference_phone
        _put_text(record, "conference_phone_notes", meeting.conference_phone_notes)
    if place is not None and place.formatted_address:
        _put_text(record, "location", place.name)
        _put_text(record, "formatted_address", place.formatted_address)
        _put_text(record, "address", place.street)
        _put_text(record, "city", place.city)
        _put_text(record, "state", place.region)
        _put_text(record, "postal_code", place.postal_code)
        _put_text(record, "country", place.country)
        if place.latitude is not None and place.longitude is not None:
            record["latitude"] = place.latitude
            record["longitude"] = place.longitude
        # An online meeting at an exact address would read as hybrid: readers
        # take a precise address without TC as a place to attend in person.
        approximate = place.approximate or (
            meeting.attendance_mode == AttendanceMode.ONLINE and not closed
        )
        record["approximate"] = "yes" if approximate else "no"
        _put_text(record, "location_notes", place.notes)
    _put_text(record, "group", meeting.group.name)
    # Groups are matched by id on import (as TSML exports them), so two groups
    # that share a name stay two groups.
    record["group_id"] = meeting.group_id
    _put_text(record, "group_notes", meeting.group.description)
    record["updated"] = meeting.updated_at.strftime("%Y-%m-%d %H:%M:%S")
    if base_url:
        record["url"] = base_url + reverse(
            "directory:meeting-detail", args=[meeting.slug]
        )
    return record


def _put_text(record: dict[str, Any], key: str, value: str) -> None:
    """Set a text field, left out when empty, free of personal data.

    Text that would read as HTML is escaped, so a reader that strips tags and
    decodes entities gets back exactly this text.
    """
    if not value:
        return
    if "@" in value:
        value = EMAIL.sub(EMAIL_REDACTION, value)
    if HAS_TAG.search(value) or ENTITY.search(value):
        value = html.escape(value, quote=False)
    record[key] = value


def meeting_guide_chunks(
    meetings: QuerySet[Meeting], *, base_url: str = ""
) -> Iterator[str]:
    """The feed as JSON text in pieces, for streaming a large directory."""
    yield "["
    first = True
    for meeting in meetings.iterator(chunk_size=EXPORT_CHUNK):
        text = json.dumps(
            meeting_guide_record(meeting, base_url=base_url), ensure_ascii=False
        )
        yield text if first else ",\n" + text
        first = False
    yield "]\n"
