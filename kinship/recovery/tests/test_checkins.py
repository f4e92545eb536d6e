"""The daily check-in service and the summaries others see: one per local day,
changed the same day, never another day, bad values change nothing, and the
private note never leaves its member."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from kinship.directory.tests.factories import GroupFactory
from kinship.members.models import Level, Member
from kinship.members.selectors import member_today
from kinship.members.tests.personas import Cast, membership_create
from kinship.mentorship.models import Mentorship, MentorshipState
from kinship.recovery.models import CheckIn, Sharing, Strategy, StrategyScope
from kinship.recovery.selectors.checkins import (
    checkin_strategy_choices,
    checkin_summaries_for_group,
    checkin_summaries_for_mentor,
    checkin_summary,
    checkin_today,
    checkins_between,
    checkins_recent,
)
from kinship.recovery.services.checkins import checkin_record

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Told nobody about the relapse dream at the bus depot"
# 03:30 UTC on 10 March 2026 is 23:30 on 9 March in New York (EDT starts 8 March).
LATE_EVENING_NY = dt.datetime(2026, 3, 10, 3, 30, tzinfo=dt.UTC)


def values(**changes: Any) -> dict[str, Any]:
    """A valid check-in, with ``changes``."""
    return {
        "mood": 3,
        "craving": 2,
        "stress": 4,
        "sleep_hours": Decimal("7.5"),
        "used_today": "no",
        "triggers": ["stress", "lonely"],
        "coping": ["called"],
        "warning_signs": [],
        "strategies_used": [],
        "gratitude": "My sister's call",
        "note": SECRET_NOTE,
        "sharing": Sharing.PRIVATE,
        **changes,
    }


def record(member: Member, **changes: Any) -> tuple[CheckIn, bool]:
    return checkin_record(by=member, **values(**changes))


def mentorship(
    mentor: Member, mentee: Member, state: str = MentorshipState.ACTIVE
) -> Mentorship:
    return Mentorship.objects.create(
        mentor=mentor, mentee=mentee, state=state, started_at=timezone.now()
    )


# -- the service --------------------------------------------------------------------


def test_first_checkin_of_the_day_is_created(alex: Member) -> None:
    checkin, created = record(alex)
    assert created
    assert checkin.local_date == member_today(alex)
    assert checkin.mood == 3
    assert checkin.sleep_hours == Decimal("7.5")
    # Tags are kept in the vocabulary's order, each once.
    assert checkin.triggers == ["stress", "lonely"]
    assert CheckIn.objects.filter(member=alex).count() == 1


def test_saving_again_the_same_day_changes_it(alex: Member) -> None:
    with time_machine.travel(LATE_EVENING_NY - dt.timedelta(hours=10), tick=False):
        first, _ = record(alex)
    with time_machine.travel(LATE_EVENING_NY, tick=False):
        second, created = record(alex, mood=5, triggers=["lonely", "stress", "stress"])
    assert not created
    assert second.pk == first.pk
    assert CheckIn.objects.filter(member=alex).count() == 1
    stored = CheckIn.objects.get(pk=first.pk)
    assert stored.mood == 5
    assert stored.triggers == ["stress", "lonely"]
    assert stored.created_at == first.created_at
    assert stored.updated_at == LATE_EVENING_NY


def test_the_day_is_the_members_own(alex: Member, morgan: Member) -> None:
    """23:30 in New York is already the next day in UTC and in Berlin."""
    morgan.timezone = "Europe/Berlin"
    morgan.save()
    with time_machine.travel(LATE_EVENING_NY, tick=False):
        alex_checkin, _ = record(alex)
        morgan_checkin, _ = record(morgan)
    assert alex_checkin.local_date == dt.date(2026, 3, 9)
    assert morgan_checkin.local_date == dt.date(2026, 3, 10)


def test_a_new_day_starts_at_local_midnight(alex: Member) -> None:
    with time_machine.travel(LATE_EVENING_NY, tick=False):
        evening, _ = record(alex)
    # 30 minutes later it is past midnight in New York: a new check-in.
    with time_machine.travel(LATE_EVENING_NY + dt.timedelta(minutes=31), tick=False):
        morning, created = record(alex, mood=2)
    assert created
    assert (evening.local_date, morning.local_date) == (
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 10),
    )
    assert CheckIn.objects.get(pk=evening.pk).mood == 3


def test_another_day_cannot_be_written(alex: Member) -> None:
    """A form shown before midnight and saved after it is refused, not written
    to either day."""
    with time_machine.travel(LATE_EVENING_NY, tick=False):
        record(alex, today=dt.date(2026, 3, 9))
    with time_machine.travel(LATE_EVENING_NY + dt.timedelta(hours=1), tick=False):
        with pytest.raises(ValidationError) as refused:
            record(alex, mood=1, today=dt.date(2026, 3, 9))
        assert "today" in refused.value.message_dict
        with pytest.raises(ValidationError):
            record(alex, mood=1, today=dt.date(2026, 3, 11))
    assert list(CheckIn.objects.values_list("local_date", "mood")) == [
        (dt.date(2026, 3, 9), 3)
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("mood", 0),
        ("mood", 6),
        ("mood", True),
        ("mood", "3"),
        ("craving", -1),
        ("craving", 11),
        ("stress", 11),
        ("sleep_hours", Decimal("24.5")),
        ("sleep_hours", -1),
        ("sleep_hours", "NaN"),
        ("sleep_hours", "lots"),
        ("used_today", "maybe"),
        ("triggers", ["stress", "weather"]),
        ("triggers", "stress"),
        ("coping", ["meeting", 3]),
        ("warning_signs", ["secrecy", "nope"]),
        ("gratitude", "x" * 501),
        ("note", "x" * 5001),
        ("sharing", "everyone"),
        ("note", "null \x00 byte"),
        ("strategies_used", [999_999]),
        ("strategies_used", [2**70]),
        ("strategies_used", list(range(1, 30))),
    ],
)
def test_bad_values_are_refused_by_field_and_change_nothing(
    alex: Member, field: str, value: Any
) -> None:
    before, _ = record(alex)
    with pytest.raises(ValidationError) as refused:
        record(alex, **{"craving": 9, "note": "changed", field: value})
    assert list(refused.value.message_dict) == [field]
    stored = CheckIn.objects.get(member=alex)
    assert (stored.craving, stored.note, stored.updated_at) == (
        before.craving,
        SECRET_NOTE,
        before.updated_at,
    )


def test_strategies_must_be_ones_the_member_can_see(alex: Member, eve: Member) -> None:
    public = Strategy.objects.create(title="Urge surfing", body="Ride it out.")
    mine = GroupFactory.create()
    membership_create(alex, mine, Level.PARTICIPANT)
    of_my_group = Strategy.objects.create(
        title="Call the group chain", body=".", scope=StrategyScope.GROUP, group=mine
    )
    elsewhere = Strategy.objects.create(
        title="Not for alex",
        body=".",
        scope=StrategyScope.GROUP,
        group=GroupFactory.create(),
    )
    removed = Strategy.objects.create(title="Gone", body=".", removed_at=timezone.now())
    checkin, _ = record(alex, strategies_used=[of_my_group.pk, public, public.pk])
    assert set(checkin.strategies_used.all()) == {public, of_my_group}
    for hidden in (elsewhere, removed):
        with pytest.raises(ValidationError) as refused:
            record(alex, strategies_used=[public.pk, hidden.pk])
        assert "strategies_used" in refused.value.message_dict
    assert set(checkin.strategies_used.all()) == {public, of_my_group}
    # Changing the day's strategies replaces them.
    checkin, _ = record(alex, strategies_used=[public.pk])
    assert list(checkin.strategies_used.all()) == [public]
    # eve is in none of alex's groups: the group's strategy is not hers to use.
    with pytest.raises(ValidationError):
        record(eve, strategies_used=[of_my_group.pk])
    assert not CheckIn.objects.filter(member=eve).exists()


def test_strategy_choices_are_the_members_saved_ones(alex: Member) -> None:
    from kinship.recovery.models import NotebookEntry

    saved = Strategy.objects.create(title="Box breathing", body=".")
    Strategy.objects.create(title="Not saved", body=".")
    NotebookEntry.objects.create(member=alex, strategy=saved)
    assert checkin_strategy_choices(alex) == [saved]


# -- the member's own check-ins ---------------------------------------------------


def test_own_checkins_today_recent_and_between(alex: Member) -> None:
    days = [dt.datetime(2026, 3, d, 16, tzinfo=dt.UTC) for d in (1, 5, 9)]
    for moment in days:
        with time_machine.travel(moment, tick=False):
            record(alex)
    with time_machine.travel(days[-1], tick=False):
        today = checkin_today(alex)
        assert today is not None
        assert today.local_date == dt.date(2026, 3, 9)
        assert [c.local_date.day for c in checkins_recent(alex, days=5)] == [9, 5]
    between = checkins_between(
        alex, since=dt.date(2026, 3, 2), until=dt.date(2026, 3, 9)
    )
    assert [c.local_date.day for c in between] == [9, 5]


# -- what others see ----------------------------------------------------------------


def test_a_summary_never_holds_the_note(alex: Member) -> None:
    checkin, _ = record(alex, sharing=Sharing.GROUPS, warning_signs=["secrecy"])
    summary = checkin_summary(checkin)
    assert SECRET_NOTE not in repr(summary)
    assert "note" not in summary
    assert "warning_signs" not in summary
    assert summary["member"] == "Alex K."
    assert summary["trigger_labels"] == ["Stress", "Loneliness"]
    assert set(summary) == {
        "date",
        "member",
        "mood",
        "craving",
        "stress",
        "sleep_hours",
        "used_today",
        "used_today_label",
        "triggers",
        "trigger_labels",
        "coping",
        "coping_labels",
        "gratitude",
    }


@pytest.mark.parametrize(
    ("sharing", "mentor_sees", "group_sees"),
    [
        (Sharing.PRIVATE, False, False),
        (Sharing.MENTOR, True, False),
        (Sharing.GROUPS, True, True),
    ],
)
def test_sharing_levels_are_nested(
    cast: Cast, sharing: str, mentor_sees: bool, group_sees: bool
) -> None:
    mentorship(cast.morgan, cast.alex)
    record(cast.alex, sharing=sharing)
    mentor = checkin_summaries_for_mentor(mentor=cast.morgan, mentee_id=cast.alex.pk)
    group = checkin_summaries_for_group(member=cast.fran, group_slug=cast.group.slug)
    assert bool(mentor.summaries) is mentor_sees
    assert bool(group.summaries) is group_sees
    for summary in mentor.summaries + group.summaries:
        assert SECRET_NOTE not in repr(summary)


def test_a_mentor_sees_only_an_active_mentees_summaries(cast: Cast) -> None:
    record(cast.alex, sharing=Sharing.MENTOR)
    with pytest.raises(Http404):
        checkin_summaries_for_mentor(mentor=cast.morgan, mentee_id=cast.alex.pk)
    ended = mentorship(cast.morgan, cast.alex, MentorshipState.ENDED)
    with pytest.raises(Http404):
        checkin_summaries_for_mentor(mentor=cast.morgan, mentee_id=cast.alex.pk)
    ended.delete()
    mentorship(cast.morgan, cast.alex)
    found = checkin_summaries_for_mentor(mentor=cast.morgan, mentee_id=cast.alex.pk)
    assert found.mentee == cast.alex
    assert len(found.summaries) == 1
    # The mentee is no mentor of their mentor; eve is nobody's.
    for mentor, mentee in ((cast.alex, cast.morgan), (cast.eve, cast.alex)):
        with pytest.raises(Http404):
            checkin_summaries_for_mentor(mentor=mentor, mentee_id=mentee.pk)


def test_a_group_sees_its_members_last_week(cast: Cast) -> None:
    now = dt.datetime(2026, 3, 20, 16, tzinfo=dt.UTC)
    for days_ago in (0, 6, 7):
        with time_machine.travel(now - dt.timedelta(days=days_ago), tick=False):
            record(cast.alex, sharing=Sharing.GROUPS)
    # eve shares with her groups, but she is in none of this group's.
    with time_machine.travel(now, tick=False):
        record(cast.eve, sharing=Sharing.GROUPS)
        found = checkin_summaries_for_group(
            member=cast.morgan, group_slug=cast.group.slug
        )
    assert found.group == cast.group
    assert [(s["member"], s["date"].day) for s in found.summaries] == [
        ("Alex K.", 20),
        ("Alex K.", 14),
    ]


def test_a_group_refuses_outsiders(cast: Cast) -> None:
    record(cast.alex, sharing=Sharing.GROUPS)
    for slug in (cast.group.slug, "no-such-group"):
        with pytest.raises(Http404):
            checkin_summaries_for_group(member=cast.eve, group_slug=slug)
    with pytest.raises(Http404):
        checkin_summaries_for_group(member=cast.dr_lee, group_slug=cast.group.slug)
