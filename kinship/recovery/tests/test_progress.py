"""The member's home page (/me/): today's check-in, next meetings, the charts with
their data tables; alex's page shows only alex's data."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from kinship.members.models import Member
from kinship.members.selectors import member_today
from kinship.members.tests.personas import signed_in
from kinship.recovery.models import CheckIn
from kinship.recovery.selectors.progress import checkin_series

ME = reverse("members:me")
# A table cell's 7-day average where the week has too few check-ins.
NO_AVERAGE = (
    '<span aria-hidden="true">\u2014</span>'
    '<span class="visually-hidden">too few days</span>'
)
# 16:00 UTC on 10 March 2026 is 12:00 the same day in New York (alex's zone).
NOW = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)


def checkin(member: Member, day: dt.date, mood: int, craving: int, stress: int) -> None:
    CheckIn.objects.create(
        member=member,
        local_date=day,
        mood=mood,
        craving=craving,
        stress=stress,
        note="Slept badly after the argument with my brother",
    )


def average_heading(measure: str) -> str:
    """A table's heading of a 7-day average column: short on screen, the
    measure named for screen readers."""
    return (
        f'<th scope="col"><span class="visually-hidden">{measure}, 7-day average'
        '</span><span aria-hidden="true">7-day avg.</span></th>'
    )


def chart_json(body: str, days: int) -> dict[str, Any]:
    match = re.search(
        rf'<script id="series-{days}" type="application/json">(.*?)</script>', body
    )
    assert match, f"no series-{days} data"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


@pytest.mark.django_db
def test_the_series_has_one_point_per_day_with_gaps(alex: Member) -> None:
    today = dt.date(2026, 3, 10)
    checkin(alex, today, 4, 2, 3)
    checkin(alex, today - dt.timedelta(days=2), 2, 7, 8)
    points = checkin_series(alex, days=30, today=today)
    assert len(points) == 30
    assert points[0].day == today - dt.timedelta(days=29)
    assert (points[-1].mood, points[-1].craving, points[-1].stress) == (4, 2, 3)
    assert points[-2].mood is None
    assert (points[-3].mood, points[-3].craving) == (2, 7)


@pytest.mark.django_db
def test_today_is_the_member_s_local_date(alex: Member) -> None:
    late_evening_in_new_york = dt.datetime(2026, 3, 11, 3, 30, tzinfo=dt.UTC)
    assert member_today(alex, late_evening_in_new_york) == dt.date(2026, 3, 10)
    alex.timezone = "Asia/Tokyo"
    assert member_today(alex, late_evening_in_new_york) == dt.date(2026, 3, 11)


@pytest.mark.django_db
def test_me_shows_today_and_both_charts_with_their_tables(alex: Member) -> None:
    with time_machine.travel(NOW, tick=False):
        client = signed_in(alex)
        body = client.get(ME).content.decode()
        assert "You have not checked in today." in body
        assert "No check-ins in this time yet." in body
        assert "chart.umd.min.js" not in body  # no chart, no chart library

        today = dt.date(2026, 3, 10)
        checkin(alex, today, 4, 2, 3)
        checkin(alex, today - dt.timedelta(days=45), 1, 9, 9)
        body = client.get(ME).content.decode()
    assert "You checked in today: mood 4 of 5, craving 2 of 10, stress 3 of 10." in body
    thirty, ninety = chart_json(body, 30), chart_json(body, 90)
    assert thirty["labels"][-1] == "2026-03-10"
    assert (thirty["mood"][-1], thirty["craving"][-1], thirty["stress"][-1]) == (
        4,
        2,
        3,
    )
    assert len(thirty["mood"]) == 30
    assert len(ninety["mood"]) == 90
    assert 1 not in thirty["mood"]  # 45 days ago is outside the 30 days
    assert ninety["mood"][-46] == 1
    # One measure per chart (mood; craving and stress), two charts per range,
    # each with a table of the same numbers, for screen readers.
    assert body.count('<canvas id="chart-') == 4
    assert body.count('<caption id="chart-') == 4
    assert body.count('<th scope="row">Tue, Mar 10</th><td>4</td>') == 2
    craving_stress = f"<td>2</td><td>{NO_AVERAGE}</td><td>3</td><td>{NO_AVERAGE}</td>"
    assert body.count(craving_stress) == 2
    # 45 days ago: in the 90 days only.
    assert body.count(f"<td>1</td><td>{NO_AVERAGE}</td>") == 1
    assert body.count(f"<td>9</td><td>{NO_AVERAGE}</td><td>9</td>") == 1
    assert "vendor/chartjs/chart.umd.min.js" in body
    # The private note is the member's own and is not on the progress page.
    assert "argument with my brother" not in body


@pytest.mark.django_db
def test_each_chart_draws_one_measure_with_its_7_day_average_and_summary(
    alex: Member, eve: Member
) -> None:
    today = dt.date(2026, 3, 10)
    for back in range(10):  # mood 2 then 4, craving 6 then 2, stress 5
        older = back >= 5
        checkin(
            alex,
            today - dt.timedelta(days=back),
            2 if older else 4,
            6 if older else 2,
            5,
        )
    with time_machine.travel(NOW, tick=False):
        body = signed_in(alex).get(ME).content.decode()
        outsider = signed_in(eve).get(ME).content.decode()
    thirty = chart_json(body, 30)
    # The first average is of the fourth day (4 check-ins of 2); the last is
    # of today's week: 2, 2, 4, 4, 4, 4, 4 (24 / 7).
    expected = [None, None, None, 2.0, 2.0, 2.3, 2.6, 2.9, 3.1, 3.4]
    assert thirty["average"]["mood"][-10:] == expected
    assert thirty["average"]["craving"][-1] == 3.1
    assert thirty["average"]["stress"][-1] == 5.0
    assert thirty["average"]["mood"][:20] == [None] * 20  # no zeros for gaps
    assert thirty["measures"]["mood"]["average_label"] == "Mood, 7-day average"
    for days in (30, 90):
        mood = f"Mood over the last {days} days: 7-day average 3.4, up from 2.0."
        craving = (
            f"Craving over the last {days} days: 7-day average 3.1, down from 6.0."
        )
        stress = (
            f"Stress over the last {days} days: 7-day average 5.0, "
            "the same as at the start."
        )
        assert (
            f'<p id="chart-{days}-mood-summary" class="trend-summary">{mood}</p>'
            in body
        )
        assert f"{craving} {stress}</p>" in body
        for chart in ("mood", "craving-stress"):
            assert (
                f'<canvas id="chart-{days}-{chart}" data-trend="series-{days}" '
            ) in body
            assert f'aria-describedby="chart-{days}-{chart}-summary"' in body
    assert 'aria-label="Chart: Mood over the last 30 days"' in body
    assert 'data-measures="craving stress"' in body
    # The tables have the average column, for each measure.
    for name in ("Mood", "Craving", "Stress"):
        assert body.count(average_heading(name)) == 2
    assert body.count('<th scope="row">Tue, Mar 10</th><td>4</td><td>3.4</td>') == 2
    assert body.count("<td>2</td><td>3.1</td><td>5</td><td>5.0</td>") == 2
    for shown in ("up from 2.0", "series-30", "7-day average 3.4"):
        assert shown not in outsider


@pytest.mark.django_db
def test_eve_s_home_shows_nothing_of_alex(alex: Member, eve: Member) -> None:
    checkin(alex, member_today(alex), 5, 0, 0)
    body = signed_in(eve).get(ME).content.decode()
    assert "You have not checked in today." in body
    assert "Alex K." not in body
    assert "Tuesday Dual Recovery" not in body


@pytest.mark.django_db
def test_visitors_are_sent_to_sign_in(client: Any) -> None:
    response = client.get(ME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_me_costs_the_same_with_more_check_ins(
    alex: Member, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(alex)
    today = member_today(alex)
    checkin(alex, today, 3, 3, 3)
    with django_assert_max_num_queries(16) as captured:
        client.get(ME)
    few = len(captured)
    for offset in range(1, 80):
        checkin(alex, today - dt.timedelta(days=offset), 3, 3, 3)
    with django_assert_max_num_queries(few):
        assert client.get(ME).status_code == 200


@pytest.mark.django_db
def test_me_shows_clock_days_and_what_was_noticed(alex: Member) -> None:
    from kinship.notifications.models import Notification
    from kinship.recovery.models import SobrietyClock, WarningSignal

    with time_machine.travel(NOW, tick=False):
        SobrietyClock.objects.create(
            member=alex,
            label="alcohol",
            started_at=NOW - dt.timedelta(days=40, hours=1),
        )
        WarningSignal.objects.create(
            member=alex,
            rule="mood_falling",
            computed_on=dt.date(2026, 3, 10),
            detail={"from": 4.0, "to": 2.0},
        )
        body = signed_in(alex).get(ME).content.decode()
    assert "<strong>40 days</strong> · alcohol" in body
    assert "next: 60 days" in body
    assert "Something we noticed" in body
    # Arriving here records the milestones reached so far, and tells alex once.
    told = Notification.objects.filter(member=alex, kind="milestone_reached")
    assert told.count() == 1
    assert alex.milestones.filter(key="30d").exists()


@pytest.mark.django_db
def test_the_group_page_links_members_to_what_the_group_shares(
    alex: Member, eve: Member
) -> None:
    group = alex.memberships.get().group
    url = reverse("directory:group-detail", args=[group.slug])
    feed = reverse("recovery:milestone-feed", args=[group.slug])
    shared = reverse("recovery:group-checkins", args=[group.slug])
    body = signed_in(alex).get(url).content.decode()
    assert f'href="{feed}"' in body
    assert f'href="{shared}"' in body
    outsider = signed_in(eve).get(url).content.decode()
    assert feed not in outsider
    assert shared not in outsider
