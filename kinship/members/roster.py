"""The roster leaders see: each member's level, since when, and attendance rate.

The rate is attended / held: the occurrences of the group's meetings in the last
``RATE_DAYS`` days that started after the member joined, and how many of those
the member attended. Occurrences come from the meetings' schedules (exceptions
applied: a cancelled date is not held), plus any stored occurrence someone
attended that the schedule no longer has. The whole roster takes a fixed
number of queries, whatever the number of members.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from kinship.attendance.models import Attendance
from kinship.attendance.occurrences import meeting_occurrences_between
from kinship.attendance.selectors import meeting_changes
from kinship.directory.models import Group, Meeting

from .models import Level, Member, Membership
from .selectors import group_roster

RATE_DAYS = 90


@dataclass(frozen=True, slots=True)
class RosterRow:
    membership: Membership
    held: int
    attended: int

    @property
    def since(self) -> dt.datetime:
        """When the member reached their current level."""
        membership = self.membership
        if membership.level == Level.LEADER and membership.leader_since:
            return membership.leader_since
        if membership.level == Level.PARTICIPANT and membership.participant_since:
            return membership.participant_since
        return membership.joined_at

    @property
    def rate(self) -> int | None:
        """Attendance as a whole percentage; None when no meeting was held."""
        if not self.held:
            return None
        return round(100 * min(self.attended, self.held) / self.held)


def group_held_occurrences(
    group: Group, start: dt.datetime, end: dt.datetime
) -> dict[tuple[int, dt.datetime], dt.datetime]:
    """The group's occurrences held between two instants, keyed by (meeting id,
    start), each with its start (two queries)."""
    meetings = list(Meeting.objects.filter(group=group))
    changes = meeting_changes([m.pk for m in meetings], start, end)
    held: dict[tuple[int, dt.datetime], dt.datetime] = {}
    for meeting in meetings:
        for occurrence in meeting_occurrences_between(
            meeting, start, end, changes.get(meeting.pk, [])
        ):
            held[(meeting.pk, occurrence.starts_at)] = occurrence.starts_at
    return held


def roster_rows(
    *, by: Member, group: Group, now: dt.datetime | None = None
) -> list[RosterRow]:
    """The group's members with their attendance rates, for its leaders only
    (others get a 404). A fixed number of queries: memberships, meetings,
    exceptions, and the group's attendance in the window."""
    now = now or timezone.now()
    start = now - dt.timedelta(days=RATE_DAYS)
    memberships = list(group_roster(by=by, group=group))
    held = group_held_occurrences(group, start, now)
    attended: dict[int, set[tuple[int, dt.datetime]]] = {}
    rows = Attendance.objects.filter(
        occurrence__meeting__group=group,
        occurrence__starts_at__gte=start,
        occurrence__starts_at__lt=now,
        member__isnull=False,
    ).values_list("member_id", "occurrence__meeting_id", "occurrence__starts_at")
    for member_id, meeting_id, starts_at in rows:
        key = (meeting_id, starts_at)
        held.setdefault(key, starts_at)  # attended, though no longer scheduled
        attended.setdefault(member_id, set()).add(key)
    result = []
    for membership in memberships:
        since = max(start, membership.joined_at)
        mine = {key for key, starts_at in held.items() if starts_at >= since}
        result.append(
            RosterRow(
                membership=membership,
                held=len(mine),
                attended=len(attended.get(membership.member_id, set()) & mine),
            )
        )
    return result
