"""Ranking groups for a person's needs: one weight table, a visible score per factor.

Pure: it ranks ``Candidate`` values (a group with its next occurrences, distance
and signals, gathered by a selector) against ``Needs`` (the answers of the guided
questions). Every factor gives a score from 0 to 1 with the reason behind it,
and sometimes a trade-off ("45 minutes away", "only Tuesdays"); a group's score
is the weighted sum, shown with its parts. Ties break on the soonest next
occurrence, then the name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# How much each factor counts (points at a perfect fit). Focus and being able to
# get there matter most: a group one cannot reach or that is about something
# else is no fit, however good otherwise.
WEIGHTS: dict[str, int] = {
    "focus": 30,
    "reach": 20,
    "schedule": 20,
    "comfort": 8,
    "program": 6,
    "language": 6,
    "audience": 6,
    "quality": 3,
    "size": 1,
}

# Minutes per mile to reach an in-person meeting, by how the person travels
# (door to door, rough): driving about 30 mph, transit or walking about 12 mph.
MINUTES_PER_MILE = {"car": 2.0, "no_car": 5.0}
# Up to this many minutes away is a full fit; the score falls to 0 at the limit.
EASY_MINUTES = 20.0
LIMIT_MINUTES = 60.0
# A trade-off is named from this many minutes away.
FAR_MINUTES = 30.0
# Occurrences in the next 14 days that fit the person's times for a full score.
FITTING_OCCURRENCES_FOR_FULL = 2
# A group this size or more counts as established (members).
ESTABLISHED_SIZE = 8


class Travel(StrEnum):
    ONLINE = "online"  # online only
    NO_CAR = "no_car"  # walking, transit, lifts
    CAR = "car"


class Comfort(StrEnum):
    LISTEN_FIRST = "listen_first"
    READY = "ready"


class Slot(StrEnum):
    """Parts of the week a person may be free."""

    WEEKDAY_MORNING = "weekday_morning"  # Monday-Friday before 12:00
    WEEKDAY_AFTERNOON = "weekday_afternoon"  # 12:00-17:00
    WEEKDAY_EVENING = "weekday_evening"  # from 17:00
    WEEKEND = "weekend"


def slot_of(moment: dt.datetime) -> Slot:
    """The slot of a local start time."""
    if moment.weekday() >= 5:
        return Slot.WEEKEND
    if moment.hour < 12:
        return Slot.WEEKDAY_MORNING
    if moment.hour < 17:
        return Slot.WEEKDAY_AFTERNOON
    return Slot.WEEKDAY_EVENING


@dataclass(frozen=True)
class Needs:
    """A person's answers. Empty sets mean "no preference"."""

    focus: str  # addiction / mental_health / both / family
    travel: Travel
    comfort: Comfort
    slots: frozenset[Slot] = frozenset()
    programs: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    audience: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Candidate:
    """A group as the ranking sees it.

    ``starts`` are the group's occurrences in the next 14 days in the person's
    local time; ``miles`` the distance to its nearest in-person meeting (None
    when it has none or the person gave no place).
    """

    group_id: int
    name: str
    focus: str
    program: str
    online: bool
    in_person: bool
    miles: float | None
    starts: tuple[dt.datetime, ...]
    open_to_newcomers: bool
    languages: frozenset[str] = frozenset()
    audience: frozenset[str] = frozenset()
    quality_signals: int = 0  # of 4: guidelines, confidentiality, inclusivity, verified
    members: int = 0


@dataclass(frozen=True)
class Part:
    """One factor's contribution: points out of its weight, and why."""

    factor: str
    points: float
    weight: int
    reason: str = ""
    trade_off: str = ""


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    parts: tuple[Part, ...]
    score: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "score", sum(part.points for part in self.parts))

    @property
    def reasons(self) -> list[str]:
        return [part.reason for part in self.parts if part.reason]

    @property
    def trade_offs(self) -> list[str]:
        return [part.trade_off for part in self.parts if part.trade_off]

    @property
    def next_start(self) -> dt.datetime | None:
        return min(self.candidate.starts, default=None)


Factor = Callable[[Needs, Candidate], tuple[float, str, str]]

# How well a group's focus serves a person's: 1 a full fit, 0 none.
FOCUS_FIT: dict[tuple[str, str], float] = {
    ("both", "both"): 1.0,
    ("both", "addiction"): 0.4,
    ("both", "mental_health"): 0.4,
    ("addiction", "addiction"): 1.0,
    ("addiction", "both"): 0.8,
    ("mental_health", "mental_health"): 1.0,
    ("mental_health", "both"): 0.8,
    ("family", "family"): 1.0,
}
FOCUS_REASONS = {
    "both": gettext_lazy("For addiction and mental health together (dual diagnosis)"),
    "addiction": gettext_lazy("For recovery from addiction"),
    "mental_health": gettext_lazy("For mental health"),
    "family": gettext_lazy("For families and friends"),
}


def focus_factor(needs: Needs, group: Candidate) -> tuple[float, str, str]:
    fit = FOCUS_FIT.get((needs.focus, group.focus), 0.0)
    if fit == 0.0:
        return 0.0, "", _("About something else than what you asked for")
    reason = str(FOCUS_REASONS.get(group.focus, ""))
    trade = "" if fit == 1.0 else _("Not specifically for what you asked for")
    return fit, reason, trade


def minutes_away(needs: Needs, miles: float) -> float:
    return miles * MINUTES_PER_MILE.get(needs.travel, MINUTES_PER_MILE["no_car"])


def reach_factor(needs: Needs, group: Candidate) -> tuple[float, str, str]:
    if group.online:
        return 1.0, _("Online: join from anywhere"), ""
    if needs.travel == Travel.ONLINE or not group.in_person or group.miles is None:
        return 0.0, "", _("In person only")
    minutes = minutes_away(needs, group.miles)
    if minutes <= EASY_MINUTES:
        score = 1.0
    else:
        span = LIMIT_MINUTES - EASY_MINUTES
        score = max(0.0, 1.0 - (minutes - EASY_MINUTES) / span)
    reason = _("%(miles).1f miles away") % {"miles": group.miles}
    trade = ""
    if minutes >= FAR_MINUTES:
        trade = _("About %(minutes)d minutes away") % {
            "minutes": round(minutes / 5) * 5
        }
    return score, reason if score > 0 else "", trade


def schedule_factor(needs: Needs, group: Candidate) -> tuple[float, str, str]:
    if not group.starts:
        return 0.0, "", _("No meetings in the next two weeks")
    fitting = [
        start
        for start in group.starts
        if not needs.slots or slot_of(start) in needs.slots
    ]
    if not fitting:
        return 0.0, "", _("Not at the times you gave")
    score = min(1.0, len(fitting) / FITTING_OCCURRENCES_FOR_FULL)
    reason = ngettext(
        "%(count)d meeting at your times in the next two weeks",
        "%(count)d meetings at your times in the next two weeks",
        len(fitting),
    ) % {"count": len(fitting)}
    days = {start.weekday() for start in fitting}
    trade = ""
    if len(days) == 1:
        trade = _("Only on %(day)s") % {"day": WEEKDAYS[days.pop()]}
    return score, reason, trade


def comfort_factor(needs: Needs, group: Candidate) -> tuple[float, str, str]:
    if needs.comfort != Comfort.LISTEN_FIRST:
        return 1.0, "", ""
    if group.open_to_newcomers:
        return 1.0, _("Welcomes newcomers who want to listen first"), ""
    return 0.3, "", ""


def program_factor(needs: Needs, group: Candidate) -> tuple[float, str, str]:
    if not needs.programs:
        return 1.0, "", ""
    if group.program in needs.programs:
        return 1.0, _("The program you prefer"), ""
    return 0.0, "", _("Another program than the one you prefer")


def language_factor(needs: Needs, group: Candidate) -> tuple[float, str, str]:
    if not needs.languages:
        return 1.0, "", ""
    shared = needs.languages & group.languages
    if shared:
        return 1.0, _("In a language you speak"), ""
    return 0.0, "", _("Not in your language")


def audience_factor(needs: Needs, group: Candidate) -> tuple[float, str, str]:
    if not needs.audience:
        return 1.0, "", ""
    if needs.audience & group.audience:
        return 1.0, _("A group for people like you"), ""
    return 0.2, "", ""


def quality_factor(needs: Needs, group: Candidate) -> tuple[float, str, str]:
    score = min(group.quality_signals, 4) / 4
    reason = _("Publishes its guidelines and practices") if score >= 0.75 else ""
    return score, reason, ""


def size_factor(needs: Needs, group: Candidate) -> tuple[float, str, str]:
    return min(1.0, group.members / ESTABLISHED_SIZE), "", ""


FACTORS: dict[str, Factor] = {
    "focus": focus_factor,
    "reach": reach_factor,
    "schedule": schedule_factor,
    "comfort": comfort_factor,
    "program": program_factor,
    "language": language_factor,
    "audience": audience_factor,
    "quality": quality_factor,
    "size": size_factor,
}
assert set(FACTORS) == set(WEIGHTS)


def rank_one(needs: Needs, group: Candidate) -> Ranked:
    parts = []
    for name, factor in FACTORS.items():
        score, reason, trade = factor(needs, group)
        weight = WEIGHTS[name]
        parts.append(Part(name, round(score * weight, 2), weight, reason, trade))
    return Ranked(group, tuple(parts))


def is_good_fit(ranked: Ranked) -> bool:
    """A result worth offering: the focus fits, it can be reached, and it meets
    at the person's times."""
    points = {part.factor: part.points for part in ranked.parts}
    return all(points[name] > 0 for name in ("focus", "reach", "schedule"))


def rank(needs: Needs, groups: Iterable[Candidate]) -> list[Ranked]:
    """Good fits first by score; ties on the soonest next occurrence, then name."""
    far_future = dt.datetime.max.replace(tzinfo=dt.UTC)
    ranked = [rank_one(needs, group) for group in groups]
    return sorted(
        (r for r in ranked if is_good_fit(r)),
        key=lambda r: (
            -r.score,
            (r.next_start or far_future).astimezone(dt.UTC),
            r.candidate.name,
        ),
    )
