"""Early warning signs: each rule fires and stays quiet, the daily computation is
idempotent and shares only what the member chose, and the pages keep each
member's signs to themselves (eve, the outsider, is refused)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from kinship.attendance.models import Attendance, AttendanceMethod, Occurrence
from kinship.directory.models import Meeting
from kinship.members.models import Member
from kinship.members.tests.personas import Cast, persona_create, signed_in
from kinship.mentorship.models import Mentorship, MentorshipState
from kinship.notifications.models import Notification, NotificationKind
from kinship.recovery import warnings
from kinship.recovery.models import (
    CheckIn,
    RecoveryPreferences,
    WarningRule,
    WarningSignal,
)
from kinship.recovery.selectors.warnings import (
    warning_signals_current,
    warning_signals_for_mentor,
)
from kinship.recovery.services.warnings import (
    warning_sharing_set,
    warning_signal_dismiss,
)
from kinship.recovery.warnings import (
    RULES,
    CheckInFigures,
    History,
    attendance_stopped,
    checkins_stopped,
    craving_rising,
    mood_falling,
    rules_evaluate,
    sign_reported,
    warning_signals_compute,
    warning_signals_compute_all,
)

# Noon in New York (the personas' zone): the member's local day is TODAY.
NOW = dt.datetime(2026, 6, 15, 16, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 6, 15)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.fixture(autouse=True)
def _frozen_time() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


# -- Making data ----------------------------------------------------------------


def checkin(
    member: Member,
    day: dt.date,
    *,
    mood: int = 3,
    craving: int = 2,
    signs: Sequence[str] = (),
    note: str = "",
) -> CheckIn:
    return CheckIn.objects.create(
        member=member,
        local_date=day,
        mood=mood,
        craving=craving,
        stress=3,
        warning_signs=list(signs),
        note=note,
    )


def attend(member: Member, meeting: Meeting, day: dt.date) -> Attendance:
    start = dt.datetime.combine(day, dt.time(22, 0), tzinfo=dt.UTC)
    occurrence, _ = Occurrence.objects.get_or_create(
        meeting=meeting,
        starts_at=start,
        defaults={"ends_at": start + dt.timedelta(hours=1), "local_date": day},
    )
    return Attendance.objects.create(
        member=member, occurrence=occurrence, method=AttendanceMethod.MEETING_CODE
    )


def falling_mood(member: Member) -> None:
    """Four check-ins at mood 4, then three at 2: mood falls by 2 points."""
    for n, mood in zip(range(6, -1, -1), (4, 4, 4, 4, 2, 2, 2), strict=True):
        checkin(member, days_ago(n), mood=mood, note="my private words")


def mentor_make(mentor: Member, mentee: Member, state: str) -> Mentorship:
    return Mentorship.objects.create(
        mentor=mentor,
        mentee=mentee,
        state=state,
        started_at=timezone.now() - dt.timedelta(days=30),
    )


def history(
    *, moods: Sequence[int] = (), cravings: Sequence[int] = (), days_back: int = 0
) -> History:
    """Daily check-ins ending ``days_back`` days ago (moods and cravings paired;
    a missing value is the middle of the scale)."""
    count = max(len(moods), len(cravings))
    moods = list(moods) or [3] * count
    cravings = list(cravings) or [5] * count
    return History(
        checkins=[
            CheckInFigures(days_ago(days_back + count - 1 - i), moods[i], cravings[i])
            for i in range(count)
        ]
    )


def member_notifications(member: Member, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(member=member, kind=kind))


# -- Each rule: fires, and stays quiet -----------------------------------------


def test_attendance_stopped_fires_after_regular_weeks_then_two_quiet_weeks() -> None:
    # Weekly meetings 15, 22, 29 and 36 days ago; none in the last 14 days.
    data = History(attended_on=[days_ago(n) for n in (15, 22, 29, 36)])
    fired = attendance_stopped(data, TODAY)
    assert fired is not None
    assert fired.rule == WarningRule.ATTENDANCE_STOPPED
    assert fired.detail == {"weeks_attended": 4, "weeks": 4, "quiet_days": 14}


def test_attendance_stopped_quiet_while_still_going() -> None:
    data = History(attended_on=[days_ago(n) for n in (3, 15, 22, 29, 36)])
    assert attendance_stopped(data, TODAY) is None


def test_attendance_stopped_needs_a_regular_habit() -> None:
    # Two of the four weeks is not "regular": no signal after two quiet weeks.
    data = History(attended_on=[days_ago(n) for n in (15, 29)])
    assert attendance_stopped(data, TODAY) is None
    # Three of four is.
    data = History(attended_on=[days_ago(n) for n in (15, 29, 36)])
    assert attendance_stopped(data, TODAY) is not None


def test_attendance_stopped_from_attendance_rows(cast: Cast) -> None:
    for n in (15, 22, 29, 36):
        attend(cast.alex, cast.meeting, days_ago(n))
    rules = {s.rule for s in warning_signals_compute(cast.alex)}
    assert WarningRule.ATTENDANCE_STOPPED in rules
    attend(cast.morgan, cast.meeting, days_ago(36))
    for n in (2, 15, 22, 29):
        attend(cast.morgan, cast.meeting, days_ago(n))
    assert warning_signals_compute(cast.morgan) == []


def test_mood_falling_fires_when_the_latest_check_ins_are_lower() -> None:
    fired = mood_falling(history(moods=(4, 4, 4, 4, 2, 2, 2)), TODAY)
    assert fired is not None
    assert fired.rule == WarningRule.MOOD_FALLING
    assert fired.detail == {"from": 4.0, "to": 2.0, "recent": 3, "earlier": 4}


def test_mood_falling_quiet_when_steady_or_a_small_dip() -> None:
    assert mood_falling(history(moods=(3, 3, 3, 3, 3, 3, 3)), TODAY) is None
    # Down 0.7 of a point: under the threshold of 1.
    assert mood_falling(history(moods=(4, 4, 4, 4, 4, 3, 3)), TODAY) is None
    # Rising mood is no warning.
    assert mood_falling(history(moods=(2, 2, 2, 2, 4, 4, 4)), TODAY) is None


def test_mood_falling_exactly_at_the_threshold_fires() -> None:
    # From 4.0 to 3.0: exactly one point lower.
    assert mood_falling(history(moods=(4, 4, 3, 3, 3)), TODAY) is not None
    # From 4.0 to 3.3: not quite.
    assert mood_falling(history(moods=(4, 4, 3, 3, 4)), TODAY) is None


def test_mood_falling_needs_enough_check_ins() -> None:
    # Four check-ins (3 recent + 1 earlier) are too few to call a trend.
    assert mood_falling(history(moods=(5, 1, 1, 1)), TODAY) is None


def test_mood_falling_reads_only_the_last_week() -> None:
    # The high moods are 8 or more days old: outside the window.
    data = history(moods=(5, 5, 5, 5), days_back=8)
    data.checkins += history(moods=(2, 2, 2)).checkins
    assert mood_falling(data, TODAY) is None


def test_craving_rising_fires_when_the_latest_check_ins_are_higher() -> None:
    fired = craving_rising(history(cravings=(1, 1, 1, 1, 4, 4, 4)), TODAY)
    assert fired is not None
    assert fired.rule == WarningRule.CRAVING_RISING
    assert fired.detail["from"] == 1.0
    assert fired.detail["to"] == 4.0


def test_craving_rising_quiet_when_the_rise_is_small_or_a_fall() -> None:
    assert craving_rising(history(cravings=(1, 1, 1, 1, 2, 2, 2)), TODAY) is None
    assert craving_rising(history(cravings=(6, 6, 6, 6, 1, 1, 1)), TODAY) is None
    assert craving_rising(history(cravings=(0, 9, 9, 9)), TODAY) is None


def test_checkins_stopped_fires_after_a_habit_and_three_quiet_days() -> None:
    # Daily check-ins from 17 to 4 days ago; none in the last three, nor today.
    data = History(checkins=[CheckInFigures(days_ago(n), 3, 2) for n in range(4, 18)])
    fired = checkins_stopped(data, TODAY)
    assert fired is not None
    assert fired.detail == {"checkins": 14, "habit_days": 14, "quiet_days": 3}


def test_checkins_stopped_quiet_with_a_recent_check_in_or_no_habit() -> None:
    habit = [CheckInFigures(days_ago(n), 3, 2) for n in range(4, 18)]
    assert (
        checkins_stopped(History([*habit, CheckInFigures(TODAY, 3, 2)]), TODAY) is None
    )
    yesterday = CheckInFigures(days_ago(1), 3, 2)
    assert checkins_stopped(History([*habit, yesterday]), TODAY) is None
    # Four check-ins in two weeks is not a habit yet.
    few = [CheckInFigures(days_ago(n), 3, 2) for n in (4, 7, 10, 13)]
    assert checkins_stopped(History(few), TODAY) is None


def test_sign_reported_fires_for_a_sign_noted_in_the_last_three_days() -> None:
    data = History(
        checkins=[
            CheckInFigures(days_ago(2), 3, 2, ("isolating",)),
            CheckInFigures(days_ago(1), 3, 2, ("sleep", "isolating")),
        ]
    )
    fired = sign_reported(data, TODAY)
    assert fired is not None
    assert fired.detail == {"signs": ["isolating", "sleep"], "days": 3}


def test_sign_reported_quiet_for_no_signs_or_older_ones() -> None:
    data = History(
        checkins=[
            CheckInFigures(days_ago(3), 3, 2, ("hopeless",)),
            CheckInFigures(days_ago(1), 3, 2, ()),
        ]
    )
    assert sign_reported(data, TODAY) is None


def test_no_data_never_fires(cast: Cast) -> None:
    assert rules_evaluate(History(), TODAY) == []
    checkin(cast.alex, TODAY, mood=1, craving=10)  # one check-in is no pattern
    assert warning_signals_compute(cast.alex) == []
    assert not WarningSignal.objects.exists()


def test_thresholds_come_from_the_one_table(monkeypatch: pytest.MonkeyPatch) -> None:
    falling = history(moods=(4, 4, 4, 4, 2, 2, 2))
    assert mood_falling(falling, TODAY) is not None
    stricter = dataclasses.replace(
        RULES, mood_falling=dataclasses.replace(RULES.mood_falling, change=2.5)
    )
    monkeypatch.setattr(warnings, "RULES", stricter)
    assert mood_falling(falling, TODAY) is None
    quicker = dataclasses.replace(
        RULES,
        checkins_stopped=dataclasses.replace(
            RULES.checkins_stopped, habit_min_checkins=2
        ),
    )
    monkeypatch.setattr(warnings, "RULES", quicker)
    few = History([CheckInFigures(days_ago(n), 3, 2) for n in (5, 9)])
    assert checkins_stopped(few, TODAY) is not None


# -- Computing, notifying and sharing ----------------------------------------


def test_compute_writes_signals_with_figures_and_notifies_kindly(cast: Cast) -> None:
    falling_mood(cast.alex)
    signals = warning_signals_compute(cast.alex)
    assert [(s.rule, s.computed_on) for s in signals] == [
        (WarningRule.MOOD_FALLING, TODAY)
    ]
    assert signals[0].detail["from"] == 4.0
    (note,) = member_notifications(cast.alex, NotificationKind.WARNING_SIGNAL)
    assert "Mood falling" in note.title
    assert note.url == "/me/warnings/"


def test_compute_twice_in_a_day_adds_no_row_nor_notification(cast: Cast) -> None:
    falling_mood(cast.alex)
    first = warning_signals_compute(cast.alex)
    assert warning_signals_compute_all() == 0
    second = warning_signals_compute(cast.alex)
    assert [s.pk for s in first] == [s.pk for s in second]
    assert WarningSignal.objects.count() == 1
    assert Notification.objects.count() == 1


def test_a_continuing_signal_notifies_once_and_stays_dismissed(cast: Cast) -> None:
    falling_mood(cast.alex)
    yesterday = WarningSignal.objects.create(
        member=cast.alex,
        rule=WarningRule.MOOD_FALLING,
        computed_on=days_ago(1),
        dismissed_at=timezone.now() - dt.timedelta(hours=20),
    )
    (today,) = warning_signals_compute(cast.alex)
    assert today.pk != yesterday.pk
    assert today.dismissed_at == yesterday.dismissed_at
    assert not Notification.objects.exists()
    assert warning_signals_current(cast.alex) == []


def test_today_is_the_members_own_local_date(cast: Cast) -> None:
    cast.alex.timezone = "Pacific/Auckland"  # already 16 June there
    cast.alex.save()
    checkin(cast.alex, TODAY + dt.timedelta(days=1), signs=["secrecy"])
    (signal,) = warning_signals_compute(cast.alex)
    assert signal.computed_on == TODAY + dt.timedelta(days=1)


def test_mentor_is_told_the_rule_name_only_when_opted_in(cast: Cast) -> None:
    mentor_make(cast.morgan, cast.alex, MentorshipState.ACTIVE)
    warning_sharing_set(by=cast.alex, share_with_mentor=True)
    falling_mood(cast.alex)
    warning_signals_compute_all()
    (told,) = member_notifications(cast.morgan, NotificationKind.MENTEE_WARNING)
    assert "Mood falling" in told.title
    assert "Alex K." in told.title
    text = told.title + told.body
    assert "4.0" not in text
    assert "2.0" not in text
    assert "private words" not in text
    assert told.url == f"/mentees/{cast.alex.pk}/warnings/"


def test_the_mentors_name_ends_the_sentence_with_one_full_stop(cast: Cast) -> None:
    """A display name with an initial ("Morgan L.") already has its full stop."""
    cast.morgan.display_name = "Morgan L."
    cast.morgan.save(update_fields=["display_name"])
    mentor_make(cast.morgan, cast.alex, MentorshipState.ACTIVE)
    page = signed_in(cast.alex).get(reverse("recovery:warnings")).content.decode()
    assert "Your mentor is Morgan L.</p>" in page
    assert "Morgan L.." not in page
    cast.morgan.display_name = "Morgan"
    cast.morgan.save(update_fields=["display_name"])
    page = signed_in(cast.alex).get(reverse("recovery:warnings")).content.decode()
    assert "Your mentor is Morgan.</p>" in page


def test_mentor_not_told_without_opt_in(cast: Cast) -> None:
    mentor_make(cast.morgan, cast.alex, MentorshipState.ACTIVE)
    falling_mood(cast.alex)
    warning_signals_compute(cast.alex)
    assert member_notifications(cast.morgan, NotificationKind.MENTEE_WARNING) == []
    assert len(member_notifications(cast.alex, NotificationKind.WARNING_SIGNAL)) == 1


def test_mentor_not_told_when_the_mentorship_is_not_active(cast: Cast) -> None:
    mentor_make(cast.morgan, cast.alex, MentorshipState.ENDED)
    mentor_make(cast.fran, cast.alex, MentorshipState.REQUESTED)
    warning_sharing_set(by=cast.alex, share_with_mentor=True)
    falling_mood(cast.alex)
    warning_signals_compute(cast.alex)
    assert not Notification.objects.filter(
        kind=NotificationKind.MENTEE_WARNING
    ).exists()


def test_compute_all_over_many_members_in_few_queries(
    cast: Cast, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    quiet = [persona_create(f"quiet{n}", f"Quiet {n}") for n in range(12)]
    for member in quiet:
        for n in range(7):
            checkin(member, days_ago(n), mood=3, craving=2)
    falling_mood(cast.alex)
    checkin(cast.morgan, days_ago(1), signs=["sleep"])
    mentor_make(cast.fran, cast.morgan, MentorshipState.ACTIVE)
    warning_sharing_set(by=cast.morgan, share_with_mentor=True)
    # Members, check-ins, attendance, stored signals, choices, mentors; then per
    # new signal a savepoint and its row (3), per notification a savepoint, its
    # row and the email choice (4): nothing per quiet member.
    with django_assert_max_num_queries(6 + 2 * 3 + 3 * 4):
        assert warning_signals_compute_all() == 2
    assert {(s.member_id, s.rule) for s in WarningSignal.objects.all()} == {
        (cast.alex.pk, WarningRule.MOOD_FALLING),
        (cast.morgan.pk, WarningRule.SIGN_REPORTED),
    }
    assert len(member_notifications(cast.fran, NotificationKind.MENTEE_WARNING)) == 1


def test_compute_all_costs_the_same_for_more_quiet_members(
    cast: Cast, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(3):
        checkin(persona_create(f"more{n}", f"More {n}"), TODAY, mood=3)
    with django_assert_num_queries(3):
        assert warning_signals_compute_all() == 0
    for n in range(3, 30):
        checkin(persona_create(f"more{n}", f"More {n}"), TODAY, mood=3)
    with django_assert_num_queries(3):
        assert warning_signals_compute_all() == 0


def test_recovery_daily_command_computes_signals(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kinship.recovery import milestones

    try:
        milestones.milestones_refresh_all()
    except NotImplementedError:  # the milestones part may not be built yet
        monkeypatch.setattr(
            "kinship.recovery.management.commands.recovery_daily."
            "milestones_refresh_all",
            lambda: 0,
        )
    falling_mood(cast.alex)
    call_command("recovery_daily")
    call_command("recovery_daily")
    out = capsys.readouterr().out
    assert "warning signals: 1" in out
    assert "warning signals: 0" in out
    assert WarningSignal.objects.filter(member=cast.alex).count() == 1


# -- Services and selectors ------------------------------------------------------


def signal_of(member: Member, rule: str = WarningRule.MOOD_FALLING) -> WarningSignal:
    return WarningSignal.objects.create(
        member=member,
        rule=rule,
        computed_on=TODAY,
        detail={"from": 4.0, "to": 2.0, "recent": 3, "earlier": 4},
    )


def test_dismiss_own_only(cast: Cast) -> None:
    from django.http import Http404

    signal = signal_of(cast.alex)
    with pytest.raises(Http404):
        warning_signal_dismiss(by=cast.eve, signal_id=signal.pk)
    signal.refresh_from_db()
    assert signal.dismissed_at is None
    warning_signal_dismiss(by=cast.alex, signal_id=signal.pk)
    signal.refresh_from_db()
    assert signal.dismissed_at == NOW


def test_current_signals_are_recent_latest_per_rule_and_not_dismissed(
    cast: Cast,
) -> None:
    WarningSignal.objects.create(
        member=cast.alex, rule=WarningRule.CRAVING_RISING, computed_on=days_ago(8)
    )
    WarningSignal.objects.create(
        member=cast.alex, rule=WarningRule.MOOD_FALLING, computed_on=days_ago(1)
    )
    latest = signal_of(cast.alex)
    gone = signal_of(cast.alex, WarningRule.SIGN_REPORTED)
    warning_signal_dismiss(by=cast.alex, signal_id=gone.pk)
    shown = warning_signals_current(cast.alex)
    assert [item.signal.pk for item in shown] == [latest.pk]
    assert shown[0].noticed.startswith("We noticed your mood was about 2.0")
    assert any(s.url == "/strategies/?tag=grounding" for s in shown[0].suggestions)


def test_mentor_selector_refuses_unless_active_and_opted_in(cast: Cast) -> None:
    from django.http import Http404

    signal_of(cast.alex)
    mentor_make(cast.morgan, cast.alex, MentorshipState.ACTIVE)
    with pytest.raises(Http404):
        warning_signals_for_mentor(mentor=cast.morgan, mentee_id=cast.alex.pk)
    warning_sharing_set(by=cast.alex, share_with_mentor=True)
    mentee, signals = warning_signals_for_mentor(
        mentor=cast.morgan, mentee_id=cast.alex.pk
    )
    assert mentee == cast.alex
    assert [s.label for s in signals] == ["Mood falling"]
    for outsider in (cast.eve, cast.fran, cast.alex):
        with pytest.raises(Http404):
            warning_signals_for_mentor(mentor=outsider, mentee_id=cast.alex.pk)


# -- Pages -----------------------------------------------------------------------

CRISIS = ("988", "1-800-662-4357", "741741", "911")


def test_members_page_says_what_we_noticed_kindly(cast: Cast) -> None:
    signal_of(cast.alex)
    response = signed_in(cast.alex).get("/me/warnings/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "We noticed your mood was about 2.0 (of 5)" in body
    assert "down from about 4.0" in body
    assert 'href="/strategies/?tag=grounding"' in body
    assert "Share them with my mentor" in body
    for resource in CRISIS:
        assert resource in body


def test_eve_sees_her_own_empty_page(cast: Cast) -> None:
    signal_of(cast.alex)
    response = signed_in(cast.eve).get("/me/warnings/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing to note right now" in body
    assert "We noticed" not in body
    for resource in CRISIS:
        assert resource in body


def test_visitor_is_sent_to_sign_in(cast: Cast) -> None:
    from django.test import Client

    response = Client().get("/me/warnings/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_dismiss_page(cast: Cast) -> None:
    signal = signal_of(cast.alex)
    url = reverse("recovery:warning-dismiss", kwargs={"signal_id": signal.pk})
    assert signed_in(cast.eve).post(url).status_code == 404
    signal.refresh_from_db()
    assert signal.dismissed_at is None
    alex = signed_in(cast.alex)
    assert alex.get(url).status_code == 405
    response = alex.post(url, follow=True)
    assert response.redirect_chain == [("/me/warnings/", 302)]
    assert "Nothing to note right now" in response.content.decode()
    signal.refresh_from_db()
    assert signal.dismissed_at is not None


def test_sharing_choice_page(cast: Cast) -> None:
    url = reverse("recovery:warning-sharing")
    alex = signed_in(cast.alex)
    response = alex.post(url, {"share": "yes"})
    assert response.status_code == 302
    assert RecoveryPreferences.objects.get(member=cast.alex).share_warnings_with_mentor
    page = alex.get("/me/warnings/").content.decode()
    assert 'id="share-yes" name="share" value="yes" checked' in page
    alex.post(url, {"share": "no"})
    preferences = RecoveryPreferences.objects.get(member=cast.alex)
    assert not preferences.share_warnings_with_mentor


def test_sharing_without_a_choice_changes_nothing(cast: Cast) -> None:
    response = signed_in(cast.eve).post(
        reverse("recovery:warning-sharing"), {}, follow=True
    )
    assert "Choose whether to share" in response.content.decode()
    assert not RecoveryPreferences.objects.exists()


def test_mentor_page(cast: Cast) -> None:
    signal_of(cast.alex)
    mentor_make(cast.morgan, cast.alex, MentorshipState.ACTIVE)
    url = reverse("recovery:mentee-warnings", kwargs={"member_id": cast.alex.pk})
    morgan = signed_in(cast.morgan)
    assert morgan.get(url).status_code == 404  # alex has not opted in
    warning_sharing_set(by=cast.alex, share_with_mentor=True)
    response = morgan.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mood falling" in body
    assert "Alex K." in body
    assert "4.0" not in body
    assert "2.0" not in body
    assert signed_in(cast.eve).get(url).status_code == 404
    assert signed_in(cast.fran).get(url).status_code == 404


def test_mentor_page_404_after_the_mentorship_ends(cast: Cast) -> None:
    mentorship = mentor_make(cast.morgan, cast.alex, MentorshipState.ACTIVE)
    warning_sharing_set(by=cast.alex, share_with_mentor=True)
    url = reverse("recovery:mentee-warnings", kwargs={"member_id": cast.alex.pk})
    assert signed_in(cast.morgan).get(url).status_code == 200
    mentorship.state = MentorshipState.ENDED
    mentorship.save()
    assert signed_in(cast.morgan).get(url).status_code == 404


def test_every_rules_figures_are_worded_with_suggestions(cast: Cast) -> None:
    """The figures each rule stores are the ones its wording reads."""
    habit = [CheckInFigures(days_ago(n), 3, 2) for n in range(4, 18)]
    fired = [
        attendance_stopped(
            History(attended_on=[days_ago(n) for n in (15, 22, 29)]), TODAY
        ),
        mood_falling(history(moods=(5, 5, 5, 5, 2, 2, 3)), TODAY),
        craving_rising(history(cravings=(1, 1, 1, 1, 6, 7, 8)), TODAY),
        checkins_stopped(History(habit), TODAY),
        sign_reported(
            History([CheckInFigures(TODAY, 3, 2, ("hopeless", "unknown"))]), TODAY
        ),
    ]
    for item in fired:
        assert item is not None
        WarningSignal.objects.create(
            member=cast.alex, rule=item.rule, computed_on=TODAY, detail=item.detail
        )
    shown = {item.signal.rule: item for item in warning_signals_current(cast.alex)}
    assert len(shown) == 5
    assert all(item.suggestions for item in shown.values())
    assert shown[WarningRule.ATTENDANCE_STOPPED].noticed == (
        "We noticed you went to meetings in 3 of the 4 weeks before, and to none "
        "in the last 14 days."
    )
    assert "about 2.3 (of 5)" in shown[WarningRule.MOOD_FALLING].noticed
    assert "about 7.0 (of 10)" in shown[WarningRule.CRAVING_RISING].noticed
    assert "up from about 1.0" in shown[WarningRule.CRAVING_RISING].noticed
    assert shown[WarningRule.CHECKINS_STOPPED].noticed == (
        "We noticed you checked in on 14 of the 14 days before, and not in the "
        "last 3 days."
    )
    assert shown[WarningRule.SIGN_REPORTED].noticed.endswith(
        "you wrote down: Feeling hopeless, Something else."
    )
    page = signed_in(cast.alex).get("/me/warnings/").content.decode()
    assert page.count("We noticed") == 5


def test_compute_all_reaches_members_of_every_batch(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warnings, "BATCH_SIZE", 2)
    for member in (cast.alex, cast.morgan, cast.eve):
        checkin(member, TODAY, signs=["isolating"])
    assert warning_signals_compute_all() == 3
    assert set(WarningSignal.objects.values_list("member_id", flat=True)) == {
        cast.alex.pk,
        cast.morgan.pk,
        cast.eve.pk,
    }
