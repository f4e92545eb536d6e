"""Attendance: roll call, meeting codes, online joins, /me/attendance/ and the
leaders' page of dated changes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from kinship.attendance.codes import CODE_ALPHABET, meeting_code
from kinship.attendance.models import (
    Attendance,
    AttendanceMethod,
    ExceptionKind,
    MeetingException,
    Occurrence,
    Rsvp,
)
from kinship.attendance.occurrences import start_stamp
from kinship.attendance.services import (
    attendance_check_in,
    attendance_online_join,
    attendance_roll_call,
    occurrence_materialize,
    rsvp_set,
)
from kinship.directory.models import Visibility
from kinship.directory.tests.factories import (
    GroupFactory,
    MeetingFactory,
    online_meeting,
)
from kinship.members.models import Level, RosterName
from kinship.members.tests.personas import Cast, membership_create, signed_in

from .conftest import LAST_MONDAY, NEXT_MONDAY

pytestmark = pytest.mark.django_db

ROLL_CALL = "/groups/tuesday-dual-recovery/meetings/tuesday-evening/roll-call/"
CHANGES = "/groups/tuesday-dual-recovery/meetings/tuesday-evening/changes/"
CHECK_IN = "/meetings/tuesday-evening/check-in/"
DURING = NEXT_MONDAY + dt.timedelta(minutes=10)
AFTER_WINDOW = NEXT_MONDAY + dt.timedelta(hours=1, minutes=31)


def code_of(starts_at: dt.datetime) -> str:
    from kinship.directory.models import Meeting

    return meeting_code(Meeting.objects.get(slug="tuesday-evening").uuid, starts_at)


# -- meeting codes -------------------------------------------------------------------


def test_meeting_codes_are_short_unambiguous_and_differ_per_occurrence(
    cast: Cast,
) -> None:
    code = code_of(NEXT_MONDAY)
    assert len(code) == 6
    assert set(code) <= set(CODE_ALPHABET)
    assert not set("01OIL") & set(CODE_ALPHABET)
    assert code == code_of(NEXT_MONDAY)
    assert code != code_of(LAST_MONDAY)
    with override_settings(SECRET_KEY="another site's secret key, long enough 123"):
        assert code_of(NEXT_MONDAY) != code


def test_check_in_with_the_right_code_is_verified(cast: Cast) -> None:
    attendance = attendance_check_in(
        by=cast.alex,
        meeting=cast.meeting,
        code=code_of(NEXT_MONDAY).lower()[:3] + " " + code_of(NEXT_MONDAY)[3:],
        now=DURING,
    )
    assert attendance.verified
    assert attendance.method == AttendanceMethod.MEETING_CODE
    assert attendance.occurrence.starts_at == NEXT_MONDAY


@pytest.mark.parametrize(
    "now",
    [
        NEXT_MONDAY - dt.timedelta(minutes=31),
        AFTER_WINDOW,
    ],
    ids=["too-early", "expired"],
)
def test_check_in_outside_the_window_is_refused(cast: Cast, now: dt.datetime) -> None:
    with pytest.raises(ValidationError, match="Check-in is open from 30 minutes"):
        attendance_check_in(
            by=cast.alex, meeting=cast.meeting, code=code_of(NEXT_MONDAY), now=now
        )
    assert not Attendance.objects.exists()


def test_check_in_window_edges(cast: Cast) -> None:
    code = code_of(NEXT_MONDAY)
    opens = NEXT_MONDAY - dt.timedelta(minutes=30)
    closes = NEXT_MONDAY + dt.timedelta(hours=1, minutes=30)
    attendance_check_in(by=cast.alex, meeting=cast.meeting, code=code, now=opens)
    attendance_check_in(by=cast.morgan, meeting=cast.meeting, code=code, now=closes)
    assert Attendance.objects.filter(verified=True).count() == 2


def test_last_weeks_code_does_not_work_this_week(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="not this meeting's code"):
        attendance_check_in(
            by=cast.alex, meeting=cast.meeting, code=code_of(LAST_MONDAY), now=DURING
        )
    assert not Attendance.objects.exists()


def test_five_wrong_codes_lock_check_in_for_15_minutes_even_with_the_right_one(
    cast: Cast,
) -> None:
    with time_machine.travel(DURING, tick=False) as traveller:
        for _ in range(5):
            with pytest.raises(ValidationError, match="not this meeting's code"):
                attendance_check_in(
                    by=cast.alex, meeting=cast.meeting, code="AAAAAA", now=DURING
                )
        with pytest.raises(ValidationError, match="Too many wrong codes"):
            attendance_check_in(
                by=cast.alex,
                meeting=cast.meeting,
                code=code_of(NEXT_MONDAY),
                now=DURING,
            )
        assert not Attendance.objects.exists()
        # Others are not locked out by alex's misses.
        attendance_check_in(
            by=cast.morgan, meeting=cast.meeting, code=code_of(NEXT_MONDAY), now=DURING
        )
        traveller.shift(dt.timedelta(minutes=16))
        later = DURING + dt.timedelta(minutes=16)
        attendance_check_in(
            by=cast.alex, meeting=cast.meeting, code=code_of(NEXT_MONDAY), now=later
        )
    assert Attendance.objects.filter(member=cast.alex, verified=True).exists()


def test_check_in_page_success_and_clear_errors(cast: Cast) -> None:
    with time_machine.travel(DURING, tick=False):
        # Signed in during the meeting: a session idle for days would have ended.
        client = signed_in(cast.alex)
        wrong = client.post(CHECK_IN, {"code": "ZZZZZZ"})
        assert wrong.status_code == 400
        assert "not this meeting&#x27;s code" in wrong.content.decode()
        assert not Attendance.objects.exists()
        empty = client.post(CHECK_IN, {"code": ""})
        assert empty.status_code == 400
        right = client.post(CHECK_IN, {"code": code_of(NEXT_MONDAY)})
        assert right.status_code == 302
    assert Attendance.objects.get(member=cast.alex).verified


def test_eve_cannot_check_in_to_a_private_groups_meeting(cast: Cast) -> None:
    cast.group.visibility = Visibility.PRIVATE
    cast.group.save()
    with time_machine.travel(DURING, tick=False):
        response = signed_in(cast.eve).post(CHECK_IN, {"code": code_of(NEXT_MONDAY)})
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_visitors_are_sent_to_sign_in_to_check_in(cast: Cast) -> None:
    response = Client().post(CHECK_IN, {"code": "AAAAAA"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# -- online join ---------------------------------------------------------------------


@pytest.fixture
def online(cast: Cast) -> object:
    return online_meeting(
        group=cast.group, slug="online-monday", weekday=1, start_time=dt.time(19)
    )


def test_joining_online_during_the_meeting_records_unverified_attendance(
    cast: Cast, online: object
) -> None:
    with time_machine.travel(DURING, tick=False):
        response = signed_in(cast.alex).post("/meetings/online-monday/join/")
    assert response.status_code == 302
    assert response["Location"] == "https://zoom.us/j/123456789"
    attendance = Attendance.objects.get(member=cast.alex)
    assert attendance.method == AttendanceMethod.ONLINE_JOIN
    assert not attendance.verified


def test_joining_then_checking_in_makes_it_verified(cast: Cast, online: object) -> None:
    from kinship.directory.models import Meeting

    meeting = Meeting.objects.get(slug="online-monday")
    attendance_online_join(by=cast.alex, meeting=meeting, now=DURING)
    attendance_online_join(by=cast.alex, meeting=meeting, now=DURING)  # twice: one
    attendance_check_in(
        by=cast.alex,
        meeting=meeting,
        code=meeting_code(meeting.uuid, NEXT_MONDAY),
        now=DURING,
    )
    attendance = Attendance.objects.get(member=cast.alex)
    assert (attendance.method, attendance.verified) == ("meeting_code", True)


def test_joining_outside_the_window_or_as_a_visitor_only_redirects(
    cast: Cast, online: object
) -> None:
    assert signed_in(cast.alex).post("/meetings/online-monday/join/").status_code == 302
    with time_machine.travel(DURING, tick=False):
        visitor = Client().post("/meetings/online-monday/join/")
    assert visitor.status_code == 302
    assert visitor["Location"] == "https://zoom.us/j/123456789"
    assert not Attendance.objects.exists()


def test_eve_joining_a_private_groups_meeting_uninvited_is_not_found(
    cast: Cast, online: object
) -> None:
    cast.group.visibility = Visibility.PRIVATE
    cast.group.save()
    with time_machine.travel(DURING, tick=False):
        assert (
            signed_in(cast.eve).post("/meetings/online-monday/join/").status_code == 404
        )
        assert Client().post("/meetings/online-monday/join/").status_code == 404
    assert not Attendance.objects.exists()


def test_joining_a_meeting_without_a_link_says_so(cast: Cast) -> None:
    response = signed_in(cast.alex).post("/meetings/tuesday-evening/join/", follow=True)
    assert response.status_code == 200
    assert "no link to join online" in response.content.decode()


# -- roll call -----------------------------------------------------------------------


def test_leader_marks_present_and_not_present(cast: Cast) -> None:
    occurrence = occurrence_materialize(meeting=cast.meeting, starts_at=LAST_MONDAY)
    present = {cast.alex.pk, cast.morgan.pk}
    attendance_roll_call(by=cast.fran, occurrence=occurrence, present=present)
    rows = Attendance.objects.filter(occurrence=occurrence)
    assert {a.member_id for a in rows} == present
    assert all(
        a.verified and a.method == "roll_call" and a.recorded_by == cast.fran
        for a in rows
    )
    attendance_roll_call(by=cast.fran, occurrence=occurrence, present={cast.alex.pk})
    assert set(rows.values_list("member_id", flat=True)) == {cast.alex.pk}


def test_roll_call_refuses_outsiders_and_future_dates(cast: Cast) -> None:
    occurrence = occurrence_materialize(meeting=cast.meeting, starts_at=LAST_MONDAY)
    with pytest.raises(ValidationError, match="Only members of the group"):
        attendance_roll_call(by=cast.fran, occurrence=occurrence, present={cast.eve.pk})
    future = occurrence_materialize(meeting=cast.meeting, starts_at=NEXT_MONDAY)
    with pytest.raises(ValidationError, match="opens 30 minutes before"):
        attendance_roll_call(by=cast.fran, occurrence=future, present={cast.alex.pk})
    assert not Attendance.objects.exists()


def test_roll_call_page_lists_roster_names_and_shows_the_code_in_the_window(
    cast: Cast,
) -> None:
    cast.morgan.roster_name = RosterName.INITIAL
    cast.morgan.save()
    url = f"{ROLL_CALL}{start_stamp(NEXT_MONDAY)}/"
    fran = signed_in(cast.fran)
    before = fran.get(url).content.decode()
    assert "Alex K." in before
    assert "M." in before
    assert "Morgan S." not in before
    assert "alex@example.org" not in before
    assert code_of(NEXT_MONDAY) not in before  # not before the window
    with time_machine.travel(DURING, tick=False):
        # A new sign-in in the meeting's hour: the last one has been idle too long.
        fran.force_login(cast.fran.user)
        during = fran.get(url).content.decode()
        assert code_of(NEXT_MONDAY) in during
        response = fran.post(url, {"present": [str(cast.alex.pk)]})
    assert response.status_code == 302
    attendance = Attendance.objects.get()
    assert (attendance.member, attendance.method, attendance.verified) == (
        cast.alex,
        "roll_call",
        True,
    )
    fran.force_login(cast.fran.user)
    assert fran.get(ROLL_CALL).status_code == 200


@pytest.mark.parametrize(
    "data",
    [{"present": ["abc"]}, {"present": ["999999"]}, {"present": ["1.5", ""]}],
)
def test_roll_call_page_garbage_is_a_form_error(
    cast: Cast, data: dict[str, object]
) -> None:
    url = f"{ROLL_CALL}{start_stamp(LAST_MONDAY)}/"
    response = signed_in(cast.fran).post(url, data)
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    assert not Attendance.objects.exists()


def test_roll_call_page_refuses_a_start_that_is_not_an_occurrence(cast: Cast) -> None:
    fran = signed_in(cast.fran)
    for stamp in ("20260714T230000Z", "garbage", "2026"):
        assert fran.get(f"{ROLL_CALL}{stamp}/").status_code == 404
    assert not Occurrence.objects.exists()


@pytest.mark.parametrize("who", ["alex", "eve"])
def test_only_leaders_reach_the_roll_call(cast: Cast, who: str) -> None:
    client = signed_in(getattr(cast, who))
    url = f"{ROLL_CALL}{start_stamp(LAST_MONDAY)}/"
    assert client.get(ROLL_CALL).status_code == 404
    assert client.get(url).status_code == 404
    assert client.post(url, {"present": [str(cast.alex.pk)]}).status_code == 404
    assert not Attendance.objects.exists()


# -- leaders' dated changes ------------------------------------------------------------


def test_leader_cancels_and_moves_dates_and_rsvps_follow(cast: Cast) -> None:
    fran = signed_in(cast.fran)
    assert fran.get(CHANGES).status_code == 200
    rsvp_set(by=cast.alex, meeting=cast.meeting, starts_at=NEXT_MONDAY, answer="going")
    response = fran.post(
        CHANGES,
        {
            "local_date": "2026-07-13",
            "kind": "moved",
            "moved_date": "2026-07-14",
            "moved_time": "18:30",
            "note": "The hall is booked on Monday",
        },
    )
    assert response.status_code == 302
    moved_to = dt.datetime(2026, 7, 14, 22, 30, tzinfo=dt.UTC)
    assert Rsvp.objects.get().occurrence.starts_at == moved_to
    fran.post(CHANGES, {"local_date": "2026-07-20", "kind": "cancelled"})
    assert MeetingException.objects.count() == 2
    schedule = signed_in(cast.alex).get("/me/schedule/")
    items = schedule.context["items"]
    assert [item.occurrence.starts_at for item in items][:2] == [
        moved_to,
        dt.datetime(2026, 7, 27, 23, 0, tzinfo=dt.UTC),
    ]
    assert items[0].occurrence.moved
    assert "The hall is booked on Monday" in schedule.content.decode()
    # Taking the move back returns the occurrence and its RSVP to Monday.
    moved = MeetingException.objects.get(kind=ExceptionKind.MOVED)
    fran.post(f"{CHANGES}{moved.pk}/remove/")
    assert Rsvp.objects.get().occurrence.starts_at == NEXT_MONDAY


@pytest.mark.parametrize(
    "data",
    [
        {"local_date": "2026-07-14", "kind": "cancelled"},  # not a meeting day
        {"local_date": "2026-07-13", "kind": "moved"},  # no new time
        {"local_date": "2026-07-13", "kind": "online_only"},  # no conference link
        {"local_date": "garbage", "kind": "nonsense", "moved_time": "25:99"},
        {},
    ],
)
def test_changes_page_bad_input_is_a_clear_error(
    cast: Cast, data: dict[str, str]
) -> None:
    response = signed_in(cast.fran).post(CHANGES, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "field-error" in html or "notice-error" in html
    assert not MeetingException.objects.exists()


@pytest.mark.parametrize("who", ["alex", "eve"])
def test_only_leaders_reach_the_changes_page(cast: Cast, who: str) -> None:
    change = MeetingException.objects.create(
        meeting=cast.meeting, local_date=dt.date(2026, 7, 20), kind="cancelled"
    )
    client = signed_in(getattr(cast, who))
    assert client.get(CHANGES).status_code == 404
    assert (
        client.post(
            CHANGES, {"local_date": "2026-07-13", "kind": "cancelled"}
        ).status_code
        == 404
    )
    assert client.post(f"{CHANGES}{change.pk}/remove/").status_code == 404
    assert MeetingException.objects.count() == 1


def test_a_leader_of_another_group_cannot_change_this_meeting(cast: Cast) -> None:
    other = GroupFactory.create(slug="other-group")
    membership_create(cast.eve, other, Level.LEADER)
    url = "/groups/other-group/meetings/tuesday-evening/changes/"
    assert signed_in(cast.eve).get(url).status_code == 404


# -- my attendance ---------------------------------------------------------------------


def test_my_attendance_lists_newest_first_with_counts(cast: Cast) -> None:
    last = occurrence_materialize(meeting=cast.meeting, starts_at=LAST_MONDAY)
    earlier = occurrence_materialize(
        meeting=cast.meeting, starts_at=LAST_MONDAY - dt.timedelta(weeks=1)
    )
    attendance_roll_call(by=cast.fran, occurrence=earlier, present={cast.alex.pk})
    Attendance.objects.create(
        member=cast.alex, occurrence=last, method="online_join", verified=False
    )
    response = signed_in(cast.alex).get("/me/attendance/")
    assert response.status_code == 200
    history = response.context["history"]
    assert [row.attendance.occurrence for row in history.rows] == [last, earlier]
    assert history.counts == [(cast.group, 2)]
    html = response.content.decode()
    assert "Mon, Jul 6" in html
    assert "Marked present by a leader" in html


def test_eve_never_sees_alexs_attendance(cast: Cast) -> None:
    occurrence = occurrence_materialize(meeting=cast.meeting, starts_at=LAST_MONDAY)
    attendance_roll_call(by=cast.fran, occurrence=occurrence, present={cast.alex.pk})
    response = signed_in(cast.eve).get("/me/attendance/")
    assert response.status_code == 200
    assert response.context["history"].rows == []
    assert "Tuesday Evening" not in response.content.decode()
    anonymous = Client().get("/me/attendance/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")


def test_my_attendance_query_count_does_not_grow(cast: Cast) -> None:
    client = signed_in(cast.alex)

    def attend(count: int) -> None:
        for _ in range(count):
            meeting = MeetingFactory.create(group=GroupFactory.create())
            occurrence = occurrence_materialize(meeting=meeting, starts_at=LAST_MONDAY)
            Attendance.objects.create(
                member=cast.alex, occurrence=occurrence, method="meeting_code"
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/me/attendance/").status_code == 200
        return len(captured)

    attend(1)
    few = queries()
    attend(5)
    assert queries() == few
