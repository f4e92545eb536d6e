"""The clinician's check-in charts on a patient's page (issue 19): a mood
chart and a craving and stress chart with 7-day averages, as JSON for the
script and as tables, only when the consent covers check-ins; eve is refused."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
import time_machine

from kinship.care.consents import consent_grant
from kinship.care.models import OrganisationStaff
from kinship.care.services import referral_accept, referral_create
from kinship.members.models import Member
from kinship.members.tests.personas import Cast, signed_in
from kinship.recovery.models.checkins import CheckIn

from .helpers import clinic_client, clinic_create

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 16, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture
def clinic(dr_lee: Member) -> OrganisationStaff:
    return clinic_create(dr_lee)


def share(staff: OrganisationStaff, member: Member, categories: list[str]) -> str:
    """``member`` accepts a referral and consents to ``categories``; the URL
    of their patient page."""
    _referral, code = referral_create(by=staff, patient_reference="Chart 12")
    referral_accept(by=member, code=code, ip_address="192.0.2.9")
    consent_grant(
        by=member,
        organisation=staff.organisation,
        categories=categories,
        purpose="treatment",
        days=90,
    )
    return f"/clinic/{staff.organisation.slug}/patients/{member.pk}/"


def ten_days_of_check_ins(member: Member) -> None:
    """Mood 2 then 4, craving 6 then 2, stress 5: the averages end at 3.4,
    3.1 and 5.0 (the member's page test has the same numbers)."""
    for back in range(10):
        older = back >= 5
        CheckIn.objects.create(
            member=member,
            local_date=TODAY - dt.timedelta(days=back),
            mood=2 if older else 4,
            craving=6 if older else 2,
            stress=5,
            used_today="no",
            note="a private note the clinic never sees",
        )


def trend_json(body: str) -> dict[str, Any]:
    match = re.search(
        r'<script id="trend-checkins" type="application/json">(.*?)</script>', body
    )
    assert match, "no trend-checkins data"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_the_patient_page_has_a_chart_per_measure_with_averages_and_tables(
    clinic: OrganisationStaff, cast: Cast
) -> None:
    with time_machine.travel(NOW, tick=False):
        url = share(clinic, cast.alex, ["checkins"])
        ten_days_of_check_ins(cast.alex)
        body = clinic_client(cast.dr_lee).get(url).content.decode()
    data = trend_json(body)
    # Every day of the 90-day window (gaps as null), oldest first.
    assert len(data["labels"]) == 91
    assert data["labels"][-1] == "2026-03-10"
    assert data["mood"][-1] == 4
    assert data["mood"][:81] == [None] * 81
    assert data["average"]["mood"][-10:] == [
        *[None, None, None, 2.0, 2.0],
        *[2.3, 2.6, 2.9, 3.1, 3.4],
    ]
    assert data["average"]["craving"][-1] == 3.1
    assert data["measures"]["stress"]["max"] == 10
    # The old three-line chart is gone: one measure per chart.
    assert "chart-checkins" not in body
    for chart, measures in (("mood", "mood"), ("craving-stress", "craving stress")):
        assert (
            f'<canvas id="checkins-{chart}" data-trend="trend-checkins" '
            f'data-measures="{measures}"'
        ) in body
        assert f'aria-describedby="checkins-{chart}-summary"' in body
    assert "Mood over the last 90 days: 7-day average 3.4, up from 2.0." in body
    assert "Craving over the last 90 days: 7-day average 3.1, down from 6.0." in body
    assert "js/trend-charts.js" in body
    # The tables: the day (as before), each measure and its average, and
    # the use answer beside mood (the table with room for it on a phone).
    for measure in ("Mood", "Craving", "Stress"):
        assert (
            f'<th scope="col"><span class="visually-hidden">{measure}, 7-day '
            'average</span><span aria-hidden="true">7-day avg.</span></th>'
        ) in body
    assert (
        '<th scope="row">Mar 10, 2026</th><td>4</td><td>3.4</td><td>No</td></tr>'
    ) in body
    assert (
        '<th scope="row">Mar 10, 2026</th><td>2</td><td>3.1</td><td>5</td>'
        "<td>5.0</td></tr>"
    ) in body
    assert "a private note the clinic never sees" not in body


def test_without_consent_to_check_ins_there_is_no_check_in_chart(
    clinic: OrganisationStaff, cast: Cast
) -> None:
    with time_machine.travel(NOW, tick=False):
        url = share(clinic, cast.alex, ["attendance"])
        ten_days_of_check_ins(cast.alex)
        body = clinic_client(cast.dr_lee).get(url).content.decode()
    assert "Meetings attended" in body
    for absent in ("trend-checkins", "checkins-mood", "7-day average", "Mood over"):
        assert absent not in body


def test_eve_gets_404_and_no_chart(
    clinic: OrganisationStaff, cast: Cast, eve: Member
) -> None:
    with time_machine.travel(NOW, tick=False):
        url = share(clinic, cast.alex, ["checkins"])
        ten_days_of_check_ins(cast.alex)
        response = signed_in(eve).get(url)
    assert response.status_code == 404
    assert "trend-checkins" not in response.content.decode()
