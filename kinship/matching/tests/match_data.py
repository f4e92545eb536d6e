"""Groups and answers shared by the Find my group tests (pages and API).

Around the cast's Tuesday Dual Recovery (an AA group meeting on Mondays at 7 PM
in Philadelphia), a few more groups: one for mental health, an online one for
addiction and mental health together, an online family group on Saturday
mornings, an early-morning AA group, and a private group that must never be
offered to anyone.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.test import Client

from kinship.directory.models import Focus, Visibility
from kinship.directory.tests.factories import (
    GroupFactory,
    LanguageFactory,
    MeetingFactory,
    ProgramFactory,
    online_meeting,
)
from kinship.members.tests.personas import Cast

# A Wednesday, 12:00 in Philadelphia.
NOW = dt.datetime(2026, 11, 25, 17, 0, tzinfo=dt.UTC)

# Addiction, weekday evenings, near Philadelphia without a car, listening first.
EVENING_ANSWERS: dict[str, Any] = {
    "focus": "addiction",
    "slots": ["weekday_evening"],
    "zip": "19103",
    "travel": "no_car",
    "comfort": "listen_first",
    "languages": [],
    "programs": [],
    "audience": [],
}
# Family support on weekday mornings in San Francisco: nothing fits.
UNMET_ANSWERS: dict[str, Any] = {
    "focus": "family",
    "slots": ["weekday_morning"],
    "zip": "94103",
    "travel": "car",
    "comfort": "ready",
    "languages": [],
    "programs": [],
    "audience": [],
}
# Each step's part of the answers, in order.
STEP_FIELDS = (
    ("focus",),
    ("slots",),
    ("zip", "travel"),
    ("comfort",),
    ("languages", "programs"),
    ("audience",),
)
RESULT_NAME = re.compile(r'<h2 class="match-name"><a href="([^"]+)">([^<]+)</a>')


def match_groups_create(cast: Cast) -> None:
    LanguageFactory.create(code="en", name="English")
    LanguageFactory.create(code="es", name="Spanish")
    dbsa = ProgramFactory.create(
        code="dbsa", name="Depression and Bipolar Support", focus=Focus.MENTAL_HEALTH
    )
    dual = ProgramFactory.create(
        code="dra", name="Dual Recovery Anonymous", focus=Focus.BOTH
    )
    alanon = ProgramFactory.create(code="al-anon", name="Al-Anon", focus=Focus.FAMILY)
    calm = GroupFactory.create(name="Evening Calm", slug="evening-calm", program=dbsa)
    MeetingFactory.create(
        group=calm,
        name="Evening Calm Wednesday",
        slug="evening-calm-wednesday",
        weekday=3,
        start_time=dt.time(18, 30),
        end_time=dt.time(19, 30),
    )
    circle = GroupFactory.create(
        name="Online Dual Circle", slug="online-dual-circle", program=dual
    )
    online_meeting(
        group=circle,
        name="Dual Circle Thursday",
        slug="dual-circle-thursday",
        weekday=4,
        start_time=dt.time(20, 0),
        end_time=dt.time(21, 0),
    )
    harbor = GroupFactory.create(
        name="Family Harbor", slug="family-harbor", program=alanon
    )
    online_meeting(
        group=harbor,
        name="Family Harbor Saturday",
        slug="family-harbor-saturday",
        weekday=6,
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 0),
    )
    sunrise = GroupFactory.create(name="Sober Sunrise", slug="sober-sunrise")
    MeetingFactory.create(
        group=sunrise,
        name="Sunrise Tuesday",
        slug="sunrise-tuesday",
        weekday=2,
        start_time=dt.time(7, 0),
        end_time=dt.time(8, 0),
    )
    secret = GroupFactory.create(
        name="Quiet Lantern", slug="quiet-lantern", visibility=Visibility.PRIVATE
    )
    MeetingFactory.create(
        group=secret,
        name="Quiet Lantern Monday",
        slug="quiet-lantern-monday",
        weekday=1,
        start_time=dt.time(19, 30),
    )


def as_post(
    answers: dict[str, Any], fields: tuple[str, ...] | None = None
) -> dict[str, Any]:
    """Answers as form data (empty lists and strings left out, as a browser does)."""
    return {
        name: value
        for name, value in answers.items()
        if value and (fields is None or name in fields)
    }


def answer_by_steps(client: Client, answers: dict[str, Any]) -> Any:
    """Post each step with htmx, as the enhanced page does; the last response."""
    response = None
    for number, fields in enumerate(STEP_FIELDS, start=1):
        response = client.post(
            f"/match/step/{number}/",
            as_post(answers, fields),
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200, (number, response.content[:500])
    return response


def result_names(html: str) -> list[str]:
    return [name for _href, name in RESULT_NAME.findall(html)]
