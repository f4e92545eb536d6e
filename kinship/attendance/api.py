"""Member API: my RSVPs and my attendance (the same services as the pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.decorators import decorate_view
from ninja.params import P, QueryEx
from ninja.responses import Status

from kinship.core.timezones import zone
from kinship.directory.models import Meeting
from kinship.members.api import REFUSED, group_ref
from kinship.members.models import Member
from kinship.members.selectors import access_meeting
from kinship.tokens.auth import API_AUTH
from kinship.tokens.errors import validation_error_out
from kinship.tokens.idempotency import idempotent
from kinship.tokens.schemas import (
    ErrorOut,
    IdempotencyKeyHeader,
    ValidationErrorOut,
)

from . import selectors as read
from .models import Rsvp
from .schemas import AttendanceHistoryOut, RsvpIn, RsvpOut
from .services import rsvp_set

router = Router(tags=["me"], auth=API_AUTH)

# Answers are for occurrences within a year; further is no meeting anyone plans.
RSVP_HORIZON = dt.timedelta(days=366)
# Which field a refusal of ``rsvp_set`` is about, by its code.
RSVP_ERROR_FIELDS = {
    "answer": "answer",
    "past": "starts_at",
    "not_an_occurrence": "starts_at",
}


def meeting_ref(meeting: Meeting) -> dict[str, Any]:
    return {
        "slug": meeting.slug,
        "name": meeting.name,
        "url": meeting.get_absolute_url(),
        "group": group_ref(meeting.group),
    }


@router.get(
    "/me/rsvps",
    response={200: list[RsvpOut], 422: ValidationErrorOut, **REFUSED},
    summary="My upcoming RSVPs",
)
def my_rsvps(
    request: HttpRequest,
    days: QueryEx[int, P(ge=1, le=366, description="How many days ahead.")] = (
        read.SCHEDULE_DAYS
    ),
) -> list[dict[str, Any]]:
    """The member's answers to upcoming occurrences, soonest first: the answered
    items of their schedule (the /me/schedule/ page)."""
    member: Member = request.auth  # type: ignore[attr-defined]
    now = timezone.now()
    items = read.schedule_for(member, now, now + dt.timedelta(days=days))
    return [
        {
            "meeting": meeting_ref(item.meeting),
            "starts_at": item.occurrence.starts_at,
            "ends_at": item.occurrence.ends_at,
            "local_start": item.occurrence.local_start,
            "answer": item.answer,
        }
        for item in items
        if item.answer is not None
    ]


def rsvp_out(rsvp: Rsvp, meeting: Meeting) -> dict[str, Any]:
    occurrence = rsvp.occurrence
    return {
        "meeting": meeting_ref(meeting),
        "starts_at": occurrence.starts_at,
        "ends_at": occurrence.ends_at,
        "local_start": occurrence.starts_at.astimezone(zone(meeting.timezone)),
        "answer": rsvp.answer,
    }


@router.post(
    "/meetings/{slug}/rsvps",
    response={
        200: RsvpOut,
        400: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
        **REFUSED,
    },
    summary="Answer going, maybe or not going",
)
@decorate_view(idempotent)
def rsvp_create(
    request: HttpRequest,
    slug: str,
    rsvp: RsvpIn,
    idempotency_key: IdempotencyKeyHeader = None,
) -> Status[dict[str, Any]]:
    """Answer for one upcoming occurrence of a meeting (a new answer replaces the
    old). ``starts_at`` must be a time the meeting meets: 422 otherwise."""
    member: Member = request.auth  # type: ignore[attr-defined]
    meeting = access_meeting(member, slug)
    try:
        starts_at = rsvp.starts_at.astimezone(dt.UTC)
    except OverflowError:
        starts_at = None
    if starts_at is None or starts_at > timezone.now() + RSVP_HORIZON:
        error = ValidationError(
            _("Answers are for meetings within the next year."), code="horizon"
        )
        return Status(
            422,
            validation_error_out(
                error, location="body", field_of={"horizon": "starts_at"}
            ),
        )
    try:
        answer = rsvp_set(
            by=member, meeting=meeting, starts_at=starts_at, answer=rsvp.answer
        )
    except ValidationError as error:
        return Status(
            422,
            validation_error_out(error, location="body", field_of=RSVP_ERROR_FIELDS),
        )
    return Status(200, rsvp_out(answer, meeting))


@router.get(
    "/me/attendance",
    response={200: AttendanceHistoryOut, **REFUSED},
    summary="My attendance",
)
def my_attendance(request: HttpRequest) -> dict[str, Any]:
    """The member's attendance, newest first, and a count per group (the
    /me/attendance/ page)."""
    member: Member = request.auth  # type: ignore[attr-defined]
    history = read.attendance_history(member)
    return {
        "attendances": [
            {
                "meeting": meeting_ref(row.meeting),
                "starts_at": row.attendance.occurrence.starts_at,
                "local_start": row.local_start,
                "method": row.attendance.method,
                "verified": row.attendance.verified,
                "recorded_at": row.attendance.recorded_at,
            }
            for row in history.rows
        ],
        "counts": [
            {"group": group_ref(group), "count": count}
            for group, count in history.counts
        ],
    }
