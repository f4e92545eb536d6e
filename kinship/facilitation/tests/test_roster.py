"""The leaders' roster: level, since when, and attendance rate over the last 90
days since each member joined, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinship.attendance.models import (
    Attendance,
    AttendanceMethod,
    ExceptionKind,
    MeetingException,
    Occurrence,
)
from kinship.directory.models import Meeting
from kinship.members.models import Level, Member, Membership
from kinship.members.roster import roster_rows
from kinship.members.tests.personas import (
    Cast,
    membership_create,
    persona_create,
    signed_in,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC
# A Wednesday. The cast's meeting is on Mondays at 19:00 in New York: Tuesday
# 00:00 UTC (before the spring clock change of 8 March).
NOW = dt.datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def monday(month: int, day: int) -> dt.datetime:
    """The UTC start of the Monday meeting held on that local date."""
    return dt.datetime(2026 if month < 12 else 2025, month, day, tzinfo=UTC) + (
        dt.timedelta(days=1)
    )


def attended(member: Member, meeting: Meeting, starts_at: dt.datetime) -> None:
    occurrence, _ = Occurrence.objects.get_or_create(
        meeting=meeting,
        starts_at=starts_at,
        defaults={
            "ends_at": starts_at + dt.timedelta(hours=1),
            "local_date": (starts_at - dt.timedelta(days=1)).date(),
        },
    )
    Attendance.objects.create(
        member=member,
        occurrence=occurrence,
        method=AttendanceMethod.ROLL_CALL,
        verified=True,
    )


def joined(member: Member, cast: Cast, at: dt.datetime) -> None:
    Membership.objects.filter(member=member, group=cast.group).update(joined_at=at)


def test_attendance_rates_count_meetings_held_since_joining(cast: Cast) -> None:
    meeting = cast.meeting
    # morgan: a member for long; 13 Mondays in the last 90 days, one of them
    # cancelled (below): 12 held, 2 attended.
    joined(cast.morgan, cast, NOW - dt.timedelta(days=200))
    attended(cast.morgan, meeting, monday(12, 8))
    attended(cast.morgan, meeting, monday(1, 12))
    # A meeting outside the window is not counted.
    attended(cast.morgan, meeting, monday(12, 8) - dt.timedelta(days=7))
    # alex joined on 10 February: 16 Feb, 23 Feb (cancelled) and 2 March are
    # after; alex came to both that were held. The 9 Feb visit was before.
    joined(cast.alex, cast, dt.datetime(2026, 2, 10, 12, tzinfo=UTC))
    MeetingException.objects.create(
        meeting=meeting, local_date=dt.date(2026, 2, 23), kind=ExceptionKind.CANCELLED
    )
    attended(cast.alex, meeting, monday(2, 9))
    attended(cast.alex, meeting, monday(2, 16))
    attended(cast.alex, meeting, monday(3, 2))
    # fran: all 12 held, none attended. olu joined today: none held yet.
    joined(cast.fran, cast, NOW - dt.timedelta(days=120))
    olu = persona_create("olu", "Olu B.")
    membership_create(olu, cast.group, Level.OBSERVER)
    joined(olu, cast, NOW)

    rows = {
        row.membership.member.display_name: row
        for row in roster_rows(by=cast.fran, group=cast.group)
    }
    assert (rows["Morgan S."].attended, rows["Morgan S."].held) == (2, 12)
    assert rows["Morgan S."].rate == 17
    assert (rows["Alex K."].attended, rows["Alex K."].held) == (2, 2)
    assert rows["Alex K."].rate == 100
    assert (rows["Fran D."].attended, rows["Fran D."].held) == (0, 12)
    assert rows["Fran D."].rate == 0
    assert rows["Olu B."].held == 0
    assert rows["Olu B."].rate is None
    # Since when: the date of the current level.
    fran = Membership.objects.get(member=cast.fran, group=cast.group)
    assert rows["Fran D."].since == fran.leader_since
    assert rows["Olu B."].since == NOW

    page = signed_in(cast.fran).get(
        reverse("membership:roster", args=[cast.group.slug])
    )
    body = page.content.decode()
    assert "100% (2 of 2)" in body
    assert "17% (2 of 12)" in body
    assert "No meetings held since they joined" in body


def test_only_leaders_get_the_roster(cast: Cast) -> None:
    for member in (cast.alex, cast.eve):
        with pytest.raises(Http404):
            roster_rows(by=member, group=cast.group)
        url = reverse("membership:roster", args=[cast.group.slug])
        assert signed_in(member).get(url).status_code == 404


def roster_queries(cast: Cast) -> int:
    client = signed_in(cast.fran)
    url = reverse("membership:roster", args=[cast.group.slug])
    client.get(url)  # the session's first request does more
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_roster_s_queries_do_not_grow_with_members(cast: Cast) -> None:
    attended(cast.alex, cast.meeting, monday(3, 2))
    few = roster_queries(cast)
    for n in range(12):
        member = persona_create(f"extra{n}", f"Extra {n}.")
        membership_create(member, cast.group, Level.PARTICIPANT)
        attended(member, cast.meeting, monday(3, 2))
        attended(member, cast.meeting, monday(2, 23))
    assert roster_queries(cast) == few
