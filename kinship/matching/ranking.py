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

from kinship.core.units import distance_words

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


ScoreFn = Callable[[Needs, Candidate], float]
ExplainFn = Callable[[Needs, Candidate, float], tuple[str, str]]


@dataclass(frozen=True)
class Factor:
    """How well a group does on one factor (0-1), and why in words: a reason
    and a trade-off (either may be empty). Scores are cheap; words are made
    only for the results shown."""

    score: ScoreFn
    explain: ExplainFn


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


def fitting_focuses(focus: str) -> dict[str, float]:
    """The group focuses that serve a person's focus at all, with how well."""
    return {group: fit for (person, group), fit in FOCUS_FIT.items() if person == focus}


def focus_score(needs: Needs, group: Candidate) -> float:
    return FOCUS_FIT.get((needs.focus, group.focus), 0.0)


def focus_explain(needs: Needs, group: Candidate, fit: float) -> tuple[str, str]:
    if fit == 0.0:
        return "", _("About something else than what you asked for")
    reason = str(FOCUS_REASONS.get(group.focus, ""))
    return reason, "" if fit == 1.0 else _("Not specifically for what you asked for")


def minutes_away(needs: Needs, miles: float) -> float:
    return miles * MINUTES_PER_MILE.get(needs.travel, MINUTES_PER_MILE["no_car"])


def reach_limit_miles(travel: Travel) -> float:
    """How far an in-person meeting can be and still count as reachable."""
    return LIMIT_MINUTES / MINUTES_PER_MILE.get(travel, MINUTES_PER_MILE["no_car"])


def distance_score(needs: Needs, miles: float) -> float:
    """How well an in-person meeting this far away can be reached (0-1)."""
    minutes = minutes_away(needs, miles)
    if minutes <= EASY_MINUTES:
        return 1.0
    return max(0.0, 1.0 - (minutes - EASY_MINUTES) / (LIMIT_MINUTES - EASY_MINUTES))


def reach_score(needs: Needs, group: Candidate) -> float:
    if group.online:
        return 1.0
    if needs.travel == Travel.ONLINE or not group.in_person or group.miles is None:
        return 0.0
    return distance_score(needs, group.miles)


def reach_explain(needs: Needs, group: Candidate, score: float) -> tuple[str, str]:
    if group.online:
        return _("Online: join from anywhere"), ""
    if needs.travel == Travel.ONLINE or not group.in_person or group.miles is None:
        return "", _("In person only")
    minutes = minutes_away(needs, group.miles)
    reason = (
        _("%(distance)s away") % {"distance": distance_words(group.miles)}
        if score > 0
        else ""
    )
    trade = ""
    if minutes >= FAR_MINUTES:
        trade = _("About %(minutes)d minutes away") % {
            "minutes": round(minutes / 5) * 5
        }
    return reason, trade


def fitting_starts(needs: Needs, group: Candidate) -> list[dt.datetime]:
    """The group's starts at the person's times (all of them without a preference)."""
    if not needs.slots:
        return list(group.starts)
    return [start for start in group.starts if slot_of(start) in needs.slots]


def schedule_score(needs: Needs, group: Candidate) -> float:
    return min(1.0, len(fitting_starts(needs, group)) / FITTING_OCCURRENCES_FOR_FULL)


def schedule_explain(needs: Needs, group: Candidate, score: float) -> tuple[str, str]:
    if not group.starts:
        return "", _("No meetings in the next two weeks")
    fitting = fitting_starts(needs, group)
    if not fitting:
        return "", _("Not at the times you gave")
    reason = ngettext(
        "%(count)d meeting at your times in the next two weeks",
        "%(count)d meetings at your times in the next two weeks",
        len(fitting),
    ) % {"count": len(fitting)}
    days = {start.weekday() for start in fitting}
    trade = ""
    if len(days) == 1:
        trade = _("Only on %(day)s") % {"day": WEEKDAYS[days.pop()]}
    return reason, trade


def comfort_score(needs: Needs, group: Candidate) -> float:
    if needs.comfort != Comfort.LISTEN_FIRST or group.open_to_newcomers:
        return 1.0
    return 0.3


def comfort_explain(needs: Needs, group: Candidate, score: float) -> tuple[str, str]:
    if needs.comfort == Comfort.LISTEN_FIRST and group.open_to_newcomers:
        return _("Welcomes newcomers who want to listen first"), ""
    return "", ""


def program_score(needs: Needs, group: Candidate) -> float:
    return 1.0 if not needs.programs or group.program in needs.programs else 0.0


def program_explain(needs: Needs, group: Candidate, score: float) -> tuple[str, str]:
    if not needs.programs:
        return "", ""
    if score:
        return _("The program you prefer"), ""
    return "", _("Another program than the one you prefer")


def language_score(needs: Needs, group: Candidate) -> float:
    if not needs.languages or needs.languages & group.languages:
        return 1.0
    return 0.0


def language_explain(needs: Needs, group: Candidate, score: float) -> tuple[str, str]:
    if not needs.languages:
        return "", ""
    if score:
        return _("In a language you speak"), ""
    return "", _("Not in your language")


def audience_score(needs: Needs, group: Candidate) -> float:
    if not needs.audience or needs.audience & group.audience:
        return 1.0
    return 0.2


def audience_explain(needs: Needs, group: Candidate, score: float) -> tuple[str, str]:
    if needs.audience and score == 1.0:
        return _("A group for people like you"), ""
    return "", ""


def quality_fraction(signals: int) -> float:
    return min(signals, 4) / 4


def quality_score(needs: Needs, group: Candidate) -> float:
    return quality_fraction(group.quality_signals)


def quality_explain(needs: Needs, group: Candidate, score: float) -> tuple[str, str]:
    return (_("Publishes its guidelines and practices") if score >= 0.75 else ""), ""


def size_score(needs: Needs, group: Candidate) -> float:
    return min(1.0, group.members / ESTABLISHED_SIZE)


def no_words(needs: Needs, group: Candidate, score: float) -> tuple[str, str]:
    return "", ""


FACTORS: dict[str, Factor] = {
    "focus": Factor(focus_score, focus_explain),
    "reach": Factor(reach_score, reach_explain),
    "schedule": Factor(schedule_score, schedule_explain),
    "comfort": Factor(comfort_score, comfort_explain),
    "program": Factor(program_score, program_explain),
    "language": Factor(language_score, language_explain),
    "audience": Factor(audience_score, audience_explain),
    "quality": Factor(quality_score, quality_explain),
    "size": Factor(size_score, no_words),
}
assert set(FACTORS) == set(WEIGHTS)
# A result worth offering: the focus fits, it can be reached, and it meets at
# the person's times. These factors are scored first; a zero ends the scoring.
REQUIRED_FACTORS = ("focus", "reach", "schedule")
assert list(FACTORS)[: len(REQUIRED_FACTORS)] == list(REQUIRED_FACTORS)


def points_of(needs: Needs, group: Candidate) -> list[float] | None:
    """Each factor's points in ``FACTORS`` order, or None when a required factor
    scores nothing (not a fit)."""
    points = []
    for name, factor in FACTORS.items():
        value = round(factor.score(needs, group) * WEIGHTS[name], 2)
        if value <= 0 and name in REQUIRED_FACTORS:
            return None
        points.append(value)
    return points


def rank_one(needs: Needs, group: Candidate) -> Ranked:
    """Every factor's points with its words, fit or not."""
    parts = []
    for name, factor in FACTORS.items():
        weight = WEIGHTS[name]
        score = factor.score(needs, group)
        reason, trade = factor.explain(needs, group, score)
        parts.append(Part(name, round(score * weight, 2), weight, reason, trade))
    return Ranked(group, tuple(parts))


def is_good_fit(ranked: Ranked) -> bool:
    """Whether the required factors (focus, reach, schedule) all score."""
    points = {part.factor: part.points for part in ranked.parts}
    return all(points[name] > 0 for name in REQUIRED_FACTORS)


FAR_FUTURE = dt.datetime.max.replace(tzinfo=dt.UTC)


def rank(
    needs: Needs, groups: Iterable[Candidate], *, limit: int | None = None
) -> list[Ranked]:
    """Good fits first by score; ties on the soonest next occurrence, then name.

    Scores every group, then puts words to the first ``limit`` only (all when
    None): the order is the same either way.
    """
    keyed = []
    for group in groups:
        points = points_of(needs, group)
        if points is None:
            continue
        score = 0.0
        for value in points:
            score += value
        soonest = min(group.starts, default=FAR_FUTURE).astimezone(dt.UTC)
        keyed.append((-score, soonest, group.name, group.group_id, group))
    keyed.sort(key=lambda item: item[:4])
    chosen = keyed if limit is None else keyed[:limit]
    return [rank_one(needs, item[4]) for item in chosen]
