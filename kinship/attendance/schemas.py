"""Input and output schemas of the member API: RSVPs and attendance."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import AwareDatetime

from kinship.members.schemas import GroupRefOut

from .models import AttendanceMethod, RsvpAnswer


class MeetingRefOut(Schema):
    slug: str
    name: str
    url: str
    group: GroupRefOut


class RsvpIn(Schema):
    starts_at: AwareDatetime = Field(
        description="The start of the occurrence, with its offset (ISO 8601)."
    )
    answer: RsvpAnswer


class RsvpOut(Schema):
    meeting: MeetingRefOut
    starts_at: dt.datetime
    ends_at: dt.datetime
    local_start: dt.datetime = Field(description="The start in the meeting's zone.")
    answer: RsvpAnswer


class AttendanceOut(Schema):
    meeting: MeetingRefOut
    starts_at: dt.datetime
    local_start: dt.datetime
    method: AttendanceMethod
    verified: bool
    recorded_at: dt.datetime


class GroupCountOut(Schema):
    group: GroupRefOut
    count: int


class AttendanceHistoryOut(Schema):
    attendances: list[AttendanceOut]
    counts: list[GroupCountOut]
