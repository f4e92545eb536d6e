"""Member API: my RSVPs and attendance, the same services as the pages, and never
eve's way into alex's data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from kinship.attendance.models import (
    Attendance,
    AttendanceMethod,
    Occurrence,
    Rsvp,
)
from kinship.attendance.services import rsvp_set
from kinship.directory.models import Visibility
from kinship.directory.tests.factories import GroupFactory, MeetingFactory
from kinship.members.models import Level
from kinship.members.tests.personas import Cast, membership_create
from kinship.tokens.tests.helpers import api_client, session_client

from .conftest import LAST_MONDAY, NEXT_MONDAY

pytestmark = pytest.mark.django_db

RSVPS = "/api/v1/me/rsvps"
ATTENDANCE = "/api/v1/me/attendance"


def rsvp_url(slug: str) -> str:
    return f"/api/v1/meetings/{slug}/rsvps"


def answer(client: Client, slug: str, starts_at: str, value: str, **extra: Any) -> Any:
    return client.post(
        rsvp_url(slug),
        {"starts_at": starts_at, "answer": value},
        content_type="application/json",
        **extra,
    )


def hidden_harbor(cast: Cast) -> Any:
    """alex's private group and its meeting (Mondays 19:00 New York)."""
    private = GroupFactory.create(
        name="Hidden Harbor", slug="hidden-harbor", visibility=Visibility.PRIVATE
    )
    membership_create(cast.alex, private, Level.PARTICIPANT)
    return MeetingFactory.create(
        group=private, name="Hidden Harbor Evening", slug="hidden-harbor-evening"
    )


@pytest.mark.parametrize("url", [RSVPS, ATTENDANCE])
def test_a_visitor_gets_401(cast: Cast, url: str) -> None:
    assert Client().get(url).status_code == 401


def test_a_visitor_cannot_answer(cast: Cast) -> None:
    response = answer(Client(), "tuesday-evening", NEXT_MONDAY.isoformat(), "going")
    assert response.status_code == 401
    assert not Rsvp.objects.exists()


def test_answer_then_list_my_rsvps(cast: Cast) -> None:
    client = api_client(cast.alex)
    # Given in New York time: the same instant.
    response = answer(client, "tuesday-evening", "2026-07-13T19:00:00-04:00", "going")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["answer"] == "going"
    assert data["starts_at"].startswith("2026-07-13T23:00:00")
    assert data["local_start"].startswith("2026-07-13T19:00:00-04:00")
    assert Rsvp.objects.get(member=cast.alex).occurrence.starts_at == NEXT_MONDAY

    again = answer(client, "tuesday-evening", NEXT_MONDAY.isoformat(), "maybe")
    assert again.json()["answer"] == "maybe"
    assert Rsvp.objects.get(member=cast.alex).answer == "maybe"

    listed = client.get(RSVPS).json()
    assert [(r["meeting"]["slug"], r["answer"]) for r in listed] == [
        ("tuesday-evening", "maybe")
    ]


@pytest.mark.parametrize(
    ("starts_at", "value", "field"),
    [
        (LAST_MONDAY.isoformat(), "going", "starts_at"),
        ((NEXT_MONDAY + dt.timedelta(hours=1)).isoformat(), "going", "starts_at"),
        ("2026-07-13T23:00:00", "going", "starts_at"),  # no offset
        ("2099-07-13T23:00:00+00:00", "going", "starts_at"),
        ("9999-12-31T23:59:59-23:59", "going", "starts_at"),
        ("next monday", "going", "starts_at"),
        (NEXT_MONDAY.isoformat(), "perhaps", "answer"),
    ],
    ids=["past", "not-a-meeting-time", "naive", "far", "overflow", "text", "answer"],
)
def test_bad_answers_are_422_naming_the_field(
    cast: Cast, starts_at: str, value: str, field: str
) -> None:
    response = answer(api_client(cast.alex), "tuesday-evening", starts_at, value)
    assert response.status_code == 422, response.content
    assert field in response.json()["detail"][0]["loc"]
    assert not Rsvp.objects.exists()
    assert not Occurrence.objects.exists()


def test_eve_cannot_answer_for_a_private_meeting(cast: Cast) -> None:
    meeting = hidden_harbor(cast)
    response = answer(
        api_client(cast.eve), meeting.slug, NEXT_MONDAY.isoformat(), "going"
    )
    assert response.status_code == 404
    assert "Hidden" not in response.content.decode()
    assert not Rsvp.objects.exists()


def test_eve_does_not_see_alex_rsvps_or_attendance(cast: Cast) -> None:
    meeting = hidden_harbor(cast)
    rsvp_set(by=cast.alex, meeting=meeting, starts_at=NEXT_MONDAY, answer="going")
    eve = api_client(cast.eve)
    assert eve.get(RSVPS).json() == []
    assert eve.get(ATTENDANCE).json() == {"attendances": [], "counts": []}
    mine = api_client(cast.alex).get(RSVPS).json()
    assert [r["meeting"]["slug"] for r in mine] == ["hidden-harbor-evening"]


def test_rsvps_further_ahead_with_days(cast: Cast) -> None:
    far = NEXT_MONDAY + dt.timedelta(weeks=8)
    rsvp_set(by=cast.alex, meeting=cast.meeting, starts_at=far, answer="going")
    client = api_client(cast.alex)
    assert client.get(RSVPS).json() == []
    assert len(client.get(RSVPS, {"days": 70}).json()) == 1
    assert client.get(RSVPS, {"days": 0}).status_code == 422
    assert client.get(RSVPS, {"days": 367}).status_code == 422


def test_a_session_answer_needs_the_csrf_token(cast: Cast) -> None:
    client = session_client(cast.alex, csrf=True)
    refused = answer(client, "tuesday-evening", NEXT_MONDAY.isoformat(), "going")
    assert refused.status_code == 403
    assert not Rsvp.objects.exists()
    client.get("/me/tokens/")
    csrf = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    accepted = answer(
        client, "tuesday-evening", NEXT_MONDAY.isoformat(), "going", **csrf
    )
    assert accepted.status_code == 200


def test_my_attendance(cast: Cast, django_assert_max_num_queries: Any) -> None:
    occurrence = Occurrence.objects.create(
        meeting=cast.meeting,
        starts_at=LAST_MONDAY,
        ends_at=LAST_MONDAY + dt.timedelta(hours=1),
        local_date=dt.date(2026, 7, 6),
    )
    Attendance.objects.create(
        member=cast.alex,
        occurrence=occurrence,
        method=AttendanceMethod.ROLL_CALL,
        verified=True,
        recorded_by=cast.fran,
    )
    client = api_client(cast.alex)
    client.get(RSVPS)  # the token's last use is written once a minute: not counted
    with django_assert_max_num_queries(3):
        data = client.get(ATTENDANCE).json()
    assert len(data["attendances"]) == 1
    row = data["attendances"][0]
    assert (row["meeting"]["slug"], row["method"], row["verified"]) == (
        "tuesday-evening",
        "roll_call",
        True,
    )
    assert "Fran" not in str(data)
    assert data["counts"] == [
        {
            "group": {
                "slug": "tuesday-dual-recovery",
                "name": "Tuesday Dual Recovery",
                "url": "/groups/tuesday-dual-recovery/",
            },
            "count": 1,
        }
    ]
