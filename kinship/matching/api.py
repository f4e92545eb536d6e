"""Find my group as JSON: the guided answers in, the ranked groups out.

Public and read-only. The answers are parsed by the same ``MatchForm`` as the
pages and ranked by the same ``match_find``, so the same answers give the same
groups in the same order. Mounted at /api/v1/ by kinship/api.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from kinship.core.schemas import ValidationErrorOut
from kinship.tokens.errors import form_errors_out

from .forms_match import UTC_ZONE, MatchForm
from .match import GroupMatch, match_find

router = Router(tags=["matching"])


class MatchIn(Schema):
    """The guided answers; lists are repeated parameters (`slots=a&slots=b`)."""

    focus: str | None = Field(
        None, description="addiction, mental_health, both or family (required)"
    )
    slots: list[str] = Field(
        default_factory=list,
        description=(
            "weekday_morning, weekday_afternoon, weekday_evening, weekend; "
            "none for any time"
        ),
    )
    zip: str | None = Field(
        None, description="A US ZIP code; required unless travel is online"
    )
    travel: str | None = Field(None, description="online, no_car or car (required)")
    comfort: str | None = Field(None, description="listen_first or ready (required)")
    languages: list[str] = Field(default_factory=list, description="Language codes")
    programs: list[str] = Field(default_factory=list, description="Program codes")
    audience: list[str] = Field(
        default_factory=list,
        description="women, men, lgbtq, young_people, veterans",
    )


class PartOut(Schema):
    factor: str
    points: float
    weight: int
    reason: str
    trade_off: str


class NextMeetingOut(Schema):
    meeting_slug: str
    meeting_name: str
    starts_at: dt.datetime = Field(..., description="In UTC")
    url: str = Field(..., description="The meeting's dates page, where RSVP is")


class GroupMatchOut(Schema):
    slug: str
    name: str
    program: str
    score: float
    parts: list[PartOut]
    reasons: list[str]
    trade_offs: list[str]
    next_meetings: list[NextMeetingOut]


class MatchOut(Schema):
    found_good_fit: bool
    results: list[GroupMatchOut]


def match_out(match: GroupMatch) -> dict[str, Any]:
    ranked = match.ranked
    return {
        "slug": match.slug,
        "name": match.name,
        "program": match.program_name,
        "score": ranked.score,
        "parts": [
            {
                "factor": part.factor,
                "points": part.points,
                "weight": part.weight,
                "reason": part.reason,
                "trade_off": part.trade_off,
            }
            for part in ranked.parts
        ],
        "reasons": ranked.reasons,
        "trade_offs": ranked.trade_offs,
        "next_meetings": [
            {
                "meeting_slug": meeting.meeting_slug,
                "meeting_name": meeting.meeting_name,
                "starts_at": meeting.starts_at,
                "url": reverse("attendance:meeting-dates", args=[meeting.meeting_slug]),
            }
            for meeting in match.next_meetings
        ],
    }


@router.get(
    "/match",
    response={200: MatchOut, 400: ValidationErrorOut},
    summary="Find my group",
)
def match_groups(request: HttpRequest, answers: Query[MatchIn]) -> Status[Any]:
    """The groups that fit the guided answers, best first, each with its score,
    the points of every factor, the reasons and trade-offs, and its next
    meetings at the person's times (links to their dates pages, where RSVP is).

    The same answers, checks and ranking as the /match/ pages. Times are read in
    the ZIP code's time zone, or in UTC without a ZIP. Invalid answers answer 400
    with field errors. Nothing is stored: unlike a completed guided match on the
    site, a call here does not count towards the needs insights.
    """
    data = {name: value for name, value in answers.dict().items() if value is not None}
    form = MatchForm(data)
    if not form.is_valid():
        return Status(400, form_errors_out(form, location="query"))
    result = match_find(form.query(default_tz=UTC_ZONE), now=timezone.now())
    return Status(
        200,
        {
            "found_good_fit": result.found_good_fit,
            "results": [match_out(match) for match in result.matches],
        },
    )
