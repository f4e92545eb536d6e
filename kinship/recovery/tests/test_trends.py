"""The 7-day averages and summary sentences of the check-in charts
(kinship/recovery/trends.py): gaps are not zeros, an average needs 4 days of
its week, and the member's trend reads the week before its first day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinship.members.models import Member
from kinship.recovery.models import CheckIn
from kinship.recovery.selectors.progress import checkin_trend
from kinship.recovery.trends import (
    AVERAGE_MIN_DAYS,
    TrendPoint,
    rolling_averages,
    trend_json,
    trend_panels,
    trend_points,
    trend_summary,
)

TODAY = dt.date(2026, 3, 10)


def days_back(count: int) -> list[dt.date]:
    return [TODAY - dt.timedelta(days=back) for back in range(count - 1, -1, -1)]


def mood_points(averages: list[float | None]) -> list[TrendPoint]:
    return [
        TrendPoint(
            day=day,
            mood=3,
            craving=3,
            stress=3,
            mood_7=average,
            craving_7=None,
            stress_7=None,
        )
        for day, average in zip(days_back(len(averages)), averages, strict=True)
    ]


# -- Averages -----------------------------------------------------------------


def test_a_full_week_averages_its_seven_days() -> None:
    assert rolling_averages([1, 2, 3, 4, 5, 6, 7])[-1] == 4.0


def test_days_without_a_check_in_are_left_out_not_counted_as_zero() -> None:
    # Four check-ins of 8 in the week and three missing days: the mean is 8.
    assert rolling_averages([8, None, 8, None, 8, None, 8])[-1] == 8.0


def test_an_average_needs_four_days_of_its_week() -> None:
    assert AVERAGE_MIN_DAYS == 4
    three = rolling_averages([5, None, 5, None, None, 5, None])
    assert three == [None] * 7
    four = rolling_averages([5, None, 5, None, None, 5, 9])
    assert four[-1] == 6.0
    assert four[:-1] == [None] * 6


def test_the_window_slides_and_old_days_drop_out() -> None:
    averages = rolling_averages([0, 0, 0, 0, 10, 10, 10, 10, 10, 10, 10])
    assert averages[3] == 0.0
    assert averages[6] == round(30 / 7, 1)
    # From the eleventh day the week holds only the tens.
    assert averages[10] == 10.0


def test_averages_are_rounded_to_one_decimal() -> None:
    assert rolling_averages([1, 2, 2, 2])[-1] == 1.8  # 7 / 4 = 1.75


def test_a_gap_longer_than_the_week_breaks_the_line() -> None:
    values: list[int | None] = [6] * 7 + [None] * 5 + [6] * 4
    averages = rolling_averages(values)
    assert averages[6] == 6.0
    assert averages[10] is None  # only 3 check-ins in days 5-11
    assert averages[15] == 6.0


@given(st.lists(st.one_of(st.none(), st.integers(0, 10)), max_size=40))
def test_an_average_is_the_mean_of_the_present_days_or_none(
    values: list[int | None],
) -> None:
    averages = rolling_averages(values)
    assert len(averages) == len(values)
    for end, average in enumerate(averages):
        present = [v for v in values[max(0, end - 6) : end + 1] if v is not None]
        if len(present) < 4:
            assert average is None
        else:
            assert average is not None
            assert min(present) <= average <= max(present)
            assert abs(average - sum(present) / len(present)) <= 0.05 + 1e-9


def test_trend_points_read_the_lead_in_then_keep_the_days_shown() -> None:
    days = days_back(10)
    rows = {day: {"mood": 2, "craving": 6, "stress": 4} for day in days[:6]}
    points = trend_points(days, rows, shown=4)
    assert [point.day for point in points] == days[-4:]
    # The first day shown has no check-in, but its week (the lead-in) has 4.
    assert points[0].mood is None
    assert not points[0].checked_in
    assert (points[0].mood_7, points[0].craving_7, points[0].stress_7) == (
        2.0,
        6.0,
        4.0,
    )
    assert points[-1].mood_7 is None  # the last week has 3 check-ins


# -- What the chart reads ----------------------------------------------------


def test_the_json_has_each_measure_daily_and_averaged_with_its_scale() -> None:
    days = days_back(4)
    rows = {day: {"mood": 4, "craving": 1, "stress": 7} for day in days}
    data = trend_json(trend_points(days, rows))
    assert data["labels"] == [day.isoformat() for day in days]
    assert data["mood"] == [4, 4, 4, 4]
    assert data["average"]["mood"] == [None, None, None, 4.0]
    assert data["average"]["stress"] == [None, None, None, 7.0]
    assert data["measures"]["mood"]["min"] == 1
    assert data["measures"]["mood"]["max"] == 5
    assert data["measures"]["craving"]["average_label"] == "Craving, 7-day average"
    assert data["measures"]["stress"]["daily_label"] == "Stress, each day"


# -- Summary sentences --------------------------------------------------------


def test_the_summary_says_up_from_the_first_average() -> None:
    points = mood_points([None, 2.5, 2.8, None, 3.2])
    assert trend_summary(points, "mood", days=30) == (
        "Mood over the last 30 days: 7-day average 3.2, up from 2.5."
    )


def test_the_summary_says_down_and_the_same() -> None:
    assert trend_summary(mood_points([4.0, 3.1]), "mood", days=90) == (
        "Mood over the last 90 days: 7-day average 3.1, down from 4.0."
    )
    assert trend_summary(mood_points([3.0, 2.0, 3.0]), "mood", days=30) == (
        "Mood over the last 30 days: 7-day average 3.0, the same as at the start."
    )


def test_the_summary_of_a_single_average_and_of_none() -> None:
    assert trend_summary(mood_points([None, 3.5]), "mood", days=30) == (
        "Mood over the last 30 days: 7-day average 3.5."
    )
    assert trend_summary(mood_points([None, None]), "mood", days=30) == (
        "Mood over the last 30 days: too few check-ins for a 7-day average "
        "(it needs 4 days of a week)."
    )


def test_the_panels_are_mood_then_craving_and_stress_with_both_summaries() -> None:
    days = days_back(8)
    rows = {
        day: {"mood": 3, "craving": 8 - index, "stress": 5}
        for index, day in enumerate(days)
    }
    mood, craving_stress = trend_panels(
        trend_points(days, rows), days=30, prefix="chart-30"
    )
    assert (mood["canvas_id"], mood["measures"]) == ("chart-30-mood", "mood")
    assert mood["name"] == "Chart: Mood over the last 30 days"
    assert mood["summary"] == (
        "Mood over the last 30 days: 7-day average 3.0, the same as at the start."
    )
    assert craving_stress["canvas_id"] == "chart-30-craving-stress"
    assert craving_stress["measures"] == "craving stress"
    # Craving 8..5 averages 6.5 on day 4; days 2..8 (7..1) average 4.0.
    assert craving_stress["summary"] == (
        "Craving over the last 30 days: 7-day average 4.0, down from 6.5. "
        "Stress over the last 30 days: 7-day average 5.0, the same as at the start."
    )


# -- The member's trend, from the database -----------------------------------


@pytest.mark.django_db
def test_the_member_s_trend_counts_the_week_before_its_first_day(
    alex: Member, eve: Member
) -> None:
    first = TODAY - dt.timedelta(days=29)
    for back in range(1, 7):  # the six days before the 30 shown
        CheckIn.objects.create(
            member=alex,
            local_date=first - dt.timedelta(days=back),
            mood=5,
            craving=0,
            stress=0,
        )
    CheckIn.objects.create(
        member=alex,
        local_date=first - dt.timedelta(days=7),
        mood=1,
        craving=0,
        stress=0,
    )
    CheckIn.objects.create(  # not alex's
        member=eve, local_date=first, mood=1, craving=0, stress=0
    )
    points = checkin_trend(alex, days=30, today=TODAY)
    assert len(points) == 30
    assert points[0].day == first
    assert points[-1].day == TODAY
    assert points[0].mood is None
    # Six check-ins of 5 in the week up to the first day; the 1 of a week
    # before that is outside it, and so is eve's.
    assert points[0].mood_7 == 5.0
    assert points[2].mood_7 == 5.0  # its week holds four of the 5s
    assert points[3].mood_7 is None  # three: too few
