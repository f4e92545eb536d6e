"""GET /api/v1/match: the same answers, checks and ranking as the /match/ pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinship.matching.models import NeedCount, SavedMatch
from kinship.matching.tests.match_data import (
    EVENING_ANSWERS,
    NOW,
    UNMET_ANSWERS,
    as_post,
    match_groups_create,
    result_names,
)
from kinship.matching.views_match import SESSION_ANSWERS
from kinship.members.tests.personas import Cast, signed_in

pytestmark = pytest.mark.django_db

API = "/api/v1/match"


@pytest.fixture
def groups(cast: Cast) -> Iterator[Cast]:
    match_groups_create(cast)
    with time_machine.travel(NOW, tick=False):
        yield cast


def api_match(client: Client, answers: dict[str, Any]) -> Any:
    return client.get(API, as_post(answers))


def page_names(answers: dict[str, Any]) -> list[str]:
    client = Client()
    assert client.post("/match/", as_post(answers)).status_code == 303
    return result_names(client.get("/match/result/").content.decode())


@pytest.mark.parametrize(
    "answers",
    [
        EVENING_ANSWERS,
        {**EVENING_ANSWERS, "focus": "both", "slots": [], "travel": "car"},
        {**EVENING_ANSWERS, "slots": ["weekday_morning", "weekday_evening"]},
        {**EVENING_ANSWERS, "programs": ["aa"], "languages": ["en"]},
        UNMET_ANSWERS,
    ],
)
def test_the_api_offers_the_same_groups_in_the_same_order_as_the_page(
    groups: Cast, answers: dict[str, Any]
) -> None:
    response = api_match(Client(), answers)

    assert response.status_code == 200
    names = [group["name"] for group in response.json()["results"]]
    assert names == page_names(answers)


def test_the_api_shows_scores_parts_reasons_and_next_meetings(groups: Cast) -> None:
    response = api_match(Client(), EVENING_ANSWERS)

    assert response.status_code == 200
    data = response.json()
    assert data["found_good_fit"] is True
    first, second = data["results"]
    assert first["slug"] == "tuesday-dual-recovery"
    assert first["name"] == "Tuesday Dual Recovery"
    assert first["program"] == "Alcoholics Anonymous"
    assert second["slug"] == "online-dual-circle"
    assert [part["factor"] for part in first["parts"]] == [
        "focus",
        "reach",
        "schedule",
        "comfort",
        "program",
        "language",
        "audience",
        "quality",
        "size",
    ]
    focus = first["parts"][0]
    assert focus == {
        "factor": "focus",
        "points": 30.0,
        "weight": 30,
        "reason": "For recovery from addiction",
        "trade_off": "",
    }
    assert first["score"] == pytest.approx(sum(p["points"] for p in first["parts"]))
    assert "For recovery from addiction" in first["reasons"]
    assert "Not specifically for what you asked for" in second["trade_offs"]
    next_meeting = first["next_meetings"][0]
    assert next_meeting == {
        "meeting_slug": "tuesday-evening",
        "meeting_name": "Tuesday Evening",
        "starts_at": "2026-12-01T00:00:00Z",  # Monday 7 PM in Philadelphia
        "url": "/meetings/tuesday-evening/dates/",
    }


@pytest.mark.parametrize(
    ("params", "field", "kind"),
    [
        ({"travel": "online", "comfort": "ready"}, "focus", "required"),
        ({**as_post(EVENING_ANSWERS), "zip": "00000"}, "zip", "unknown_zip"),
        ({**as_post(EVENING_ANSWERS), "zip": ""}, "zip", "zip_needed"),
        ({**as_post(EVENING_ANSWERS), "slots": ["noon"]}, "slots", "invalid_choice"),
        ({**as_post(EVENING_ANSWERS), "travel": "boat"}, "travel", "invalid_choice"),
        (
            {**as_post(EVENING_ANSWERS), "languages": ["xx"]},
            "languages",
            "invalid_choice",
        ),
    ],
)
def test_bad_answers_are_400_with_field_errors_and_store_nothing(
    groups: Cast, params: dict[str, Any], field: str, kind: str
) -> None:
    client = Client()
    response = client.get(API, params)

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert {"loc": ["query", field], "type": kind} in [
        {"loc": item["loc"], "type": item["type"]} for item in detail
    ]
    assert all(item["msg"] for item in detail)
    assert not NeedCount.objects.exists()
    assert not SavedMatch.objects.exists()
    assert SESSION_ANSWERS not in client.session


def test_the_api_counts_no_unmet_need(groups: Cast) -> None:
    response = api_match(Client(), UNMET_ANSWERS)

    assert response.status_code == 200
    assert response.json() == {"found_good_fit": False, "results": []}
    assert not NeedCount.objects.exists()


def test_eve_gets_the_public_answer_and_never_a_private_group(groups: Cast) -> None:
    visitor = api_match(Client(), EVENING_ANSWERS).json()
    eve = api_match(signed_in(groups.eve), EVENING_ANSWERS).json()

    assert eve == visitor
    slugs = [group["slug"] for group in eve["results"]]
    assert "quiet-lantern" not in slugs
    assert "Quiet Lantern" not in str(eve)


def test_the_api_is_public_and_read_only(groups: Cast) -> None:
    assert Client().post(API, as_post(EVENING_ANSWERS)).status_code == 405


# Any answers, valid or not: the page and the API agree on them.
answers_strategy = st.fixed_dictionaries(
    {
        "focus": st.sampled_from(
            ["addiction", "mental_health", "both", "family", "", "x"]
        ),
        "slots": st.lists(
            st.sampled_from(["weekday_morning", "weekday_evening", "weekend", "noon"]),
            max_size=3,
        ),
        "zip": st.sampled_from(
            ["", "19103", "94103", "00000", "1910", "19103-1234", "abcde"]
        ),
        "travel": st.sampled_from(["online", "no_car", "car", "", "boat"]),
        "comfort": st.sampled_from(["listen_first", "ready", "", "x"]),
        "languages": st.lists(st.sampled_from(["en", "es", "xx"]), max_size=2),
        "programs": st.lists(st.sampled_from(["aa", "dra", "zz"]), max_size=2),
        "audience": st.lists(
            st.sampled_from(["women", "veterans", "newcomers", "pirates"]), max_size=2
        ),
    }
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(answers=answers_strategy)
def test_page_and_api_agree_on_any_answers(
    groups: Cast, answers: dict[str, Any]
) -> None:
    api = api_match(Client(), answers)
    client = Client()
    page = client.post("/match/", as_post(answers))

    assert (api.status_code, page.status_code) in {(200, 303), (400, 400)}
    if api.status_code == 200:
        names = result_names(client.get("/match/result/").content.decode())
        assert [group["name"] for group in api.json()["results"]] == names
    else:
        assert SESSION_ANSWERS not in client.session
        assert all(item["loc"][0] == "query" for item in api.json()["detail"])
