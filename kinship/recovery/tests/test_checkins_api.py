"""Check-in API: the same service as the page, 201 then 200, field errors as 422,
idempotent POSTs, read tokens refused, and eve kept to her own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from kinship.members.models import Member
from kinship.members.selectors import member_today
from kinship.members.tests.personas import Cast
from kinship.recovery.models import CheckIn
from kinship.tokens.models import IdempotencyRecord, TokenScope
from kinship.tokens.tests.helpers import api_client, session_client

from .test_checkins import LATE_EVENING_NY, SECRET_NOTE

pytestmark = pytest.mark.django_db

CHECKINS = "/api/v1/me/checkins"


def body(**changes: Any) -> dict[str, Any]:
    return {
        "mood": 4,
        "craving": 1,
        "stress": 3,
        "sleep_hours": 7.5,
        "used_today": "no",
        "triggers": ["tired"],
        "coping": ["rest", "meeting"],
        "gratitude": "Sunshine",
        "note": SECRET_NOTE,
        "sharing": "mentor",
        **changes,
    }


def post(client: Client, data: dict[str, Any], **extra: Any) -> Any:
    return client.post(CHECKINS, data, content_type="application/json", **extra)


def test_a_visitor_gets_401(cast: Cast) -> None:
    assert Client().get(CHECKINS).status_code == 401
    assert post(Client(), body()).status_code == 401
    assert not CheckIn.objects.exists()


def test_record_201_then_change_200(alex: Member) -> None:
    client = api_client(alex)
    created = post(client, body())
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["date"] == member_today(alex).isoformat()
    assert data["coping"] == ["meeting", "rest"]  # the vocabulary's order
    assert data["note"] == SECRET_NOTE  # her own
    assert data["sleep_hours"] == 7.5
    changed = post(client, body(mood=2, sleep_hours=None))
    assert changed.status_code == 200, changed.content
    assert changed.json()["mood"] == 2
    assert changed.json()["sleep_hours"] is None
    stored = CheckIn.objects.get(member=alex)
    assert (stored.mood, stored.sleep_hours) == (2, None)


def test_field_errors_are_422_and_change_nothing(alex: Member) -> None:
    client = api_client(alex)
    post(client, body())
    response = post(client, body(mood=7, triggers=["tired", "weather"], craving=3))
    assert response.status_code == 422
    locations = {tuple(item["loc"]) for item in response.json()["detail"]}
    assert locations == {("body", "mood"), ("body", "triggers")}
    assert CheckIn.objects.get(member=alex).craving == 1
    # Not even a number: refused by the schema.
    assert post(client, body(mood="happy")).status_code == 422


def test_another_day_is_refused(alex: Member) -> None:
    with time_machine.travel(LATE_EVENING_NY, tick=False):
        client = api_client(alex)
        response = post(client, body(today="2026-03-10"))
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "today"]
        assert post(client, body(today="2026-03-09")).status_code == 201
    assert CheckIn.objects.get().local_date == dt.date(2026, 3, 9)


def test_a_read_token_cannot_write(alex: Member) -> None:
    client = api_client(alex, TokenScope.READ)
    assert post(client, body()).status_code == 403
    assert not CheckIn.objects.exists()
    assert client.get(CHECKINS).status_code == 200


def test_a_session_needs_the_csrf_token(alex: Member) -> None:
    assert post(session_client(alex), body()).status_code == 403
    assert not CheckIn.objects.exists()
    assert post(session_client(alex, csrf=False), body()).status_code == 201


def test_a_repeated_key_gets_the_first_answer(alex: Member) -> None:
    client = api_client(alex)
    key = {"HTTP_IDEMPOTENCY_KEY": "4a7c2b1e-checkin-today"}
    first = post(client, body(), **key)
    again = post(client, body(), **key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert CheckIn.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1
    # The same key with another body is refused; a new key changes today's.
    assert post(client, body(mood=1), **key).status_code == 422
    assert post(client, body(mood=1), HTTP_IDEMPOTENCY_KEY="other").status_code == 200


def test_list_my_checkins_with_dates(alex: Member, eve: Member) -> None:
    for day in (1, 5, 9):
        with time_machine.travel(dt.datetime(2026, 3, day, 16, tzinfo=dt.UTC)):
            post(api_client(alex), body(mood=day % 5 + 1))
    client = api_client(alex)
    with time_machine.travel(dt.datetime(2026, 3, 9, 17, tzinfo=dt.UTC)):
        everything = client.get(CHECKINS)
        assert [c["date"] for c in everything.json()] == [
            "2026-03-09",
            "2026-03-05",
            "2026-03-01",
        ]
        some = client.get(CHECKINS, {"since": "2026-03-02", "until": "2026-03-05"})
        assert [c["date"] for c in some.json()] == ["2026-03-05"]
        assert (
            client.get(
                CHECKINS, {"since": "2026-03-06", "until": "2026-03-05"}
            ).status_code
            == 422
        )
        assert client.get(CHECKINS, {"since": "2024-01-01"}).status_code == 422
        assert client.get(CHECKINS, {"since": "not a date"}).status_code == 422
        assert client.get(CHECKINS, {"until": "0001-01-01"}).status_code == 200
        # eve reads her own: none of alex's.
        mine = api_client(eve).get(CHECKINS, {"since": "2026-03-01"})
    assert mine.status_code == 200
    assert mine.json() == []


def test_list_query_count(alex: Member, django_assert_max_num_queries: Any) -> None:
    client = api_client(alex)
    for _ in range(3):
        post(client, body())
    with django_assert_max_num_queries(3):
        response = client.get(CHECKINS)
    assert len(response.json()) == 1


def test_eve_cannot_reach_alex_checkins(alex: Member, eve: Member) -> None:
    post(api_client(alex), body())
    response = api_client(eve).get(CHECKINS)
    assert response.status_code == 200
    assert SECRET_NOTE not in response.content.decode()
    # Her POST records her own check-in, never alex's.
    assert post(api_client(eve), body(note="eve's own")).status_code == 201
    assert CheckIn.objects.get(member=alex).note == SECRET_NOTE
