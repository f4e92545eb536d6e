"""Matching from the database: candidates, occurrences and the ranking together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from kinship.attendance.models import ExceptionKind, MeetingException
from kinship.attendance.occurrences import meeting_occurrences_between
from kinship.core.geo import geocode_zip
from kinship.directory.models import (
    AttendanceMode,
    Focus,
    Group,
    ListedMeeting,
    MeetingStatus,
    Recurrence,
    Visibility,
    joinable_online_sql,
    week_minute_utc,
)
from kinship.directory.services import listings_refresh
from kinship.directory.tests.factories import (
    GroupFactory,
    LanguageFactory,
    LocationFactory,
    MeetingFactory,
    MeetingTypeFactory,
    ProgramFactory,
    online_meeting,
)
from kinship.matching import match
from kinship.matching.match import MatchQuery, match_find, week_ranges
from kinship.matching.ranking import Comfort, Needs, Slot, Travel, slot_of

NY = ZoneInfo("America/New_York")
PHILADELPHIA_ZIP = geocode_zip("19103")
assert PHILADELPHIA_ZIP is not None
# Monday 2 March 2026, noon in Philadelphia.
NOW = dt.datetime(2026, 3, 2, 12, tzinfo=NY)
# Sunday-based weekdays of the directory.
TUESDAY, WEDNESDAY = 2, 3

DUAL_EVENINGS_NO_CAR = Needs(
    focus="both",
    travel=Travel.NO_CAR,
    comfort=Comfort.READY,
    slots=frozenset({Slot.WEEKDAY_EVENING}),
)


def query(needs: Needs, *, near: bool = True) -> MatchQuery:
    assert PHILADELPHIA_ZIP is not None
    return MatchQuery(
        needs=needs,
        near=PHILADELPHIA_ZIP.point if near else None,
        zip3="191" if near else "",
        viewer_tz=NY,
    )


def names(needs: Needs, **kwargs: Any) -> list[str]:
    return [m.name for m in match_find(query(needs), now=NOW, **kwargs).matches]


def dual_group(name: str, **values: Any) -> Group:
    program = ProgramFactory(code="dual-recovery", name="Dual Recovery", focus="both")
    group = GroupFactory.create(name=name, program=program, focus=Focus.BOTH, **values)
    return group


def aa_group(name: str) -> Group:
    program = ProgramFactory(code="aa", name="Alcoholics Anonymous")
    group = GroupFactory.create(name=name, program=program, focus=Focus.ADDICTION)
    return group


def far_location() -> Any:
    # About 40 miles north of Philadelphia.
    return LocationFactory(latitude=40.53, longitude=-75.1652)


@pytest.mark.django_db
def test_dual_diagnosis_evenings_without_a_car() -> None:
    """Online and nearby dual-diagnosis evening groups first, each with reasons;
    groups too far or not at the person's times are not offered."""
    MeetingFactory(group=dual_group("Near Dual Evening"), weekday=TUESDAY)
    online_meeting(
        group=dual_group("Online Dual Evening"),
        weekday=WEDNESDAY,
        start_time=dt.time(19),
        timezone="America/Chicago",
    )
    MeetingFactory(group=dual_group("Far Dual Evening"), location=far_location())
    MeetingFactory(group=dual_group("Near Dual Morning"), start_time=dt.time(9))
    MeetingFactory(group=aa_group("Near AA Evening"), weekday=TUESDAY)

    result = match_find(query(DUAL_EVENINGS_NO_CAR), now=NOW)
    offered = [m.name for m in result.matches]
    assert set(offered[:2]) == {"Near Dual Evening", "Online Dual Evening"}
    assert offered[2:] == ["Near AA Evening"]
    assert result.found_good_fit
    by_name = {m.name: m for m in result.matches}
    near, online = by_name["Near Dual Evening"], by_name["Online Dual Evening"]
    assert any("miles away" in reason for reason in near.ranked.reasons)
    assert "Online: join from anywhere" in online.ranked.reasons
    for offered_match in result.matches:
        assert offered_match.ranked.reasons
    assert "Only on Tuesday" in near.ranked.trade_offs
    assert "Not specifically for what you asked for" in (
        by_name["Near AA Evening"].ranked.trade_offs
    )


@pytest.mark.django_db
def test_without_a_dual_diagnosis_group_the_need_is_unmet() -> None:
    MeetingFactory(group=aa_group("Near AA Evening"), weekday=TUESDAY)
    result = match_find(query(DUAL_EVENINGS_NO_CAR), now=NOW)
    assert [m.name for m in result.matches] == ["Near AA Evening"]
    assert not result.found_good_fit


@pytest.mark.django_db
def test_listen_first_newcomers_see_open_meetings_first() -> None:
    program = ProgramFactory(code="aa", name="Alcoholics Anonymous")
    open_type = MeetingTypeFactory(program=program, code="O", label="Open")
    closed_type = MeetingTypeFactory(program=program, code="C", label="Closed")
    # The closed group meets sooner, so it would win a tie.
    MeetingFactory(group=aa_group("Closed Group"), types=[closed_type])
    MeetingFactory(group=aa_group("Open Group"), weekday=TUESDAY, types=[open_type])
    listen_first = Needs(
        focus="addiction", travel=Travel.NO_CAR, comfort=Comfort.LISTEN_FIRST
    )
    ready = Needs(focus="addiction", travel=Travel.NO_CAR, comfort=Comfort.READY)
    assert names(listen_first) == ["Open Group", "Closed Group"]
    assert names(ready) == ["Closed Group", "Open Group"]


@pytest.mark.django_db
def test_cancelled_dates_do_not_count_and_every_other_week_counts_once() -> None:
    weekly = MeetingFactory.create(group=dual_group("Weekly"), weekday=TUESDAY)
    MeetingFactory(
        group=dual_group("Fortnightly"),
        weekday=WEDNESDAY,
        recurrence=Recurrence.BIWEEKLY,
    )
    listings_refresh()
    result = match_find(query(DUAL_EVENINGS_NO_CAR), now=NOW)
    schedule = {
        m.name: next(p for p in m.ranked.parts if p.factor == "schedule")
        for m in result.matches
    }
    assert schedule["Weekly"].reason.startswith("2 meetings")
    assert schedule["Fortnightly"].reason.startswith("1 meeting ")

    MeetingException.objects.create(
        meeting=weekly, local_date=dt.date(2026, 3, 3), kind=ExceptionKind.CANCELLED
    )
    weekly_match = next(
        m
        for m in match_find(query(DUAL_EVENINGS_NO_CAR), now=NOW).matches
        if m.name == "Weekly"
    )
    assert [n.starts_at.date() for n in weekly_match.next_meetings] == [
        # 10 March 19:00 in New York, daylight time since 8 March: 23:00 UTC.
        dt.date(2026, 3, 10)
    ]


@pytest.mark.django_db
def test_a_hybrid_group_far_away_is_joinable_online() -> None:
    MeetingFactory(
        group=dual_group("Hybrid Far Away"),
        location=far_location(),
        attendance_mode=AttendanceMode.HYBRID,
        conference_url="https://zoom.us/j/42",
    )
    assert names(DUAL_EVENINGS_NO_CAR) == ["Hybrid Far Away"]


@pytest.mark.django_db
def test_online_only_people_get_no_in_person_groups() -> None:
    MeetingFactory(group=dual_group("Near In Person"))
    online_meeting(group=dual_group("Online"), start_time=dt.time(19))
    online_only = Needs(focus="both", travel=Travel.ONLINE, comfort=Comfort.READY)
    result = match_find(query(online_only, near=False), now=NOW)
    assert [m.name for m in result.matches] == ["Online"]


@pytest.mark.django_db
def test_unlisted_closed_and_private_groups_are_never_offered() -> None:
    MeetingFactory(group=dual_group("Listed"))
    MeetingFactory(group=dual_group("Unlisted", visibility=Visibility.UNLISTED))
    MeetingFactory(group=dual_group("Private", visibility=Visibility.PRIVATE))
    MeetingFactory(
        group=dual_group("Closed Meeting"), status=MeetingStatus.TEMPORARILY_CLOSED
    )
    assert names(DUAL_EVENINGS_NO_CAR) == ["Listed"]


@pytest.mark.django_db
def test_next_meetings_are_the_fitting_occurrences_soonest_first() -> None:
    group = dual_group("Two Meetings")
    evening = MeetingFactory.create(
        group=group, weekday=TUESDAY, slug="tuesday-evening"
    )
    MeetingFactory(group=group, weekday=WEDNESDAY, start_time=dt.time(9))
    (offered,) = match_find(query(DUAL_EVENINGS_NO_CAR), now=NOW).matches
    assert [(n.meeting_slug, n.stamp) for n in offered.next_meetings] == [
        ("tuesday-evening", "20260304T000000Z"),
        ("tuesday-evening", "20260310T230000Z"),  # daylight time from 8 March
    ]
    assert offered.next_meetings[0].meeting_name == evening.name
    assert not offered.next_meetings[0].online


@pytest.mark.django_db
def test_groups_read_are_bounded_soonest_first_and_the_result_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Monday, Tuesday, Wednesday evenings; it is Monday noon.
    for weekday in (1, 2, 3):
        online_meeting(
            group=dual_group(f"Online {weekday}"),
            weekday=weekday,
            start_time=dt.time(19),
        )
    online_only = Needs(focus="both", travel=Travel.ONLINE, comfort=Comfort.READY)
    everything = match_find(query(online_only, near=False), now=NOW)
    assert everything.read_all
    assert everything.considered == 3
    monkeypatch.setattr(match, "GROUPS_READ", 2)
    bounded = match_find(query(online_only, near=False), now=NOW)
    assert not bounded.read_all
    assert [m.name for m in bounded.matches] == ["Online 1", "Online 2"]


@pytest.mark.django_db
def test_nearest_groups_are_read_first_and_preferred_ones_beyond_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With room for one group, the nearest is read, and the one meeting the
    stated language preference is read as well."""
    spanish = LanguageFactory(code="es", name="Spanish")
    MeetingFactory(group=dual_group("Nearest"))
    MeetingFactory(
        group=dual_group("A Little Further"),
        location=LocationFactory(latitude=39.99, longitude=-75.1652),
        languages=[spanish],
    )
    monkeypatch.setattr(match, "GROUPS_READ", 1)
    monkeypatch.setattr(match, "PREFERRED_GROUPS_READ", 1)
    assert names(DUAL_EVENINGS_NO_CAR) == ["Nearest"]
    in_spanish = replace(DUAL_EVENINGS_NO_CAR, languages=frozenset({"es"}))
    assert names(in_spanish) == ["A Little Further", "Nearest"]


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_groups() -> None:
    def queries_with(more: int) -> tuple[int, int]:
        """Adds ``more`` groups in person and as many online; (queries, ranked)."""
        for number in range(more):
            MeetingFactory(group=dual_group(f"Group {more} {number}"))
            online_meeting(
                group=dual_group(f"Online {more} {number}"), start_time=dt.time(20)
            )
        with CaptureQueriesContext(connection) as context:
            result = match_find(query(DUAL_EVENINGS_NO_CAR), now=NOW, limit=100)
        return len(context), result.considered

    few, ranked_few = queries_with(3)
    many, ranked_many = queries_with(12)
    assert (ranked_few, ranked_many) == (6, 30)
    assert few == many


@pytest.mark.django_db
def test_listing_rows_carry_what_matching_reads() -> None:
    meeting = MeetingFactory.create(weekday=1, start_time=dt.time(19))
    row = ListedMeeting.objects.get(meeting=meeting)
    assert row.group_id == meeting.group_id
    assert (row.timezone, row.recurrence) == ("America/New_York", "weekly")
    # Monday 19:00 in New York (UTC-5 in January) is Tuesday 00:00 UTC.
    assert row.week_minute_utc == 2 * 24 * 60


ZONES = [
    "America/New_York",
    "America/Los_Angeles",
    "Pacific/Honolulu",
    "Europe/London",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Australia/Sydney",
    "Pacific/Chatham",
    "America/Sao_Paulo",
]


@dataclass(frozen=True)
class Weekly:
    """A weekly meeting as occurrences need it."""

    weekday: int
    start_time: dt.time
    timezone: str
    pk: int = 1
    end_time: dt.time | None = None
    recurrence: str = Recurrence.WEEKLY
    status: str = MeetingStatus.ACTIVE
    created_at: dt.datetime = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


@given(
    meeting_zone=st.sampled_from(ZONES),
    viewer_zone=st.sampled_from(ZONES),
    weekday=st.integers(0, 6),
    minutes=st.integers(0, 24 * 4 - 1).map(lambda quarter: quarter * 15),
    now=st.datetimes(
        min_value=dt.datetime(2026, 1, 1),
        max_value=dt.datetime(2027, 12, 31),
        timezones=st.just(dt.UTC),
    ),
    slots=st.sets(st.sampled_from(list(Slot)), min_size=1),
)
def test_the_time_ranges_never_leave_out_a_fitting_meeting(
    meeting_zone: str,
    viewer_zone: str,
    weekday: int,
    minutes: int,
    now: dt.datetime,
    slots: set[Slot],
) -> None:
    """Whatever the zones and the season, a meeting with an occurrence at the
    person's times lies inside the ranges the database is asked for."""
    start = dt.time(minutes // 60, minutes % 60)
    meeting = Weekly(weekday=weekday, start_time=start, timezone=meeting_zone)
    viewer_tz = ZoneInfo(viewer_zone)
    fitting = [
        o
        for o in meeting_occurrences_between(meeting, now, now + match.HORIZON)
        if slot_of(o.starts_at.astimezone(viewer_tz)) in slots
    ]
    minute = week_minute_utc(weekday, start, meeting_zone)
    assert minute is not None
    ranges = week_ranges(slots, viewer_tz, now)
    if fitting:
        assert any(low <= minute <= high for low, high in ranges)


@pytest.mark.django_db
def test_meetings_out_of_reach_do_not_count() -> None:
    """A group reached through its online meeting: its in-person meeting far
    away neither adds to the schedule nor is offered as a next meeting."""
    group = dual_group("Online And Far")
    online_meeting(group=group, weekday=TUESDAY, start_time=dt.time(19), slug="online")
    MeetingFactory(group=group, weekday=WEDNESDAY, location=far_location(), slug="far")
    for needs in (
        DUAL_EVENINGS_NO_CAR,
        replace(DUAL_EVENINGS_NO_CAR, travel=Travel.ONLINE),
    ):
        (offered,) = match_find(query(needs), now=NOW).matches
        assert {n.meeting_slug for n in offered.next_meetings} == {"online"}
        assert (
            "2 meetings at your times in the next two weeks" in offered.ranked.reasons
        )
        assert offered.ranked.candidate.in_person is False


@pytest.mark.django_db
def test_the_compiled_online_scan_and_the_orm_read_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Online rows are read with one compiled query per match; should a marker
    value clash with the query's own, each page is compiled by the ORM instead."""
    for weekday in range(7):
        for hour in (8, 13, 19):
            online_meeting(
                group=dual_group(f"Online {weekday} {hour}"),
                weekday=weekday,
                start_time=dt.time(hour),
            )
    monkeypatch.setattr(match, "GROUPS_READ", 5)
    anytime = Needs(focus="both", travel=Travel.ONLINE, comfort=Comfort.READY)
    compiled = names(anytime)
    monkeypatch.setattr(match._ClassScan, "HIGH", match._ClassScan.AFTER)
    assert names(anytime) == compiled
    assert compiled == [
        "Online 1 13",  # Monday 13:00, an hour after now
        "Online 1 19",
        "Online 2 8",
        "Online 2 13",
        "Online 2 19",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("rare_links", [0, 1000], ids=["common", "rare"])
def test_online_groups_meeting_a_stated_preference_are_read_beyond_the_bound(
    monkeypatch: pytest.MonkeyPatch, rare_links: int
) -> None:
    """With room for one online group, the soonest is read, and the group with a
    women's meeting later in the week as well, whether women's meetings are
    rare (looked up from their links) or common (read in week order)."""
    program = ProgramFactory(code="dual-recovery", name="Dual Recovery", focus="both")
    women = MeetingTypeFactory(program=program, code="W", label="Women")
    online_meeting(group=dual_group("Soonest"), weekday=1, start_time=dt.time(19))
    online_meeting(
        group=dual_group("Women Later"),
        weekday=4,
        start_time=dt.time(19),
        types=[women],
    )
    monkeypatch.setattr(match, "GROUPS_READ", 1)
    monkeypatch.setattr(match, "PREFERRED_GROUPS_READ", 1)
    monkeypatch.setattr(match, "RARE_LINKS", rare_links)
    online_only = Needs(focus="both", travel=Travel.ONLINE, comfort=Comfort.READY)
    assert [m.name for m in match_find(query(online_only), now=NOW).matches] == [
        "Soonest"
    ]
    for_women = replace(online_only, audience=frozenset({"women"}))
    result = match_find(query(for_women), now=NOW)
    assert [m.name for m in result.matches] == ["Women Later", "Soonest"]
    assert "A group for people like you" in result.matches[0].ranked.reasons


@pytest.mark.django_db
def test_online_scans_read_the_indexes_of_online_rows() -> None:
    """The matching indexes hold only rows joinable online; the scans name that
    condition in the indexes' own words, so the database can use them (SQLite
    uses a partial index only then)."""
    online_meeting(group=dual_group("Online"), weekday=2, start_time=dt.time(19))
    matcher = match._Matcher(
        query(Needs(focus="both", travel=Travel.ONLINE, comfort=Comfort.READY)), NOW
    )
    by_class = matcher._online().filter(focus="both", group_quality=0)
    soonest = ListedMeeting.objects.filter(
        RawSQL(joinable_online_sql(), (), output_field=BooleanField()),  # noqa: S611
        week_minute_utc__gte=0,
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A handful of rows: a sequential scan would win; ask for the index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        plans = [
            rows.order_by("week_minute_utc", "meeting_id")
            .values_list("group_id")
            .explain()
            for rows in (by_class, soonest)
        ]
    for plan in plans:  # which of the two a planner takes depends on its statistics
        assert "listing_match_week" in plan or "listing_match_soonest" in plan, plan
