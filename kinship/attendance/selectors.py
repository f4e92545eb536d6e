"""Reads of occurrences, schedules, attendance and records, access-checked.

Another person's record, feed or attendance is a 404 (or simply absent), never
a sign of its existence.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from kinship.core.timezones import zone
from kinship.core.when import datetime_label
from kinship.directory.models import Group, Meeting, Visibility
from kinship.members.models import Member, Membership
from kinship.members.selectors import access_led_group, group_roster

from .codes import feed_token_hash, record_public_id
from .models import (
    Attendance,
    AttendanceRecord,
    MeetingException,
    Occurrence,
    Rsvp,
    RsvpAnswer,
    ScheduleFeed,
)
from .occurrences import (
    SEARCH_MARGIN,
    PlannedOccurrence,
    meeting_occurrence_at,
    meeting_occurrences_between,
    regular_dates,
)

SCHEDULE_DAYS = 28
MEETING_DATES_DAYS = 56
UPCOMING_DATES = dt.timedelta(weeks=16)


def moment_label(moment: dt.datetime) -> str:
    """``Tue, Jul 7, 7:00 PM EDT`` in the active language, in the moment's zone."""
    return datetime_label(moment, tz=moment.tzinfo, zone_name=True)


def meeting_is_visible(member: Member | None, meeting: Meeting) -> bool:
    """As ``access_meeting``: a meeting of a non-private group, or of one's own."""
    if meeting.group.visibility != Visibility.PRIVATE:
        return True
    return (
        member is not None
        and Membership.objects.filter(member=member, group_id=meeting.group_id).exists()
    )


def meeting_changes(
    meeting_ids: Iterable[int], start: dt.datetime, end: dt.datetime
) -> dict[int, list[MeetingException]]:
    """The exceptions that can affect occurrences between two instants, by meeting."""
    first = (start - SEARCH_MARGIN).date()
    last = (end + SEARCH_MARGIN).date()
    rows = MeetingException.objects.filter(meeting_id__in=list(meeting_ids)).filter(
        Q(local_date__gte=first, local_date__lte=last)
        | Q(moved_starts_at__gte=start, moved_starts_at__lt=end)
    )
    changes: dict[int, list[MeetingException]] = {}
    for row in rows:
        changes.setdefault(row.meeting_id, []).append(row)
    return changes


def meeting_occurrences(
    meeting: Meeting, start: dt.datetime, end: dt.datetime
) -> list[PlannedOccurrence]:
    """A meeting's occurrences between two instants, its exceptions applied."""
    changes = meeting_changes([meeting.pk], start, end).get(meeting.pk, [])
    return meeting_occurrences_between(meeting, start, end, changes)


def meeting_occurrence(
    meeting: Meeting, starts_at: dt.datetime
) -> PlannedOccurrence | None:
    """The meeting's occurrence starting exactly at ``starts_at``, if any."""
    end = starts_at + dt.timedelta(seconds=1)
    changes = meeting_changes([meeting.pk], starts_at, end).get(meeting.pk, [])
    return meeting_occurrence_at(meeting, starts_at, changes)


def stored_occurrence(meeting: Meeting, starts_at: dt.datetime) -> Occurrence | None:
    return Occurrence.objects.filter(meeting=meeting, starts_at=starts_at).first()


def access_led_meeting(member: Member, group_slug: str, meeting_slug: str) -> Meeting:
    """A meeting of a group the member leads; 404 for everyone else."""
    group = access_led_group(member, group_slug)
    meeting = (
        Meeting.objects.select_related("group", "group__program", "location")
        .filter(group=group, slug=meeting_slug)
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def meeting_exceptions(meeting: Meeting, *, since: dt.date) -> list[MeetingException]:
    return list(meeting.exceptions.filter(local_date__gte=since).order_by("local_date"))


def rsvp_answers(
    member: Member | None, meeting: Meeting, occurrences: Iterable[PlannedOccurrence]
) -> dict[dt.datetime, str]:
    """The member's answers to some occurrences of a meeting, by start."""
    starts = [occurrence.starts_at for occurrence in occurrences]
    if member is None or not starts:
        return {}
    rows = Rsvp.objects.filter(
        member=member, occurrence__meeting=meeting, occurrence__starts_at__in=starts
    ).values_list("occurrence__starts_at", "answer")
    return dict(rows)


def rsvp_answer(
    member: Member, meeting: Meeting, starts_at: dt.datetime | None
) -> str | None:
    """The member's answer to the occurrence starting at ``starts_at``, if any."""
    if starts_at is None:
        return None
    return (
        Rsvp.objects.filter(
            member=member, occurrence__meeting=meeting, occurrence__starts_at=starts_at
        )
        .values_list("answer", flat=True)
        .first()
    )


def upcoming_regular_dates(meeting: Meeting, today: dt.date) -> list[dt.date]:
    """The meeting's regular dates from today on, for a leader to change one."""
    return list(regular_dates(meeting, today, today + UPCOMING_DATES))


@dataclass(frozen=True, slots=True)
class ScheduleItem:
    """One occurrence on a member's schedule, in their zone and the meeting's."""

    meeting: Meeting
    occurrence: PlannedOccurrence
    answer: str | None
    viewer_start: dt.datetime
    local_label: str
    viewer_label: str | None


def schedule_item(
    meeting: Meeting,
    occurrence: PlannedOccurrence,
    answer: str | None,
    viewer_tz: dt.tzinfo,
) -> ScheduleItem:
    viewer_start = occurrence.starts_at.astimezone(viewer_tz)
    local_label = moment_label(occurrence.local_start)
    viewer_label = moment_label(viewer_start)
    return ScheduleItem(
        meeting=meeting,
        occurrence=occurrence,
        answer=answer,
        viewer_start=viewer_start,
        local_label=local_label,
        viewer_label=None if viewer_label == local_label else viewer_label,
    )


def schedule_for(
    member: Member, start: dt.datetime, end: dt.datetime
) -> list[ScheduleItem]:
    """A member's occurrences between two instants: every meeting of their groups,
    and the occurrences of other meetings they answered going or maybe to.

    Three queries whatever the number of meetings.
    """
    related = ("group", "group__program", "location")
    meetings = {
        meeting.pk: meeting
        for meeting in Meeting.objects.select_related(*related).filter(
            group__memberships__member=member
        )
    }
    member_meetings = set(meetings)
    answers: dict[tuple[int, dt.datetime], str] = {}
    rsvps = Rsvp.objects.select_related(
        *(f"occurrence__meeting__{name}" for name in related)
    ).filter(
        member=member, occurrence__starts_at__gte=start, occurrence__starts_at__lt=end
    )
    for rsvp in rsvps:
        meeting = rsvp.occurrence.meeting
        if meeting.pk not in member_meetings and (
            rsvp.answer == RsvpAnswer.NOT_GOING
            or meeting.group.visibility == Visibility.PRIVATE
        ):
            continue
        meetings.setdefault(meeting.pk, meeting)
        answers[(meeting.pk, rsvp.occurrence.starts_at)] = rsvp.answer
    changes = meeting_changes(meetings, start, end)
    viewer_tz = zone(member.timezone)
    items = []
    for meeting in meetings.values():
        found = meeting_occurrences_between(
            meeting, start, end, changes.get(meeting.pk, [])
        )
        for occurrence in found:
            answer = answers.get((meeting.pk, occurrence.starts_at))
            if meeting.pk in member_meetings or answer is not None:
                items.append(schedule_item(meeting, occurrence, answer, viewer_tz))
    return sorted(
        items, key=lambda item: (item.occurrence.starts_at, item.meeting.name)
    )


def feed_active(member: Member) -> ScheduleFeed | None:
    """The member's calendar address that still works, if any."""
    return ScheduleFeed.objects.filter(member=member, revoked_at__isnull=True).first()


def feed_member(token: str) -> Member:
    """The member whose calendar address this token is; 404 if unknown or revoked."""
    feed = (
        ScheduleFeed.objects.select_related("member")
        .filter(token_hash=feed_token_hash(token), revoked_at__isnull=True)
        .first()
    )
    if feed is None:
        raise Http404("No such calendar")
    return feed.member


@dataclass(frozen=True, slots=True)
class RollCallRow:
    member: Member
    attendance: Attendance | None


def roll_call_rows(
    *, by: Member, group: Group, occurrence: Occurrence | None
) -> list[RollCallRow]:
    """The group's members by roster name, with their attendance at an occurrence."""
    attended: dict[int | None, Attendance] = {}
    if occurrence is not None:
        attended = {a.member_id: a for a in occurrence.attendances.all()}
    rows = [
        RollCallRow(membership.member, attended.get(membership.member_id))
        for membership in group_roster(by=by, group=group)
    ]
    return sorted(rows, key=lambda row: row.member.roster_label.casefold())


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    attendance: Attendance
    meeting: Meeting
    group: Group
    local_start: dt.datetime


@dataclass(frozen=True, slots=True)
class AttendanceHistory:
    rows: list[AttendanceRow]
    counts: list[tuple[Group, int]]


def attendance_history(member: Member) -> AttendanceHistory:
    """A member's own attendance, newest first, with a count per group (one query)."""
    attendances = (
        Attendance.objects.filter(member=member)
        .select_related("occurrence__meeting__group")
        .order_by("-occurrence__starts_at", "-id")
    )
    rows = []
    counts: Counter[int] = Counter()
    groups: dict[int, Group] = {}
    for attendance in attendances:
        meeting = attendance.occurrence.meeting
        rows.append(
            AttendanceRow(
                attendance=attendance,
                meeting=meeting,
                group=meeting.group,
                local_start=attendance.occurrence.starts_at.astimezone(
                    zone(meeting.timezone)
                ),
            )
        )
        counts[meeting.group_id] += 1
        groups[meeting.group_id] = meeting.group
    ordered = sorted(counts.items(), key=lambda item: groups[item[0]].name)
    return AttendanceHistory(rows, [(groups[pk], n) for pk, n in ordered])


def groups_attended_by(member: Member) -> QuerySet[Group]:
    """The groups whose meetings the member attended, for a record's choice."""
    return (
        Group.objects.filter(meetings__occurrences__attendances__member=member)
        .distinct()
        .order_by("name")
    )


def records_of(member: Member) -> QuerySet[AttendanceRecord]:
    return AttendanceRecord.objects.filter(member=member).order_by("-created_at")


def access_record(member: Member, record_id: int) -> AttendanceRecord:
    """One of the member's own records; anyone else's is a 404."""
    record = AttendanceRecord.objects.filter(member=member, pk=record_id).first()
    if record is None:
        raise Http404("No such record")
    return record


def record_by_code(code: str) -> AttendanceRecord | None:
    """The record a genuine verification code names; None for a forged one."""
    public_id: uuid.UUID | None = record_public_id(code)
    if public_id is None:
        return None
    return AttendanceRecord.objects.filter(public_id=public_id).first()
