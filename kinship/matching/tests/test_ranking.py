"""Ranking with stated expectations: who comes first for whom, and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

from kinship.matching.ranking import (
    WEIGHTS,
    Candidate,
    Comfort,
    Needs,
    Slot,
    Travel,
    rank,
)

NY = ZoneInfo("America/New_York")
# Monday 2 March 2026.
MONDAY = dt.date(2026, 3, 2)


def at(days: int, hour: int) -> dt.datetime:
    return dt.datetime.combine(MONDAY + dt.timedelta(days=days), dt.time(hour), NY)


def weekly(day: int, hour: int) -> tuple[dt.datetime, ...]:
    """A weekly meeting's two occurrences in the next 14 days."""
    return (at(day, hour), at(day + 7, hour))


def group(name: str, **values: object) -> Candidate:
    base = Candidate(
        group_id=hash(name) % 10_000,
        name=name,
        focus="both",
        program="dual-recovery",
        online=False,
        in_person=True,
        miles=1.0,
        starts=weekly(1, 19),
        open_to_newcomers=False,
        quality_signals=2,
        members=10,
    )
    return replace(base, **values)  # type: ignore[arg-type]


# Dual diagnosis, free only on weekday evenings, no car.
DUAL_EVENINGS_NO_CAR = Needs(
    focus="both",
    travel=Travel.NO_CAR,
    comfort=Comfort.READY,
    slots=frozenset({Slot.WEEKDAY_EVENING}),
)


def test_dual_diagnosis_evening_without_a_car() -> None:
    online_dual = group(
        "Online Dual Evenings", online=True, in_person=False, miles=None
    )
    near_dual = group("Near Dual Evenings", miles=1.5)
    far_dual = group("Far Dual Evenings", miles=9.0)  # 45 minutes without a car
    morning_dual = group("Morning Dual", starts=weekly(2, 9))
    near_aa = group("Near AA Evenings", focus="addiction", program="aa", miles=0.5)
    weekend_dual = group("Weekend Dual", starts=weekly(5, 19))
    results = rank(
        DUAL_EVENINGS_NO_CAR,
        [near_aa, far_dual, morning_dual, weekend_dual, near_dual, online_dual],
    )
    names = [r.candidate.name for r in results]
    # Online and nearby dual-diagnosis evening groups come first.
    assert set(names[:2]) == {"Online Dual Evenings", "Near Dual Evenings"}
    # Groups at other times are no fit and are not offered.
    assert "Morning Dual" not in names
    assert "Weekend Dual" not in names
    # The far one and the addiction-only one follow, with their trade-offs named.
    far = next(r for r in results if r.candidate.name == "Far Dual Evenings")
    assert "About 45 minutes away" in far.trade_offs
    aa = next(r for r in results if r.candidate.name == "Near AA Evenings")
    assert "Not specifically for what you asked for" in aa.trade_offs
    assert names.index("Near Dual Evenings") < names.index("Far Dual Evenings")
    # Each result names its reasons.
    for result in results:
        assert result.reasons, result.candidate.name
    online = results[names.index("Online Dual Evenings")]
    assert "Online: join from anywhere" in online.reasons
    assert "For addiction and mental health together (dual diagnosis)" in online.reasons


def test_listen_first_newcomers_see_observer_friendly_groups_above_equals() -> None:
    needs = replace(DUAL_EVENINGS_NO_CAR, comfort=Comfort.LISTEN_FIRST)
    closed = group("A Closed Circle", open_to_newcomers=False)
    open_ = group("Z Open Circle", open_to_newcomers=True)
    results = rank(needs, [closed, open_])
    assert [r.candidate.name for r in results] == ["Z Open Circle", "A Closed Circle"]
    assert "Welcomes newcomers who want to listen first" in results[0].reasons
    # Without "listen first" the two are equal and the name decides.
    ready = rank(DUAL_EVENINGS_NO_CAR, [open_, closed])
    assert ready[0].score == ready[1].score
    assert ready[0].candidate.name == "A Closed Circle"


def test_ties_break_on_the_soonest_next_occurrence() -> None:
    later = group("A Thursday", starts=weekly(3, 19))
    sooner = group("B Tuesday", starts=weekly(1, 19))
    results = rank(DUAL_EVENINGS_NO_CAR, [later, sooner])
    assert results[0].score == results[1].score
    assert [r.candidate.name for r in results] == ["B Tuesday", "A Thursday"]


def test_every_factor_is_visible_and_the_score_is_their_sum() -> None:
    [result] = rank(DUAL_EVENINGS_NO_CAR, [group("Only One")])
    assert [part.factor for part in result.parts] == list(WEIGHTS)
    assert result.score == sum(part.points for part in result.parts)
    for part in result.parts:
        assert 0 <= part.points <= part.weight


def test_one_day_a_week_is_named_as_a_trade_off() -> None:
    [result] = rank(DUAL_EVENINGS_NO_CAR, [group("Tuesdays", starts=weekly(1, 19))])
    assert "Only on Tuesday" in result.trade_offs
    assert "2 meetings at your times in the next two weeks" in result.reasons


def test_online_only_people_get_online_groups_only() -> None:
    needs = replace(DUAL_EVENINGS_NO_CAR, travel=Travel.ONLINE)
    results = rank(
        needs,
        [
            group("In Person", miles=0.2),
            group("Hybrid", online=True, miles=0.2),
            group("Online", online=True, in_person=False, miles=None),
        ],
    )
    assert sorted(r.candidate.name for r in results) == ["Hybrid", "Online"]


def test_language_program_and_audience_preferences_count() -> None:
    needs = replace(
        DUAL_EVENINGS_NO_CAR,
        languages=frozenset({"es"}),
        programs=frozenset({"smart"}),
        audience=frozenset({"women"}),
    )
    fits = group(
        "Fits",
        languages=frozenset({"es"}),
        program="smart",
        audience=frozenset({"women"}),
    )
    plain = group("Plain")
    results = rank(needs, [plain, fits])
    assert [r.candidate.name for r in results] == ["Fits", "Plain"]
    assert {"In a language you speak", "The program you prefer"} <= set(
        results[0].reasons
    )
    assert "Not in your language" in results[1].trade_offs
