"""Early warning signals: patterns in a member's own data worth a gentle look.

Every threshold is in ``RULES`` below, one frozen dataclass per rule, with the
reason for each number. The rule functions are pure: they read a member's
``History`` (their check-ins and the days they attended a meeting) and a day,
and return the rule's figures when it fires, or None.

``warning_signals_compute`` (one member) and ``warning_signals_compute_all``
(everyone, from the ``recovery_daily`` command) write the day's signals. Running
them again the same day changes nothing: a signal is stored once per member, rule
and day (a unique constraint), and only a newly stored one notifies anyone.

Who is told:
- the member, kindly, when a rule starts firing (not again each day it goes on);
- their mentor, only when the member chose to share warning signs and has an
  active mentor, and then only the rule's name: never a figure or a note.

A member who dismisses a signal is not shown that rule again while it keeps
firing day after day; it comes back only after a day without it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kinship.attendance.models import Attendance
from kinship.members.models import Member
from kinship.members.selectors import member_today
from kinship.mentorship.models import Mentorship, MentorshipState
from kinship.notifications.models import NotificationKind
from kinship.notifications.services import notification_send

from .models import CheckIn, RecoveryPreferences, WarningRule, WarningSignal
from .notification_texts import MENTEE_WARNING_SIGN, WARNING_SIGN

# -- The one table of rules and thresholds -------------------------------------


@dataclass(frozen=True)
class AttendanceStopped:
    """Regular meetings, then none for a while."""

    # Two weeks without a meeting: most groups meet weekly, so this is two missed
    # in a row, a change rather than one busy week.
    quiet_days: int
    # The habit is judged over the weeks just before the quiet days...
    habit_weeks: int
    # ...and "regular" means a meeting in most of those weeks (3 of 4), so one
    # week off (holidays, illness) still counts as a habit.
    habit_min_weeks: int


@dataclass(frozen=True)
class Trend:
    """The mean of the latest check-ins against the mean of the ones before them,
    within a recent window. A difference of means reads in plain words ("about 2.7,
    down from 4.0") where a fitted slope would not."""

    # Only check-ins of the last week count: an older low does not make a trend.
    window_days: int
    # The latest few check-ins are compared...
    recent: int
    # ...with at least this many before them; fewer is not enough to compare.
    min_earlier: int
    # The least change (in points of the scale) that counts.
    change: float


@dataclass(frozen=True)
class CheckinsStopped:
    """A daily check-in habit, then silence."""

    # Three whole days (and today so far) without one: a weekend away is two.
    quiet_days: int
    # The habit is judged over the two weeks before the quiet days...
    habit_days: int
    # ...and means a check-in on at least 5 of those 14 days.
    habit_min_checkins: int


@dataclass(frozen=True)
class SignReported:
    """The member noted a warning sign in a check-in."""

    # Today and the two days before: recent enough to still matter, and the
    # member sees it even if they check in late in the evening.
    days: int


@dataclass(frozen=True)
class Rules:
    attendance_stopped: AttendanceStopped
    mood_falling: Trend
    craving_rising: Trend
    checkins_stopped: CheckinsStopped
    sign_reported: SignReported
    # A signal stays on the member's page this many days after it last fired
    # (unless dismissed): long enough to act on, short enough to stay current.
    shown_days: int = 7


RULES = Rules(
    attendance_stopped=AttendanceStopped(
        quiet_days=14, habit_weeks=4, habit_min_weeks=3
    ),
    # Mood is 1 to 5: a whole point lower is e.g. "good" to "okay", a real change.
    mood_falling=Trend(window_days=7, recent=3, min_earlier=2, change=1.0),
    # Craving is 0 to 10: two points higher on average is more than a bad day.
    craving_rising=Trend(window_days=7, recent=3, min_earlier=2, change=2.0),
    checkins_stopped=CheckinsStopped(quiet_days=3, habit_days=14, habit_min_checkins=5),
    sign_reported=SignReported(days=3),
)


def history_days() -> int:
    """How many days of data (counting back from today) the rules read."""
    rules = RULES
    attendance = rules.attendance_stopped
    return max(
        attendance.quiet_days + 7 * attendance.habit_weeks,
        rules.mood_falling.window_days,
        rules.craving_rising.window_days,
        rules.checkins_stopped.quiet_days + 1 + rules.checkins_stopped.habit_days,
        rules.sign_reported.days,
    )


# -- The member's data, and the rules over it ----------------------------------


@dataclass(frozen=True)
class CheckInFigures:
    """What the rules read of one check-in (never its note)."""

    local_date: dt.date
    mood: int
    craving: int
    warning_signs: tuple[str, ...] = ()


@dataclass
class History:
    """A member's recent check-ins and the local dates of meetings they attended."""

    checkins: list[CheckInFigures] = field(default_factory=list)
    attended_on: list[dt.date] = field(default_factory=list)


@dataclass(frozen=True)
class Fired:
    """A rule that fired, with the figures behind it (stored as ``detail``)."""

    rule: WarningRule
    detail: dict[str, Any]


def _checkins_between(
    history: History, first: dt.date, last: dt.date
) -> list[CheckInFigures]:
    return sorted(
        (c for c in history.checkins if first <= c.local_date <= last),
        key=lambda c: c.local_date,
    )


def attendance_stopped(history: History, today: dt.date) -> Fired | None:
    """Regular meetings in the weeks before, and none in the last quiet days."""
    rule = RULES.attendance_stopped
    quiet_from = today - dt.timedelta(days=rule.quiet_days - 1)
    if any(quiet_from <= day <= today for day in history.attended_on):
        return None
    weeks_attended = 0
    for week in range(rule.habit_weeks):
        last = quiet_from - dt.timedelta(days=1 + 7 * week)
        first = last - dt.timedelta(days=6)
        if any(first <= day <= last for day in history.attended_on):
            weeks_attended += 1
    if weeks_attended < rule.habit_min_weeks:
        return None
    return Fired(
        WarningRule.ATTENDANCE_STOPPED,
        {
            "weeks_attended": weeks_attended,
            "weeks": rule.habit_weeks,
            "quiet_days": rule.quiet_days,
        },
    )


def _trend(
    history: History, today: dt.date, rule: Trend, attribute: str, falling: bool
) -> dict[str, Any] | None:
    first = today - dt.timedelta(days=rule.window_days - 1)
    values = [getattr(c, attribute) for c in _checkins_between(history, first, today)]
    if len(values) < rule.recent + rule.min_earlier:
        return None
    earlier = fmean(values[: -rule.recent])
    recent = fmean(values[-rule.recent :])
    change = earlier - recent if falling else recent - earlier
    # A hair of tolerance: means of small integers are not exact in binary.
    if change + 1e-9 < rule.change:
        return None
    return {
        "from": round(earlier, 1),
        "to": round(recent, 1),
        "recent": rule.recent,
        "earlier": len(values) - rule.recent,
    }


def mood_falling(history: History, today: dt.date) -> Fired | None:
    """Mood in the latest check-ins clearly lower than in the ones before."""
    detail = _trend(history, today, RULES.mood_falling, "mood", falling=True)
    return Fired(WarningRule.MOOD_FALLING, detail) if detail else None


def craving_rising(history: History, today: dt.date) -> Fired | None:
    """Cravings in the latest check-ins clearly higher than in the ones before."""
    detail = _trend(history, today, RULES.craving_rising, "craving", falling=False)
    return Fired(WarningRule.CRAVING_RISING, detail) if detail else None


def checkins_stopped(history: History, today: dt.date) -> Fired | None:
    """A check-in habit, then none in the last quiet days (nor today so far)."""
    rule = RULES.checkins_stopped
    quiet_from = today - dt.timedelta(days=rule.quiet_days)
    if _checkins_between(history, quiet_from, today):
        return None
    habit_last = quiet_from - dt.timedelta(days=1)
    habit_first = habit_last - dt.timedelta(days=rule.habit_days - 1)
    count = len(_checkins_between(history, habit_first, habit_last))
    if count < rule.habit_min_checkins:
        return None
    return Fired(
        WarningRule.CHECKINS_STOPPED,
        {
            "checkins": count,
            "habit_days": rule.habit_days,
            "quiet_days": rule.quiet_days,
        },
    )


def sign_reported(history: History, today: dt.date) -> Fired | None:
    """A warning sign the member noted in a recent check-in."""
    rule = RULES.sign_reported
    first = today - dt.timedelta(days=rule.days - 1)
    signs: list[str] = []
    for checkin in _checkins_between(history, first, today):
        signs.extend(s for s in checkin.warning_signs if s not in signs)
    if not signs:
        return None
    return Fired(WarningRule.SIGN_REPORTED, {"signs": signs, "days": rule.days})


RULE_FUNCTIONS = (
    attendance_stopped,
    mood_falling,
    craving_rising,
    checkins_stopped,
    sign_reported,
)


def rules_evaluate(history: History, today: dt.date) -> list[Fired]:
    """Every rule that fires on this history today."""
    return [fired for rule in RULE_FUNCTIONS if (fired := rule(history, today))]


# -- Computing and storing the day's signals -----------------------------------


def _histories_load(member_ids: Sequence[int], since: dt.date) -> dict[int, History]:
    """The histories of many members in two queries."""
    histories: dict[int, History] = {pk: History() for pk in member_ids}
    checkins = CheckIn.objects.filter(
        member_id__in=member_ids, local_date__gte=since
    ).values_list("member_id", "local_date", "mood", "craving", "warning_signs")
    for member_id, local_date, mood, craving, signs in checkins:
        histories[member_id].checkins.append(
            CheckInFigures(
                local_date,
                mood,
                craving,
                tuple(str(s) for s in signs) if isinstance(signs, list) else (),
            )
        )
    attended = Attendance.objects.filter(
        member_id__in=member_ids, occurrence__local_date__gte=since
    ).values_list("member_id", "occurrence__local_date")
    for member_id, local_date in attended:
        if member_id is not None:
            histories[member_id].attended_on.append(local_date)
    return histories


@dataclass
class _Context:
    """What the writes of a batch of members need, loaded once per batch."""

    # (member_id, rule, computed_on) -> stored signal, for today and yesterday.
    stored: dict[tuple[int, str, dt.date], WarningSignal]
    sharing: set[int]
    mentors: dict[int, Member]


def _context_load(members: Sequence[Member], earliest: dt.date) -> _Context:
    ids = [m.pk for m in members]
    stored = {
        (s.member_id, s.rule, s.computed_on): s
        for s in WarningSignal.objects.filter(
            member_id__in=ids, computed_on__gte=earliest - dt.timedelta(days=1)
        )
    }
    sharing = set(
        RecoveryPreferences.objects.filter(
            member_id__in=ids, share_warnings_with_mentor=True
        ).values_list("member_id", flat=True)
    )
    mentors: dict[int, Member] = {}
    if sharing:
        active = (
            Mentorship.objects.filter(
                mentee_id__in=sharing, state=MentorshipState.ACTIVE
            )
            .select_related("mentor__user")
            .order_by("started_at", "pk")
        )
        for mentorship in active:  # the latest active mentorship wins
            mentors[mentorship.mentee_id] = mentorship.mentor
    return _Context(stored, sharing, mentors)


def _notify(member: Member, signal: WarningSignal, mentor: Member | None) -> None:
    rule = WarningRule(signal.rule)
    notification_send(
        member=member,
        kind=NotificationKind.WARNING_SIGNAL,
        text=WARNING_SIGN,
        params={"sign": rule.value},
        url=reverse("recovery:warnings"),
    )
    if mentor is not None:
        notification_send(
            member=mentor,
            kind=NotificationKind.MENTEE_WARNING,
            text=MENTEE_WARNING_SIGN,
            params={"name": member.display_name, "sign": rule.value},
            url=reverse("recovery:mentee-warnings", kwargs={"member_id": member.pk}),
        )


def _member_signals_write(
    member: Member, today: dt.date, fired: Iterable[Fired], context: _Context
) -> tuple[list[WarningSignal], int]:
    """Store the member's fired rules for today; returns today's signals and how
    many are new. Only a new signal of a new episode notifies anyone."""
    signals: list[WarningSignal] = []
    new = 0
    yesterday = today - dt.timedelta(days=1)
    for item in fired:
        existing = context.stored.get((member.pk, item.rule, today))
        if existing is not None:
            signals.append(existing)
            continue
        before = context.stored.get((member.pk, item.rule, yesterday))
        try:
            with transaction.atomic():
                signal = WarningSignal.objects.create(
                    member=member,
                    rule=item.rule,
                    computed_on=today,
                    detail=item.detail,
                    # Dismissed yesterday and still firing: stays dismissed.
                    dismissed_at=before.dismissed_at if before else None,
                )
                if before is None:
                    mentor = (
                        context.mentors.get(member.pk)
                        if member.pk in context.sharing
                        else None
                    )
                    _notify(member, signal, mentor)
        except IntegrityError:
            # Another run stored it a moment ago (and notified): nothing to add.
            signal = WarningSignal.objects.get(
                member=member, rule=item.rule, computed_on=today
            )
        else:
            new += 1
        context.stored[(member.pk, item.rule, today)] = signal
        signals.append(signal)
    return signals, new


def warning_signals_compute(
    member: Member, today: dt.date | None = None
) -> list[WarningSignal]:
    """Compute and store the member's signals of today (their local date unless
    ``today`` is given); returns today's signals. Idempotent within a day."""
    today = today or member_today(member)
    since = today - dt.timedelta(days=history_days())
    history = _histories_load([member.pk], since)[member.pk]
    context = _context_load([member], today)
    signals, _new = _member_signals_write(
        member, today, rules_evaluate(history, today), context
    )
    return signals


# Members handled per batch: a few queries per batch, bounded memory.
BATCH_SIZE = 500


def warning_signals_compute_all(now: dt.datetime | None = None) -> int:
    """Compute today's signals for every active member (each on their own local
    date); returns how many signals are new. A few queries per batch of members,
    plus a few per new signal."""
    now = now or timezone.now()
    members = Member.objects.filter(user__is_active=True).select_related("user")
    created = 0
    last_pk = 0
    while True:
        # Keyset pages: no cursor stays open while the batch writes.
        batch = list(members.filter(pk__gt=last_pk).order_by("pk")[:BATCH_SIZE])
        if batch:
            created += _batch_compute(batch, now)
            last_pk = batch[-1].pk
        if len(batch) < BATCH_SIZE:
            return created


def _batch_compute(members: Sequence[Member], now: dt.datetime) -> int:
    todays = {m.pk: member_today(m, now) for m in members}
    earliest = min(todays.values())
    since = earliest - dt.timedelta(days=history_days())
    histories = _histories_load(list(todays), since)
    fired_by_member: dict[int, list[Fired]] = defaultdict(list)
    for member in members:
        fired_by_member[member.pk] = rules_evaluate(
            histories[member.pk], todays[member.pk]
        )
    firing = [m for m in members if fired_by_member[m.pk]]
    if not firing:
        return 0
    context = _context_load(firing, earliest)
    created = 0
    for member in firing:
        _signals, new = _member_signals_write(
            member, todays[member.pk], fired_by_member[member.pk], context
        )
        created += new
    return created
