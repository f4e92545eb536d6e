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
    # Each chart has a table with the same numbers, for screen readers.
    assert body.count('<canvas id="chart-') == 2
    assert body.count("<caption>") == 2
    assert "<td>4</td><td>2</td><td>3</td>" in body
    assert body.count("<td>1</td><td>9</td><td>9</td>") == 1  # in the 90 days only
    assert "vendor/chartjs/chart.umd.min.js" in body
    # The private note is the member's own and is not on the progress page.
    assert "argument with my brother" not in body


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
