"""Reads of early warning signs: the member's own, and what a mentor may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from kinship.members.models import Member
from kinship.members.selectors import member_today
from kinship.mentorship.selectors import is_mentor_of, mentor_of

from ..models import RecoveryPreferences, WarningRule, WarningSign, WarningSignal
from ..warnings import RULES


@dataclass(frozen=True)
class Suggestion:
    """Something that may help; ``url`` is a path on this site, or empty."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class SignalShown:
    """A signal as the member sees it: what we noticed, in plain words, and ideas."""

    signal: WarningSignal
    noticed: str
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class MenteeSignal:
    """A signal as a mentor sees it: the rule's name and the day, nothing more."""

    label: str
    computed_on: dt.date


def _suggestions(rule: WarningRule) -> tuple[Suggestion, ...]:
    meetings = reverse("directory:meeting-list")
    strategies = reverse("recovery:strategy-list")
    someone = Suggestion(
        _("Talk to someone you trust: a friend, your mentor or your sponsor.")
    )
    meeting = Suggestion(_("Find a meeting to go to this week."), meetings)
    table: dict[WarningRule, tuple[Suggestion, ...]] = {
        WarningRule.ATTENDANCE_STOPPED: (
            meeting,
            Suggestion(
                _("An online meeting counts too, if getting there is hard."),
                meetings,
            ),
            Suggestion(
                _("Ideas for when you feel on your own."),
                f"{strategies}?tag=loneliness",
            ),
        ),
        WarningRule.MOOD_FALLING: (
            someone,
            meeting,
            Suggestion(
                _("Try a grounding strategy for stressful moments."),
                f"{strategies}?tag=grounding",
            ),
        ),
        WarningRule.CRAVING_RISING: (
            Suggestion(
                _("Strategies for riding out a craving."), f"{strategies}?tag=craving"
            ),
            Suggestion(_("Call someone before a craving peaks, not after.")),
            meeting,
        ),
        WarningRule.CHECKINS_STOPPED: (
            Suggestion(
                _("A check-in takes a minute, even with one number in it."),
                reverse("recovery:checkin"),
            ),
            someone,
        ),
        WarningRule.SIGN_REPORTED: (
            someone,
            meeting,
            Suggestion(
                _("Strategies for the triggers you meet."), f"{strategies}?tag=trigger"
            ),
        ),
    }
    return table[rule]


def _number(value: Any) -> str:
    return f"{float(value):.1f}"


def signal_noticed(signal: WarningSignal) -> str:
    """What the rule noticed, with its figures, in plain and kind words."""
    detail = signal.detail if isinstance(signal.detail, dict) else {}
    rule = WarningRule(signal.rule)
    try:
        if rule == WarningRule.ATTENDANCE_STOPPED:
            return _(
                "We noticed you went to meetings in %(attended)s of the %(weeks)s "
                "weeks before, and to none in the last %(quiet)s days."
            ) % {
                "attended": detail["weeks_attended"],
                "weeks": detail["weeks"],
                "quiet": detail["quiet_days"],
            }
        if rule == WarningRule.MOOD_FALLING:
            return _(
                "We noticed your mood was about %(to)s (of 5) in your last "
                "%(recent)s check-ins, down from about %(from)s in the ones before."
            ) % {
                "to": _number(detail["to"]),
                "from": _number(detail["from"]),
                "recent": detail["recent"],
            }
        if rule == WarningRule.CRAVING_RISING:
            return _(
                "We noticed your cravings were about %(to)s (of 10) in your last "
                "%(recent)s check-ins, up from about %(from)s in the ones before."
            ) % {
                "to": _number(detail["to"]),
                "from": _number(detail["from"]),
                "recent": detail["recent"],
            }
        if rule == WarningRule.CHECKINS_STOPPED:
            return _(
                "We noticed you checked in on %(count)s of the %(habit)s days "
                "before, and not in the last %(quiet)s days."
            ) % {
                "count": detail["checkins"],
                "habit": detail["habit_days"],
                "quiet": detail["quiet_days"],
            }
        labels = dict(WarningSign.choices)
        signs = ", ".join(
            str(labels.get(sign, labels[WarningSign.OTHER])) for sign in detail["signs"]
        )
        return _(
            "We noticed that in your check-ins of the last %(days)s days you "
            "wrote down: %(signs)s."
        ) % {"days": detail["days"], "signs": signs}
    except (KeyError, TypeError, ValueError):
        # Figures from an older version of a rule: say it without them.
        return _("We noticed: %(sign)s.") % {"sign": rule.label}


def _current(member: Member, today: dt.date) -> list[WarningSignal]:
    """The latest signal per rule of the last days, not dismissed."""
    first = today - dt.timedelta(days=RULES.shown_days - 1)
    latest: dict[str, WarningSignal] = {}
    recent = WarningSignal.objects.filter(
        member=member, computed_on__gte=first, computed_on__lte=today
    ).order_by("-computed_on", "rule")
    for signal in recent:
        latest.setdefault(signal.rule, signal)
    return [s for s in latest.values() if s.dismissed_at is None]


def warning_signals_current(
    member: Member, today: dt.date | None = None
) -> list[SignalShown]:
    """The member's current signals (the latest of each rule in the last week,
    not dismissed), each with what was noticed and suggestions."""
    today = today or member_today(member)
    return [
        SignalShown(
            signal, signal_noticed(signal), _suggestions(WarningRule(signal.rule))
        )
        for signal in _current(member, today)
    ]


def access_warning_signal(member: Member, signal_id: int) -> WarningSignal:
    """One of the member's own signals; anyone else's is a 404."""
    signal = WarningSignal.objects.filter(member=member, pk=signal_id).first()
    if signal is None:
        raise Http404("No such warning signal")
    return signal


def warning_sharing_of(member: Member) -> bool:
    """Whether the member shares their warning signs with their mentor."""
    return RecoveryPreferences.objects.filter(
        member=member, share_warnings_with_mentor=True
    ).exists()


def warning_mentor_of(member: Member) -> Member | None:
    """The mentor the member's warning signs would be shared with, if any."""
    return mentor_of(member)


def warning_signals_for_mentor(
    *, mentor: Member, mentee_id: int
) -> tuple[Member, list[MenteeSignal]]:
    """A mentee's current signals as their mentor may see them: the names of the
    rules and the days, only. A 404 unless ``mentor`` is the mentee's active
    mentor and the mentee chose to share their warning signs."""
    mentee = Member.objects.filter(pk=mentee_id).first()
    if (
        mentee is None
        or mentee.pk == mentor.pk
        or not is_mentor_of(mentor, mentee)
        or not warning_sharing_of(mentee)
    ):
        raise Http404("No such mentee")
    signals = [
        MenteeSignal(str(WarningRule(s.rule).label), s.computed_on)
        for s in _current(mentee, member_today(mentee))
    ]
    return mentee, signals
